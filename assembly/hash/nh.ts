/**
 * NH, the universal hash of UMAC (RFC 4418 §5.2.2; Black, Halevi, Krawczyk, Krovetz, Rogaway,
 * "UMAC: Fast and Secure Message Authentication", CRYPTO 1999), in three Toeplitz lanes: the
 * key of the verified-token cache (src/jose/verify-cache.ts). For two different messages of one
 * padded length and a uniformly random key, one lane collides with probability at most 2^-32
 * (ibid., Theorem 4.2); Toeplitz lanes (key shifted by four words each, RFC 4418 §5.2.2's
 * iteration) multiply the bound, so all three collide with probability at most 2^-96.
 * Variable-time in the message length only; the key never leaves linear memory.
 *
 * Every wasm module exports NH (below), so the cache hashes in whichever module the bundle
 * already loads for its family (src/wasm/token-hash.ts) instead of pulling in the hash module.
 * @module
 */

import { ERR_LENGTH } from "../util/status";

/** Longest message in bytes (the cache's MAX_CACHED_TOKEN). */
export const NH_MAX_BYTES: usize = 8192;
/** Key words: one per message word, plus four per further lane (Toeplitz shift). */
export const NH_KEY_BYTES: usize = NH_MAX_BYTES + 2 * 16;
/** The key, filled with random bytes by the host before the first use. */
export const NH_KEY: usize = memory.data(<i32>NH_KEY_BYTES, 16);
/** Three 64-bit lane results. */
export const NH_OUT: usize = memory.data(24, 8);

/**
 * NH of `len` bytes at `msg` under NH_KEY, lanes written to NH_OUT. The message is zero-padded in place to a multiple of 8 bytes (the caller reserved the room),
 * so callers compare lengths separately. `len` must be at most NH_MAX_BYTES.
 *
 *   NH_K(M) = Σ ((m_2i + k_2i) mod 2^32) · ((m_2i+1 + k_2i+1) mod 2^32)  mod 2^64   (RFC 4418 §5.2.2)
 */
export function nhLanes(msg: usize, len: usize): void {
  const padded = (len + 7) & ~(<usize>7);
  for (let i = len; i < padded; i++) store<u8>(msg + i, 0);
  let a: u64 = 0;
  let b: u64 = 0;
  let c: u64 = 0;
  for (let i: usize = 0; i < padded; i += 8) {
    const m0 = load<u32>(msg + i);
    const m1 = load<u32>(msg + i, 4);
    const k = NH_KEY + i;
    // u32 additions wrap mod 2^32; the u64 products are exact, their sums wrap mod 2^64.
    a += <u64>(m0 + load<u32>(k)) * <u64>(m1 + load<u32>(k, 4));
    b += <u64>(m0 + load<u32>(k, 16)) * <u64>(m1 + load<u32>(k, 20));
    c += <u64>(m0 + load<u32>(k, 32)) * <u64>(m1 + load<u32>(k, 36));
  }
  store<u64>(NH_OUT, a);
  store<u64>(NH_OUT, b, 8);
  store<u64>(NH_OUT, c, 16);
}

/** Offset of the NH key region, which the host fills with random bytes once. */
export function nhKey(): usize {
  return NH_KEY;
}

/** Bytes of the NH key region. */
export function nhKeyLength(): usize {
  return NH_KEY_BYTES;
}

/** Offset of the three 64-bit NH lanes the last `nh` call wrote. */
export function nhOut(): usize {
  return NH_OUT;
}

/**
 * NH lanes of `len` bytes at `msg` (which needs 7 bytes of room after it for the zero padding),
 * written at `nhOut()`. Variable-time in `len` only. Returns 0, or ERR_LENGTH above NH_MAX_BYTES.
 */
export function nh(msg: usize, len: usize): i32 {
  if (len > NH_MAX_BYTES) return ERR_LENGTH;
  nhLanes(msg, len);
  return 0;
}
