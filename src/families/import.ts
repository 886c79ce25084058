/**
 * Key import for a known algorithm entry: the one path every key takes (`importKey`,
 * `CipherToken`, JWK sets), through the entry's family and nothing else, so naming an algorithm by
 * its constant costs no other family.
 * @module
 */

import { KeyError } from '../core/errors.js';
import { type AlgorithmEntry, entryOf, type ImportOptions } from './entry.js';
import { isJwk, type Jwk } from '../core/jwk.js';
import { bindKeyId, Key } from '../core/key.js';

/** Key material as the import functions take it. */
export type KeyInput = string | Uint8Array | JsonWebKey | Key;

/** PEM text, raw bytes and JWK members are bounded before any parsing (an 8192-bit RSA PEM is ~6 KiB). */
const MAX_MATERIAL_LENGTH = 64 * 1024;
const MAX_JWK_MEMBER_LENGTH = 16 * 1024;

function tooLarge(material: string | Uint8Array | JsonWebKey): boolean {
  if (typeof material === 'string' || material instanceof Uint8Array) return material.length > MAX_MATERIAL_LENGTH;
  return Object.values(material).some((value) => typeof value === 'string' && value.length > MAX_JWK_MEMBER_LENGTH);
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
 * Imports key material for `alg`: an HMAC secret (text or bytes), PEM or DER, a JWK, raw public
 * bytes, or an existing `Key` bound to the same algorithm. KeyError when it does not fit.
 */
export function importKeyFor(material: KeyInput, alg: AlgorithmEntry, options: ImportOptions = {}): Key {
  if (material instanceof Key) {
    if (entryOf(material) !== alg) throw new KeyError(`the key is bound to ${material.algorithm}, not ${alg.name}`);
    return material;
  }
  if (typeof material !== 'string' && !(material instanceof Uint8Array) && !isJwk(material)) {
    throw new KeyError('key material must be a string, a Uint8Array or a JWK');
  }
  if (tooLarge(material)) throw new KeyError('key material exceeds the size limit');
  const kid = keyIdOf(material, options);
  const key = alg.family.import(material as string | Uint8Array | Jwk, alg, options);
  if (kid !== undefined) bindKeyId(key, kid);
  return key;
}
