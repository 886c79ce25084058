/**
 * The `gcm` wasm module (DESIGN.md "wasm modules"): GHASH (NIST SP 800-38D §6.4), the
 * authentication half of AES-GCM, for JWE content encryption (A128GCM, A256GCM) and key wrapping
 * (A128GCMKW, A256GCMKW). A module of its own so that a JWS app, which never uses it, does not carry
 * its 2 KB: a JWE app that names a GCM algorithm loads it. Built without SIMD, like `hash`.
 * @module
 */

import { ghashBlocks } from "./hash/ghash";
import { ERR_LENGTH } from "./util/status";

export { keySlot, keySlotSize, scratchBase, scratchCapacity, scratchReserve } from "./util/scratch";
export { nh, nhKey, nhKeyLength, nhOut } from "./hash/nh";

/**
 * GHASH (NIST SP 800-38D §6.4) for AES-GCM: Y ← GHASH_H(Y, data) with the 16-byte hash subkey at
 * `h` and the 16-byte accumulator at `y`, over `len` bytes at `data`. Returns 0, or ERR_LENGTH when
 * `len` is not a multiple of 16. Constant-time in H, Y and the data.
 */
export function ghash(h: usize, y: usize, data: usize, len: usize): i32 {
  if ((len & 15) != 0) return ERR_LENGTH;
  ghashBlocks(h, y, data, len);
  return 0;
}
