/**
 * The one scratch region through which inputs and outputs cross the boundary, and the key-state
 * slot. The region only moves when a caller needs more than it holds (rare: tokens are bounded),
 * so per-operation work allocates nothing; with the stub runtime a moved-from region is not freed.
 * @module
 */

const INITIAL_SCRATCH: usize = 64 * 1024;

let scratchPtr: usize = heap.alloc(INITIAL_SCRATCH);
let scratchCap: usize = INITIAL_SCRATCH;

/** Key state copied in per operation and wiped after it (HMAC midstates: up to 128 bytes). */
export const KEY_SLOT: usize = memory.data(256);
export const KEY_SLOT_SIZE: usize = 256;

export function scratchBase(): usize {
  return scratchPtr;
}

export function scratchCapacity(): usize {
  return scratchCap;
}

/** Ensures the scratch region holds `bytes` (contents are not preserved when it moves). */
export function scratchReserve(bytes: usize): usize {
  if (bytes > scratchCap) {
    const cap = max(bytes, scratchCap << 1);
    scratchPtr = heap.alloc(cap);
    scratchCap = cap;
  }
  return scratchPtr;
}
