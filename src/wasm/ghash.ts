/**
 * GHASH (NIST SP 800-38D §6.4) on the gcm module (assembly/hash/ghash.ts), for AES-GCM. The hash
 * subkey H crosses in the key slot, which is wiped after the call.
 * @module
 */

import { gcmModule } from './modules/gcm.js';
import { loadKeySlot, wipeKeySlot } from './sha2.js';

/**
 * GHASH_H of `blocks` (a multiple of 16 bytes, already padded and ending with the length block),
 * from a zero accumulator: the 16-byte S of SP 800-38D §7.1 step 5. Constant-time in H and the data.
 */
export function ghash(h: Uint8Array, blocks: Uint8Array): Uint8Array {
  if (h.length !== 16 || blocks.length % 16 !== 0) throw new RangeError('GHASH takes a 16-byte H and whole blocks');
  const rt = gcmModule.runtime;
  rt.reserve(blocks.length + 16);
  const y = rt.base;
  const data = y + 16;
  rt.u8.fill(0, y, data);
  rt.u8.set(blocks, data);
  try {
    rt.exports.ghash(loadKeySlot(rt, h), y, data, blocks.length);
    return rt.u8.slice(y, data);
  } finally {
    wipeKeySlot(rt);
    rt.u8.fill(0, y, data + blocks.length);
  }
}
