/**
 * The fused JWS compact pipelines on the wasm core (assembly/jws/): one boundary crossing per
 * token each way (DESIGN.md "The token pipelines").
 * @module
 */

import type { WasmRuntime } from './loader.js';
import { hashModule } from './modules/hash.js';
import type { ShaBits } from './sha2.js';
import { hmacKeyState, loadKeySlot, wipeKeySlot } from './sha2.js';
import { readUtf8, writeUtf8 } from './text.js';

/** Where a fused sign call finds the payload and the encoded header, and writes the token. */
export interface SigningInput {
  readonly payloadLen: number;
  readonly headerPtr: number;
  readonly out: number;
}

/**
 * Stages a signing input in scratch: the payload JSON as UTF-8 at the base, the encoded header
 * after it, the token written after that. Sized for the worst case: 3 UTF-8 bytes per UTF-16 unit,
 * 4/3 of that once encoded, and a signature segment (with its dot) of at most `signatureChars`.
 */
export function stageSigningInput(rt: WasmRuntime, header: Uint8Array, payloadJson: string, signatureChars: number): SigningInput {
  rt.reserve(7 * payloadJson.length + 2 * header.length + signatureChars + 4);
  const payloadLen = writeUtf8(rt, payloadJson);
  const headerPtr = rt.base + payloadLen;
  rt.u8.set(header, headerPtr);
  return { payloadLen, headerPtr, out: headerPtr + header.length };
}

/**
 * Stages a compact token in scratch with room after it for its decoded payload and `extra` bytes;
 * returns the payload output offset, or -1 when the token is not ASCII (never base64url segments).
 */
export function stageToken(rt: WasmRuntime, token: string, extra = 0): number {
  rt.reserve(2 * token.length + 8 + extra);
  return writeUtf8(rt, token) === token.length ? rt.base + token.length : -1;
}

/**
 * The key state of `signHmacJws` and `verifyHmacJws`: the HMAC midstates of `secret` and room for
 * the first-block cache the wasm pipelines keep in it (assembly/hash/hmac.ts
 * `hmacComputeCachingFirstBlock`). Constant-time in the secret.
 */
export function jwsHmacKeyState(bits: ShaBits, secret: Uint8Array): Uint8Array {
  const midstates = hmacKeyState(bits, secret);
  const state = new Uint8Array(hashModule.runtime.exports.jwsHmacStateLength(bits));
  state.set(midstates);
  midstates.fill(0);
  return state;
}

/**
 * After a pipeline call, copies the key slot back into `state` when the call refreshed its
 * first-block cache (the flag, the state's last byte, is set; it is kept clear in `state`, so a
 * call that returns before hashing leaves it clear too).
 */
function keepFirstBlockCache(rt: WasmRuntime, state: Uint8Array): void {
  const flag = state.length - 1;
  if (rt.u8[rt.keySlot + flag] === 0) return;
  state.set(rt.u8.subarray(rt.keySlot, rt.keySlot + flag));
}

/**
 * Signs: returns `header.b64url(payloadJson).b64url(HMAC)`, where `header` is the ASCII of the
 * already encoded protected header and `state` comes from `jwsHmacKeyState`.
 */
export function signHmacJws(bits: ShaBits, state: Uint8Array, header: Uint8Array, payloadJson: string): string {
  const rt = hashModule.runtime;
  const { payloadLen, headerPtr, out } = stageSigningInput(rt, header, payloadJson, 1 + 86);
  let n: number;
  try {
    n = rt.exports.jwsHmacSign(bits, loadKeySlot(rt, state), headerPtr, header.length, rt.base, payloadLen, out);
    keepFirstBlockCache(rt, state);
  } finally {
    wipeKeySlot(rt);
  }
  return readUtf8(rt, out, n);
}

/**
 * Checks the HMAC of `token` (dots at `dot1` and `dot2`) in constant time under a `jwsHmacKeyState`
 * and returns its decoded payload text, or null when the token is not ASCII or its signature or
 * payload encoding is bad. Throws TypeError when the signed payload is not UTF-8.
 */
export function verifyHmacJws(bits: ShaBits, state: Uint8Array, token: string, dot1: number, dot2: number): string | null {
  const rt = hashModule.runtime;
  const out = stageToken(rt, token);
  if (out < 0) return null;
  let n: number;
  try {
    n = rt.exports.jwsHmacVerify(bits, loadKeySlot(rt, state), rt.base, token.length, dot1, dot2, out);
    keepFirstBlockCache(rt, state);
  } finally {
    wipeKeySlot(rt);
  }
  return n < 0 ? null : readUtf8(rt, out, n);
}

/** What a verifier outside the hash module (RS*, PS*) needs from a compact token. */
export interface DigestedToken {
  /** SHA-`bits` digest of the JWS Signing Input, `header.payload` (RFC 7515 §5.2 step 8). */
  readonly digest: Uint8Array;
  readonly signature: Uint8Array;
  /** The payload segment's bytes, not yet checked as UTF-8 (the caller does, once the signature holds). */
  readonly payload: Uint8Array;
}

/**
 * From one staging of `token` (dots at `dot1`, `dot2`) in the hash module: the digest of its
 * signing input and its decoded signature and payload; null when the token is not ASCII or a
 * segment is not strict base64url. One copy of the token in, three results out, instead of a
 * slice, an encoding and a staging per part.
 */
export function digestToken(bits: ShaBits, token: string, dot1: number, dot2: number): DigestedToken | null {
  const rt = hashModule.runtime;
  // Each result fits after the token: a decoded segment is shorter than the token, a digest 64 bytes.
  const out = stageToken(rt, token, 64);
  if (out < 0) return null;
  const { exports } = rt;
  const signatureLen = exports.base64urlDecode(rt.base + dot2 + 1, token.length - dot2 - 1, out);
  if (signatureLen < 0) return null;
  const signature = rt.u8.slice(out, out + signatureLen);
  const payloadLen = exports.base64urlDecode(rt.base + dot1 + 1, dot2 - dot1 - 1, out);
  if (payloadLen < 0) return null;
  const payload = rt.u8.slice(out, out + payloadLen);
  const digestLen = exports.sha2(bits, rt.base, dot2, out);
  return { digest: rt.u8.slice(out, out + digestLen), signature, payload };
}
