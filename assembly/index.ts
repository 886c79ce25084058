/**
 * The wasm ABI: these exports are the whole interface between TypeScript and AssemblyScript.
 * Pointers and lengths are byte offsets into linear memory; results are written to caller-chosen
 * offsets; functions that can fail return an i32 status (see util/status.ts).
 * @module
 */

import { base64urlDecode as decode, base64urlEncode as encode } from "./encoding/base64url";
import { digestLength, shaFinish, shaInit, shaOutput } from "./hash/sha2";
import { hmacCompute, hmacPrepareKey, hmacStateLength } from "./hash/hmac";
import { ctEqual } from "./util/ct";
import { ERR_ALGORITHM, ERR_LENGTH, ERR_SIGNATURE } from "./util/status";

export { jwsHmacSign, jwsHmacVerify } from "./jws/hmac";
export { jwsEd25519Sign, jwsEd25519Verify } from "./jws/eddsa";
export { scratchBase, scratchCapacity, scratchReserve } from "./util/scratch";
import { KEY_SLOT, KEY_SLOT_SIZE } from "./util/scratch";

/** Offset of the key-state slot. */
export function keySlot(): usize {
  return KEY_SLOT;
}

/** Size of the key-state slot. */
export function keySlotSize(): usize {
  return KEY_SLOT_SIZE;
}

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

// ---- Ed25519 (RFC 8032) ----------------------------------------------------------------------
import { ed25519ExpandSeed, ed25519PreparePublic, ed25519SignInto, ed25519VerifyWith } from "./sig/eddsa";
import { scReduce64 } from "./field/scalar25519";

/** Writes the 96-byte private key state of the 32-byte seed at `seed` to `state`. Constant-time. Returns 0. */
export function ed25519KeyFromSeed(seed: usize, state: usize): i32 {
  ed25519ExpandSeed(state, seed);
  return 0;
}

/**
 * Writes the 2,592-byte verification state of the 32-byte public key at `pub` to `state`; returns
 * 0, or ERR_KEY for an encoding that is non-canonical or off the curve. Variable-time: public inputs only.
 */
export function ed25519PublicKeyState(pub: usize, state: usize): i32 {
  return ed25519PreparePublic(state, pub);
}

/** Ed25519 signature (64 bytes to `sig`) of `len` bytes at `msg` under a private state. Constant-time. Returns 64. */
export function ed25519Sign(state: usize, msg: usize, len: usize, sig: usize): i32 {
  ed25519SignInto(sig, state, msg, len);
  return 64;
}

/** Checks a 64-byte signature under a public state: 0 or ERR_SIGNATURE. Variable-time: public inputs only. */
export function ed25519Verify(state: usize, msg: usize, len: usize, sig: usize): i32 {
  return ed25519VerifyWith(state, msg, len, sig);
}

/** 32-byte (64-byte little-endian number at `src` mod L) to `out`; exposed for differential tests. Constant-time. */
export function ed25519ScalarReduce(src: usize, out: usize): void {
  scReduce64(out, src);
}
