import { describe, expect, it } from 'vitest';
import { createLocalJwks, type Jwk } from '../src/index.js';
import { findAlgorithm } from '../src/jose/registry.js';
import { verifyCompact, type ProtectedHeader } from '../src/jose/compact.js';
import { loadJson } from './vectors.js';

interface JwkFile {
  numberOfTests: number;
  testGroups: {
    comment: string;
    private?: { keys: Jwk[] };
    public?: { keys: Jwk[] };
    tests: { tcId: number; comment: string; jws: string; result: 'valid' | 'invalid' }[];
  }[];
}

const file = loadJson<JwkFile>('wycheproof/json_web_key_test.json');
const headerOf = (jws: string): ProtectedHeader => JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString());

/** Verifies a JWS (any payload) against a local JWKS built from the group's keys. */
function accepts(keys: Jwk[], jws: string): boolean {
  const alg = headerOf(jws).alg;
  try {
    const jwks = createLocalJwks({ keys });
    verifyCompact(jws, (header) => jwks.keysFor(header), { algorithms: new Set([alg]) });
    return true;
  } catch {
    return false;
  }
}

const supported = (alg: string): boolean => {
  try {
    return findAlgorithm(alg) !== undefined;
  } catch {
    return false;
  }
};

describe('Wycheproof json_web_key_test.json (JWK parsing and JWKS selection)', () => {
  it('gives the expected answer for every case whose algorithm this library implements', () => {
    let run = 0;
    for (const group of file.testGroups) {
      const keys = (group.public ?? group.private)!.keys;
      for (const tc of group.tests) {
        if (!supported(headerOf(tc.jws).alg)) continue;
        expect(accepts(keys, tc.jws), `tcId ${tc.tcId} (${group.comment}: ${tc.comment})`).toBe(tc.result === 'valid');
        run++;
      }
    }
    expect(run).toBe(26); // every case: each uses HS*, ES256 or RS256
  });
});
