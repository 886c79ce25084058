/**
 * The two NIST curves behind one identifier, so curve/weierstrass.ts and sig/ecdsa.ts are written
 * once: curve 0 is P-256 (secp256r1), curve 1 is P-384 (secp384r1), SP 800-186 §3.2.1.3–4.
 * The branch is on the public curve identifier only. Element sizes differ (36 and 56 bytes); every
 * buffer used with these functions is sized for the larger, `FE_STRIDE` bytes.
 * https://doi.org/10.6028/NIST.SP.800-186
 * @module
 */

import {
  P256_B, P256_CLEN, P256_COMB_BITS, P256_ENTRIES, P256_FE, P256_G, P256_TABLE, P256_WINDOWS, P256FE_ONE,
  p256FeAdd, p256FeCanon, p256FeCmov, p256FeCopy, p256FeFromBytes, p256FeInv, p256FeIsZero, p256FeMul, p256FeNeg, p256FeSqr, p256FeSub, p256FeToBytes,
  p256ScAdd, p256ScFromBytes, p256ScFromBytesReduce, p256ScInv, p256ScIsZero, p256ScMul, p256ScToBytes,
} from "./p256";
import {
  P384_B, P384_CLEN, P384_COMB_BITS, P384_ENTRIES, P384_FE, P384_G, P384_TABLE, P384_WINDOWS, P384FE_ONE,
  p384FeAdd, p384FeCanon, p384FeCmov, p384FeCopy, p384FeFromBytes, p384FeInv, p384FeIsZero, p384FeMul, p384FeNeg, p384FeSqr, p384FeSub, p384FeToBytes,
  p384ScAdd, p384ScFromBytes, p384ScFromBytesReduce, p384ScInv, p384ScIsZero, p384ScMul, p384ScToBytes,
} from "./p384";

export const CURVE_P256: i32 = 0;
export const CURVE_P384: i32 = 1;

/** Byte stride of every field-element / scalar buffer (≥ the 56 bytes of a P-384 element). */
export const FE_STRIDE: usize = 64;

/** Whether `c` names a curve of this module. */
// @ts-ignore: decorator
@inline export function curveKnown(c: i32): bool {
  return c == CURVE_P256 || c == CURVE_P384;
}

/** Coordinate and scalar length in bytes (SEC 1 §2.3.5): 32 or 48. */
// @ts-ignore: decorator
@inline export function curveLen(c: i32): usize {
  return c == CURVE_P256 ? P256_CLEN : P384_CLEN;
}
/** Bytes of one element in the fixed-base table. */
// @ts-ignore: decorator
@inline export function feSize(c: i32): usize {
  return c == CURVE_P256 ? P256_FE : P384_FE;
}
/** SHA-2 size paired with the curve by RFC 7518 §3.4: SHA-256 for P-256, SHA-384 for P-384. */
// @ts-ignore: decorator
@inline export function curveHashBits(c: i32): i32 {
  return c == CURVE_P256 ? 256 : 384;
}
// @ts-ignore: decorator
@inline export function curveB(c: i32): usize {
  return c == CURVE_P256 ? P256_B : P384_B;
}
// @ts-ignore: decorator
@inline export function curveG(c: i32): usize {
  return c == CURVE_P256 ? P256_G : P384_G;
}
// @ts-ignore: decorator
@inline export function curveTable(c: i32): usize {
  return c == CURVE_P256 ? P256_TABLE : P384_TABLE;
}
/** Windows of the fixed-base comb (signed radix 2^combBits digits, plus the final carry). */
// @ts-ignore: decorator
@inline export function combWindows(c: i32): usize {
  return c == CURVE_P256 ? P256_WINDOWS : P384_WINDOWS;
}
// @ts-ignore: decorator
@inline export function combBits(c: i32): u32 {
  return <u32>(c == CURVE_P256 ? P256_COMB_BITS : P384_COMB_BITS);
}
/** Entries per comb window: 2^(combBits − 1). */
// @ts-ignore: decorator
@inline export function combEntries(c: i32): usize {
  return c == CURVE_P256 ? P256_ENTRIES : P384_ENTRIES;
}
/** Signed radix-16 digits of a scalar (verification's u2·Q): 2·curveLen + 1. */
// @ts-ignore: decorator
@inline export function radix16Windows(c: i32): usize {
  return (curveLen(c) << 1) + 1;
}
// @ts-ignore: decorator
@inline export function feOne(c: i32): usize {
  return c == CURVE_P256 ? P256FE_ONE : P384FE_ONE;
}

// Field GF(p): dispatchers to field/p256.ts and field/p384.ts, constant-time like the functions they
// call (the branch is on the public curve identifier only); values lazy in [0, 2p), Montgomery domain.
// @ts-ignore: decorator
@inline export function fMul(c: i32, o: usize, a: usize, b: usize): void {
  if (c == CURVE_P256) p256FeMul(o, a, b); else p384FeMul(o, a, b);
}
// @ts-ignore: decorator
@inline export function fSqr(c: i32, o: usize, a: usize): void {
  if (c == CURVE_P256) p256FeSqr(o, a); else p384FeSqr(o, a);
}
// @ts-ignore: decorator
@inline export function fAdd(c: i32, o: usize, a: usize, b: usize): void {
  if (c == CURVE_P256) p256FeAdd(o, a, b); else p384FeAdd(o, a, b);
}
// @ts-ignore: decorator
@inline export function fSub(c: i32, o: usize, a: usize, b: usize): void {
  if (c == CURVE_P256) p256FeSub(o, a, b); else p384FeSub(o, a, b);
}
// @ts-ignore: decorator
@inline export function fNeg(c: i32, o: usize, a: usize): void {
  if (c == CURVE_P256) p256FeNeg(o, a); else p384FeNeg(o, a);
}
// @ts-ignore: decorator
@inline export function fCanon(c: i32, o: usize, a: usize): void {
  if (c == CURVE_P256) p256FeCanon(o, a); else p384FeCanon(o, a);
}
// @ts-ignore: decorator
@inline export function fCmov(c: i32, o: usize, a: usize, mask: u32): void {
  if (c == CURVE_P256) p256FeCmov(o, a, mask); else p384FeCmov(o, a, mask);
}
// @ts-ignore: decorator
@inline export function fCopy(c: i32, o: usize, a: usize): void {
  if (c == CURVE_P256) p256FeCopy(o, a); else p384FeCopy(o, a);
}
// @ts-ignore: decorator
@inline export function fIsZero(c: i32, a: usize): u32 {
  return c == CURVE_P256 ? p256FeIsZero(a) : p384FeIsZero(a);
}
// @ts-ignore: decorator
@inline export function fInv(c: i32, o: usize, a: usize): void {
  if (c == CURVE_P256) p256FeInv(o, a); else p384FeInv(o, a);
}
/** Returns 1 when the encoded value is < p. */
// @ts-ignore: decorator
@inline export function fFromBytes(c: i32, o: usize, src: usize): u32 {
  return c == CURVE_P256 ? p256FeFromBytes(o, src) : p384FeFromBytes(o, src);
}
// @ts-ignore: decorator
@inline export function fToBytes(c: i32, dst: usize, a: usize): void {
  if (c == CURVE_P256) p256FeToBytes(dst, a); else p384FeToBytes(dst, a);
}

// Scalars mod n: dispatchers as above, constant-time; values lazy in [0, 2n), Montgomery domain.
// @ts-ignore: decorator
@inline export function sMul(c: i32, o: usize, a: usize, b: usize): void {
  if (c == CURVE_P256) p256ScMul(o, a, b); else p384ScMul(o, a, b);
}
// @ts-ignore: decorator
@inline export function sAdd(c: i32, o: usize, a: usize, b: usize): void {
  if (c == CURVE_P256) p256ScAdd(o, a, b); else p384ScAdd(o, a, b);
}
// @ts-ignore: decorator
@inline export function sInv(c: i32, o: usize, a: usize): void {
  if (c == CURVE_P256) p256ScInv(o, a); else p384ScInv(o, a);
}
// @ts-ignore: decorator
@inline export function sIsZero(c: i32, a: usize): u32 {
  return c == CURVE_P256 ? p256ScIsZero(a) : p384ScIsZero(a);
}
/** Returns 1 when the encoded value is < n. */
// @ts-ignore: decorator
@inline export function sFromBytes(c: i32, o: usize, src: usize): u32 {
  return c == CURVE_P256 ? p256ScFromBytes(o, src) : p384ScFromBytes(o, src);
}
// @ts-ignore: decorator
@inline export function sFromBytesReduce(c: i32, o: usize, src: usize): void {
  if (c == CURVE_P256) p256ScFromBytesReduce(o, src); else p384ScFromBytesReduce(o, src);
}
// @ts-ignore: decorator
@inline export function sToBytes(c: i32, dst: usize, a: usize): void {
  if (c == CURVE_P256) p256ScToBytes(dst, a); else p384ScToBytes(dst, a);
}
