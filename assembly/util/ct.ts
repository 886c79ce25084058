/**
 * Constant-time helpers: no branch and no memory index depends on the compared bytes.
 * @module
 */

/**
 * Compares `len` bytes at `a` and `b`. Constant-time in the contents (the length is public).
 * Returns 1 when equal, 0 otherwise.
 */
export function ctEqual(a: usize, b: usize, len: usize): i32 {
  let diff: u32 = 0;
  for (let i: usize = 0; i < len; i++) {
    diff |= <u32>(load<u8>(a + i) ^ load<u8>(b + i));
  }
  // (diff - 1) has its top bit set only when diff == 0; diff < 256 so no wrap-around ambiguity.
  return <i32>((diff - 1) >>> 31);
}

/** Zeroes `len` bytes at `ptr`: used to wipe buffers that held secret-derived data. */
// @ts-ignore: decorator
@inline export function wipe(ptr: usize, len: usize): void {
  memory.fill(ptr, 0, len);
}
