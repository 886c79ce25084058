/**
 * UTF-8 transfer between JavaScript strings and the scratch region, with one shared encoder and
 * decoder (creating them per call costs more than the conversion).
 * @module
 */

import type { WasmRuntime } from './loader.js';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Writes `text` as UTF-8 at the start of the scratch region. Returns the byte count, or -1 when
 * the region (sized by the caller) was too small.
 */
export function writeUtf8(rt: WasmRuntime, text: string): number {
  const { read, written } = encoder.encodeInto(text, rt.scratch);
  return read === text.length ? written : -1;
}

/** Decodes `len` bytes at absolute offset `ptr` as UTF-8; throws TypeError on invalid UTF-8. */
export function readUtf8(rt: WasmRuntime, ptr: number, len: number): string {
  return strictDecoder.decode(rt.u8.subarray(ptr, ptr + len));
}
