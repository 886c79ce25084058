/**
 * `ciphertoken/keys`: import and export of keys (raw, PEM, JWK), RFC 7638 thumbprints and JWK sets.
 * A `Key` is bound to one algorithm when it is created and never prints its material.
 * @module
 */

import type { Algorithm } from '../algorithms.js';
import { KeyError } from '../errors.js';
import { base64urlFromBytes } from '../lib/base64url.js';
import { loader } from '../wasm/loader.js';
import { sha2 } from '../wasm/sha2.js';
import { familyOf, type ImportOptions } from './families.js';
import { isJwk, thumbprintInput, type Jwk } from './jwk.js';
import { bindKeyId, Key } from './key.js';

export { Key };
export type { Jwk, ImportOptions };
export { createLocalJwks, createRemoteJwks, Jwks, LocalJwks, RemoteJwks, type RemoteJwksOptions } from './jwks.js';

/** PEM text, raw bytes and JWK members are bounded before any parsing (an 8192-bit RSA PEM is ~6 KiB). */
const MAX_MATERIAL_LENGTH = 64 * 1024;
const MAX_JWK_MEMBER_LENGTH = 16 * 1024;

function tooLarge(material: string | Uint8Array | JsonWebKey): boolean {
  if (typeof material === 'string' || material instanceof Uint8Array) return material.length > MAX_MATERIAL_LENGTH;
  return Object.values(material).some((value) => typeof value === 'string' && value.length > MAX_JWK_MEMBER_LENGTH);
}

/**
 * Imports key material for `alg`: an HMAC secret (text or bytes), PEM text (SPKI, PKCS#8, PKCS#1,
 * SEC1) or a JWK. Throws KeyError when the material does not fit the algorithm.
 */
export function importKey(material: string | Uint8Array | JsonWebKey | Key, alg: Algorithm, options: ImportOptions = {}): Key {
  if (material instanceof Key) {
    if (material.algorithm !== alg) throw new KeyError(`the key is bound to ${material.algorithm}, not ${alg}`);
    return material;
  }
  if (typeof material !== 'string' && !(material instanceof Uint8Array) && !isJwk(material)) {
    throw new KeyError('key material must be a string, a Uint8Array or a JWK');
  }
  if (tooLarge(material)) throw new KeyError('key material exceeds the size limit');
  const kid = keyIdOf(material, options);
  const key = familyOf(alg).import(material as string | Uint8Array | Jwk, alg, options);
  if (kid !== undefined) bindKeyId(key, kid);
  return key;
}

/** The key id of imported material: `options.kid`, or the JWK's `kid` member (RFC 7517 §4.5). */
function keyIdOf(material: string | Uint8Array | JsonWebKey, options: ImportOptions): string | undefined {
  const own = isJwk(material) ? material.kid : undefined;
  if (own !== undefined && typeof own !== 'string') throw new KeyError('the JWK kid is not a string');
  if (options.kid !== undefined && typeof options.kid !== 'string') throw new TypeError('kid must be a string');
  if (own !== undefined && options.kid !== undefined && own !== options.kid)
    throw new KeyError('the kid option disagrees with the JWK kid');
  return options.kid ?? own;
}

/**
 * Async twin of `importKey` that also takes a WebCrypto `CryptoKey` (which must be extractable:
 * its JWK form is imported, so the key then works on the sync path too).
 */
export async function importKeyAsync(
  material: string | Uint8Array | JsonWebKey | Key | CryptoKey,
  alg: Algorithm,
  options: ImportOptions = {},
): Promise<Key> {
  await loader.init();
  if (typeof CryptoKey !== 'undefined' && material instanceof CryptoKey) {
    if (!material.extractable) throw new KeyError('the CryptoKey is not extractable');
    return importKey((await crypto.subtle.exportKey('jwk', material)) as Jwk, alg, options);
  }
  return importKey(material as string | Uint8Array | JsonWebKey | Key, alg, options);
}

/** The JWK of `key`; private members only with `includePrivate`. */
export function exportJwk(key: Key, { includePrivate = false }: { includePrivate?: boolean } = {}): Jwk {
  return familyOf(key.algorithm).exportJwk(key, includePrivate);
}

/** The PEM text of `key` (SPKI, or PKCS#8 with `includePrivate`). */
export function exportPem(key: Key, { includePrivate = false }: { includePrivate?: boolean } = {}): string {
  return familyOf(key.algorithm).exportPem(key, includePrivate);
}

/** RFC 7638 JWK thumbprint: base64url(SHA-256(required members, sorted, no whitespace)). */
export function jwkThumbprint(jwkOrKey: JsonWebKey | Key): string {
  const jwk = jwkOrKey instanceof Key ? exportJwk(jwkOrKey, { includePrivate: jwkOrKey.type === 'secret' }) : jwkOrKey;
  if (!isJwk(jwk)) throw new KeyError('not a JWK');
  return base64urlFromBytes(sha2(256, new TextEncoder().encode(thumbprintInput(jwk))));
}
