/**
 * Interoperability with PyJWT (the library the Python CipherToken is built on): for every JWS
 * algorithm, PyJWT verifies a token we signed, and we verify a token PyJWT signed, with the same
 * keys (PEM for key pairs, the same secret for HMAC). PyJWT comes from Debian (tests/helpers/pyjwt.ts).
 */
import { execFileSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type Algorithm,
  generateEcKeypair,
  generateEd25519Keypair,
  importKey,
  secretKeyWithSize,
  signJwt,
  verifyJwt,
} from '../src/index.js';
import { RSA_TEST_KEY_A } from './conformance/keys.js';
import { ensurePyJwt } from './helpers/pyjwt.js';

const PY = `
import json, sys, jwt
out = []
for case in json.load(sys.stdin):
    seen = jwt.decode(case["ours"], case["verify"], algorithms=[case["alg"]])
    theirs = jwt.encode({"sub": "py", "alg_used": case["alg"], "exp": seen["exp"]}, case["sign"], algorithm=case["alg"])
    out.append({"seen": seen, "theirs": theirs})
print(json.dumps(out))
`;

/** [private material (or secret), public material (or secret)] per algorithm. */
function keys(alg: Algorithm): [string, string] {
  if (alg.startsWith('HS')) {
    const secret = secretKeyWithSize(Number(alg.slice(2)) / 8);
    return [secret, secret];
  }
  if (alg.startsWith('ES')) return generateEcKeypair(alg as 'ES256' | 'ES384' | 'ES512');
  if (alg === 'EdDSA') return generateEd25519Keypair();
  return [RSA_TEST_KEY_A, createPublicKey(RSA_TEST_KEY_A).export({ type: 'spki', format: 'pem' }) as string];
}

const ALGORITHMS: Algorithm[] = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

describe('PyJWT interop', () => {
  it('PyJWT verifies our tokens and we verify its tokens, for every JWS algorithm', () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const cases = ALGORITHMS.map((alg) => {
      const [privateMaterial, publicMaterial] = keys(alg);
      return {
        alg,
        sign: privateMaterial,
        verify: publicMaterial,
        ours: signJwt({ sub: 'ts', alg_used: alg, exp }, importKey(privateMaterial, alg)),
      };
    });
    const results = JSON.parse(execFileSync(ensurePyJwt(), ['-c', PY], { input: JSON.stringify(cases), encoding: 'utf8' })) as {
      seen: Record<string, unknown>;
      theirs: string;
    }[];
    expect(results).toHaveLength(ALGORITHMS.length);
    results.forEach(({ seen, theirs }, i) => {
      const { alg, verify } = cases[i]!;
      expect(seen).toEqual({ sub: 'ts', alg_used: alg, exp });
      const { payload, protectedHeader } = verifyJwt(theirs, importKey(verify, alg), { algorithms: [alg] });
      expect(protectedHeader.alg).toBe(alg);
      expect(payload).toEqual({ sub: 'py', alg_used: alg, exp });
    });
  });
});
