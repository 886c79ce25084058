/**
 * The library as the page uses it: the package build (dist/esm), loaded in the browser, plus the
 * algorithm list and which of them this build can generate keys for.
 * @module
 */

import * as lib from '../../../dist/esm/index.js';
import * as jwe from '../../../dist/esm/jwe.js';
import * as algorithmIds from '../../../dist/esm/algorithms.js';
import type { Algorithm } from '../../../dist/esm/algorithms.js';
// The built CLI module, so that it shares this page's copy of the library (dist/esm).
import { hmacSecretBits, keypairFamily } from '../../../dist/esm/cli/keypairs.js';

export { jwe, lib };

/** The key-management algorithms of ciphertoken/jwe (its constants), for the Decrypt section. */
export const KEY_MANAGEMENT: readonly string[] = [
  jwe.dir,
  jwe.A128KW,
  jwe.A256KW,
  jwe.A128GCMKW,
  jwe.A256GCMKW,
  jwe.ECDH_ES,
  jwe.ECDH_ES_A128KW,
  jwe.ECDH_ES_A256KW,
  jwe.RSA_OAEP,
  jwe.RSA_OAEP_256,
  jwe.PBES2_HS256_A128KW,
  jwe.PBES2_HS512_A256KW,
];
export type { Algorithm };

/** Every JWS algorithm the library names, once each: EDDSA is the Python alias of EdDSA. */
export const ALGORITHMS: readonly Algorithm[] = [...new Set(Object.values(algorithmIds))];

/** Whether keys for `alg` can be generated here: HMAC always, key pairs once their generator exists. */
export function canGenerate(alg: Algorithm): boolean {
  return hmacSecretBits(alg) !== undefined || keypairFamily(alg) !== undefined;
}

export interface GeneratedKey {
  /** Whether this is an HMAC secret (then the "public" forms below are the secret too). */
  readonly symmetric: boolean;
  /** The secret (HMAC) or the private key (PKCS#8 PEM). */
  readonly privateText: string;
  /** The public key as SPKI PEM; empty for HMAC, which has no PEM form. */
  readonly publicPem: string;
  /** The verification key as one JWK (for HMAC: the secret as an `oct` JWK). */
  readonly jwk: string;
  /** The same JWK inside a JWK set, the shape a JWKS endpoint serves. */
  readonly jwks: string;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/**
 * A fresh secret or key pair for `alg`, in every form Verify takes. Each form is its own string,
 * so that whichever box a user copies pastes into Verify as one key.
 */
export async function generateKey(alg: Algorithm): Promise<GeneratedKey> {
  const bits = hmacSecretBits(alg);
  if (bits !== undefined) {
    const secret = lib.secretKeyWithSize(bits / 8);
    // The secret's bytes are its UTF-8 text (that is how Verify and Sign read a pasted secret), so the JWK carries those.
    const jwk = { kty: 'oct', alg, k: base64url(new TextEncoder().encode(secret)) };
    const withKid = { ...jwk, kid: lib.jwkThumbprint(jwk) };
    return {
      symmetric: true,
      privateText: secret,
      publicPem: '',
      jwk: JSON.stringify(withKid, null, 2),
      jwks: JSON.stringify({ keys: [withKid] }, null, 2),
    };
  }
  const family = keypairFamily(alg);
  if (family === undefined) throw new Error(`${alg} has no key pair`);
  const [privatePem, publicPem] = await family.generate(alg, family.bits?.default ?? 0);
  lib.importKey(privatePem, alg); // throws KeyError if this build cannot sign with it yet
  const publicJwk = { ...lib.exportJwk(lib.importKey(publicPem, alg)), alg, use: 'sig' };
  const withKid = { ...publicJwk, kid: lib.jwkThumbprint(publicJwk) };
  return {
    symmetric: false,
    privateText: privatePem,
    publicPem: publicPem.trimEnd(),
    jwk: JSON.stringify(withKid, null, 2),
    jwks: JSON.stringify({ keys: [withKid] }, null, 2),
  };
}
