/**
 * The verified-token cache's keyed hash: NH (RFC 4418 §5.2.2, UMAC's universal hash) in three
 * lanes (assembly/hash/nh.ts), under a key of random bytes written into linear memory once per
 * instance. Every wasm module exports NH; the cache uses one the bundle already has (`anyModule`),
 * so an ES256 or EdDSA app does not carry the hash module for its cache. Only ASCII tokens are
 * hashed (a compact JWS is ASCII, RFC 7515 §7.1), so the bytes hashed are the characters themselves.
 * @module
 */

import { anyModule, type ScratchExports, type WasmModule, type WasmRuntime } from './loader.js';
import { writeUtf8 } from './text.js';

/** The module that hashes every token: chosen once, so one key hashes them all. */
let hasher: WasmModule | undefined;
/** The instance whose NH key is set, and a 32-bit view of its memory (rebuilt when memory moves). */
let keyed: ScratchExports | undefined;
let words: Int32Array<ArrayBufferLike> = new Int32Array(0);

/** Fills the NH key with random bytes the first time an instance is used. */
function ready(rt: WasmRuntime): void {
  if (keyed === rt.exports) return;
  const start = rt.exports.nhKey();
  const key = rt.u8.subarray(start, start + rt.exports.nhKeyLength());
  // getRandomValues fills at most 65,536 bytes per call; the key is 8 KiB and a little.
  crypto.getRandomValues(key);
  keyed = rt.exports;
}

/**
 * Writes the six 32-bit words of the NH lanes of `token` to `out` and returns true; false when it
 * is not hashed here (not ASCII, or longer than `maxLength` — the caller's bound, at most the
 * module's 8 KiB), or when no module can run now.
 */
export function tokenHash(token: string, maxLength: number, out: Int32Array): boolean {
  if (token.length > maxLength) return false;
  hasher ??= anyModule();
  if (hasher === undefined) return false;
  const rt = hasher.runtime;
  ready(rt);
  rt.reserve(token.length + 8);
  // A non-ASCII character takes more than one UTF-8 byte: then the byte count differs.
  if (writeUtf8(rt, token) !== token.length || rt.exports.nh(rt.base, token.length) !== 0) return false;
  const buffer = rt.u8.buffer;
  if (words.buffer !== buffer) words = new Int32Array(buffer);
  const at = rt.exports.nhOut() >> 2;
  out[0] = words[at]!;
  out[1] = words[at + 1]!;
  out[2] = words[at + 2]!;
  out[3] = words[at + 3]!;
  out[4] = words[at + 4]!;
  out[5] = words[at + 5]!;
  return true;
}
