/**
 * The fuzz targets: for every algorithm this build implements, a CipherToken instance and the
 * standard `verifyJwt`, each with a few valid tokens that mutations start from.
 * @module
 */

import type * as Library from '../../dist/esm/index.js';
import type { FuzzTarget } from './hostile.ts';
import { RSA_TEST_KEY_A } from '../conformance/keys.ts';

type Lib = typeof Library;

/** Signing key material per algorithm, from the library's own generators. */
function signingMaterial(lib: Lib, alg: Library.Algorithm): string | undefined {
  if (alg.startsWith('HS')) return lib.secretKeyWithSize(Number(alg.slice(2)) / 8);
  if (alg === 'EdDSA') return lib.generateEd25519Keypair()[0];
  if (alg.startsWith('ES')) return lib.generateEcKeypair(alg as 'ES256' | 'ES384' | 'ES512')[0];
  if (alg.startsWith('RS') || alg.startsWith('PS')) return RSA_TEST_KEY_A;
  return undefined;
}

export function fuzzTargets(lib: Lib, algorithms: readonly Library.Algorithm[]): FuzzTarget[] {
  const targets: FuzzTarget[] = [];
  for (const alg of algorithms) {
    const material = signingMaterial(lib, alg);
    if (material === undefined) continue;
    const token = new lib.CipherToken({ secret: material, algorithm: alg, accessTtl: 600, refreshTtl: 3600, maxTokenSize: 4096 });
    const valid = [token.access({ user_id: 1, roles: ['a'] }), token.refresh({ n: 'ü' })];
    targets.push({ name: `CipherToken ${alg}`, verify: (t) => token.verify(t), decode: (t) => token.decode(t), valid });

    const key = lib.importKey(material, alg);
    const jwtValid = [lib.signJwt({ sub: 'x', exp: lib.now() + 600 }, key, { kid: 'k' })];
    const verifyJwt = (t: string) => lib.verifyJwt(t, key, { algorithms: [alg], maxTokenSize: 4096 });
    targets.push({
      name: `verifyJwt ${alg}`,
      verify: (t) => {
        try {
          verifyJwt(t);
          return true;
        } catch (error) {
          if (error instanceof lib.CipherTokenError) return false;
          throw error;
        }
      },
      decode: verifyJwt,
      valid: jwtValid,
    });
  }
  return targets;
}
