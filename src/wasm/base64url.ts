/**
 * Strict base64url (RFC 4648 §5, no padding) on the wasm core.
 * @module
 */

import { hashModule } from './modules/hash.js';
import { readUtf8, writeUtf8 } from './text.js';

/** base64url text of `data`, without padding. */
export function base64urlEncode(data: Uint8Array): string {
  const rt = hashModule.runtime;
  const encodedLen = Math.ceil((data.length * 4) / 3);
  rt.reserve(data.length + encodedLen);
  rt.scratch.set(data);
  const out = rt.base + data.length;
  const n = rt.exports.base64urlEncode(rt.base, data.length, out);
  return readUtf8(rt, out, n);
}

/** Bytes of strict base64url `text`, or null when it is not canonical unpadded base64url. */
export function base64urlDecode(text: string): Uint8Array | null {
  const rt = hashModule.runtime;
  rt.reserve(text.length * 3);
  const len = writeUtf8(rt, text);
  if (len !== text.length) return null; // non-ASCII: not base64url
  const n = rt.exports.base64urlDecode(rt.base, len, rt.base);
  return n < 0 ? null : rt.u8.slice(rt.base, rt.base + n);
}
