/**
 * SHA-2 and HMAC on the wasm core (assembly/hash/), for callers that hold whole messages.
 * Key states are the pre-processed HMAC midstates (RFC 2104 §4), computed once per key.
 * @module
 */

import type { WasmRuntime } from './loader.js';
import { hashModule } from './modules/hash.js';

export type ShaBits = 256 | 384 | 512;

/** Copies `data` to the scratch region (growing it to `data.length + extra`); returns its offset. */
function stage(rt: WasmRuntime, data: Uint8Array, extra: number): number {
  rt.reserve(data.length + extra);
  rt.scratch.set(data);
  return rt.base;
}

/** Copies a key state into the key slot for one call; returns the slot offset. */
export function loadKeySlot(rt: WasmRuntime, state: Uint8Array): number {
  rt.u8.set(state, rt.keySlot);
  return rt.keySlot;
}

/**
 * Wipes the key slot after the call that used it. Callers wipe in `finally`: entry points return
 * statuses, but a trap (an internal error) must not leave key state behind either (STYLE.md §7).
 */
export function wipeKeySlot(rt: WasmRuntime): void {
  rt.u8.fill(0, rt.keySlot, rt.keySlot + rt.keySlotSize);
}

/** SHA-`bits` digest of `data`. */
export function sha2(bits: ShaBits, data: Uint8Array): Uint8Array {
  const rt = hashModule.runtime;
  const ptr = stage(rt, data, 64);
  const out = ptr + data.length;
  const n = rt.exports.sha2(bits, ptr, data.length, out);
  return rt.u8.slice(out, out + n);
}

/** The HMAC-SHA-`bits` key state (inner ‖ outer midstate) of `key`. Constant-time in the key. */
export function hmacKeyState(bits: ShaBits, key: Uint8Array): Uint8Array {
  const rt = hashModule.runtime;
  const stateLen = rt.exports.hmacKeyStateLength(bits);
  const ptr = stage(rt, key, stateLen);
  const out = ptr + key.length;
  try {
    rt.exports.hmacKey(bits, ptr, key.length, out);
    return rt.u8.slice(out, out + stateLen);
  } finally {
    rt.u8.fill(0, ptr, out + stateLen); // the raw key and its midstates leave no copy behind, even on a trap
  }
}

/** HMAC-SHA-`bits` of `data` under a key state from `hmacKeyState`. */
export function hmac(bits: ShaBits, state: Uint8Array, data: Uint8Array): Uint8Array {
  const rt = hashModule.runtime;
  const ptr = stage(rt, data, 64);
  const out = ptr + data.length;
  let n: number;
  try {
    n = rt.exports.hmac(bits, loadKeySlot(rt, state), ptr, data.length, out);
  } finally {
    wipeKeySlot(rt);
  }
  return rt.u8.slice(out, out + n);
}

/**
 * Whether `tag` (the full tag, or a truncated prefix of it) is the HMAC of `data`; the comparison
 * is constant-time in wasm.
 */
export function hmacVerify(bits: ShaBits, state: Uint8Array, data: Uint8Array, tag: Uint8Array): boolean {
  const rt = hashModule.runtime;
  const ptr = stage(rt, data, tag.length);
  const tagPtr = ptr + data.length;
  rt.u8.set(tag, tagPtr);
  let status: number;
  try {
    status = rt.exports.hmacVerify(bits, loadKeySlot(rt, state), ptr, data.length, tagPtr, tag.length);
  } finally {
    wipeKeySlot(rt);
  }
  return status === 0;
}
