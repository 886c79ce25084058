/** The issue-path shortcuts of the HS256 glue: `claimsJson` writes exactly JSON.stringify's text, `randomId` RFC 9562 UUIDs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomId } from '../src/core/random-id.js';
import { buildClaims, type Claims, claimsJson, TOKEN_ACCESS, TOKEN_REFRESH } from '../src/jose/claims.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomId', () => {
  it('gives distinct UUID v4 strings across several pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const id = randomId();
      expect(id).toMatch(UUID_V4);
      seen.add(id);
    }
    expect(seen.size).toBe(5000);
  });
});

describe('claimsJson', () => {
  const same = (claims: Claims) => expect(claimsJson(claims)).toBe(JSON.stringify(claims));
  /** What #sign does with a claim set buildClaims just made. */
  const sameOwn = (claims: Claims) => {
    expect(claimsJson(claims, true)).toBe(JSON.stringify(claims));
    same(claims);
  };

  it('is JSON.stringify of every claim set buildClaims makes', () => {
    for (const kind of [TOKEN_ACCESS, TOKEN_REFRESH] as const) {
      sameOwn(buildClaims(kind, { user_id: 42, role: 'admin', scopes: ['read', 'write'] }, 600, 1_764_600_000, {}));
      sameOwn(buildClaims(kind, {}, 1, 0, { issuer: 'https://issuer.example', audience: ['a', 'b"c'] }, randomId()));
      sameOwn(buildClaims(kind, { 'é\u2028"\\': '\ud800 lone' }, 86_400, 1.5, { issuer: 'iss "quoted"\n', audience: 'aud' }, 'fam\u0000'));
    }
  });

  it('is JSON.stringify for ids from a store, payloads with toJSON, and any JSON-like payload', () => {
    const base = buildClaims(TOKEN_REFRESH, { a: 1 }, 600, 1_764_600_000, {}, randomId());
    same({ ...base, jti: 'from "a" store\\' });
    same({ ...base, payload: { toJSON: () => ({ replaced: true }) } as unknown as Record<string, unknown> });
    same({ ...base, payload: { toJSON: () => undefined } as unknown as Record<string, unknown> });
    same({ ...base, payload: new Date(0) as unknown as Record<string, unknown> });
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.string(),
        fc.option(fc.string(), { nil: undefined }),
        (payload, jti, iss) => {
          same({ ...buildClaims(TOKEN_ACCESS, payload, 600, 1_764_600_000, { issuer: iss }), jti });
        },
      ),
    );
  });

  it('throws what JSON.stringify throws for a payload it cannot serialize', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => claimsJson(buildClaims(TOKEN_ACCESS, cyclic, 600, 0, {}))).toThrow(TypeError);
    expect(() => claimsJson(buildClaims(TOKEN_ACCESS, { n: 1n }, 600, 0, {}))).toThrow(TypeError);
  });
});
