/**
 * HMAC over SHA-256/384/512, RFC 2104 (FIPS 198-1), with key pre-processing: a key is reduced
 * once to its inner and outer midstates (the chaining values after the K⊕ipad and K⊕opad blocks),
 * so each MAC afterwards costs only the message blocks plus one outer block.
 *
 * Key-state layout (`hmacStateLength` bytes): inner midstate ‖ outer midstate.
 * Constant-time in the key and message contents.
 * @module
 */

import { wipe } from "../util/ct";
import { blockLength, digestLength, shaCompress, shaFinish, shaInit, shaOutput, shaWipe, stateLength } from "./sha2";

/** K0 (RFC 2104 step 1–3), then K0⊕pad: one block of the largest size. */
const PAD_BLOCK: usize = memory.data(128);
/** Working chaining state, resumed from a midstate. */
const WORK: usize = memory.data(64);
/** Inner digest H(K⊕ipad ‖ m). */
const INNER: usize = memory.data(64);

/** Length of the pre-processed key state for SHA-`bits` (0 for an unknown identifier). */
export function hmacStateLength(bits: i32): usize {
  return digestLength(bits) == 0 ? 0 : stateLength(bits) << 1;
}

/**
 * Reduces the `keyLen`-byte key at `key` to its two midstates at `state` (RFC 2104 §2: keys longer
 * than a block are hashed first). Constant-time in the key bytes; wipes every buffer it used.
 */
export function hmacPrepareKey(bits: i32, key: usize, keyLen: usize, state: usize): void {
  const block = blockLength(bits);
  const half = stateLength(bits);
  memory.fill(PAD_BLOCK, 0, block);
  if (keyLen > block) {
    shaInit(bits, WORK);
    shaFinish(bits, WORK, key, keyLen, 0);
    shaOutput(bits, WORK, PAD_BLOCK);
  } else {
    memory.copy(PAD_BLOCK, key, keyLen);
  }
  for (let i: usize = 0; i < block; i++) store<u8>(PAD_BLOCK + i, load<u8>(PAD_BLOCK + i) ^ 0x36);
  shaInit(bits, state);
  shaCompress(bits, state, PAD_BLOCK);
  // (K0⊕ipad)⊕(0x36⊕0x5c) = K0⊕opad
  for (let i: usize = 0; i < block; i++) store<u8>(PAD_BLOCK + i, load<u8>(PAD_BLOCK + i) ^ 0x6a);
  shaInit(bits, state + half);
  shaCompress(bits, state + half, PAD_BLOCK);
  wipe(PAD_BLOCK, 128);
  wipe(WORK, 64);
  shaWipe(bits);
}

/**
 * Writes HMAC(K, m) of the `len` bytes at `msg` to `out` (the full digest length), from the key
 * state at `state`. Constant-time in the key and message contents.
 */
export function hmacCompute(bits: i32, state: usize, msg: usize, len: usize, out: usize): void {
  hmacFrom(bits, state, <u64>blockLength(bits), state + stateLength(bits), msg, len, out);
}

/**
 * Length of a key state that also caches a first message block (`hmacComputeCachingFirstBlock`):
 * inner ‖ outer midstate, the cached block, the inner chaining value after it, and a flag byte.
 */
export function hmacCachingStateLength(bits: i32): usize {
  return hmacStateLength(bits) + <usize>blockLength(bits) + stateLength(bits) + 1;
}

/**
 * `hmacCompute` for a key state laid out by `hmacCachingStateLength`. When the message's first
 * block is the cached one, the inner hash resumes from the chaining value after it; otherwise the
 * block is compressed and cached in `state`, and the flag byte (the state's last) set to 1 so the
 * caller keeps the new cache (it is 0 after a call that changed nothing). JWS signing inputs of one
 * issuer begin alike (the encoded header, then claims that start with the same member), so a token
 * usually needs one compression fewer than its five or six. Constant-time in the key; whether the
 * block matched shows in the time taken, and both blocks are message bytes (a JWS signing input,
 * which the token itself carries in the clear).
 */
export function hmacComputeCachingFirstBlock(bits: i32, state: usize, msg: usize, len: usize, out: usize): void {
  const block = blockLength(bits);
  const half = stateLength(bits);
  const cachedBlock = state + (half << 1);
  const cachedChain = cachedBlock + block;
  const flag = cachedChain + half;
  store<u8>(flag, 0);
  if (len < block) {
    hmacCompute(bits, state, msg, len, out);
    return;
  }
  let diff: u64 = 0;
  for (let i: usize = 0; i < block; i += 8) diff |= load<u64>(cachedBlock + i) ^ load<u64>(msg + i);
  if (diff != 0) {
    memory.copy(cachedChain, state, half);
    shaCompress(bits, cachedChain, msg);
    memory.copy(cachedBlock, msg, block);
    store<u8>(flag, 1);
  }
  hmacFrom(bits, cachedChain, <u64>(block << 1), state + half, msg + block, len - block, out);
}

/**
 * The inner hash of `len` bytes at `msg` resumed from the chaining value at `chain` (after
 * `absorbed` bytes: the key block, and a cached block), then the outer hash from `outer`; the
 * tag to `out`.
 */
function hmacFrom(bits: i32, chain: usize, absorbed: u64, outer: usize, msg: usize, len: usize, out: usize): void {
  const half = stateLength(bits);
  memory.copy(WORK, chain, half);
  shaFinish(bits, WORK, msg, len, absorbed);
  shaOutput(bits, WORK, INNER);
  memory.copy(WORK, outer, half);
  shaFinish(bits, WORK, INNER, digestLength(bits), <u64>blockLength(bits));
  shaOutput(bits, WORK, out);
  wipe(WORK, 64);
}
