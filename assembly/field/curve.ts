/**
 * The NIST curve of this wasm module, chosen at compile time: each curve module (assembly/p256.ts,
 * p384.ts, p521.ts) is compiled with `--use CURVE_BITS=256|384|521` (asconfig.json), so every
 * `CURVE_BITS == …` test below is a compile-time constant and the other curves' field code is never
 * compiled into the module. curve/weierstrass.ts and sig/ecdsa.ts are written once against these
 * names. P-256, P-384 and P-521 are SP 800-186 §3.2.1.3–5. https://doi.org/10.6028/NIST.SP.800-186
 * @module
 */

import {
  P256_B, P256_CLEN, P256_FE, P256_G, P256_N_BYTES, P256FE_ONE,
  p256FeAdd, p256FeAddL, p256FeMulSub2L, p256FeSqrSub4L, p256FeReduce, p256FeSub2L, p256FeSub4L, p256FeSub8L, p256FeCanon, p256FeCmov, p256FeCopy, p256FeFromBytes, p256FeInv, p256FeIsZero, p256FeMul, p256FeNeg, p256FeSqr, p256FeSub, p256FeToBytes,
  p256ScAdd, p256ScFromBytes, p256ScFromBytesPlain, p256ScFromBytesReduce, p256ScFromBytesReducePlain, p256ScFromMont, p256ScInv, p256ScIsZero, p256ScMul,
  p256ScToBytes, p256ScToBytesPlain, p256InvPair,
} from "./p256";
import {
  P384_B, P384_CLEN, P384_FE, P384_G, P384_N_BYTES, P384FE_ONE,
  p384FeAdd, p384FeAddL, p384FeReduce, p384FeSub2L, p384FeSub4L, p384FeSub8L, p384FeCanon, p384FeCmov, p384FeCopy, p384FeFromBytes, p384FeInv, p384FeIsZero, p384FeMul, p384FeNeg, p384FeSqr, p384FeSub, p384FeToBytes,
  p384ScAdd, p384ScFromBytes, p384ScFromBytesPlain, p384ScFromBytesReduce, p384ScFromBytesReducePlain, p384ScFromMont, p384ScInv, p384ScIsZero, p384ScMul,
  p384ScToBytes, p384ScToBytesPlain,
} from "./p384";
import {
  P521_B, P521_CLEN, P521_FE, P521_G, P521_N_BYTES, P521FE_ONE,
  p521FeAdd, p521FeAddL, p521FeReduce, p521FeSub2L, p521FeSub4L, p521FeSub8L, p521FeCanon, p521FeCmov, p521FeCopy, p521FeFromBytes, p521FeInv, p521FeIsZero, p521FeMul, p521FeNeg, p521FeSqr, p521FeSub, p521FeToBytes,
  p521ScAdd, p521ScFromBytes, p521ScFromBytesPlain, p521ScFromBytesReduce, p521ScFromBytesReducePlain, p521ScFromMont, p521ScInv, p521ScIsZero, p521ScMul,
  p521ScToBytes, p521ScToBytesPlain,
} from "./p521";
import { P256_COMB_BITS, P256_ENTRIES, P256_TABLE, P256_WINDOWS } from "../curve/p256-comb";
import { P384_COMB_BITS, P384_ENTRIES, P384_TABLE, P384_WINDOWS } from "../curve/p384-comb";
import { P521_COMB_BITS, P521_ENTRIES, P521_TABLE, P521_WINDOWS } from "../curve/p521-comb";

/** The curve's bit length, set per module by the compiler (`--use CURVE_BITS=…`). */
// @ts-ignore: compile-time constant introduced by asc
export const CURVE: i32 = CURVE_BITS;
const P256 = CURVE == 256;
const P384 = CURVE == 384;

/** Coordinate and scalar length in bytes, ⌈bits/8⌉ (SEC 1 §2.3.5): 32, 48 or 66. */
export const CLEN: usize = P256 ? P256_CLEN : P384 ? P384_CLEN : P521_CLEN;
/** Bytes of one element (29-bit limbs): 36, 56 or 76; every element buffer and point coordinate. */
export const FE_STRIDE: usize = P256 ? P256_FE : P384 ? P384_FE : P521_FE;
/** SHA-2 size paired with the curve by RFC 7518 §3.4: SHA-256, SHA-384, SHA-512. */
export const HASH_BITS: i32 = P256 ? 256 : P384 ? 384 : 512;
// The addresses of the curve's constants are functions (scripts/gen-nist.mjs lazyData): a module
// then holds the data of its own curve only. The optimizer folds each call into its address.
/** Curve coefficient b, base point G (x ‖ y), and 1, Montgomery domain. */
// @ts-ignore: decorator
@inline export function CURVE_B(): usize { return P256 ? P256_B() : P384 ? P384_B() : P521_B(); }
// @ts-ignore: decorator
@inline export function CURVE_G(): usize { return P256 ? P256_G() : P384 ? P384_G() : P521_G(); }
// @ts-ignore: decorator
@inline export function FE_ONE(): usize { return P256 ? P256FE_ONE() : P384 ? P384FE_ONE() : P521FE_ONE(); }
/** The group order n, CLEN big-endian bytes. */
// @ts-ignore: decorator
@inline export function N_BYTES(): usize { return P256 ? P256_N_BYTES() : P384 ? P384_N_BYTES() : P521_N_BYTES(); }
/** The fixed-base comb: table, radix 2^COMB_BITS, windows (signed digits plus the final carry), entries per window 2^(COMB_BITS − 1). */
// @ts-ignore: decorator
@inline export function COMB_TABLE(): usize { return P256 ? P256_TABLE() : P384 ? P384_TABLE() : P521_TABLE(); }
export const COMB_BITS: u32 = <u32>(P256 ? P256_COMB_BITS : P384 ? P384_COMB_BITS : P521_COMB_BITS);
export const COMB_WINDOWS: usize = P256 ? P256_WINDOWS : P384 ? P384_WINDOWS : P521_WINDOWS;
export const COMB_ENTRIES: usize = P256 ? P256_ENTRIES : P384 ? P384_ENTRIES : P521_ENTRIES;
/** Signed radix-16 digits of a scalar (verification's u2·Q, ECDH): 2·CLEN + 1. */
export const RADIX16_WINDOWS: usize = (CLEN << 1) + 1;
/** Room for the most signed digits any recoding here needs (P-521: 133). */
export const DIGITS_MAX: usize = 144;

// Field GF(p): constant-time like the functions they name; values lazy in [0, 2p), Montgomery domain.
// @ts-ignore: decorator
@inline export function fMul(o: usize, a: usize, b: usize): void {
  if (P256) p256FeMul(o, a, b); else if (P384) p384FeMul(o, a, b); else p521FeMul(o, a, b);
}
// @ts-ignore: decorator
@inline export function fSqr(o: usize, a: usize): void {
  if (P256) p256FeSqr(o, a); else if (P384) p384FeSqr(o, a); else p521FeSqr(o, a);
}
// @ts-ignore: decorator
@inline export function fAdd(o: usize, a: usize, b: usize): void {
  if (P256) p256FeAdd(o, a, b); else if (P384) p384FeAdd(o, a, b); else p521FeAdd(o, a, b);
}
// @ts-ignore: decorator
@inline export function fSub(o: usize, a: usize, b: usize): void {
  if (P256) p256FeSub(o, a, b); else if (P384) p384FeSub(o, a, b); else p521FeSub(o, a, b);
}
// @ts-ignore: decorator
@inline export function fNeg(o: usize, a: usize): void {
  if (P256) p256FeNeg(o, a); else if (P384) p384FeNeg(o, a); else p521FeNeg(o, a);
}
// @ts-ignore: decorator
@inline export function fCanon(o: usize, a: usize): void {
  if (P256) p256FeCanon(o, a); else if (P384) p384FeCanon(o, a); else p521FeCanon(o, a);
}
// @ts-ignore: decorator
@inline export function fCmov(o: usize, a: usize, mask: u32): void {
  if (P256) p256FeCmov(o, a, mask); else if (P384) p384FeCmov(o, a, mask); else p521FeCmov(o, a, mask);
}
// @ts-ignore: decorator
@inline export function fCopy(o: usize, a: usize): void {
  if (P256) p256FeCopy(o, a); else if (P384) p384FeCopy(o, a); else p521FeCopy(o, a);
}
// @ts-ignore: decorator
@inline export function fIsZero(a: usize): u32 {
  return P256 ? p256FeIsZero(a) : P384 ? p384FeIsZero(a) : p521FeIsZero(a);
}
// @ts-ignore: decorator
@inline export function fInv(o: usize, a: usize): void {
  if (P256) p256FeInv(o, a); else if (P384) p384FeInv(o, a); else p521FeInv(o, a);
}
// Lazy field operations for the point formulas: results are not brought below 2p; the caller
// tracks bounds in multiples of p (field/p256.ts: values < R, products of a·b < p·R are < 2p).
/** o = a + b, bound A + B. Constant-time. */
// @ts-ignore: decorator
@inline export function fAddL(o: usize, a: usize, b: usize): void {
  if (P256) p256FeAddL(o, a, b); else if (P384) p384FeAddL(o, a, b); else p521FeAddL(o, a, b);
}
/** o = a − b + k·p for k = 2, 4 or 8 (needs b < k·p), bound A + k. Constant-time. */
// @ts-ignore: decorator
@inline export function fSubL(o: usize, a: usize, b: usize, k: i32): void {
  if (P256) {
    if (k == 2) p256FeSub2L(o, a, b); else if (k == 4) p256FeSub4L(o, a, b); else p256FeSub8L(o, a, b);
  } else if (P384) {
    if (k == 2) p384FeSub2L(o, a, b); else if (k == 4) p384FeSub4L(o, a, b); else p384FeSub8L(o, a, b);
  } else {
    if (k == 2) p521FeSub2L(o, a, b); else if (k == 4) p521FeSub4L(o, a, b); else p521FeSub8L(o, a, b);
  }
}
/** o = a·b·R⁻¹ − c + 2p (fMul then fSubL, fused for P-256 on SIMD), needs c < 2p. Constant-time. */
// @ts-ignore: decorator
@inline export function fMulSub2L(o: usize, a: usize, b: usize, c: usize): void {
  if (P256 && ASC_FEATURE_SIMD) {
    p256FeMulSub2L(o, a, b, c);
  } else {
    fMul(o, a, b);
    fSubL(o, o, c, 2);
  }
}
/** o = a²·R⁻¹ − c + 4p (fSqr then fSubL, fused for P-256 on SIMD), needs c < 4p. Constant-time. */
// @ts-ignore: decorator
@inline export function fSqrSub4L(o: usize, a: usize, c: usize): void {
  if (P256 && ASC_FEATURE_SIMD) {
    p256FeSqrSub4L(o, a, c);
  } else {
    fSqr(o, a);
    fSubL(o, o, c, 4);
  }
}
/** o ≡ a with o < 2p, from any a < R. Constant-time. */
// @ts-ignore: decorator
@inline export function fReduce(o: usize, a: usize): void {
  if (P256) p256FeReduce(o, a); else if (P384) p384FeReduce(o, a); else p521FeReduce(o, a);
}
/** Returns 1 when the encoded value is < p. */
// @ts-ignore: decorator
@inline export function fFromBytes(o: usize, src: usize): u32 {
  return P256 ? p256FeFromBytes(o, src) : P384 ? p384FeFromBytes(o, src) : p521FeFromBytes(o, src);
}
// @ts-ignore: decorator
@inline export function fToBytes(dst: usize, a: usize): void {
  if (P256) p256FeToBytes(dst, a); else if (P384) p384FeToBytes(dst, a); else p521FeToBytes(dst, a);
}

// Scalars mod n: constant-time; values lazy in [0, 2n), Montgomery domain.
// @ts-ignore: decorator
@inline export function sMul(o: usize, a: usize, b: usize): void {
  if (P256) p256ScMul(o, a, b); else if (P384) p384ScMul(o, a, b); else p521ScMul(o, a, b);
}
// @ts-ignore: decorator
@inline export function sAdd(o: usize, a: usize, b: usize): void {
  if (P256) p256ScAdd(o, a, b); else if (P384) p384ScAdd(o, a, b); else p521ScAdd(o, a, b);
}
// @ts-ignore: decorator
@inline export function sInv(o: usize, a: usize): void {
  if (P256) p256ScInv(o, a); else if (P384) p384ScInv(o, a); else p521ScInv(o, a);
}
// @ts-ignore: decorator
@inline export function sIsZero(a: usize): u32 {
  return P256 ? p256ScIsZero(a) : P384 ? p384ScIsZero(a) : p521ScIsZero(a);
}
/** Returns 1 when the encoded value is < n. */
// @ts-ignore: decorator
@inline export function sFromBytes(o: usize, src: usize): u32 {
  return P256 ? p256ScFromBytes(o, src) : P384 ? p384ScFromBytes(o, src) : p521ScFromBytes(o, src);
}
/** Reads a value below 2^bits (< 2n) reduced mod n. */
// @ts-ignore: decorator
@inline export function sFromBytesReduce(o: usize, src: usize): void {
  if (P256) p256ScFromBytesReduce(o, src); else if (P384) p384ScFromBytesReduce(o, src); else p521ScFromBytesReduce(o, src);
}
// @ts-ignore: decorator
@inline export function sToBytes(dst: usize, a: usize): void {
  if (P256) p256ScToBytes(dst, a); else if (P384) p384ScToBytes(dst, a); else p521ScToBytes(dst, a);
}
/**
 * oF = aF⁻¹ mod p and oS = aS⁻¹ mod n, Montgomery domain (as fInv and sInv): on wasm SIMD both
 * inversions run side by side (p256InvPair), else one after the other. Constant-time.
 */
// @ts-ignore: decorator
@inline export function fsInvPair(oF: usize, aF: usize, oS: usize, aS: usize): void {
  if (P256 && ASC_FEATURE_SIMD) {
    p256InvPair(oF, aF, oS, aS);
  } else {
    fInv(oF, aF);
    sInv(oS, aS);
  }
}
// Plain scalars (the integers themselves, not the Montgomery domain): signing's few products.
/** Returns 1 when the encoded value is < n. */
// @ts-ignore: decorator
@inline export function sFromBytesPlain(o: usize, src: usize): u32 {
  return P256 ? p256ScFromBytesPlain(o, src) : P384 ? p384ScFromBytesPlain(o, src) : p521ScFromBytesPlain(o, src);
}
/** Reads a value below 2^bits (< 2n) reduced mod n, canonical. */
// @ts-ignore: decorator
@inline export function sFromBytesReducePlain(o: usize, src: usize): void {
  if (P256) p256ScFromBytesReducePlain(o, src); else if (P384) p384ScFromBytesReducePlain(o, src); else p521ScFromBytesReducePlain(o, src);
}
// @ts-ignore: decorator
@inline export function sToBytesPlain(dst: usize, a: usize): void {
  if (P256) p256ScToBytesPlain(dst, a); else if (P384) p384ScToBytesPlain(dst, a); else p521ScToBytesPlain(dst, a);
}
/** o = a·R⁻¹ mod n, lazy. */
// @ts-ignore: decorator
@inline export function sFromMont(o: usize, a: usize): void {
  if (P256) p256ScFromMont(o, a); else if (P384) p384ScFromMont(o, a); else p521ScFromMont(o, a);
}
