/**
 * The SHA-2 family behind one identifier (256, 384 or 512), so HMAC and the JWS code are written
 * once for the three JWA hash sizes (RFC 7518 §3.2).
 * @module
 */

import { SHA256_BLOCK, SHA256_STATE, sha256Compress, sha256Finish, sha256Init, sha256Output, sha256Wipe } from "./sha256";
import { SHA512_BLOCK, SHA512_STATE, sha512Compress, sha512Finish, sha512Init, sha512Output, sha512Wipe } from "./sha512";

/** Digest length in bytes of SHA-`bits`, or 0 for an unknown identifier. */
export function digestLength(bits: i32): usize {
  return bits == 256 || bits == 384 || bits == 512 ? <usize>(bits >>> 3) : 0;
}

/** Block length in bytes of SHA-`bits` (a known identifier). */
// @ts-ignore: decorator
@inline export function blockLength(bits: i32): usize {
  return bits == 256 ? SHA256_BLOCK : SHA512_BLOCK;
}

/** Chaining-state length in bytes of SHA-`bits` (a known identifier). */
// @ts-ignore: decorator
@inline export function stateLength(bits: i32): usize {
  return bits == 256 ? SHA256_STATE : SHA512_STATE;
}

export function shaInit(bits: i32, state: usize): void {
  if (bits == 256) sha256Init(state);
  else sha512Init(state, bits);
}

export function shaCompress(bits: i32, state: usize, block: usize): void {
  if (bits == 256) sha256Compress(state, block);
  else sha512Compress(state, block);
}

export function shaFinish(bits: i32, state: usize, msg: usize, len: usize, prefix: u64): void {
  if (bits == 256) sha256Finish(state, msg, len, prefix);
  else sha512Finish(state, msg, len, prefix);
}

export function shaOutput(bits: i32, state: usize, out: usize): void {
  if (bits == 256) sha256Output(state, out);
  else sha512Output(state, out, digestLength(bits));
}

export function shaWipe(bits: i32): void {
  if (bits == 256) sha256Wipe();
  else sha512Wipe();
}
