/**
 * `ciphertoken/keys`: import and export of keys (raw, PEM, JWK), RFC 7638 thumbprints and JWK sets.
 * A `Key` is bound to one algorithm when it is created and never prints its material.
 * @module
 */

import { KeyError } from '../core/errors.js';
import { type Algorithm, algorithmEntry, entryOf, type ImportOptions } from '../families/entry.js';
import { base64urlFromBytes } from '../core/base64url.js';
import { loader } from '../wasm/loader.js';
import { sha2 } from '../wasm/sha2.js';
import { importKeyFor, type KeyInput } from '../families/import.js';
import { isJwk, thumbprintInput, type Jwk } from '../core/jwk.js';
import { Key } from '../core/key.js';

export { Key };
export type { Jwk, ImportOptions };
export { createLocalJwks, createRemoteJwks, Jwks, LocalJwks, RemoteJwks, type RemoteJwksOptions } from './jwks.js';

/**
 * Imports key material for `alg`: an HMAC secret (text or bytes), PEM text (SPKI, PKCS#8, PKCS#1,
 * SEC1), DER bytes, a JWK, or raw public-key bytes. Throws KeyError when the material does not fit.
 * `alg` resolves among the families the program has loaded, as `CipherToken`'s does: all of them
 * under Node, Bun and Deno; in a bundle, those whose constant the app imports (`ES256` below), so
 * an app that imports one key type carries one family.
 *
 * @example
 * ```ts
 * import { ES256, importKey } from 'ciphertoken';
 *
 * const key = importKey(publicPem, ES256, { kid: 'signing-2026-12' });
 * ```
 */
export function importKey(material: KeyInput, alg: Algorithm, options: ImportOptions = {}): Key {
  return importKeyFor(material, algorithmEntry(alg), options);
}

/**
 * Async twin of `importKey` that also takes a WebCrypto `CryptoKey` (which must be extractable:
 * its JWK form is imported, so the key then works on the sync path too).
 *
 * @example
 * ```ts
 * import { ES256, importKeyAsync } from 'ciphertoken';
 *
 * const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
 * const key = await importKeyAsync(pair.privateKey, ES256);
 * ```
 */
export async function importKeyAsync(material: KeyInput | CryptoKey, alg: Algorithm, options: ImportOptions = {}): Promise<Key> {
  await loader.init();
  if (typeof CryptoKey !== 'undefined' && material instanceof CryptoKey) {
    if (!material.extractable) throw new KeyError('the CryptoKey is not extractable');
    return importKey((await crypto.subtle.exportKey('jwk', material)) as Jwk, alg, options);
  }
  return importKey(material as KeyInput, alg, options);
}

/**
 * The JWK of `key`; private members only with `includePrivate`.
 *
 * @example
 * ```ts
 * import { ES256, exportJwk, importKey } from 'ciphertoken';
 *
 * const jwk = exportJwk(importKey(publicPem, ES256)); // { kty: 'EC', crv: 'P-256', x, y }
 * ```
 */
export function exportJwk(key: Key, { includePrivate = false }: { includePrivate?: boolean } = {}): Jwk {
  return entryOf(key).family.exportJwk(key, includePrivate);
}

/**
 * The PEM text of `key` (SPKI, or PKCS#8 with `includePrivate`).
 *
 * @example
 * ```ts
 * import { EdDSA, exportPem, importKey } from 'ciphertoken';
 *
 * const publicPem = exportPem(importKey(privatePem, EdDSA)); // the SPKI public key
 * ```
 */
export function exportPem(key: Key, { includePrivate = false }: { includePrivate?: boolean } = {}): string {
  return entryOf(key).family.exportPem(key, includePrivate);
}

/**
 * RFC 7638 JWK thumbprint: base64url(SHA-256(required members, sorted, no whitespace)).
 *
 * @example
 * ```ts
 * import { jwkThumbprint } from 'ciphertoken';
 *
 * const kid = jwkThumbprint(publicJwk); // a stable key id derived from the key itself
 * ```
 */
export function jwkThumbprint(jwkOrKey: JsonWebKey | Key): string {
  const jwk = jwkOrKey instanceof Key ? exportJwk(jwkOrKey, { includePrivate: jwkOrKey.type === 'secret' }) : jwkOrKey;
  if (!isJwk(jwk)) throw new KeyError('not a JWK');
  return base64urlFromBytes(sha2(256, new TextEncoder().encode(thumbprintInput(jwk))));
}
