/**
 * JWE content encryption (RFC 7518 §5.1): A128GCM and A256GCM (§5.3, AES-GCM with a 96-bit IV and
 * a 128-bit tag) and A128CBC-HS256 / A256CBC-HS512 (§5.2, AES-CBC then HMAC-SHA-2 over
 * AAD ‖ IV ‖ ciphertext ‖ AL, tag truncated to half). Sync on `@noble/ciphers` and the wasm HMAC,
 * async on WebCrypto; both produce and accept the same bytes.
 * https://www.rfc-editor.org/rfc/rfc7518#section-5
 * @module
 */

import { cbc, unsafe } from '@noble/ciphers/aes.js';
import { concatBytes, constantTimeEqual } from '../../core/bytes.js';
import { ghash } from '../../wasm/ghash.js';
import { hmac, hmacKeyState, hmacVerify } from '../../wasm/sha2.js';

/** The `enc` names of RFC 7518 §5.1 implemented here. */
export type ContentEncryptionAlgorithm = 'A128GCM' | 'A256GCM' | 'A128CBC-HS256' | 'A256CBC-HS512';

/** A ciphertext and its authentication tag (RFC 7516 §5.1 steps 15–16). */
export interface Sealed {
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

/** One content-encryption algorithm: CEK and IV sizes and its authenticated encryption. */
export interface ContentEncryption {
  readonly name: ContentEncryptionAlgorithm;
  /** CEK length in bytes (RFC 7518 §5.2.3–5.2.5, §5.3). */
  readonly keyLength: number;
  /** IV length in bytes: 16 for CBC (§5.2.2.1), 12 for GCM (§5.3). */
  readonly ivLength: number;
  /** Tag length in bytes: half the HMAC output for CBC-HS (§5.2.2.1), 16 for GCM (§5.3). */
  readonly tagLength: number;
  encrypt(cek: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Sealed;
  /** The plaintext, or null for a wrong tag or padding (indistinguishable by design). */
  decrypt(cek: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad: Uint8Array): Uint8Array | null;
  encryptAsync(cek: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<Sealed>;
  decryptAsync(cek: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad: Uint8Array): Promise<Uint8Array | null>;
}

// --- AES-GCM (RFC 7518 §5.3) -----------------------------------------------------------------------

/** Zero bytes to the next multiple of 16 (SP 800-38D §7.1 step 5: u and v). */
const padLength = (n: number): number => (16 - (n % 16)) % 16;

/**
 * The pieces of GCM for a 96-bit IV (NIST SP 800-38D §7.1): the keystream from inc32(J0), and the
 * tag of a ciphertext. AES from `@noble/ciphers` (its block and 32-bit-counter CTR functions over
 * one key expansion: the version is pinned, these are its `unsafe` internals that its own `gcm`
 * uses), GHASH in wasm: building noble's GHASH tables and expanding the key twice per call was
 * most of a small token's decryption (measured: 23 µs for noble's `gcm` on 80 bytes, against a
 * whole `decryptJwt` of 19 µs this way).
 */
/** The expanded key and H of a long-lived content key (a `dir` key), like an HMAC key's midstates. */
interface GcmKeyState {
  readonly xk: Uint32Array;
  readonly h: Uint8Array;
}

const longLived = new WeakSet<Uint8Array>();
const keyStates = new WeakMap<Uint8Array, GcmKeyState>();

/**
 * Marks `key` (the bytes a `dir` key holds) as a content key used for many tokens: its AES key
 * expansion and GHASH subkey are then computed once and kept with it (DESIGN.md "Key state is
 * prepared once per key"; measured: a tenth of a small token's decryption). Fresh CEKs are
 * expanded per call and wiped after it.
 */
export function keepContentKeyState(key: Uint8Array): void {
  longLived.add(key);
}

function gcmKeyState(key: Uint8Array): GcmKeyState & { readonly kept: boolean } {
  const kept = keyStates.get(key);
  if (kept !== undefined) return { ...kept, kept: true };
  const xk = unsafe.expandKeyLE(key);
  const state = { xk, h: unsafe.encryptBlock(xk, new Uint8Array(16)) }; // H = E_K(0^128), §6.4
  if (!longLived.has(key)) return { ...state, kept: false };
  keyStates.set(key, state);
  return { ...state, kept: true };
}

function gcmParts(key: Uint8Array, iv: Uint8Array) {
  const { xk, h, kept } = gcmKeyState(key);
  const j0 = new Uint8Array(16);
  j0.set(iv);
  j0[15] = 1; // §7.1 step 2: J0 = IV ‖ 0^31 ‖ 1
  const mask = unsafe.encryptBlock(xk, j0.slice()); // E_K(J0), §7.1 step 6
  return {
    /** GCTR from inc32(J0) (§7.1 step 3): the same function encrypts and decrypts. */
    stream(data: Uint8Array): Uint8Array {
      const counter = j0.slice();
      counter[15] = 2;
      return unsafe.ctr32(xk, false, counter, data);
    },
    /** §7.1 steps 4–6: GHASH over A ‖ 0^v ‖ C ‖ 0^u ‖ [len(A)]64 ‖ [len(C)]64, masked with E_K(J0). */
    tag(aad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
      const aadEnd = aad.length + padLength(aad.length);
      const ctEnd = aadEnd + ciphertext.length + padLength(ciphertext.length);
      const input = new Uint8Array(ctEnd + 16);
      input.set(aad);
      input.set(ciphertext, aadEnd);
      const lengths = new DataView(input.buffer, ctEnd);
      lengths.setUint32(0, Math.floor((aad.length * 8) / 2 ** 32));
      lengths.setUint32(4, (aad.length * 8) >>> 0);
      lengths.setUint32(8, Math.floor((ciphertext.length * 8) / 2 ** 32));
      lengths.setUint32(12, (ciphertext.length * 8) >>> 0);
      const s = ghash(h, input);
      for (let i = 0; i < 16; i++) s[i]! ^= mask[i]!;
      return s;
    },
    /** Zeroes the expanded key and the secret blocks once the call is done. */
    wipe(): void {
      if (!kept) {
        xk.fill(0);
        h.fill(0);
      }
      mask.fill(0);
    },
  };
}

function aesGcm(name: 'A128GCM' | 'A256GCM', keyLength: number): ContentEncryption {
  const check = (cek: Uint8Array, iv: Uint8Array) => cek.length === keyLength && iv.length === 12;
  return {
    name,
    keyLength,
    ivLength: 12,
    tagLength: 16,
    encrypt(cek, iv, plaintext, aad) {
      const parts = gcmParts(cek, iv);
      const ciphertext = parts.stream(plaintext);
      const tag = parts.tag(aad, ciphertext);
      parts.wipe();
      return { ciphertext, tag };
    },
    decrypt(cek, iv, ciphertext, tag, aad) {
      if (!check(cek, iv) || tag.length !== 16) return null;
      // §7.2: the tag is checked (in constant time) before any plaintext is produced.
      const parts = gcmParts(cek, iv);
      const plaintext = constantTimeEqual(parts.tag(aad, ciphertext), tag) ? parts.stream(ciphertext) : null;
      parts.wipe();
      return plaintext;
    },
    async encryptAsync(cek, iv, plaintext, aad) {
      const key = await crypto.subtle.importKey('raw', cek as BufferSource, 'AES-GCM', false, ['encrypt']);
      const params = { name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad as BufferSource, tagLength: 128 };
      const sealed = new Uint8Array(await crypto.subtle.encrypt(params, key, plaintext as BufferSource));
      return { ciphertext: sealed.subarray(0, sealed.length - 16), tag: sealed.subarray(sealed.length - 16) };
    },
    async decryptAsync(cek, iv, ciphertext, tag, aad) {
      if (!check(cek, iv) || tag.length !== 16) return null;
      try {
        const key = await crypto.subtle.importKey('raw', cek as BufferSource, 'AES-GCM', false, ['decrypt']);
        const params = { name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad as BufferSource, tagLength: 128 };
        return new Uint8Array(await crypto.subtle.decrypt(params, key, concatBytes(ciphertext, tag) as BufferSource));
      } catch {
        return null;
      }
    },
  };
}

// --- AES-CBC + HMAC-SHA-2 (RFC 7518 §5.2) ----------------------------------------------------------

/** AL: the AAD length in bits as a 64-bit big-endian integer (RFC 7518 §5.2.2.1 step 4). */
function aadLengthBits(aad: Uint8Array): Uint8Array {
  const al = new Uint8Array(8);
  new DataView(al.buffer).setUint32(0, Math.floor((aad.length * 8) / 2 ** 32));
  new DataView(al.buffer).setUint32(4, (aad.length * 8) >>> 0);
  return al;
}

function aesCbcHmac(name: 'A128CBC-HS256' | 'A256CBC-HS512', bits: 256 | 512): ContentEncryption {
  // RFC 7518 §5.2.2.1 step 1: MAC_KEY is the first half of the CEK, ENC_KEY the second.
  const half = bits / 16;
  const tagLength = half;
  const macInput = (aad: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array) => concatBytes(aad, iv, ciphertext, aadLengthBits(aad));
  const valid = (cek: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array) =>
    cek.length === 2 * half && iv.length === 16 && tag.length === tagLength && ciphertext.length > 0 && ciphertext.length % 16 === 0;
  const hmacAlg = { name: 'HMAC', hash: `SHA-${bits}` };
  return {
    name,
    keyLength: 2 * half,
    ivLength: 16,
    tagLength,
    encrypt(cek, iv, plaintext, aad) {
      const ciphertext = cbc(cek.subarray(half), iv).encrypt(plaintext);
      const tag = hmac(bits, hmacKeyState(bits, cek.subarray(0, half)), macInput(aad, iv, ciphertext)).subarray(0, tagLength);
      return { ciphertext, tag };
    },
    decrypt(cek, iv, ciphertext, tag, aad) {
      if (!valid(cek, iv, ciphertext, tag)) return null;
      // §5.2.2.2: the tag first, compared in constant time in wasm; decryption only of authentic
      // ciphertext, so a padding error (null below, like a tag error) reveals nothing to a forger.
      if (!hmacVerify(bits, hmacKeyState(bits, cek.subarray(0, half)), macInput(aad, iv, ciphertext), tag)) return null;
      try {
        return cbc(cek.subarray(half), iv).decrypt(ciphertext);
      } catch {
        return null;
      }
    },
    async encryptAsync(cek, iv, plaintext, aad) {
      const encKey = await crypto.subtle.importKey('raw', cek.subarray(half) as BufferSource, 'AES-CBC', false, ['encrypt']);
      const ciphertext = new Uint8Array(
        await crypto.subtle.encrypt({ name: 'AES-CBC', iv: iv as BufferSource }, encKey, plaintext as BufferSource),
      );
      const macKey = await crypto.subtle.importKey('raw', cek.subarray(0, half) as BufferSource, hmacAlg, false, ['sign']);
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', macKey, macInput(aad, iv, ciphertext) as BufferSource));
      return { ciphertext, tag: mac.subarray(0, tagLength) };
    },
    async decryptAsync(cek, iv, ciphertext, tag, aad) {
      if (!valid(cek, iv, ciphertext, tag)) return null;
      const macKey = await crypto.subtle.importKey('raw', cek.subarray(0, half) as BufferSource, hmacAlg, false, ['sign']);
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', macKey, macInput(aad, iv, ciphertext) as BufferSource));
      if (!constantTimeEqual(mac.subarray(0, tagLength), tag)) return null;
      try {
        const encKey = await crypto.subtle.importKey('raw', cek.subarray(half) as BufferSource, 'AES-CBC', false, ['decrypt']);
        return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: iv as BufferSource }, encKey, ciphertext as BufferSource));
      } catch {
        return null;
      }
    },
  };
}

/** Every content-encryption algorithm, by its `enc` name. */
export const CONTENT_ENCRYPTION: Readonly<Record<ContentEncryptionAlgorithm, ContentEncryption>> = {
  A128GCM: aesGcm('A128GCM', 16),
  A256GCM: aesGcm('A256GCM', 32),
  'A128CBC-HS256': aesCbcHmac('A128CBC-HS256', 256),
  'A256CBC-HS512': aesCbcHmac('A256CBC-HS512', 512),
};

/** The content encryption named `enc`, or undefined for any other value. */
export function contentEncryptionOf(enc: unknown): ContentEncryption | undefined {
  return typeof enc === 'string' && Object.hasOwn(CONTENT_ENCRYPTION, enc)
    ? CONTENT_ENCRYPTION[enc as ContentEncryptionAlgorithm]
    : undefined;
}
