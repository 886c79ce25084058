/**
 * The library as the page uses it: the package build (dist/esm), loaded in the browser, plus the
 * algorithm list and which of them this build can generate keys for.
 * @module
 */

import * as lib from '../../../dist/esm/index.js';
import * as algorithmIds from '../../../dist/esm/algorithms.js';
import type { Algorithm } from '../../../dist/esm/algorithms.js';
import { hmacSecretBits, keypairFamily } from '../../../src/cli/keypairs.js';

export { lib };
export type { Algorithm };

/** Every JWS algorithm the library names. */
/** Once each: EDDSA is the Python alias of EdDSA. */
export const ALGORITHMS: readonly Algorithm[] = [...new Set(Object.values(algorithmIds))];

/** Whether keys for `alg` can be generated here: HMAC always, key pairs once their generator exists. */
export function canGenerate(alg: Algorithm): boolean {
  return hmacSecretBits(alg) !== undefined || keypairFamily(alg, lib) !== undefined;
}

export interface GeneratedKey {
  /** The secret (HMAC) or the private key (PEM). */
  readonly privateText: string;
  /** The public key (PEM) and its JWK set; empty for HMAC. */
  readonly publicText: string;
}

/** A fresh secret or key pair for `alg`. */
export async function generateKey(alg: Algorithm): Promise<GeneratedKey> {
  const bits = hmacSecretBits(alg);
  if (bits !== undefined) return { privateText: lib.secretKeyWithSize(bits / 8), publicText: '' };
  const family = keypairFamily(alg, lib);
  if (family === undefined) throw new Error(`${alg} has no key pair`);
  const [privatePem, publicPem] = await family.generate(alg, family.bits?.default ?? 0);
  lib.importKey(privatePem, alg); // throws KeyError if this build cannot sign with it yet
  let jwks = '';
  try {
    const publicJwk = { ...lib.exportJwk(lib.importKey(publicPem, alg)), alg, use: 'sig' };
    jwks = `\n\n${JSON.stringify({ keys: [{ ...publicJwk, kid: lib.jwkThumbprint(publicJwk) }] }, null, 2)}`;
  } catch {
    // No JWK export for this family yet: the PEM alone.
  }
  return { privateText: privatePem, publicText: `${publicPem.trimEnd()}${jwks}` };
}
