/**
 * SHA-2 and HMAC on the wasm core (assembly/hash/), for callers that hold whole messages.
 * Key states are the pre-processed HMAC midstates (RFC 2104 §4), computed once per key.
 * @module
 */

import { loader, type WasmRuntime } from './loader.js';

export type ShaBits = 256 | 384 | 512;

/** Copies `data` to the scratch region (growing it to `data.length + extra`); returns its offset. */
function stage(rt: WasmRuntime, data: Uint8Array, extra: number): number {
  rt.reserve(data.length + extra);
  rt.scratch.set(data);
  return rt.base;
}

/** Runs `fn` with `state` in the key slot, and wipes the slot afterwards whatever happens. */
export function withKeySlot<T>(rt: WasmRuntime, state: Uint8Array, fn: (slot: number) => T): T {
  rt.u8.set(state, rt.keySlot);
  try {
    return fn(rt.keySlot);
  } finally {
    rt.u8.fill(0, rt.keySlot, rt.keySlot + state.length);
  }
}

/** SHA-`bits` digest of `data`. */
export function sha2(bits: ShaBits, data: Uint8Array): Uint8Array {
  const rt = loader.runtime;
  const ptr = stage(rt, data, 64);
  const out = ptr + data.length;
  const n = rt.exports.sha2(bits, ptr, data.length, out);
  return rt.u8.slice(out, out + n);
}

/** The HMAC-SHA-`bits` key state (inner ‖ outer midstate) of `key`. Constant-time in the key. */
export function hmacKeyState(bits: ShaBits, key: Uint8Array): Uint8Array {
  const rt = loader.runtime;
  const stateLen = rt.exports.hmacKeyStateLength(bits);
  const ptr = stage(rt, key, stateLen);
  const out = ptr + key.length;
  rt.exports.hmacKey(bits, ptr, key.length, out);
  const state = rt.u8.slice(out, out + stateLen);
  rt.u8.fill(0, ptr, out + stateLen); // the raw key and its midstates leave no copy behind
  return state;
}

/** HMAC-SHA-`bits` of `data` under a key state from `hmacKeyState`. */
export function hmac(bits: ShaBits, state: Uint8Array, data: Uint8Array): Uint8Array {
  const rt = loader.runtime;
  const ptr = stage(rt, data, 64);
  const out = ptr + data.length;
  const n = withKeySlot(rt, state, (slot) => rt.exports.hmac(bits, slot, ptr, data.length, out));
  return rt.u8.slice(out, out + n);
}

/**
 * Whether `tag` (the full tag, or a truncated prefix of it) is the HMAC of `data`; the comparison
 * is constant-time in wasm.
 */
export function hmacVerify(bits: ShaBits, state: Uint8Array, data: Uint8Array, tag: Uint8Array): boolean {
  const rt = loader.runtime;
  const ptr = stage(rt, data, tag.length);
  const tagPtr = ptr + data.length;
  rt.u8.set(tag, tagPtr);
  const status = withKeySlot(rt, state, (slot) => rt.exports.hmacVerify(bits, slot, ptr, data.length, tagPtr, tag.length));
  return status === 0;
}
