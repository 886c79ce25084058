import { createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CipherTokenError,
  InvalidTokenError,
  PermissionDeniedError,
  SecureTokenManager,
  Settings,
  TokenError,
  TokenExpiredError,
  generateSalt,
  generateSecretKey,
  validateExpiresHours,
  validatePermissions,
} from '../src/index.js';
import * as secureModule from '../src/secure/index.js';
import { FernetKey, fernetEncrypt } from '../src/secure/fernet.js';
import { pbkdf2Sha256 } from '../src/wasm/pbkdf2.js';
import { wasmMemoryBytes } from './helpers/residue.js';

const KEY = 'Correct-Horse#Battery9';
const OLD_KEY = 'Previous$Key0fLastYear';
const SALT = 'per-deployment-salt-0123';
/** Few iterations keep the suite fast; one test below runs the 600,000-iteration default. */
const FAST = { PBKDF2_ITERATIONS: 1000 };
const manager = (init: Partial<ConstructorParameters<typeof Settings>[0]> = {}) =>
  new SecureTokenManager({ settings: new Settings({ SECRET_KEY: KEY, SALT, ...FAST, ...init }) });

const HOUR = 3_600_000;
afterEach(() => vi.restoreAllMocks());
const atOffset = <T>(ms: number, fn: () => T): T => {
  const real = Date.now();
  const spy = vi.spyOn(Date, 'now').mockReturnValue(real + ms);
  try {
    return fn();
  } finally {
    spy.mockRestore();
  }
};

function expectTokenError(fn: () => unknown, message: RegExp, secretNotIn?: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TokenError);
  expect((caught as TokenError).code).toBe('ERR_CIPHERTOKEN');
  expect((caught as Error).message).toMatch(message);
  if (secretNotIn) expect((caught as Error).message).not.toContain(secretNotIn);
}

describe('ciphertoken/secure exports', () => {
  it('exports exactly the API.md names, and the four Secure Token error classes are the shared ones', () => {
    for (const name of [
      'SecureTokenManager',
      'Settings',
      'generateSecretKey',
      'generateSalt',
      'validatePermissions',
      'validateExpiresHours',
    ]) {
      expect(typeof (secureModule as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(secureModule.TokenError).toBe(CipherTokenError);
    expect(secureModule.InvalidTokenError).toBe(InvalidTokenError);
    expect(secureModule.TokenExpiredError).toBe(TokenExpiredError);
    expect(secureModule.PermissionDeniedError).toBe(PermissionDeniedError);
  });
});

describe('Settings validation (API.md rules; the Python README examples)', () => {
  it('refuses weak SECRET_KEYs with a TokenError naming the rule, never the key', () => {
    expectTokenError(() => new Settings({ SECRET_KEY: 'weak' }), /at least 16 characters/, 'weak');
    expectTokenError(() => new Settings({ SECRET_KEY: 'nocapitals123@abcdef' }), /uppercase/, 'nocapitals');
    expectTokenError(() => new Settings({ SECRET_KEY: 'NOLOWERCASE123@ABC' }), /lowercase/);
    expectTokenError(() => new Settings({ SECRET_KEY: 'NoNumbers!NoNumbers!' }), /digit/);
    expectTokenError(() => new Settings({ SECRET_KEY: 'NoSpecial123NoSpecial' }), /special character \(@\$!%\*\?&#\)/);
    expectTokenError(() => new Settings({ SECRET_KEY: '' }), /SECRET_KEY is required/);
    expectTokenError(() => new Settings({ SECRET_KEY: 42 as unknown as string }), /must be a string/);
    expect(() => new Settings({ SECRET_KEY: 'StrongKey!Abc123' })).not.toThrow();
  });

  it('validates SALT, DEFAULT_EXPIRATION_HOURS, PBKDF2_ITERATIONS and PREVIOUS_SECRET_KEYS', () => {
    expectTokenError(() => new Settings({ SECRET_KEY: KEY, SALT: 'short' }), /SALT must be at least 16 bytes/, 'short');
    expectTokenError(() => new Settings({ SECRET_KEY: KEY, SALT: new Uint8Array(15) }), /SALT/);
    expect(() => new Settings({ SECRET_KEY: KEY, SALT: generateSalt(16) })).not.toThrow();
    expectTokenError(() => new Settings({ SECRET_KEY: KEY, DEFAULT_EXPIRATION_HOURS: 0 }), /greater than 0/);
    expectTokenError(() => new Settings({ SECRET_KEY: KEY, DEFAULT_EXPIRATION_HOURS: 8761 }), /at most 8760/);
    expectTokenError(() => new Settings({ SECRET_KEY: KEY, PBKDF2_ITERATIONS: 999 }), /PBKDF2_ITERATIONS/);
    expectTokenError(() => new Settings({ SECRET_KEY: KEY, PBKDF2_ITERATIONS: 1000.5 }), /PBKDF2_ITERATIONS/);
    expectTokenError(() => new Settings({ SECRET_KEY: KEY, PREVIOUS_SECRET_KEYS: ['weakold'] }), /PREVIOUS_SECRET_KEYS/, 'weakold');
    const s = new Settings({ SECRET_KEY: KEY });
    expect([s.DEFAULT_EXPIRATION_HOURS, s.PBKDF2_ITERATIONS, s.saltSource, s.secretKeySource]).toEqual([
      24,
      600_000,
      'default',
      'settings',
    ]);
  });

  it('never exposes SECRET_KEY, SALT or previous keys (properties, JSON, util.inspect)', () => {
    const s = new Settings({ SECRET_KEY: KEY, SALT, PREVIOUS_SECRET_KEYS: [OLD_KEY], ...FAST });
    expect(s.SECRET_KEY).toBe('********');
    expect(s.SALT).toBe('********');
    const m = new SecureTokenManager({ settings: s });
    m.generateToken({ userId: 'u1' });
    for (const shown of [
      JSON.stringify(s),
      inspect(s, { showHidden: true, depth: 9 }),
      JSON.stringify(m),
      inspect(m, { showHidden: true, depth: 9 }),
      JSON.stringify(m.exportConfig()),
      Object.keys(s).join(),
    ]) {
      expect(shown).not.toContain(KEY);
      expect(shown).not.toContain(OLD_KEY);
      expect(shown).not.toContain(SALT);
    }
  });
});

describe('Settings from the environment (Node)', () => {
  const names = ['SECRET_KEY', 'SALT', 'DEFAULT_EXPIRATION_HOURS', 'PBKDF2_ITERATIONS'];
  const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
  afterEach(() => {
    for (const n of names) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  });

  it('reads SECRET_KEY, SALT, DEFAULT_EXPIRATION_HOURS and PBKDF2_ITERATIONS', () => {
    Object.assign(process.env, { SECRET_KEY: KEY, SALT, DEFAULT_EXPIRATION_HOURS: '12', PBKDF2_ITERATIONS: '1000' });
    const m = new SecureTokenManager();
    const config = m.exportConfig();
    expect(config).toMatchObject({
      defaultExpirationHours: 12,
      iterations: 1000,
      secretKeySource: 'environment',
      saltSource: 'environment',
    });
    // Same key and salt as explicit settings: the tokens are interchangeable.
    expect(manager().validateToken(m.generateToken({ userId: 'env' })).userId).toBe('env');
    process.env.DEFAULT_EXPIRATION_HOURS = 'twelve';
    expectTokenError(() => new SecureTokenManager(), /DEFAULT_EXPIRATION_HOURS must be a number/);
  });

  it('refuses to start without SECRET_KEY: no built-in or random key (documented choice)', () => {
    delete process.env.SECRET_KEY;
    expectTokenError(() => new SecureTokenManager(), /SECRET_KEY is required/);
    process.env.SECRET_KEY = 'weak';
    expectTokenError(() => new SecureTokenManager(), /at least 16 characters/, 'weak');
  });
});

describe('SecureTokenManager', () => {
  const m = manager();

  it('generateToken → validateToken round trip with all fields', () => {
    const before = Math.floor(Date.now() / 1000);
    const token = m.generateToken({
      userId: 'user_789',
      permissions: ['admin', 'read'],
      expiresInHours: 48,
      additionalData: { role: 'administrator', department: 'IT', n: 1 },
    });
    expect(token).toMatch(/^gAAAAA[A-Za-z0-9_-]+=*$/);
    expect(token.length % 4).toBe(0);
    const r = m.validateToken(token);
    expect(r.valid).toBe(true);
    expect(r.userId).toBe('user_789');
    expect(r.permissions).toEqual(['admin', 'read']);
    expect(r.additionalData).toEqual({ role: 'administrator', department: 'IT', n: 1 });
    expect(r.tokenId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.expiresAt.getTime() - r.issuedAt.getTime()).toBe(48 * HOUR);
    expect(r.issuedAt.getTime() / 1000).toBeGreaterThanOrEqual(before);
    expect(r.timeRemaining).toBeGreaterThan(48 * 3600 - 3);
    expect(r.timeRemaining).toBeLessThanOrEqual(48 * 3600);
    const simple = m.validateToken(m.generateToken({ userId: 'user_123' }));
    expect([simple.permissions, simple.additionalData, simple.expiresAt.getTime() - simple.issuedAt.getTime()]).toEqual([
      [],
      {},
      24 * HOUR,
    ]);
    expect(m.getTokenInfo(token)).toEqual(r);
  });

  it('accepts a plain settings object, validated like Settings', () => {
    const plain = new SecureTokenManager({ settings: { SECRET_KEY: KEY, SALT, ...FAST } });
    expect(m.validateToken(plain.generateToken({ userId: 'plain' })).userId).toBe('plain');
    expectTokenError(() => new SecureTokenManager({ settings: { SECRET_KEY: 'weak' } }), /16 characters/, 'weak');
  });

  it('refuses token contents too large for validation to accept', () => {
    const token = m.generateToken({ userId: 'u', additionalData: { blob: 'x'.repeat(30_000) } });
    expect(m.validateToken(token).additionalData.blob).toHaveLength(30_000);
    expectTokenError(() => m.generateToken({ userId: 'u', additionalData: { blob: 'x'.repeat(40_000) } }), /at most 32768 bytes/);
  });

  it('async key derivation falls back to the wasm PBKDF2 where WebCrypto refuses the count (Workers cap it at 100,000)', async () => {
    const spy = vi
      .spyOn(crypto.subtle, 'deriveBits')
      .mockRejectedValue(new DOMException('iteration counts above 100000 are not supported', 'NotSupportedError'));
    const fallback = manager();
    const token = await fallback.generateTokenAsync({ userId: 'fallback' });
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    expect(m.validateToken(token).userId).toBe('fallback');
  });

  it('every token is fresh (random IV and token id)', () => {
    const a = m.generateToken({ userId: 'u' });
    const b = m.generateToken({ userId: 'u' });
    expect(a).not.toBe(b);
    expect(m.validateToken(a).tokenId).not.toBe(m.validateToken(b).tokenId);
  });

  it('refuses bad generateToken input with TokenError', () => {
    expectTokenError(() => m.generateToken({ userId: '' }), /userId/);
    expectTokenError(() => m.generateToken({ userId: 7 as unknown as string }), /userId/);
    expectTokenError(() => m.generateToken({ userId: 'u', permissions: ['x'] }), /between 2 and 30/);
    expectTokenError(() => m.generateToken({ userId: 'u', permissions: 'read' as unknown as string[] }), /list/);
    expectTokenError(() => m.generateToken({ userId: 'u', expiresInHours: 10_000 }), /8760/);
    expectTokenError(() => m.generateToken({ userId: 'u', additionalData: [] as unknown as Record<string, unknown> }), /plain object/);
  });

  it('checkPermission: exact, case-sensitive string matches only', async () => {
    const token = m.generateToken({ userId: 'john_doe', permissions: ['read', 'write'] });
    expect(m.checkPermission(token, 'write')).toBe(true);
    expect(await m.checkPermissionAsync(token, 'read')).toBe(true);
    for (const p of ['admin', 'Read', 'READ', 'rea', 'reads', 'read ', ' read', 'read,write', '*', '']) {
      expect(() => m.checkPermission(token, p), p).toThrow(PermissionDeniedError);
    }
    await expect(m.checkPermissionAsync(token, 'admin')).rejects.toMatchObject({ code: 'ERR_PERMISSION_DENIED' });
  });

  it('expired tokens: TokenExpiredError from validate/check/refresh, getTokenInfo reports valid: false', async () => {
    const old = atOffset(-3 * HOUR, () => m.generateToken({ userId: 'u', permissions: ['read'], expiresInHours: 2 }));
    expect(() => m.validateToken(old)).toThrow(TokenExpiredError);
    expect(() => m.checkPermission(old, 'read')).toThrow(TokenExpiredError);
    expect(() => m.refreshToken(old)).toThrow(TokenExpiredError);
    await expect(m.validateTokenAsync(old)).rejects.toBeInstanceOf(TokenExpiredError);
    const info = m.getTokenInfo(old);
    expect([info.valid, info.timeRemaining, info.userId]).toEqual([false, 0, 'u']);
    // One second before expiry it is still valid.
    const edge = atOffset(-2 * HOUR + 2000, () => m.generateToken({ userId: 'u', expiresInHours: 2 }));
    expect(m.validateToken(edge).timeRemaining).toBeGreaterThan(0);
  });

  it('tampered, truncated, re-padded, wrong-key and garbage tokens: InvalidTokenError', () => {
    const token = m.generateToken({ userId: 'u', permissions: ['read'] });
    const raw = Buffer.from(token, 'base64url');
    const pad = (s: string) => s + '='.repeat((4 - (s.length % 4)) % 4);
    const bad = [
      ...[0, 1, 9, 25, 40, raw.length - 1].map((i) => {
        const b = Buffer.from(raw);
        b[i]! ^= 0x80;
        return pad(b.toString('base64url'));
      }),
      pad(raw.subarray(0, raw.length - 16).toString('base64url')),
      ...(token.endsWith('=') ? [token.replace(/=+$/, '')] : [token.slice(0, -4) + token.slice(-4, -1) + '=']),
      token + '==',
      token + '====',
      '',
      'not a token',
      manager({ SECRET_KEY: 'An0ther!SecretKeyHere' }).generateToken({ userId: 'u' }),
      manager({ SALT: 'a-different-salt-value' }).generateToken({ userId: 'u' }),
    ];
    for (const b of bad) {
      expect(() => m.validateToken(b), b).toThrow(InvalidTokenError);
      expect(() => m.getTokenInfo(b), b).toThrow(InvalidTokenError);
      expect(() => m.checkPermission(b, 'read'), b).toThrow(InvalidTokenError);
    }
    for (const junk of [null, undefined, 12, {}, 'x'.repeat(100_000)])
      expect(() => m.validateToken(junk as unknown as string)).toThrow(InvalidTokenError);
  });

  it('an authentic Fernet token whose body is not ours is InvalidTokenError', () => {
    const raw = pbkdf2Sha256(new TextEncoder().encode(KEY), new TextEncoder().encode(SALT), 1000, 32);
    const key = new FernetKey(raw);
    for (const body of [
      'hello',
      '[1,2]',
      '{"user_id":"u"}',
      '{"token_id":"t","user_id":"u","permissions":[1],"issued_at":1,"expires_at":9999999999}',
      '\xff',
    ]) {
      const token = fernetEncrypt(key, body === '\xff' ? new Uint8Array([0xff]) : new TextEncoder().encode(body));
      expect(() => m.validateToken(token), body).toThrow(InvalidTokenError);
    }
    const good = '{"token_id":"t","user_id":"u","permissions":["ab"],"issued_at":1,"expires_at":9999999999}';
    expect(m.validateToken(fernetEncrypt(key, new TextEncoder().encode(good))).userId).toBe('u');
  });

  it('refreshToken: same user, permissions and data; new id and expiry', async () => {
    const token = m.generateToken({ userId: 'u', permissions: ['read'], expiresInHours: 1, additionalData: { a: 1 } });
    const fresh = m.refreshToken(token, { newExpiresInHours: 72 });
    const [a, b] = [m.validateToken(token), m.validateToken(fresh)];
    expect([b.userId, b.permissions, b.additionalData]).toEqual([a.userId, a.permissions, a.additionalData]);
    expect(b.tokenId).not.toBe(a.tokenId);
    expect(b.expiresAt.getTime() - b.issuedAt.getTime()).toBe(72 * HOUR);
    const byDefault = m.validateToken(await m.refreshTokenAsync(token));
    expect(byDefault.expiresAt.getTime() - byDefault.issuedAt.getTime()).toBe(24 * HOUR);
  });

  it('key rotation: tokens of previous keys validate, new and refreshed tokens use the current key', async () => {
    const before = manager({ SECRET_KEY: OLD_KEY });
    const after = manager({ PREVIOUS_SECRET_KEYS: [OLD_KEY] });
    const currentOnly = manager();
    const old = before.generateToken({ userId: 'rotated', permissions: ['read'] });
    expect(after.validateToken(old).userId).toBe('rotated');
    expect((await after.validateTokenAsync(old)).userId).toBe('rotated');
    expect(after.checkPermission(old, 'read')).toBe(true);
    expect(() => currentOnly.validateToken(old)).toThrow(InvalidTokenError);
    const made = after.generateToken({ userId: 'new' });
    expect(currentOnly.validateToken(made).userId).toBe('new');
    expect(() => before.validateToken(made)).toThrow(InvalidTokenError);
    const refreshed = after.refreshToken(old);
    expect(currentOnly.validateToken(refreshed).userId).toBe('rotated');
    expect(currentOnly.validateToken(await after.refreshTokenAsync(old)).userId).toBe('rotated');
    expect(after.exportConfig().previousKeys).toBe(1);
  });

  it('async twins interoperate with the sync methods (WebCrypto AES and PBKDF2 vs noble + wasm)', async () => {
    const sync = manager();
    const asyncFirst = manager(); // derives its key through WebCrypto first
    const t1 = await asyncFirst.generateTokenAsync({ userId: 'a', permissions: ['read'], additionalData: { x: 'ÿ✓' } });
    expect(sync.validateToken(t1).additionalData).toEqual({ x: 'ÿ✓' });
    const t2 = sync.generateToken({ userId: 'b' });
    expect((await asyncFirst.validateTokenAsync(t2)).userId).toBe('b');
    expect((await asyncFirst.getTokenInfoAsync(t2)).valid).toBe(true);
    expect(await asyncFirst.exportConfigAsync()).toEqual(sync.exportConfig());
    await expect(asyncFirst.validateTokenAsync(t2.slice(0, -8) + 'AAAAAAA=')).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('no wasm memory growth over 10,000 generate + validate calls', () => {
    const token = m.generateToken({ userId: 'u', permissions: ['read'] });
    const before = wasmMemoryBytes();
    for (let i = 0; i < 10_000; i++) m.validateToken(m.generateToken({ userId: `u${i}`, permissions: ['read'] }));
    m.validateToken(token);
    expect(wasmMemoryBytes()).toEqual(before);
  });

  it('exportConfig: algorithm, version, iterations, expiry; never the key or salt', () => {
    expect(m.exportConfig()).toEqual({
      algorithm: 'Fernet',
      version: 0x80,
      cipher: 'AES-128-CBC',
      mac: 'HMAC-SHA256',
      kdf: 'PBKDF2-HMAC-SHA256',
      iterations: 1000,
      defaultExpirationHours: 24,
      maxClockSkewSeconds: 60,
      previousKeys: 0,
      secretKeySource: 'settings',
      saltSource: 'settings',
    });
  });
});

describe('default 600,000 PBKDF2 iterations: a standard Fernet that an independent implementation decrypts', () => {
  it('node:crypto pbkdf2Sync + AES-128-CBC + HMAC-SHA256 opens the token (sync and async managers agree)', async () => {
    const m = new SecureTokenManager({ settings: new Settings({ SECRET_KEY: KEY, SALT }) });
    expect(m.exportConfig().iterations).toBe(600_000);
    const token = m.generateToken({ userId: 'interop', permissions: ['read'] });
    const key = pbkdf2Sync(KEY, SALT, 600_000, 32, 'sha256');
    const data = Buffer.from(token, 'base64url');
    expect(data[0]).toBe(0x80);
    const mac = createHmac('sha256', key.subarray(0, 16)).update(data.subarray(0, -32)).digest();
    expect(timingSafeEqual(mac, data.subarray(-32))).toBe(true);
    const decipher = createDecipheriv('aes-128-cbc', key.subarray(16), data.subarray(9, 25));
    const body = JSON.parse(Buffer.concat([decipher.update(data.subarray(25, -32)), decipher.final()]).toString());
    expect(body).toMatchObject({ user_id: 'interop', permissions: ['read'] });
    // A second manager derives through WebCrypto (async) and reads the same token.
    const other = new SecureTokenManager({ settings: new Settings({ SECRET_KEY: KEY, SALT }) });
    expect((await other.validateTokenAsync(token)).userId).toBe('interop');
  });
});

describe('utilities', () => {
  it('generateSecretKey: passes Settings validation, requested length, unique', () => {
    const seen = new Set<string>();
    for (const n of [16, 17, 32, 64]) {
      for (let i = 0; i < 50; i++) {
        const k = generateSecretKey(n);
        expect(k).toHaveLength(n);
        expect(k).toMatch(/^[A-Za-z0-9@$!%*?&#]+$/);
        expect(() => new Settings({ SECRET_KEY: k })).not.toThrow();
        seen.add(k);
      }
    }
    expect(seen.size).toBe(200);
    expect(generateSecretKey()).toHaveLength(32);
    expectTokenError(() => generateSecretKey(15), /length/);
  });

  it('generateSalt: n random bytes', () => {
    expect(generateSalt(32)).toHaveLength(32);
    expect(generateSalt()).toHaveLength(32);
    expect(generateSalt(16)).toHaveLength(16);
    expect(Buffer.from(generateSalt()).equals(Buffer.from(generateSalt()))).toBe(false);
    expectTokenError(() => generateSalt(8), /salt length/);
  });

  it('validatePermissions and validateExpiresHours', () => {
    expect(validatePermissions(['read', 'write', 'admin'])).toEqual(['read', 'write', 'admin']);
    expect(validatePermissions([])).toEqual([]);
    expect(validatePermissions(['ab', 'x'.repeat(30)])).toHaveLength(2);
    expectTokenError(() => validatePermissions(['x']), /between 2 and 30/);
    expectTokenError(() => validatePermissions(['x'.repeat(31)]), /between 2 and 30/);
    expectTokenError(() => validatePermissions([1]), /string/);
    expectTokenError(() => validatePermissions('read'), /list/);
    for (const h of [24, 168, 720, 8760, 0.5]) expect(validateExpiresHours(h)).toBe(h);
    expectTokenError(() => validateExpiresHours(10_000), /8760/);
    expectTokenError(() => validateExpiresHours(0), /greater than 0/);
    expectTokenError(() => validateExpiresHours(-1), /greater than 0/);
    for (const h of [Number.NaN, Infinity, '24']) expectTokenError(() => validateExpiresHours(h), /finite number/);
  });
});
