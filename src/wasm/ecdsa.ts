/**
 * ECDSA P-256 / P-384 / P-521 on the wasm core. https://www.rfc-editor.org/rfc/rfc7518#section-3.4
 *
 * assembly/sig/ecdsa.ts and assembly/jws/ecdsa.ts: raw signatures r ‖ s (RFC 7518 §3.4) and the
 * fused JWS pipelines, one boundary crossing each. Every function takes the loader of its curve's
 * module (src/wasm/modules/p256.ts, …), so a bundle carries the curves its algorithms name only.
 * Private scalars cross in the key slot, which is wiped after every call.
 * @module
 */

import { KeyError } from '../core/errors.js';
import type { CurveModule } from './modules/curve.js';
import { loadKeySlot, wipeKeySlot } from './sha2.js';
import { readUtf8 } from './text.js';
import { stageSigningInput, stageToken } from './jws.js';

/** Public key x ‖ y of the private scalar `d`, or null when d ∉ [1, n−1]. Constant-time in d (wasm). */
export function ecPublicKey(curve: CurveModule, d: Uint8Array): Uint8Array | null {
  const rt = curve.runtime;
  const len = rt.exports.ecCoordinateLength();
  rt.reserve(2 * len);
  let status: number;
  try {
    status = rt.exports.ecPublicKey(loadKeySlot(rt, d), rt.base);
  } finally {
    wipeKeySlot(rt);
  }
  return status === 0 ? rt.u8.slice(rt.base, rt.base + 2 * len) : null;
}

/** Whether x ‖ y is a point of the curve (SEC 1 §3.2.2.1). */
export function ecPublicKeyValid(curve: CurveModule, xy: Uint8Array): boolean {
  const rt = curve.runtime;
  rt.reserve(xy.length);
  rt.scratch.set(xy);
  return xy.length === 2 * rt.exports.ecCoordinateLength() && rt.exports.ecPublicCheckVartime(rt.base) === 0;
}

/**
 * The verification table of the public key x ‖ y (512 precomputed multiples: 36 KiB for P-256, 76
 * KiB for P-521), which makes each later verification with that key about three times as fast;
 * null when x ‖ y is not on the curve.
 */
export function ecVerificationTable(curve: CurveModule, xy: Uint8Array): Uint8Array | null {
  const rt = curve.runtime;
  const n = rt.exports.ecTableLength();
  rt.reserve(xy.length + n);
  rt.scratch.set(xy);
  const out = rt.base + xy.length;
  return rt.exports.ecPrecomputeVartime(rt.base, out) === 0 ? rt.u8.slice(out, out + n) : null;
}

/** Raw ECDSA signature r ‖ s of `message` (hashed with SHA-256/384/512), nonce per RFC 6979. */
export function ecdsaSign(curve: CurveModule, d: Uint8Array, message: Uint8Array): Uint8Array {
  const rt = curve.runtime;
  const sigLen = 2 * rt.exports.ecCoordinateLength();
  rt.reserve(message.length + sigLen);
  rt.scratch.set(message);
  const out = rt.base + message.length;
  let n: number;
  try {
    n = rt.exports.ecdsaSign(loadKeySlot(rt, d), rt.base, message.length, out);
  } finally {
    wipeKeySlot(rt);
  }
  if (n !== sigLen) throw new KeyError('invalid EC private key');
  return rt.u8.slice(out, out + n);
}

/**
 * Whether `signature` (r ‖ s) is valid for `message` under the public key x ‖ y, using its
 * verification table (ecVerificationTable) when given.
 */
export function ecdsaVerify(curve: CurveModule, xy: Uint8Array, message: Uint8Array, signature: Uint8Array, table?: Uint8Array): boolean {
  const rt = curve.runtime;
  const len = rt.exports.ecCoordinateLength();
  if (xy.length !== 2 * len) return false;
  rt.reserve(message.length + signature.length + xy.length + (table?.length ?? 0));
  rt.scratch.set(message);
  const sig = rt.base + message.length;
  rt.u8.set(signature, sig);
  const pub = sig + signature.length;
  rt.u8.set(xy, pub);
  const tablePtr = table === undefined ? 0 : pub + xy.length;
  if (table !== undefined) rt.u8.set(table, tablePtr);
  return rt.exports.ecdsaVerifyVartime(pub, tablePtr, rt.base, message.length, sig, signature.length) === 0;
}

/** Signs: `header.b64url(payloadJson).b64url(r ‖ s)` from the encoded header's ASCII bytes. */
export function signEcdsaJws(curve: CurveModule, d: Uint8Array, header: Uint8Array, payloadJson: string): string {
  const rt = curve.runtime;
  // The signature segment with its dot: ES512's 132 bytes are 176 characters.
  const { payloadLen, headerPtr, out } = stageSigningInput(rt, header, payloadJson, 1 + 176);
  let n: number;
  try {
    n = rt.exports.jwsEcdsaSign(loadKeySlot(rt, d), headerPtr, header.length, rt.base, payloadLen, out);
  } finally {
    wipeKeySlot(rt);
  }
  if (n < 0) throw new KeyError('invalid EC private key'); // unreachable: keys are checked on import
  return readUtf8(rt, out, n);
}

/**
 * Checks the ECDSA signature of `token` (dots at `dot1`, `dot2`) against the public key x ‖ y, or
 * its verification table when given, and returns its decoded payload text, or null when the token
 * is not ASCII or the signature or payload encoding is bad. Throws TypeError when the signed
 * payload is not UTF-8.
 */
export function verifyEcdsaJws(
  curve: CurveModule,
  xy: Uint8Array,
  table: Uint8Array | undefined,
  token: string,
  dot1: number,
  dot2: number,
): string | null {
  const rt = curve.runtime;
  const out = stageToken(rt, token, table === undefined ? 0 : table.length);
  if (out < 0) return null;
  // The payload decodes into [out, out + ¾·len); the table goes after the worst case.
  const tablePtr = table === undefined ? 0 : out + token.length + 8;
  if (table !== undefined) rt.u8.set(table, tablePtr);
  const n = rt.exports.jwsEcdsaVerifyVartime(loadKeySlot(rt, xy), tablePtr, rt.base, token.length, dot1, dot2, out);
  wipeKeySlot(rt);
  return n < 0 ? null : readUtf8(rt, out, n);
}
