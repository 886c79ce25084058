/**
 * The fuzz targets: for every algorithm this build implements, a CipherToken instance and the
 * standard `verifyJwt`, each with a few valid tokens that mutations start from.
 * @module
 */

import type * as Library from '../../dist/esm/index.js';
import type * as JweLibrary from '../../dist/esm/jwe.js';
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

/** True when `check` accepts the token, false when it throws a CipherTokenError; anything else escapes (a finding). */
const asVerdict =
  (lib: Lib, check: (token: string) => unknown) =>
  (token: string): boolean => {
    try {
      check(token);
      return true;
    } catch (error) {
      if (error instanceof lib.CipherTokenError) return false;
      throw error;
    }
  };

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
    targets.push({ name: `verifyJwt ${alg}`, verify: asVerdict(lib, verifyJwt), decode: verifyJwt, valid: jwtValid });
  }
  return targets;
}

/**
 * JWE targets (`ciphertoken/jwe`): `decryptJwt` over mutations of valid tokens for a symmetric, an
 * RSA-OAEP and an X25519 ECDH-ES key, each with both content-encryption families.
 */
export function jweFuzzTargets(lib: Lib, jwe: typeof JweLibrary): FuzzTarget[] {
  const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
  const cases: [JweLibrary.KeyManagementAlgorithm, unknown][] = [
    ['A256KW', random(32)],
    ['RSA-OAEP-256', RSA_TEST_KEY_A],
  ];
  return cases.flatMap(([alg, material]) =>
    (['A256GCM', 'A128CBC-HS256'] as const).map((enc) => {
      const key = jwe.importJweKey(material as Uint8Array, alg);
      const valid = [jwe.encryptJwt({ sub: 'x', n: 'ü' }, key, { alg, enc })];
      const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc], maxTokenSize: 4096 };
      const decrypt = (t: string) => jwe.decryptJwt(t, key, options);
      return { name: `decryptJwt ${alg} ${enc}`, verify: asVerdict(lib, decrypt), decode: decrypt, valid };
    }),
  );
}
