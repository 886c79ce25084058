/**
 * PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) on the wasm core (assembly/hash/pbkdf2.ts): two SHA-256
 * compressions per iteration from the password's precomputed HMAC midstates.
 * https://www.rfc-editor.org/rfc/rfc8018#section-5.2
 * @module
 */

import { hashModule } from './modules/hash.js';

/** Largest iteration count the wasm ABI takes (an unsigned 32-bit integer). */
export const PBKDF2_MAX_ITERATIONS = 0xffff_ffff;

/**
 * Derives `dkLen` bytes from `password` and `salt` with `iterations` rounds of HMAC-SHA256.
 * Synchronous: one wasm call (≈ 0.4 s at 600,000 iterations, measured in bench/secure.mjs).
 * The scratch bytes that held the password, the salt and the result are zeroed before returning.
 */
export function pbkdf2Sha256(password: Uint8Array, salt: Uint8Array, iterations: number, dkLen: number): Uint8Array {
  return pbkdf2(256, password, salt, iterations, dkLen);
}

/**
 * PBKDF2-HMAC-SHA512 (RFC 8018 §5.2), for JWE PBES2-HS512+A256KW (RFC 7518 §4.8): one wasm call,
 * one HMAC per iteration; the same checks and wiping as `pbkdf2Sha256`.
 */
export function pbkdf2Sha512(password: Uint8Array, salt: Uint8Array, iterations: number, dkLen: number): Uint8Array {
  return pbkdf2(512, password, salt, iterations, dkLen);
}

function pbkdf2(bits: 256 | 512, password: Uint8Array, salt: Uint8Array, iterations: number, dkLen: number): Uint8Array {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_MAX_ITERATIONS) {
    throw new RangeError('PBKDF2 iterations must be an integer from 1 to 2^32 - 1');
  }
  if (!Number.isInteger(dkLen) || dkLen < 1 || dkLen > 1 << 20) throw new RangeError('PBKDF2 dkLen must be an integer from 1 to 2^20');
  const rt = hashModule.runtime;
  // Layout: password ‖ salt ‖ 4 bytes of INT(i) workspace ‖ derived key.
  const total = password.length + salt.length + 4 + dkLen;
  rt.reserve(total);
  const pw = rt.base;
  const s = pw + password.length;
  const out = s + salt.length + 4;
  let n: number;
  let dk: Uint8Array;
  try {
    rt.u8.set(password, pw);
    rt.u8.set(salt, s);
    const derive = bits === 256 ? rt.exports.pbkdf2Sha256 : rt.exports.pbkdf2Sha512;
    n = derive(pw, password.length, s, salt.length, iterations >>> 0, out, dkLen);
    dk = rt.u8.slice(out, out + dkLen);
  } finally {
    rt.u8.fill(0, pw, pw + total); // also when the call traps (STYLE.md §7)
  }
  if (n !== dkLen) throw new RangeError('PBKDF2 parameters out of range');
  return dk;
}
