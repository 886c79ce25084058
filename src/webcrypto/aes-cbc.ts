/**
 * AES-CBC with PKCS#7 padding on WebCrypto (`crypto.subtle`, W3C Web Cryptography API §28 "AES-CBC"),
 * available on every runtime we support. Same bytes as the sync path (src/secure/aes-cbc.ts).
 * @module
 */

/** Imports a raw AES key for AES-CBC encrypt + decrypt (not extractable). */
export function importAesCbcKey(key: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', key as BufferSource, { name: 'AES-CBC' }, false, ['encrypt', 'decrypt']);
}

/** Encrypts `plaintext` with PKCS#7 padding (WebCrypto always pads AES-CBC). */
export async function aesCbcEncryptAsync(key: CryptoKey, iv: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: iv as BufferSource }, key, plaintext as BufferSource));
}

/** Decrypts and unpads; resolves to null on a bad length or bad padding (WebCrypto `OperationError`). */
export async function aesCbcDecryptAsync(key: CryptoKey, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array | null> {
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null;
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: iv as BufferSource }, key, ciphertext as BufferSource));
  } catch {
    return null;
  }
}
