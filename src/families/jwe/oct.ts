/**
 * Key management with shared symmetric keys (RFC 7518 §4.4, §4.5, §4.7): `dir` (the key is the
 * CEK), `A128KW`/`A256KW` (AES Key Wrap, RFC 3394) and `A128GCMKW`/`A256GCMKW` (the CEK sealed by
 * AES-GCM, with `iv` and `tag` header parameters). Keys are raw bytes or `oct` JWKs (RFC 7518
 * §6.4). AES on `@noble/ciphers` for both the sync and async paths: for a 16- to 64-byte key,
 * WebCrypto's three awaited calls cost more than the wrap itself.
 * @module
 */

import { aeskw } from '@noble/ciphers/aes.js';
import { base64urlFromBytes, bytesFromBase64url } from '../../core/base64url.js';
import { KeyError } from '../../core/errors.js';
import { isJwk, type Jwk, jwkBytes } from '../../core/jwk.js';
import { createKey, type Key, type KeyManagementAlgorithm } from '../../core/key.js';
import { CONTENT_ENCRYPTION, type ContentEncryption, keepContentKeyState } from './content.js';
import {
  checkJweJwkBinding,
  defineKeyManagement,
  type JweHeader,
  type KeyManagementFamily,
  randomBytes,
  type WrappedKey,
} from './entry.js';

const secrets = new WeakMap<Key, Uint8Array>();

/** The bytes of a symmetric JWE key; KeyError for any other key. */
export function octSecret(key: Key): Uint8Array {
  const secret = secrets.get(key);
  if (secret === undefined) throw new KeyError('the key is not a symmetric JWE key');
  return secret;
}

/** A symmetric key bound to `alg` from raw bytes or an `oct` JWK, of one of `lengths` bytes (empty: any). */
export function importOctKey(material: unknown, alg: KeyManagementAlgorithm, lengths: readonly number[], text?: boolean): Key {
  let secret: Uint8Array;
  if (material instanceof Uint8Array) secret = material.slice();
  else if (isJwk(material)) {
    if (material.kty !== 'oct') throw new KeyError(`${alg} requires an oct JWK`);
    checkJweJwkBinding(material, alg, ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt', 'deriveKey']);
    secret = jwkBytes(material, 'k');
  } else if (text === true && typeof material === 'string') secret = new TextEncoder().encode(material);
  else
    throw new KeyError(
      text === true ? `${alg} requires a password (string or bytes) or an oct JWK` : `${alg} requires raw key bytes or an oct JWK`,
    );
  if (lengths.length > 0 && !lengths.includes(secret.length)) {
    throw new KeyError(`${alg} requires a key of ${lengths.map((n) => n * 8).join(' or ')} bits (RFC 7518 §4)`);
  }
  if (secret.length === 0) throw new KeyError(`${alg} requires a non-empty key`);
  const key = createKey(alg, 'secret');
  secrets.set(key, secret);
  return key;
}

const octJwk = (key: Key): Jwk => ({ kty: 'oct', k: base64urlFromBytes(octSecret(key)), alg: key.algorithm });

/** AES Key Wrap of `cek` under `kek` (RFC 3394 §2.2.1, RFC 7518 §4.4). */
export const aesKeyWrap = (kek: Uint8Array, cek: Uint8Array): Uint8Array => aeskw(kek).encrypt(cek);

/** AES Key Unwrap (RFC 3394 §2.2.2): the key, or null when the integrity check fails. */
export function aesKeyUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  if (wrapped.length < 24 || wrapped.length % 8 !== 0) return null;
  try {
    return aeskw(kek).decrypt(wrapped);
  } catch {
    return null;
  }
}

/** Sync family operations given async twins that run the same code. */
function withAsync(family: Omit<KeyManagementFamily, 'wrapAsync' | 'unwrapAsync'>): KeyManagementFamily {
  return {
    ...family,
    wrapAsync: async (key, enc, header, options) => family.wrap(key, enc, header, options),
    unwrapAsync: async (key, enc, header, encryptedKey, options) => family.unwrap(key, enc, header, encryptedKey, options),
  };
}

// RFC 7518 §4.5: the shared key is the CEK; the Encrypted Key is empty.
const direct = withAsync({
  kty: ['oct'],
  import(material, alg) {
    const key = importOctKey(material, alg.name, [16, 32, 64]);
    keepContentKeyState(octSecret(key));
    return key;
  },
  exportJwk: octJwk,
  wrap(key, enc): WrappedKey {
    const cek = octSecret(key);
    if (cek.length !== enc.keyLength) throw new KeyError(`${enc.name} requires a ${enc.keyLength * 8}-bit key with dir`);
    return { cek, encryptedKey: new Uint8Array(0) };
  },
  unwrap(key, enc, _header, encryptedKey) {
    const cek = octSecret(key);
    // RFC 7516 §5.2 step 10: with direct encryption the Encrypted Key must be empty.
    return encryptedKey.length === 0 && cek.length === enc.keyLength ? cek : null;
  },
});

/** A128KW/A256KW: a random CEK wrapped under the shared key (RFC 7518 §4.4). */
const keyWrap = (bytes: number) =>
  withAsync({
    kty: ['oct'],
    import: (material, alg) => importOctKey(material, alg.name, [bytes]),
    exportJwk: octJwk,
    wrap(key, enc) {
      const cek = randomBytes(enc.keyLength);
      return { cek, encryptedKey: aesKeyWrap(octSecret(key), cek) };
    },
    unwrap: (key, _enc, _header, encryptedKey) => aesKeyUnwrap(octSecret(key), encryptedKey),
  });

/** A header member that must be base64url of exactly `length` bytes, or null. */
export function headerBytes(header: JweHeader, member: string, length?: number): Uint8Array | null {
  const value = header[member];
  const bytes = typeof value === 'string' ? bytesFromBase64url(value) : null;
  return bytes !== null && (length === undefined || bytes.length === length) ? bytes : null;
}

const EMPTY = new Uint8Array(0);

/** A128GCMKW/A256GCMKW: the CEK sealed by AES-GCM with a fresh 96-bit IV and no AAD (RFC 7518 §4.7.1). */
const gcmKeyWrap = (bytes: 16 | 32, sealer = bytes === 16 ? CONTENT_ENCRYPTION.A128GCM : CONTENT_ENCRYPTION.A256GCM) =>
  withAsync({
    kty: ['oct'],
    import(material, alg) {
      const key = importOctKey(material, alg.name, [bytes]);
      keepContentKeyState(octSecret(key)); // the key-wrapping key seals every token's CEK
      return key;
    },
    exportJwk: octJwk,
    wrap(key, enc: ContentEncryption, header) {
      const cek = randomBytes(enc.keyLength);
      const iv = randomBytes(12);
      const { ciphertext, tag } = sealer.encrypt(octSecret(key), iv, cek, EMPTY);
      header.iv = base64urlFromBytes(iv);
      header.tag = base64urlFromBytes(tag);
      return { cek, encryptedKey: ciphertext };
    },
    unwrap(key, _enc, header, encryptedKey) {
      // RFC 7518 §4.7.1.1–4.7.1.2: iv is 96 bits and tag 128 bits.
      const iv = headerBytes(header, 'iv', 12);
      const tag = headerBytes(header, 'tag', 16);
      if (iv === null || tag === null) return null;
      return sealer.decrypt(octSecret(key), iv, encryptedKey, tag, EMPTY);
    },
  });

/** Direct use of a shared symmetric key as the CEK (RFC 7518 §4.5). */
export const dir = defineKeyManagement('dir', direct).name;
/** AES Key Wrap with a 128-bit key (RFC 7518 §4.4). */
export const A128KW = defineKeyManagement('A128KW', keyWrap(16)).name;
/** AES Key Wrap with a 256-bit key (RFC 7518 §4.4). */
export const A256KW = defineKeyManagement('A256KW', keyWrap(32)).name;
/** Key wrapping with AES-GCM and a 128-bit key (RFC 7518 §4.7). */
export const A128GCMKW = defineKeyManagement('A128GCMKW', gcmKeyWrap(16)).name;
/** Key wrapping with AES-GCM and a 256-bit key (RFC 7518 §4.7). */
export const A256GCMKW = defineKeyManagement('A256GCMKW', gcmKeyWrap(32)).name;
