import { describe, expect, it } from 'vitest';
import * as lib from '../dist/esm/index.js';
import * as jwe from '../dist/esm/jwe.js';
import { fuzz } from './fuzz/hostile.ts';
import { fuzzTargets, jweFuzzTargets } from './fuzz/targets.ts';

const ALGORITHMS = ['HS256', 'HS384', 'HS512', 'EdDSA', 'ES256', 'ES384', 'RS256', 'RS512', 'PS256', 'PS384'] as const;

describe('hostile input (short seeded run; `npm run fuzz -- --runs N` for long ones)', () => {
  const targets = fuzzTargets(lib, ALGORITHMS);

  it('covers every algorithm, through CipherToken and verifyJwt', () => {
    expect(targets.map((t) => t.name)).toHaveLength(ALGORITHMS.length * 2);
  });

  it('ends every input in false or a typed CipherTokenError, with no forgery and no pollution', () => {
    const { checked, failures } = fuzz(lib, targets, 6_000, 20261123);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(6_000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the fuzz oracle itself', () => {
  it('flags an untyped exception, an accepted forgery and a slow input', async () => {
    const { checkInput } = await import('./fuzz/hostile.ts');
    const base = { name: 'broken', valid: [] as string[] };
    expect(
      checkInput(
        lib,
        {
          ...base,
          verify: () => false,
          decode: () => {
            throw new TypeError('boom');
          },
        },
        'x',
      ),
    ).toMatch(/untyped/);
    expect(checkInput(lib, { ...base, verify: () => true, decode: () => ({}) }, 'x')).toMatch(/verify returned true/);
    expect(checkInput(lib, { ...base, verify: () => false, decode: () => ({}) }, 'x')).toMatch(/accepted/);
  });
});

describe('hostile JWE input (short seeded run)', () => {
  it('ends every decryptJwt input in false or a typed CipherTokenError, with no forgery', () => {
    const targets = jweFuzzTargets(lib, jwe);
    expect(targets).toHaveLength(4);
    const { checked, failures } = fuzz(lib, targets, 2_000, 20261201);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(2_000);
  });
});
