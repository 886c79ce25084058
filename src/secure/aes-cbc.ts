/**
 * AES-CBC with PKCS#7 padding, synchronous, on `@noble/ciphers` (audited, pure JavaScript):
 * NIST SP 800-38A §6.2 (CBC) and RFC 5652 §6.3 / RFC 8018 §6.1.1 step 4 (PKCS#7 padding).
 * The async twin is src/webcrypto/aes-cbc.ts; both produce and accept the same bytes.
 * @module
 */

import { cbc } from '@noble/ciphers/aes.js';

/** Encrypts `plaintext` under a 16/24/32-byte `key` and a 16-byte `iv`, with PKCS#7 padding. */
export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return cbc(key, iv).encrypt(plaintext);
}

/**
 * Decrypts and unpads; returns null when the ciphertext is not a positive multiple of 16 bytes or
 * its padding is invalid. (Only ever called on MAC-verified data, so padding failures are no oracle.)
 */
export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array | null {
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null;
  try {
    return cbc(key, iv).decrypt(ciphertext);
  } catch {
    return null;
  }
}
