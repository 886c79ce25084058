/**
 * Secure Token limits (issue 15): SECRET_KEY floor rules (control characters, repetitive keys),
 * the PBKDF2 iteration range, the number of previous keys, and key derivation that no token can
 * trigger (each previous key is one PBKDF2 run: 16 of them blocked the event loop for 6.1 s).
 */
import { describe, expect, it, vi } from 'vitest';
import { TokenError } from '../src/core/errors.js';
import { SecureTokenManager, Settings, generateSecretKey } from '../src/secure/index.js';
import { MAX_PBKDF2_ITERATIONS, MAX_PREVIOUS_SECRET_KEYS } from '../src/secure/settings.js';
import { SECRET_KEY_MIN_DISTINCT } from '../src/secure/validators.js';
import * as wasmPbkdf2 from '../src/wasm/pbkdf2.js';

// Counts synchronous key derivations (the wasm PBKDF2) without changing what they compute.
vi.mock('../src/wasm/pbkdf2.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/wasm/pbkdf2.js')>();
  return { ...original, pbkdf2Sha256: vi.fn(original.pbkdf2Sha256) };
});
const derivations = vi.mocked(wasmPbkdf2.pbkdf2Sha256);

const KEY = 'Correct-Horse#Battery9';
const SALT = 'limits-test-salt-0123456789';
const PREVIOUS = ['Previous$Key0fLastYear', 'Older!Key-From-2024x', 'Oldest&Key_2023_abc9', 'Ancient%Key_2022_xyZ1'];

function refused(init: ConstructorParameters<typeof Settings>[0], rule: RegExp, secret?: string): void {
  let caught: unknown;
  try {
    new Settings(init);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TokenError);
  expect((caught as TokenError).message).toMatch(rule);
  if (secret !== undefined) expect((caught as TokenError).message).not.toContain(secret);
}

describe('SECRET_KEY rules: a floor, not a strength meter', () => {
  it('refuses control characters (NUL padding, tabs, newlines, DEL, C1)', () => {
    refused({ SECRET_KEY: `Aa1!${'\0'.repeat(12)}` }, /control characters/);
    for (const c of ['\t', '\n', '\r', '\x7f', '\x85']) refused({ SECRET_KEY: `Correct-Horse#Battery9${c}` }, /control characters/);
  });

  it('refuses one short unit repeated, and keys of too few distinct characters', () => {
    refused({ SECRET_KEY: 'Aa1!Aa1!Aa1!Aa1!' }, /distinct/, 'Aa1!');
    refused({ SECRET_KEY: 'Abcdefg1!Abcdefg1!' }, /repeat/, 'Abcdefg1!');
    refused({ SECRET_KEY: 'Abcdefg1!Abcdefg1!Abc' }, /repeat/);
    refused({ SECRET_KEY: 'Aa1!aaaaaaaaaaaaaaaaaaaa' }, /distinct/);
    refused({ SECRET_KEY: KEY, PREVIOUS_SECRET_KEYS: ['Aa1!Aa1!Aa1!Aa1!'] }, /PREVIOUS_SECRET_KEYS/);
    expect(SECRET_KEY_MIN_DISTINCT).toBe(8);
  });

  it('still accepts the documented examples and ordinary strong keys', () => {
    for (const key of [KEY, ...PREVIOUS, 'StrongKey!Abc123', 'MyCustomKey@456!', 'MyStrongPassword@123', 'An0ther!SecretKeyHere']) {
      expect(() => new Settings({ SECRET_KEY: key })).not.toThrow();
    }
  });

  it('generateSecretKey always passes, at every length', () => {
    for (const n of [16, 17, 24, 32, 64, 1024]) {
      for (let i = 0; i < 200; i++) expect(() => new Settings({ SECRET_KEY: generateSecretKey(n) })).not.toThrow();
    }
  });
});

describe('PBKDF2_ITERATIONS and PREVIOUS_SECRET_KEYS are bounded', () => {
  it('PBKDF2_ITERATIONS: 1,000 to 10,000,000 (2^32 - 1 would be about 40 minutes of synchronous work)', () => {
    expect(MAX_PBKDF2_ITERATIONS).toBe(10_000_000);
    for (const bad of [2 ** 32 - 1, 10_000_001, Number.POSITIVE_INFINITY, Number.NaN]) {
      refused({ SECRET_KEY: KEY, PBKDF2_ITERATIONS: bad }, /PBKDF2_ITERATIONS must be an integer from 1000 to 10000000/);
    }
    expect(new Settings({ SECRET_KEY: KEY, PBKDF2_ITERATIONS: 10_000_000 }).PBKDF2_ITERATIONS).toBe(10_000_000);
    expect(new Settings({ SECRET_KEY: KEY }).PBKDF2_ITERATIONS).toBe(600_000);
  });

  it('PBKDF2_ITERATIONS from the environment obeys the same bound', () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { SECRET_KEY: KEY, PBKDF2_ITERATIONS: '4294967295' });
      expect(() => Settings.fromEnvironment()).toThrow(/PBKDF2_ITERATIONS must be an integer from 1000 to 10000000/);
    } finally {
      process.env = saved;
    }
  });

  it('at most 4 PREVIOUS_SECRET_KEYS', () => {
    expect(MAX_PREVIOUS_SECRET_KEYS).toBe(4);
    expect(new Settings({ SECRET_KEY: KEY, PREVIOUS_SECRET_KEYS: PREVIOUS }).previousKeyCount).toBe(4);
    refused({ SECRET_KEY: KEY, PREVIOUS_SECRET_KEYS: [...PREVIOUS, 'Fifth#Key-Is-One-Too-Many'] }, /at most 4 PREVIOUS_SECRET_KEYS/);
  });
});

describe('key derivation does not depend on the tokens that arrive', () => {
  const manager = () =>
    new SecureTokenManager({
      settings: new Settings({ SECRET_KEY: KEY, SALT, PBKDF2_ITERATIONS: 1000, PREVIOUS_SECRET_KEYS: PREVIOUS }),
    });
  /** A well-formed Fernet token under a key the manager does not have: every key must be tried. */
  const foreign = new SecureTokenManager({
    settings: new Settings({ SECRET_KEY: 'Foreign#Key-0f-Someone', SALT, PBKDF2_ITERATIONS: 1000 }),
  }).generateToken({ userId: 'mallory' });

  it('construction derives nothing; the first use derives every key once; a hostile token then derives nothing', () => {
    derivations.mockClear();
    const m = manager();
    expect(derivations).not.toHaveBeenCalled();
    const token = m.generateToken({ userId: 'u' });
    expect(derivations).toHaveBeenCalledTimes(1 + PREVIOUS.length);
    derivations.mockClear();
    for (let i = 0; i < 3; i++) expect(() => m.validateToken(foreign)).toThrow(TokenError);
    expect(m.validateToken(token).userId).toBe('u');
    expect(derivations).not.toHaveBeenCalled();
  });

  it('a hostile first token costs what any first call costs, once', () => {
    derivations.mockClear();
    const m = manager();
    expect(() => m.validateToken(foreign)).toThrow(TokenError);
    expect(derivations).toHaveBeenCalledTimes(1 + PREVIOUS.length);
    expect(() => m.validateToken(foreign)).toThrow(TokenError);
    m.generateToken({ userId: 'u' });
    expect(derivations).toHaveBeenCalledTimes(1 + PREVIOUS.length);
  });
});
