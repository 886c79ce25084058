/**
 * The scratch region through which inputs and outputs cross the boundary, and the key-state slot.
 * Every wasm module (each entry file: hash.ts, gcm.ts, ed25519.ts, p256.ts, …) links its own copy,
 * so each has its own region and slot in its own linear memory. The region only moves when a caller needs more than it
 * holds (rare: tokens are bounded), so per-operation work allocates nothing; with the stub runtime
 * a moved-from region is not freed.
 * @module
 */

const INITIAL_SCRATCH: usize = 64 * 1024;

let scratchPtr: usize = heap.alloc(INITIAL_SCRATCH);
let scratchCap: usize = INITIAL_SCRATCH;

/** Key state copied in per operation and wiped after it (the HS512 JWS key state: 321 bytes). */
export const KEY_SLOT: usize = memory.data(384);
export const KEY_SLOT_SIZE: usize = 384;

/** Offset of the key-state slot. */
export function keySlot(): usize {
  return KEY_SLOT;
}

/** Size of the key-state slot. */
export function keySlotSize(): usize {
  return KEY_SLOT_SIZE;
}

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
