/**
 * The `hash` wasm module (DESIGN.md "wasm modules"): SHA-2 (FIPS 180-4), HMAC (RFC 2104), PBKDF2
 * (RFC 8018), base64url (RFC 4648 §5), the fused HMAC JWS pipelines (RFC 7515) and NH (RFC 4418
 * §5.2.2), the verified-token cache's keyed hash. Built without
 * SIMD so that every browser runs it. Its exports are this module's whole ABI: pointers and
 * lengths are byte offsets into its linear memory; results are written to caller-chosen offsets;
 * functions that can fail return an i32 status (see util/status.ts).
 * @module
 */

import { base64urlDecode as decode, base64urlEncode as encode } from "./encoding/base64url";
import { digestLength, shaFinish, shaInit, shaOutput } from "./hash/sha2";
import { hmacCompute, hmacPrepareKey, hmacStateLength } from "./hash/hmac";
import { pbkdf2HmacSha256, pbkdf2HmacSha512 } from "./hash/pbkdf2";
import { ctEqual, wipe } from "./util/ct";
import { ERR_ALGORITHM, ERR_LENGTH, ERR_SIGNATURE } from "./util/status";

export { jwsHmacSign, jwsHmacStateLength, jwsHmacVerify } from "./jws/hmac";
export { keySlot, keySlotSize, scratchBase, scratchCapacity, scratchReserve } from "./util/scratch";
export { nh, nhKey, nhKeyLength, nhOut } from "./hash/nh";

const HASH_STATE: usize = memory.data(64);

/** SHA-`bits` digest of `len` bytes at `msg`, written to `out`. Returns the digest length or ERR_ALGORITHM. */
export function sha2(bits: i32, msg: usize, len: usize, out: usize): i32 {
  const n = digestLength(bits);
  if (n == 0) return ERR_ALGORITHM;
  shaInit(bits, HASH_STATE);
  shaFinish(bits, HASH_STATE, msg, len, 0);
  shaOutput(bits, HASH_STATE, out);
  return <i32>n;
}

/** Length of an HMAC key state for SHA-`bits`, or ERR_ALGORITHM. */
export function hmacKeyStateLength(bits: i32): i32 {
  const n = hmacStateLength(bits);
  return n == 0 ? ERR_ALGORITHM : <i32>n;
}

/** Pre-processes an HMAC key into its midstates at `state`. Constant-time. Returns 0 or ERR_ALGORITHM. */
export function hmacKey(bits: i32, key: usize, keyLen: usize, state: usize): i32 {
  if (digestLength(bits) == 0) return ERR_ALGORITHM;
  hmacPrepareKey(bits, key, keyLen, state);
  return 0;
}

/** HMAC of `len` bytes at `msg` under the key state at `state`, written to `out`. Returns the tag length. */
export function hmac(bits: i32, state: usize, msg: usize, len: usize, out: usize): i32 {
  const n = digestLength(bits);
  if (n == 0) return ERR_ALGORITHM;
  hmacCompute(bits, state, msg, len, out);
  return <i32>n;
}

const MAC: usize = memory.data(64);

/**
 * Checks a tag of `tagLen` bytes (a truncated tag compares its prefix, RFC 2104 §5) in constant
 * time. Returns 0 when it matches, ERR_SIGNATURE otherwise, ERR_LENGTH for a tag longer than the digest.
 */
export function hmacVerify(bits: i32, state: usize, msg: usize, len: usize, tag: usize, tagLen: usize): i32 {
  const n = digestLength(bits);
  if (n == 0) return ERR_ALGORITHM;
  if (tagLen == 0 || tagLen > n) return ERR_LENGTH;
  hmacCompute(bits, state, msg, len, MAC);
  const ok = ctEqual(MAC, tag, tagLen);
  memory.fill(MAC, 0, 64);
  return ok ? 0 : ERR_SIGNATURE;
}

/** base64url-encodes `len` bytes at `src` into `dst`; returns the character count. */
export function base64urlEncode(src: usize, len: usize, dst: usize): i32 {
  return <i32>encode(src, len, dst);
}

/** Strictly decodes `len` base64url characters at `src` into `dst`; returns the byte count or ERR_BASE64. */
export function base64urlDecode(src: usize, len: usize, dst: usize): i32 {
  return decode(src, len, dst);
}

/** The password's HMAC key state (inner ‖ outer midstates): 64 bytes for SHA-256, 128 for SHA-512. */
const PBKDF2_KEY_STATE: usize = memory.data(128);

/**
 * PBKDF2-HMAC-SHA256 (RFC 8018 §5.2): derives `dkLen` bytes into `out` from the password at
 * `password` and the salt at `salt`, which must have 4 bytes of room after it (workspace for
 * INT(i)). Constant-time in the password and salt. Returns `dkLen`, or ERR_LENGTH when
 * `iterations` or `dkLen` is 0.
 */
export function pbkdf2Sha256(password: usize, passwordLen: usize, salt: usize, saltLen: usize, iterations: u32, out: usize, dkLen: usize): i32 {
  return pbkdf2(256, password, passwordLen, salt, saltLen, iterations, out, dkLen);
}

/**
 * PBKDF2-HMAC-SHA512 (RFC 8018 §5.2), for JWE PBES2-HS512+A256KW (RFC 7518 §4.8): the same
 * arguments, layout and statuses as `pbkdf2Sha256`. Constant-time in the password and salt.
 */
export function pbkdf2Sha512(password: usize, passwordLen: usize, salt: usize, saltLen: usize, iterations: u32, out: usize, dkLen: usize): i32 {
  return pbkdf2(512, password, passwordLen, salt, saltLen, iterations, out, dkLen);
}

/** Both PBKDF2 entry points: the password's HMAC key state, the derivation, then the state wiped. */
function pbkdf2(bits: i32, password: usize, passwordLen: usize, salt: usize, saltLen: usize, iterations: u32, out: usize, dkLen: usize): i32 {
  if (iterations == 0 || dkLen == 0 || dkLen > 0x7fffffff) return ERR_LENGTH;
  hmacPrepareKey(bits, password, passwordLen, PBKDF2_KEY_STATE);
  if (bits == 256) pbkdf2HmacSha256(PBKDF2_KEY_STATE, salt, saltLen, iterations, out, dkLen);
  else pbkdf2HmacSha512(PBKDF2_KEY_STATE, salt, saltLen, iterations, out, dkLen);
  wipe(PBKDF2_KEY_STATE, 128);
  return <i32>dkLen;
}
