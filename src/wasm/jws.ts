/**
 * The fused JWS compact pipelines on the wasm core (assembly/jws/): one boundary crossing per
 * token each way (DESIGN.md "The token pipelines").
 * @module
 */

import { loader } from './loader.js';
import type { ShaBits } from './sha2.js';
import { loadKeySlot, wipeKeySlot } from './sha2.js';
import { readUtf8, writeUtf8 } from './text.js';

/** Upper bound of the base64url signature segment with its dot (HS512: 86 characters). */
const SIGNATURE_SEGMENT_MAX = 1 + 86;

/**
 * Signs: returns `header.b64url(payloadJson).b64url(HMAC)`, where `header` is the ASCII of the
 * already encoded protected header.
 */
export function signHmacJws(bits: ShaBits, state: Uint8Array, header: Uint8Array, payloadJson: string): string {
  const rt = loader.runtime;
  // Worst case: 3 UTF-8 bytes per UTF-16 unit, and 4/3 of that once encoded.
  rt.reserve(3 * payloadJson.length + 2 * header.length + 4 * payloadJson.length + SIGNATURE_SEGMENT_MAX + 4);
  const payloadLen = writeUtf8(rt, payloadJson);
  const headerPtr = rt.base + payloadLen;
  rt.u8.set(header, headerPtr);
  const out = headerPtr + header.length;
  const n = rt.exports.jwsHmacSign(bits, loadKeySlot(rt, state), headerPtr, header.length, rt.base, payloadLen, out);
  wipeKeySlot(rt);
  return readUtf8(rt, out, n);
}

/**
 * Checks the HMAC of `token` (dots at `dot1` and `dot2`) in constant time and returns its decoded
 * payload text, or null when the token is not ASCII or its signature or payload encoding is bad.
 * Throws TypeError when the signed payload is not UTF-8.
 */
export function verifyHmacJws(bits: ShaBits, state: Uint8Array, token: string, dot1: number, dot2: number): string | null {
  const rt = loader.runtime;
  rt.reserve(2 * token.length + 8);
  if (writeUtf8(rt, token) !== token.length) return null; // non-ASCII: never base64url segments
  const out = rt.base + token.length;
  const n = rt.exports.jwsHmacVerify(bits, loadKeySlot(rt, state), rt.base, token.length, dot1, dot2, out);
  wipeKeySlot(rt);
  return n < 0 ? null : readUtf8(rt, out, n);
}
