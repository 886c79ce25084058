/**
 * Point arithmetic on the short Weierstrass curves y² = x³ − 3x + b (P-256, P-384) in homogeneous
 * projective coordinates (X : Y : Z), x = X/Z, y = Y/Z, with the complete formulas of
 * Renes–Costello–Batina 2015 for a = −3 (https://eprint.iacr.org/2015/1060, Algorithms 4, 5, 6):
 * one code path for every input pair, doubling and the identity (0 : 1 : 0) included, so the
 * constant-time scalar multiplication needs no exceptional-case branches.
 *
 * Points are 3 × FE_STRIDE bytes. Every function takes the curve identifier of field/nist.ts.
 * @module
 */

import {
  combBits, combEntries, combWindows, curveB, curveG, curveTable, feOne, feSize, FE_STRIDE, curveLen, radix16Windows,
  fAdd, fAddL, fCanon, fCmov, fCopy, fFromBytes, fInv, fIsZero, fMul, fNeg, fReduce, fSqr, fSub, fSubL, fToBytes,
} from "../field/nist";
import { wipe } from "../util/ct";

export const PT: usize = 3 * FE_STRIDE;
const FE: usize = FE_STRIDE;

// Temporaries of the formulas (RCB names t0..t4) and the result, written out last so that the
// output may alias an input.
const T0: usize = memory.data(64);
const T1: usize = memory.data(64);
const T2: usize = memory.data(64);
const T3: usize = memory.data(64);
const T4: usize = memory.data(64);
const X3: usize = memory.data(64);
const Y3: usize = memory.data(64);
const Z3: usize = memory.data(64);

function wipeTemps(): void {
  wipe(T0, 64); wipe(T1, 64); wipe(T2, 64); wipe(T3, 64); wipe(T4, 64);
  wipe(X3, 64); wipe(Y3, 64); wipe(Z3, 64);
}

/** Sets `p` to the identity (0 : 1 : 0). */
export function pointIdentity(c: i32, p: usize): void {
  memory.fill(p, 0, PT);
  fCopy(c, p + FE, feOne(c));
}

/** Copies `a` into `out` when mask is all ones; keeps `out` when it is zero. Constant-time. */
export function pointCmov(c: i32, out: usize, a: usize, mask: u32): void {
  fCmov(c, out, a, mask);
  fCmov(c, out + FE, a + FE, mask);
  fCmov(c, out + 2 * FE, a + 2 * FE, mask);
}

/** out = p + q, RCB 2015 Algorithm 4 (complete, a = −3). Constant-time. */
export function pointAdd(c: i32, out: usize, p: usize, q: usize): void {
  const X1 = p, Y1 = p + FE, Z1 = p + 2 * FE;
  const X2 = q, Y2 = q + FE, Z2 = q + 2 * FE;
  const b = curveB(c);
  fMul(c, T0, X1, X2);   // 1
  fMul(c, T1, Y1, Y2);   // 2
  fMul(c, T2, Z1, Z2);   // 3
  fAdd(c, T3, X1, Y1);   // 4
  fAdd(c, T4, X2, Y2);   // 5
  fMul(c, T3, T3, T4);   // 6
  fAdd(c, T4, T0, T1);   // 7
  fSub(c, T3, T3, T4);   // 8
  fAdd(c, T4, Y1, Z1);   // 9
  fAdd(c, X3, Y2, Z2);   // 10
  fMul(c, T4, T4, X3);   // 11
  fAdd(c, X3, T1, T2);   // 12
  fSub(c, T4, T4, X3);   // 13
  fAdd(c, X3, X1, Z1);   // 14
  fAdd(c, Y3, X2, Z2);   // 15
  fMul(c, X3, X3, Y3);   // 16
  fAdd(c, Y3, T0, T2);   // 17
  fSub(c, Y3, X3, Y3);   // 18
  fMul(c, Z3, b, T2);    // 19
  fSub(c, X3, Y3, Z3);   // 20
  fAdd(c, Z3, X3, X3);   // 21
  fAdd(c, X3, X3, Z3);   // 22
  fSub(c, Z3, T1, X3);   // 23
  fAdd(c, X3, T1, X3);   // 24
  fMul(c, Y3, b, Y3);    // 25
  fAdd(c, T1, T2, T2);   // 26
  fAdd(c, T2, T1, T2);   // 27
  fSub(c, Y3, Y3, T2);   // 28
  fSub(c, Y3, Y3, T0);   // 29
  fAdd(c, T1, Y3, Y3);   // 30
  fAdd(c, Y3, T1, Y3);   // 31
  fAdd(c, T1, T0, T0);   // 32
  fAdd(c, T0, T1, T0);   // 33
  fSub(c, T0, T0, T2);   // 34
  fMul(c, T1, T4, Y3);   // 35
  fMul(c, T2, T0, Y3);   // 36
  fMul(c, Y3, X3, Z3);   // 37
  fAdd(c, Y3, Y3, T2);   // 38
  fMul(c, X3, X3, T3);   // 39
  fSub(c, X3, X3, T1);   // 40
  fMul(c, Z3, Z3, T4);   // 41
  fMul(c, T1, T3, T0);   // 42
  fAdd(c, Z3, Z3, T1);   // 43
  fCopy(c, out, X3);
  fCopy(c, out + FE, Y3);
  fCopy(c, out + 2 * FE, Z3);
}

/**
 * out = p + (x2, y2) for an affine point (never the identity), RCB 2015 Algorithm 5 (complete
 * for every p, a = −3). `q` holds x2 at q and y2 at q + FE_STRIDE. Constant-time.
 *
 * This is the signing hot path, so most additions skip their reduction (fAddL, fSubL) and three
 * weak reductions (fReduce) keep values in range. The bounds, in multiples of p, are written after
 * each step for P-256, the tight case (R/p ≈ 32: a product of bounds A·B ≤ 32 gives < 1 + A·B/32;
 * every value < 32); P-384 has R/p ≈ 2^22. Inputs: X1, Y1, Z1 < 2, x2 < 1, y2 < 2, b < 1.
 */
export function pointAddAffine(c: i32, out: usize, p: usize, q: usize): void {
  const X1 = p, Y1 = p + FE, Z1 = p + 2 * FE;
  const X2 = q, Y2 = q + FE;
  const b = curveB(c);
  fMul(c, T0, X1, X2);       // 1   t0 < 1.07
  fMul(c, T1, Y1, Y2);       // 2   t1 < 1.13
  fAddL(c, T3, X2, Y2);      // 3   t3 < 3
  fAddL(c, T4, X1, Y1);      // 4   t4 < 4
  fMul(c, T3, T3, T4);       // 5   t3 < 1.38
  fAddL(c, T4, T0, T1);      // 6   t4 < 2.2
  fSubL(c, T3, T3, T4, 4);   // 7   t3 < 5.4
  fMul(c, T4, Y2, Z1);       // 8   t4 < 1.13
  fAddL(c, T4, T4, Y1);      // 9   t4 < 3.13
  fMul(c, Y3, X2, Z1);       // 10  Y3 < 1.07
  fAddL(c, Y3, Y3, X1);      // 11  Y3 < 3.07
  fMul(c, Z3, b, Z1);        // 12  Z3 < 1.07
  fSubL(c, X3, Y3, Z3, 2);   // 13  X3 < 5.07
  fAddL(c, Z3, X3, X3);      // 14  Z3 < 10.2
  fAddL(c, X3, X3, Z3);      // 15  X3 < 15.3
  fReduce(c, X3, X3);        //     X3 < 2
  fSubL(c, Z3, T1, X3, 2);   // 16  Z3 < 3.13
  fAddL(c, X3, T1, X3);      // 17  X3 < 3.13
  fMul(c, Y3, b, Y3);        // 18  Y3 < 1.1
  fAddL(c, T1, Z1, Z1);      // 19  t1 < 4
  fAddL(c, T2, T1, Z1);      // 20  t2 < 6
  fSubL(c, Y3, Y3, T2, 8);   // 21  Y3 < 9.1
  fSubL(c, Y3, Y3, T0, 2);   // 22  Y3 < 11.1
  fReduce(c, Y3, Y3);        //     Y3 < 2
  fAddL(c, T1, Y3, Y3);      // 23  t1 < 4
  fAddL(c, Y3, T1, Y3);      // 24  Y3 < 6
  fAddL(c, T1, T0, T0);      // 25  t1 < 2.14
  fAddL(c, T0, T1, T0);      // 26  t0 < 3.21
  fSubL(c, T0, T0, T2, 8);   // 27  t0 < 11.3
  fReduce(c, T0, T0);        //     t0 < 2
  fMul(c, T1, T4, Y3);       // 28  t1 < 1 + 3.13·6/32 < 1.6
  fMul(c, T2, T0, Y3);       // 29  t2 < 1.38
  fMul(c, Y3, X3, Z3);       // 30  Y3 < 1.31
  fAdd(c, Y3, Y3, T2);       // 31  Y3 < 2 (reducing)
  fMul(c, X3, X3, T3);       // 32  X3 < 1.53
  fSub(c, X3, X3, T1);       // 33  X3 < 2 (reducing)
  fMul(c, Z3, Z3, T4);       // 34  Z3 < 1.31
  fMul(c, T1, T3, T0);       // 35  t1 < 1.34
  fAdd(c, Z3, Z3, T1);       // 36  Z3 < 2 (reducing)
  fCopy(c, out, X3);
  fCopy(c, out + FE, Y3);
  fCopy(c, out + 2 * FE, Z3);
}

/** out = 2p, RCB 2015 Algorithm 6 (exception-free, a = −3). Constant-time. */
export function pointDouble(c: i32, out: usize, p: usize): void {
  const X = p, Y = p + FE, Z = p + 2 * FE;
  const b = curveB(c);
  fSqr(c, T0, X);        // 1
  fSqr(c, T1, Y);        // 2
  fSqr(c, T2, Z);        // 3
  fMul(c, T3, X, Y);     // 4
  fAdd(c, T3, T3, T3);   // 5
  fMul(c, Z3, X, Z);     // 6
  fAdd(c, Z3, Z3, Z3);   // 7
  fMul(c, Y3, b, T2);    // 8
  fSub(c, Y3, Y3, Z3);   // 9
  fAdd(c, X3, Y3, Y3);   // 10
  fAdd(c, Y3, X3, Y3);   // 11
  fSub(c, X3, T1, Y3);   // 12
  fAdd(c, Y3, T1, Y3);   // 13
  fMul(c, Y3, X3, Y3);   // 14
  fMul(c, X3, X3, T3);   // 15
  fAdd(c, T3, T2, T2);   // 16
  fAdd(c, T2, T2, T3);   // 17
  fMul(c, Z3, b, Z3);    // 18
  fSub(c, Z3, Z3, T2);   // 19
  fSub(c, Z3, Z3, T0);   // 20
  fAdd(c, T3, Z3, Z3);   // 21
  fAdd(c, Z3, Z3, T3);   // 22
  fAdd(c, T3, T0, T0);   // 23
  fAdd(c, T0, T3, T0);   // 24
  fSub(c, T0, T0, T2);   // 25
  fMul(c, T0, T0, Z3);   // 26
  fAdd(c, Y3, Y3, T0);   // 27
  fMul(c, T0, Y, Z);     // 28
  fAdd(c, T0, T0, T0);   // 29
  fMul(c, Z3, T0, Z3);   // 30
  fSub(c, X3, X3, Z3);   // 31
  fMul(c, Z3, T0, T1);   // 32
  fAdd(c, Z3, Z3, Z3);   // 33
  fAdd(c, Z3, Z3, Z3);   // 34
  fCopy(c, out, X3);
  fCopy(c, out + FE, Y3);
  fCopy(c, out + 2 * FE, Z3);
}

/**
 * Writes the affine coordinates of `p` as big-endian bytes to `x` and `y` (either may be 0 to
 * skip it). Returns 1, or 0 for the identity (then the outputs are zero). Constant-time.
 */
export function pointToAffineBytes(c: i32, x: usize, y: usize, p: usize): u32 {
  const zi = T4;
  fInv(c, zi, p + 2 * FE);
  const ok = 1 - fIsZero(c, p + 2 * FE);
  if (x != 0) {
    fMul(c, T0, p, zi);
    fToBytes(c, x, T0);
  }
  if (y != 0) {
    fMul(c, T0, p + FE, zi);
    fToBytes(c, y, T0);
  }
  wipeTemps();
  return ok;
}

// ---- scalar recoding ----

/** Signed radix-2^w digits of a big-endian scalar, least significant first. */
const DIGITS: usize = memory.data(128);

/**
 * Recodes the `len`-byte big-endian scalar at `k` into `windows` signed digits
 * d_i ∈ [−2^(w−1), 2^(w−1)) with Σ d_i·2^(w·i) = k (the last digit takes the final carry; w ≤ 8).
 * Branch-free arithmetic, and the bytes read depend only on the public position: constant-time.
 */
function recode(k: usize, len: usize, w: u32, windows: usize): void {
  const mask: i32 = (1 << w) - 1;
  const half: i32 = 1 << (w - 1);
  let carry: i32 = 0;
  for (let i: usize = 0; i < windows - 1; i++) {
    const bit = i * <usize>w;
    const at = bit >> 3;
    const lo = at < len ? <i32>load<u8>(k + len - 1 - at) : 0;
    const hi = at + 1 < len ? <i32>load<u8>(k + len - 2 - at) : 0;
    const v = (((lo | (hi << 8)) >> <i32>(bit & 7)) & mask) + carry;
    carry = (v + half) >> w;
    store<i8>(DIGITS + i, <i8>(v - (carry << w)));
  }
  store<i8>(DIGITS + windows - 1, <i8>carry);
}

// ---- fixed-base multiplication ----

const ACC: usize = memory.data(3 * 64);
const SUM: usize = memory.data(3 * 64);
/** Selected table entry: x at +0, y at +FE, and −y at +2·FE. */
const SEL: usize = memory.data(3 * 64);
/** The selected entry as stored (x ‖ y packed, up to 112 bytes). */
const PICK: usize = memory.data(128);

/** Selection masks of one window: all ones for the wanted entry, zero for the others. */
const MASKS: usize = memory.data(64 * 8);

/**
 * PICK = entry `idx` (1-based) of the `count` entries (≤ 64) of `entry` bytes at `row`, or zeros
 * when idx is 0. Reads every entry, 8 bytes at a time, and combines them under masks:
 * constant-time in idx.
 */
function ctSelect(row: usize, entry: usize, count: usize, idx: u32): void {
  for (let j: usize = 1; j <= count; j++) {
    // all ones iff j == idx, from ((j ^ idx) − 1) >> 31 without a comparison branch
    store<u64>(MASKS + ((j - 1) << 3), <u64>0 - <u64>(((<u32>j ^ idx) - 1) >>> 31));
  }
  const words = entry >> 3;
  for (let i: usize = 0; i < words; i++) {
    let acc: u64 = 0;
    let e = row + (i << 3);
    // count is a multiple of 4 (8, 16 or 32 entries): four entries per iteration.
    for (let j: usize = 0; j < count; j += 4) {
      const m = MASKS + (j << 3);
      acc |= (load<u64>(e) & load<u64>(m)) | (load<u64>(e + entry) & load<u64>(m, 8))
        | (load<u64>(e + 2 * entry) & load<u64>(m, 16)) | (load<u64>(e + 3 * entry) & load<u64>(m, 24));
      e += entry << 2;
    }
    store<u64>(PICK + (i << 3), acc);
  }
}

/**
 * out = k·G for the `curveLen`-byte big-endian scalar at `k` (any value below 2^(8·len)).
 * Constant-time: fixed-base comb of radix 2^w over the precomputed table j·2^(w·i)·G
 * (j = 1..2^(w−1)), with a constant-time selection that reads every entry of each window, a
 * conditional negation by mask, and a complete mixed addition whose result is kept only when the
 * digit is non-zero.
 */
export function baseMul(c: i32, out: usize, k: usize): void {
  const len = curveLen(c);
  const windows = combWindows(c);
  const count = combEntries(c);
  const fe = feSize(c);
  const entry = fe << 1;
  recode(k, len, combBits(c), windows);
  pointIdentity(c, ACC);
  let row = combTable(c);
  for (let i: usize = 0; i < windows; i++) {
    const d = <i32>load<i8>(DIGITS + i);
    const sign = <u32>(d >> 31); // all ones when d < 0
    const abs = <u32>((d ^ (d >> 31)) - (d >> 31));
    ctSelect(row, entry, count, abs);
    fCopy(c, SEL, PICK);
    fCopy(c, SEL + FE, PICK + fe);
    fNeg(c, SEL + 2 * FE, SEL + FE);
    fCmov(c, SEL + FE, SEL + 2 * FE, sign);
    const nonzero = <u32>(0 - (((0 - abs) >>> 31) & 1));
    if (i == 0) {
      // The accumulator is the identity: the sum is the entry itself, (x, ±y, 1), when d ≠ 0.
      fCopy(c, SEL + 2 * FE, feOne(c));
      pointCmov(c, ACC, SEL, nonzero);
    } else {
      pointAddAffine(c, SUM, ACC, SEL);
      pointCmov(c, ACC, SUM, nonzero);
    }
    row += count * entry;
  }
  memory.copy(out, ACC, PT);
  wipe(ACC, PT);
  wipe(SUM, PT);
  wipe(SEL, PT);
  wipe(PICK, 128);
  wipe(MASKS, 64 * 8);
  wipe(DIGITS, 128);
  wipeTemps();
}

// ---- verification: variable-time, Jacobian coordinates ----
//
// Verification handles public values only, so it may branch on them: it uses Jacobian coordinates
// (x = X/Z², y = Y/Z³), whose doubling and mixed addition are cheaper than the complete formulas,
// and treats the exceptional cases (identity, P = ±Q) explicitly.

/** Rows of the per-key table: R = 8 rows of 8 points (64 affine points), or 1 row for one-shot use. */
export const QROWS_MAX: usize = 8;
const JT0: usize = memory.data(64);
const JT1: usize = memory.data(64);
const JT2: usize = memory.data(64);
const JT3: usize = memory.data(64);
const JT4: usize = memory.data(64);
const JT5: usize = memory.data(64);
const JT6: usize = memory.data(64);
/** Jacobian accumulator X, Y, Z; `jInf` marks the identity. */
const JACC: usize = memory.data(3 * 64);
let jInf = true;

/** p = 2p in Jacobian coordinates, a = −3 (dbl-2001-b, Bernstein–Lange EFD): 3M + 5S. Variable-time. */
function jDouble(c: i32, p: usize): void {
  const X = p, Y = p + FE, Z = p + 2 * FE;
  fSqr(c, JT0, Z);           // δ = Z²
  fSqr(c, JT1, Y);           // γ = Y²
  fMul(c, JT2, X, JT1);      // β = X·γ
  fSub(c, JT3, X, JT0);
  fAdd(c, JT4, X, JT0);
  fMul(c, JT3, JT3, JT4);
  fAdd(c, JT4, JT3, JT3);
  fAdd(c, JT3, JT4, JT3);    // α = 3(X − δ)(X + δ)
  fAdd(c, JT4, Y, Z);
  fSqr(c, JT4, JT4);
  fSub(c, JT4, JT4, JT1);
  fSub(c, Z, JT4, JT0);      // Z3 = (Y + Z)² − γ − δ
  fSqr(c, JT4, JT3);
  fAdd(c, JT2, JT2, JT2);
  fAdd(c, JT2, JT2, JT2);    // 4β
  fAdd(c, JT5, JT2, JT2);    // 8β
  fSub(c, X, JT4, JT5);      // X3 = α² − 8β
  fSub(c, JT2, JT2, X);
  fMul(c, JT2, JT3, JT2);
  fSqr(c, JT1, JT1);
  fAdd(c, JT1, JT1, JT1);
  fAdd(c, JT1, JT1, JT1);
  fAdd(c, JT1, JT1, JT1);    // 8γ²
  fSub(c, Y, JT2, JT1);      // Y3 = α(4β − X3) − 8γ²
}

/**
 * JACC += (x, y) affine (q: x at q, y at q + FE_STRIDE), Jacobian mixed addition (8M + 3S):
 * U2 = x·Z², S2 = y·Z³, H = U2 − X, R = S2 − Y, X3 = R² − H³ − 2X·H², Y3 = R(X·H² − X3) − Y·H³,
 * Z3 = Z·H; H = 0 means P = ±Q (doubling or the identity). Variable-time.
 */
function jAddAffine(c: i32, q: usize): void {
  const X = JACC, Y = JACC + FE, Z = JACC + 2 * FE;
  if (jInf) {
    fCopy(c, X, q);
    fCopy(c, Y, q + FE);
    fCopy(c, Z, feOne(c));
    jInf = false;
    return;
  }
  fSqr(c, JT0, Z);           // Z²
  fMul(c, JT1, q, JT0);      // U2
  fMul(c, JT2, q + FE, Z);
  fMul(c, JT2, JT2, JT0);    // S2
  fSub(c, JT1, JT1, X);      // H
  fSub(c, JT2, JT2, Y);      // R
  if (fIsZero(c, JT1)) {
    if (fIsZero(c, JT2)) jDouble(c, JACC);
    else jInf = true;
    return;
  }
  fSqr(c, JT3, JT1);         // H²
  fMul(c, JT4, JT1, JT3);    // H³
  fMul(c, JT5, X, JT3);      // V = X·H²
  fMul(c, Z, Z, JT1);        // Z3 = Z·H
  fSqr(c, JT6, JT2);
  fSub(c, JT6, JT6, JT4);
  fSub(c, JT6, JT6, JT5);
  fSub(c, JT6, JT6, JT5);    // X3 = R² − H³ − 2V
  fSub(c, JT5, JT5, JT6);
  fMul(c, JT5, JT2, JT5);
  fMul(c, JT4, Y, JT4);
  fSub(c, Y, JT5, JT4);      // Y3 = R(V − X3) − Y·H³
  fCopy(c, X, JT6);
}

/** Projective points of a table under construction, and the prefix products of batch inversion. */
const PROJ: usize = memory.data(<i32>(QROWS_MAX * 8 * 3 * 64));
const PREFIX: usize = memory.data(<i32>(QROWS_MAX * 8 * 64));
const ZINV: usize = memory.data(64);

/**
 * Number of radix-16 digit columns T for a table of `rows` rows: T·rows ≥ the digit count, and
 * row r holds the multiples of P_r = 2^(4·T·r)·Q.
 */
// @ts-ignore: decorator
@inline export function qColumns(c: i32, rows: usize): usize {
  return (radix16Windows(c) + rows - 1) / rows;
}

/** Byte length of a table of `rows` rows. */
export function qTableLength(c: i32, rows: usize): usize {
  return rows * 8 * (feSize(c) << 1);
}

/**
 * Writes the verification table of the on-curve point `q` (projective, Z = 1): for each row r
 * and j = 1..8, the affine point j·2^(4·T·r)·Q (x ‖ y, Montgomery), in the layout of the
 * fixed-base table. One inversion for all points (Montgomery's batch-inversion trick).
 * Variable-time: public keys only.
 */
export function qTableVartime(c: i32, out: usize, q: usize, rows: usize): void {
  const cols = qColumns(c, rows);
  const count = rows * 8;
  memory.copy(PROJ, q, PT);
  for (let r: usize = 0; r < rows; r++) {
    const row = PROJ + r * 8 * PT;
    if (r > 0) {
      memory.copy(row, row - 8 * PT, PT);
      for (let i: usize = 0; i < 4 * cols; i++) pointDouble(c, row, row);
    }
    pointDouble(c, row + PT, row);
    for (let j: usize = 2; j < 8; j++) pointAdd(c, row + j * PT, row + (j - 1) * PT, row);
  }
  normalizeBatch(c, out, count);
}

/**
 * Writes the `count` projective points at PROJ (none the identity) as packed affine entries
 * (x ‖ y, canonical Montgomery form) at `out`, with one inversion for all of them (Montgomery's
 * batch-inversion trick: PREFIX[i] = Z_0 ⋯ Z_i, invert the last, walk back). Public points only.
 */
function normalizeBatch(c: i32, out: usize, count: usize): void {
  const fe = feSize(c);
  fCopy(c, PREFIX, PROJ + 2 * FE);
  for (let i: usize = 1; i < count; i++) fMul(c, PREFIX + i * FE, PREFIX + (i - 1) * FE, PROJ + i * PT + 2 * FE);
  fInv(c, ZINV, PREFIX + (count - 1) * FE);
  for (let i = <i32>count - 1; i >= 0; i--) {
    const p = PROJ + <usize>i * PT;
    const zi = T0;
    if (i > 0) fMul(c, zi, ZINV, PREFIX + <usize>(i - 1) * FE);
    else fCopy(c, zi, ZINV);
    fMul(c, ZINV, ZINV, p + 2 * FE);
    const e = out + <usize>i * (fe << 1);
    // Canonical entries: the signing formula's bounds assume x2, y2 < p (pointAddAffine).
    fMul(c, T1, p, zi);
    fCanon(c, e, T1);
    fMul(c, T1, p + FE, zi);
    fCanon(c, e + fe, T1);
  }
}

/** Which curves' fixed-base tables are built (bit c), and the running base 2^(w·i)·G. */
let combReady: u32 = 0;
const CBASE: usize = memory.data(3 * 64);

/**
 * The fixed-base comb of curve `c` (j·2^(w·i)·G, j = 1..2^(w−1), affine), built on first use:
 * row i from base_i = 2^(w·i)·G by complete additions, batch-normalised, and
 * base_(i+1) = 2·(2^(w−1)·base_i). The table holds public multiples of G only.
 */
function combTable(c: i32): usize {
  const table = curveTable(c);
  if ((combReady & (1 << c)) != 0) return table;
  const fe = feSize(c);
  const count = combEntries(c);
  const windows = combWindows(c);
  const base = CBASE;
  fCopy(c, base, curveG(c));
  fCopy(c, base + FE, curveG(c) + fe);
  fCopy(c, base + 2 * FE, feOne(c));
  let row = table;
  for (let i: usize = 0; i < windows; i++) {
    memory.copy(PROJ, base, PT);
    for (let j: usize = 1; j < count; j++) pointAdd(c, PROJ + j * PT, PROJ + (j - 1) * PT, base);
    pointDouble(c, base, PROJ + (count - 1) * PT);
    normalizeBatch(c, row, count);
    row += count * (fe << 1);
  }
  combReady |= <u32>(1 << c);
  return table;
}

/** Loads table entry `e` (x ‖ y packed) into SEL as an affine point, negated when `neg`. */
// @ts-ignore: decorator
@inline function selectVartime(c: i32, e: usize, fe: usize, neg: bool): void {
  fCopy(c, SEL, e);
  if (neg) fNeg(c, SEL + FE, e + fe);
  else fCopy(c, SEL + FE, e + fe);
}

/** Scalar digits of u2 in the per-key table's order. */
const DIGITS2: usize = memory.data(128);

/**
 * JACC = u1·G + u2·Q for big-endian scalars (`curveLen` bytes), from the fixed-base table of G and
 * a table of Q from qTableVartime with `rows` rows. u2·Q by Horner over the T digit columns
 * (4(T−1) doublings, one addition per non-zero digit), then u1·G by the comb (additions only).
 * Returns false when the sum is the identity; otherwise leaves X, Y, Z (Jacobian) at `out`.
 * Variable-time: public inputs only (ECDSA verification, SEC 1 §4.1.4 step 5).
 */
export function doubleScalarMulVartime(c: i32, out: usize, u1: usize, u2: usize, qTable: usize, rows: usize): bool {
  const len = curveLen(c);
  const windows = radix16Windows(c);
  const fe = feSize(c);
  const entry = fe << 1;
  const cols = qColumns(c, rows);
  recode(u2, len, 4, windows);
  memory.fill(DIGITS2, 0, 128);
  memory.copy(DIGITS2, DIGITS, windows);
  jInf = true;
  for (let t = <i32>cols - 1; t >= 0; t--) {
    if (!jInf) {
      jDouble(c, JACC);
      jDouble(c, JACC);
      jDouble(c, JACC);
      jDouble(c, JACC);
    }
    for (let r: usize = 0; r < rows; r++) {
      const d = <i32>load<i8>(DIGITS2 + <usize>t + cols * r);
      if (d == 0) continue;
      const abs = d < 0 ? -d : d;
      selectVartime(c, qTable + (r * 8 + <usize>(abs - 1)) * entry, fe, d < 0);
      jAddAffine(c, SEL);
    }
  }
  const gWindows = combWindows(c);
  const count = combEntries(c);
  recode(u1, len, combBits(c), gWindows);
  let row = combTable(c);
  for (let i: usize = 0; i < gWindows; i++) {
    const d = <i32>load<i8>(DIGITS + i);
    if (d != 0) {
      const abs = d < 0 ? -d : d;
      selectVartime(c, row + <usize>(abs - 1) * entry, fe, d < 0);
      jAddAffine(c, SEL);
    }
    row += count * entry;
  }
  memory.copy(out, JACC, PT);
  return !jInf;
}

/**
 * Decodes the affine point x ‖ y (2·curveLen big-endian bytes, SEC 1 §2.3.4 without the 0x04
 * prefix) into projective `p` (Z = 1) and checks it: both coordinates < p and y² = x³ − 3x + b
 * (SEC 1 §3.2.2.1 step 2–3; the identity has no affine encoding). Returns 1 when valid.
 * Variable-time: public keys only.
 */
export function pointFromAffineBytesVartime(c: i32, p: usize, xy: usize): u32 {
  const len = curveLen(c);
  const okx = fFromBytes(c, p, xy);
  const oky = fFromBytes(c, p + FE, xy + len);
  fCopy(c, p + 2 * FE, feOne(c));
  if ((okx & oky) == 0) return 0;
  // y² − (x³ − 3x + b)
  fSqr(c, T0, p);
  fMul(c, T0, T0, p);
  fAdd(c, T1, p, p);
  fAdd(c, T1, T1, p);
  fSub(c, T0, T0, T1);
  fAdd(c, T0, T0, curveB(c));
  fSqr(c, T1, p + FE);
  fSub(c, T0, T1, T0);
  return fIsZero(c, T0);
}
