/**
 * Point arithmetic on the short Weierstrass curves y² = x³ − 3x + b (P-256, P-384, P-521) in homogeneous
 * projective coordinates (X : Y : Z), x = X/Z, y = Y/Z, with the complete formulas of
 * Renes–Costello–Batina 2015 for a = −3 (https://eprint.iacr.org/2015/1060, Algorithms 4 and 6):
 * one code path for every input pair, doubling and the identity (0 : 1 : 0) included, so the
 * constant-time variable-base multiplication needs no exceptional-case branches. The fixed-base
 * comb (baseMul) adds in XYZZ coordinates instead, with a cheaper incomplete mixed addition
 * whose exceptional cases its digits provably never reach.
 *
 * Points are 3 × FE_STRIDE bytes, on the curve this module is compiled for (field/curve.ts).
 * @module
 */

import {
  CLEN, COMB_BITS, COMB_ENTRIES, COMB_TABLE, COMB_WINDOWS, CURVE_B, CURVE_G, DIGITS_MAX, FE_ONE, FE_STRIDE, RADIX16_WINDOWS,
  fAdd, fAddL, fMulSub2L, fSqrSub4L, fCanon, fCmov, fCopy, fFromBytes, fInv, fIsZero, fMul, fNeg, fReduce, fSqr, fSub, fSubL, fToBytes,
} from "../field/curve";
import { wipe } from "../util/ct";

const FE: usize = FE_STRIDE;
export const PT: usize = 3 * FE;

// Temporaries of the formulas (RCB names t0..t4) and the result, written out last so that the
// output may alias an input.
const T0: usize = memory.data(<i32>FE);
const T1: usize = memory.data(<i32>FE);
const T2: usize = memory.data(<i32>FE);
const T3: usize = memory.data(<i32>FE);
const T4: usize = memory.data(<i32>FE);
const X3: usize = memory.data(<i32>FE);
const Y3: usize = memory.data(<i32>FE);
const Z3: usize = memory.data(<i32>FE);

function wipeTemps(): void {
  wipe(T0, FE); wipe(T1, FE); wipe(T2, FE); wipe(T3, FE); wipe(T4, FE);
  wipe(X3, FE); wipe(Y3, FE); wipe(Z3, FE);
}

/** Sets `p` to the identity (0 : 1 : 0). */
export function pointIdentity(p: usize): void {
  memory.fill(p, 0, PT);
  fCopy(p + FE, FE_ONE());
}

/** Copies `a` into `out` when mask is all ones; keeps `out` when it is zero. Constant-time. */
export function pointCmov(out: usize, a: usize, mask: u32): void {
  fCmov(out, a, mask);
  fCmov(out + FE, a + FE, mask);
  fCmov(out + 2 * FE, a + 2 * FE, mask);
}

/** out = p + q, RCB 2015 Algorithm 4 (complete, a = −3). Constant-time. */
export function pointAdd(out: usize, p: usize, q: usize): void {
  const X1 = p, Y1 = p + FE, Z1 = p + 2 * FE;
  const X2 = q, Y2 = q + FE, Z2 = q + 2 * FE;
  const b = CURVE_B();
  fMul(T0, X1, X2);   // 1
  fMul(T1, Y1, Y2);   // 2
  fMul(T2, Z1, Z2);   // 3
  fAdd(T3, X1, Y1);   // 4
  fAdd(T4, X2, Y2);   // 5
  fMul(T3, T3, T4);   // 6
  fAdd(T4, T0, T1);   // 7
  fSub(T3, T3, T4);   // 8
  fAdd(T4, Y1, Z1);   // 9
  fAdd(X3, Y2, Z2);   // 10
  fMul(T4, T4, X3);   // 11
  fAdd(X3, T1, T2);   // 12
  fSub(T4, T4, X3);   // 13
  fAdd(X3, X1, Z1);   // 14
  fAdd(Y3, X2, Z2);   // 15
  fMul(X3, X3, Y3);   // 16
  fAdd(Y3, T0, T2);   // 17
  fSub(Y3, X3, Y3);   // 18
  fMul(Z3, b, T2);    // 19
  fSub(X3, Y3, Z3);   // 20
  fAdd(Z3, X3, X3);   // 21
  fAdd(X3, X3, Z3);   // 22
  fSub(Z3, T1, X3);   // 23
  fAdd(X3, T1, X3);   // 24
  fMul(Y3, b, Y3);    // 25
  fAdd(T1, T2, T2);   // 26
  fAdd(T2, T1, T2);   // 27
  fSub(Y3, Y3, T2);   // 28
  fSub(Y3, Y3, T0);   // 29
  fAdd(T1, Y3, Y3);   // 30
  fAdd(Y3, T1, Y3);   // 31
  fAdd(T1, T0, T0);   // 32
  fAdd(T0, T1, T0);   // 33
  fSub(T0, T0, T2);   // 34
  fMul(T1, T4, Y3);   // 35
  fMul(T2, T0, Y3);   // 36
  fMul(Y3, X3, Z3);   // 37
  fAdd(Y3, Y3, T2);   // 38
  fMul(X3, X3, T3);   // 39
  fSub(X3, X3, T1);   // 40
  fMul(Z3, Z3, T4);   // 41
  fMul(T1, T3, T0);   // 42
  fAdd(Z3, Z3, T1);   // 43
  fCopy(out, X3);
  fCopy(out + FE, Y3);
  fCopy(out + 2 * FE, Z3);
}

/** out = 2p, RCB 2015 Algorithm 6 (exception-free, a = −3). Constant-time. */
export function pointDouble(out: usize, p: usize): void {
  const X = p, Y = p + FE, Z = p + 2 * FE;
  const b = CURVE_B();
  fSqr(T0, X);        // 1
  fSqr(T1, Y);        // 2
  fSqr(T2, Z);        // 3
  fMul(T3, X, Y);     // 4
  fAdd(T3, T3, T3);   // 5
  fMul(Z3, X, Z);     // 6
  fAdd(Z3, Z3, Z3);   // 7
  fMul(Y3, b, T2);    // 8
  fSub(Y3, Y3, Z3);   // 9
  fAdd(X3, Y3, Y3);   // 10
  fAdd(Y3, X3, Y3);   // 11
  fSub(X3, T1, Y3);   // 12
  fAdd(Y3, T1, Y3);   // 13
  fMul(Y3, X3, Y3);   // 14
  fMul(X3, X3, T3);   // 15
  fAdd(T3, T2, T2);   // 16
  fAdd(T2, T2, T3);   // 17
  fMul(Z3, b, Z3);    // 18
  fSub(Z3, Z3, T2);   // 19
  fSub(Z3, Z3, T0);   // 20
  fAdd(T3, Z3, Z3);   // 21
  fAdd(Z3, Z3, T3);   // 22
  fAdd(T3, T0, T0);   // 23
  fAdd(T0, T3, T0);   // 24
  fSub(T0, T0, T2);   // 25
  fMul(T0, T0, Z3);   // 26
  fAdd(Y3, Y3, T0);   // 27
  fMul(T0, Y, Z);     // 28
  fAdd(T0, T0, T0);   // 29
  fMul(Z3, T0, Z3);   // 30
  fSub(X3, X3, Z3);   // 31
  fMul(Z3, T0, T1);   // 32
  fAdd(Z3, Z3, Z3);   // 33
  fAdd(Z3, Z3, Z3);   // 34
  fCopy(out, X3);
  fCopy(out + FE, Y3);
  fCopy(out + 2 * FE, Z3);
}

/**
 * out = p + (x2, y2) with p in XYZZ coordinates (X, Y, ZZ, ZZZ; x = X/ZZ, y = Y/ZZZ, ZZ³ = ZZZ²)
 * and an affine q (x2 at q, y2 at q + FE_STRIDE): the mixed addition of Bernstein–Lange EFD
 * "madd-2008-s" (Sutherland), 8M + 2S: U2 = x2·ZZ, S2 = y2·ZZZ, P = U2 − X, R = S2 − Y, PP = P²,
 * PPP = P·PP, Q = X·PP, X3 = R² − PPP − 2Q, Y3 = R(Q − X3) − Y·PPP, ZZ3 = ZZ·PP, ZZZ3 = ZZZ·PPP:
 * one squaring fewer than Jacobian madd-2004-hmv (8M + 3S), whose Z3 = Z·H needs Z² again.
 * Incomplete: p must be neither the identity nor ±q (then P = 0); baseMul's comb never meets those
 * cases (see there). `out` must not alias p. Constant-time.
 *
 * Most differences skip their reduction (fSubL, fAddL) and one weak reduction (fReduce) brings X3
 * back below 2p. The bounds, in multiples of p, are written after each step for P-256, the tight
 * case (R/p ≈ 32: a product of bounds A·B gives < 1 + A·B/32; every value < 32); R/p is 2^22 for
 * P-384 and 2^30 for P-521. Inputs: X, Y, ZZ, ZZZ < 2, x2 < 1, y2 < 2; outputs < 2.
 */
function xyzzMixedAdd(out: usize, p: usize, q: usize): void {
  const X1 = p, Y1 = p + FE, ZZ1 = p + 2 * FE, ZZZ1 = p + 3 * FE;
  const X3 = out, Y3 = out + FE, ZZ3 = out + 2 * FE, ZZZ3 = out + 3 * FE;
  fMulSub2L(T0, q, ZZ1, X1);       // P = U2 − X, U2 = x2·ZZ < 1.07     < 3.07
  fMulSub2L(T1, q + FE, ZZZ1, Y1); // R = S2 − Y, S2 = y2·ZZZ < 1.13    < 3.13
  fSqr(T2, T0);           // PP                 < 1.3
  fMul(T3, T0, T2);       // PPP                < 1.13
  fMul(T4, X1, T2);       // Q = X·PP           < 1.09
  fMul(ZZ3, ZZ1, T2);     // ZZ3 = ZZ·PP        < 1.09
  fMul(ZZZ3, ZZZ1, T3);   // ZZZ3 = ZZZ·PPP     < 1.08
  fAddL(T0, T4, T4);
  fAddL(T0, T0, T3);      // PPP + 2Q           < 3.31
  fSqrSub4L(X3, T1, T0);  // R² − PPP − 2Q, R² < 1.31  < 5.31
  fReduce(X3, X3);        // X3 = R² − PPP − 2Q < 2
  fSubL(T4, T4, X3, 2);   // Q − X3             < 3.09
  fMul(T4, T1, T4);       // R(Q − X3)          < 1.31
  fMul(T3, Y1, T3);       // Y·PPP              < 1.08
  fSub(Y3, T4, T3);       // Y3                 < 2 (reducing)
}

/**
 * Writes the affine coordinates of `p` as big-endian bytes to `x` and `y` (either may be 0 to
 * skip it). Returns 1, or 0 for the identity (then the outputs are zero). Constant-time.
 */
export function pointToAffineBytes(x: usize, y: usize, p: usize): u32 {
  const zi = T4;
  fInv(zi, p + 2 * FE);
  const ok = 1 - fIsZero(p + 2 * FE);
  if (x != 0) {
    fMul(T0, p, zi);
    fToBytes(x, T0);
  }
  if (y != 0) {
    fMul(T0, p + FE, zi);
    fToBytes(y, T0);
  }
  wipeTemps();
  return ok;
}

// ---- scalar recoding ----

/** Signed radix-2^w digits of a big-endian scalar, least significant first. */
const DIGITS: usize = memory.data(<i32>DIGITS_MAX);

/** Bits w·i .. w·i + w − 1 of the `len`-byte big-endian scalar at `k` (zero past its end; w ≤ 8). */
// @ts-ignore: decorator
@inline function window(k: usize, len: usize, w: u32, i: usize): i32 {
  const bit = i * <usize>w;
  const at = bit >> 3;
  const lo = at < len ? <i32>load<u8>(k + len - 1 - at) : 0;
  const hi = at + 1 < len ? <i32>load<u8>(k + len - 2 - at) : 0;
  return ((lo | (hi << 8)) >> <i32>(bit & 7)) & ((1 << w) - 1);
}

/**
 * Recodes the `len`-byte big-endian scalar at `k` into `windows` digits with Σ d_i·2^(w·i) = k:
 * signed d_i ∈ [−2^(w−1), 2^(w−1)) but the last, which takes the bits left above w·(windows − 1)
 * (none when the layout gives the carry a window of its own) plus the final carry, unsigned; the
 * layouts keep it ≤ 2^(w−1) (scripts/gen-nist.mjs combWindows). Branch-free arithmetic, and the
 * bytes read depend only on the public position: constant-time.
 */
function recode(k: usize, len: usize, w: u32, windows: usize): void {
  const half: i32 = 1 << (w - 1);
  let carry: i32 = 0;
  for (let i: usize = 0; i < windows - 1; i++) {
    const v = window(k, len, w, i) + carry;
    carry = (v + half) >> w;
    store<i8>(DIGITS + i, <i8>(v - (carry << w)));
  }
  store<i8>(DIGITS + windows - 1, <i8>(window(k, len, w, windows - 1) + carry));
}

// ---- fixed-base multiplication ----

/** The field element 0 (never written). */
const ZERO: usize = memory.data(<i32>FE);
/** A point in XYZZ coordinates (the comb's accumulator): X, Y, ZZ, ZZZ. */
const XPT: usize = 4 * FE;
/** The accumulator and the sum of the multiplications: XYZZ for the comb, projective for pointMul. */
const ACC: usize = memory.data(<i32>XPT);
const SUM: usize = memory.data(<i32>XPT);
/** Selected table entry: x at +0, y at +FE; the comb keeps ZZ = ZZZ = 1 after them, pointMul a Z. */
const SEL: usize = memory.data(<i32>XPT);
/** A projective point padded to whole 8-byte words, the entry size of pointMul's table (ctSelect reads words). */
const PT_WORDS: usize = (PT + 7) & ~7;
/** The selected entry as stored (x ‖ y packed for the comb, x ‖ y ‖ z for pointMul's table). */
const PICK: usize = memory.data(<i32>PT_WORDS);

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
 * SEL = comb entry `idx` (1-based) of the row at `row` (x at SEL, y at SEL + FE_STRIDE), or zeros
 * when idx is 0: ctSelect for the P-256 comb on wasm SIMD (the p256 module is compiled with it;
 * P-384 and P-521 take ctSelect). An entry is 72 bytes, five v128 words (the fifth at byte 56
 * overlapping the fourth), each ANDed with a mask that is all ones for entry idx only and ORed into
 * a register, reading every entry in order; the packed entry is SEL's layout already, so it is
 * stored there. Constant-time in idx. In place of ctSelect on u64 words, a whole signature took
 * 9 % less time (measured, Node 20, December 2026).
 */
function combSelectSimd(row: usize, idx: u32): void {
  let a0 = i64x2.splat(0), a1 = i64x2.splat(0), a2 = i64x2.splat(0), a3 = i64x2.splat(0), a4 = i64x2.splat(0);
  // Lane-wise j == idx gives the mask: all ones for the wanted entry only.
  const want = i32x4.splat(idx);
  let j = i32x4.splat(1);
  const one = i32x4.splat(1);
  let e = row;
  for (let n: usize = 0; n < COMB_ENTRIES; n++) {
    const v = i32x4.eq(j, want);
    a0 = v128.or(a0, v128.and(v128.load(e), v));
    a1 = v128.or(a1, v128.and(v128.load(e, 16), v));
    a2 = v128.or(a2, v128.and(v128.load(e, 32), v));
    a3 = v128.or(a3, v128.and(v128.load(e, 48), v));
    // bytes 56..71: the last 8 bytes with 8 already in a3, stored again unchanged
    a4 = v128.or(a4, v128.and(v128.load(e, 56), v));
    j = i32x4.add(j, one);
    e += 72;
  }
  v128.store(SEL, a0);
  v128.store(SEL, a1, 16);
  v128.store(SEL, a2, 32);
  v128.store(SEL, a3, 48);
  v128.store(SEL, a4, 56);
}

/** SEL = x ‖ y of the comb entry: combSelectSimd where it applies (P-256 with SIMD), else ctSelect. */
// @ts-ignore: decorator
@inline function combSelect(row: usize, idx: u32): void {
  if (ASC_FEATURE_SIMD && FE_STRIDE == 36) {
    combSelectSimd(row, idx);
  } else {
    ctSelect(row, FE_STRIDE << 1, COMB_ENTRIES, idx);
    fCopy(SEL, PICK);
    fCopy(SEL + FE, PICK + FE_STRIDE);
  }
}

/** One 16-byte word of combKeepSimd at offset `o`. */
// @ts-ignore: decorator
@inline function keepWord(o: usize, inf: v128, nonzero: v128): void {
  const sum = v128.bitselect(v128.load(SEL + o), v128.load(SUM + o), inf);
  v128.store(ACC + o, v128.bitselect(sum, v128.load(ACC + o), nonzero));
}

/**
 * ACC = SEL when inf and nonzero, SUM when only nonzero, else unchanged: baseMul's two conditional
 * moves fused on wasm SIMD for P-256 (144-byte XYZZ points: nine v128 words). Constant-time (masks).
 */
function combKeepSimd(inf: u32, nonzero: u32): void {
  const i = i32x4.splat(inf), n = i32x4.splat(nonzero);
  keepWord(0, i, n);
  keepWord(16, i, n);
  keepWord(32, i, n);
  keepWord(48, i, n);
  keepWord(64, i, n);
  keepWord(80, i, n);
  keepWord(96, i, n);
  keepWord(112, i, n);
  keepWord(128, i, n);
}

/** ACC = SEL when inf and nonzero, SUM when only nonzero, else unchanged. Constant-time. */
// @ts-ignore: decorator
@inline function combKeep(inf: u32, nonzero: u32): void {
  if (ASC_FEATURE_SIMD && XPT == 144) {
    combKeepSimd(inf, nonzero);
  } else {
    for (let c: usize = 0; c < XPT; c += FE) fCmov(SUM + c, SEL + c, inf);
    for (let c: usize = 0; c < XPT; c += FE) fCmov(ACC + c, SUM + c, nonzero);
  }
}

/**
 * ACC = k·G in XYZZ coordinates for the CLEN-byte big-endian scalar at `k`, 1 ≤ k < n, once the
 * comb is due (combDue). Constant-time: fixed-base comb of radix 2^w over the precomputed table
 * j·2^(w·i)·G (j = 1..2^(w−1)), with a constant-time selection that reads every entry of each
 * window, a conditional negation by mask, and a mixed addition (xyzzMixedAdd) whose result is
 * kept only when the digit is non-zero.
 *
 * The accumulator starts as the first window's entry (x, ±y, 1, 1), no addition needed, and the
 * identity is marked by the mask `inf` instead of a point (set while every digit so far was 0):
 * while it is set, the sum is the selected entry itself. xyzzMixedAdd is incomplete, and the comb
 * never feeds it an exceptional pair: before window i the accumulator is s·G with
 * |s| < 2^(w·i) and the entry is d·2^(w·i)·G with 1 ≤ |d| ≤ 2^(w−1), so s ≠ ±d·2^(w·i) as
 * integers, and as residues mod n too while (2^(w−1) + 1)·2^(w·i) < n; for the top windows,
 * enumerating their digits shows that no k in [1, n−1] gives s ≡ ±d·2^(w·i) (mod n)
 * (tests/comb.test.ts, all three curves). For k = 0 ZZ and ZZZ end at 0: the identity.
 */
function combMul(k: usize): void {
  const windows = COMB_WINDOWS;
  const rowBytes = COMB_ENTRIES * (FE_STRIDE << 1);
  recode(k, CLEN, COMB_BITS, windows);
  fCopy(SEL + 2 * FE, FE_ONE());
  fCopy(SEL + 3 * FE, FE_ONE());
  let row = combTable();
  let inf: u32 = 0xffffffff;
  for (let i: usize = 0; i < windows; i++) {
    const d = <i32>load<i8>(DIGITS + i);
    const sign = <u32>(d >> 31); // all ones when d < 0
    const abs = <u32>((d ^ (d >> 31)) - (d >> 31));
    combSelect(row, abs);
    // −y as 2p − y without a reduction: the entry's y is canonical and not 0 (no point of order
    // 2), so 2p − y < 2p, the bound xyzzMixedAdd takes for y2.
    fSubL(T0, ZERO, SEL + FE, 2);
    fCmov(SEL + FE, T0, sign);
    const nonzero = <u32>(0 - (((0 - abs) >>> 31) & 1));
    if (i == 0) {
      memory.copy(ACC, SEL, XPT);
    } else {
      xyzzMixedAdd(SUM, ACC, SEL);
      combKeep(inf, nonzero);
    }
    inf &= ~nonzero;
    row += rowBytes;
  }
  fCmov(ACC + 2 * FE, ZERO, inf);
  fCmov(ACC + 3 * FE, ZERO, inf);
}

/** Wipes the state of combMul and pointMul. */
function wipeMul(): void {
  wipe(ACC, XPT);
  wipe(SUM, XPT);
  wipe(SEL, XPT);
  wipe(PICK, PT_WORDS);
  wipe(MASKS, 64 * 8);
  wipe(DIGITS, DIGITS_MAX);
  wipeTemps();
}

/**
 * out = k·G (projective) for the CLEN-byte big-endian scalar at `k`, 1 ≤ k < n: the comb
 * (combMul) once it is due, pointMul before (combDue). Constant-time.
 */
export function baseMul(out: usize, k: usize): void {
  if (!combDue()) {
    pointMul(out, baseProjective(), k);
    return;
  }
  combMul(k);
  // XYZZ (X, Y, ZZ, ZZZ) to projective (X·ZZZ : Y·ZZ : ZZ·ZZZ); ZZ = 0 (k = 0) stays the identity.
  fMul(out, ACC, ACC + 3 * FE);
  fMul(out + FE, ACC + FE, ACC + 2 * FE);
  fMul(out + 2 * FE, ACC + 2 * FE, ACC + 3 * FE);
  wipeMul();
}

/**
 * The x-coordinate of k·G as a fraction X/Z: X at `out`, Z at `out` + FE_STRIDE (both < 2p; Z = 0
 * for k = 0), for the CLEN-byte big-endian scalar at `k`, 1 ≤ k < n. ECDSA signing (FIPS 186-5
 * §6.4.1 step 7) inverts Z together with the nonce (fsInvPair). The comb's XYZZ point gives
 * X/ZZ, pointMul's projective one X/Z. Constant-time.
 */
export function baseMulX(out: usize, k: usize): void {
  if (!combDue()) {
    // pointMul reads its base before it writes the result: G's buffer can take k·G.
    pointMul(GPROJ, baseProjective(), k);
    fCopy(out, GPROJ);
    fCopy(out + FE, GPROJ + 2 * FE);
    wipe(GPROJ, PT);
    return;
  }
  combMul(k);
  fCopy(out, ACC);
  fCopy(out + FE, ACC + 2 * FE);
  wipeMul();
}

// ---- variable-base multiplication (ECDH) ----

/** The multiples j·P, j = 1..8, of pointMul's base, projective, PT_WORDS bytes each. */
const MULTIPLES: usize = memory.data(<i32>(PT_WORDS << 3));

/**
 * out = k·P for a projective point `p` and the CLEN-byte big-endian scalar at `k`. Constant-time
 * in k (and P): signed radix-16 digits (recode), four doublings and one complete addition per digit
 * (RCB 2015 Algorithms 4 and 6, so the identity and P = ±Q need no branch), the multiple |d|·P read
 * by ctSelect (every entry, under masks), negated by mask, and the sum kept by mask when d ≠ 0.
 */
export function pointMul(out: usize, p: usize, k: usize): void {
  memory.copy(MULTIPLES, p, PT);
  pointDouble(MULTIPLES + PT_WORDS, p);
  for (let j: usize = 2; j < 8; j++) pointAdd(MULTIPLES + j * PT_WORDS, MULTIPLES + (j - 1) * PT_WORDS, p);
  recode(k, CLEN, 4, RADIX16_WINDOWS);
  pointIdentity(ACC);
  for (let i = <i32>RADIX16_WINDOWS - 1; i >= 0; i--) {
    pointDouble(ACC, ACC);
    pointDouble(ACC, ACC);
    pointDouble(ACC, ACC);
    pointDouble(ACC, ACC);
    const d = <i32>load<i8>(DIGITS + <usize>i);
    const sign = <u32>(d >> 31); // all ones when d < 0
    const abs = <u32>((d ^ (d >> 31)) - (d >> 31));
    ctSelect(MULTIPLES, PT_WORDS, 8, abs);
    memory.copy(SEL, PICK, PT);
    fNeg(SUM + FE, SEL + FE);
    fCmov(SEL + FE, SUM + FE, sign);
    pointAdd(SUM, ACC, SEL);
    pointCmov(ACC, SUM, <u32>(0 - (((0 - abs) >>> 31) & 1)));
  }
  memory.copy(out, ACC, PT);
  wipe(MULTIPLES, 8 * PT_WORDS);
  wipeMul();
}

// ---- verification: variable-time, Jacobian coordinates ----
//
// Verification handles public values only, so it may branch on them: it uses Jacobian coordinates
// (x = X/Z², y = Y/Z³), whose doubling and mixed addition are cheaper than the complete formulas,
// and treats the exceptional cases (identity, P = ±Q) explicitly.

/** Rows of the per-key table: R = 16 rows of Q_ENTRIES points (512 affine points), or 1 row for one-shot use. */
export const QROWS_MAX: usize = 16;
/**
 * Radix bits of u2's signed digits with a per-key table, whose rows hold the multiples
 * 1..2^(Q_BITS−1) of their bases. Radix 64 and 16 rows rather than radix 16 and 8 rows: 29–31 %
 * faster verification with a table on the three curves (fewer digit columns, so fewer doublings,
 * and fewer additions), for a table eight times as large (P-256 36 KiB, P-521 76 KiB) built once
 * per key in about three times the time (P-256 0.54 ms, P-521 2.5 ms). Measured 2026-12-01, A/B of
 * the raw wasm in one process. A one-shot table (one row, used once) stays radix 16: there a larger
 * row costs more to build than its digits save.
 */
const Q_BITS: u32 = 6;
const Q_ENTRIES: usize = 1 << (Q_BITS - 1);

/** Radix bits of u2's digits with a table of `rows` rows (see Q_BITS). */
// @ts-ignore: decorator
@inline function qBits(rows: usize): u32 {
  return rows == 1 ? 4 : Q_BITS;
}

/** Multiples per row of a table of `rows` rows: 1..2^(qBits − 1). */
// @ts-ignore: decorator
@inline function qEntries(rows: usize): usize {
  return <usize>1 << (qBits(rows) - 1);
}

/** Digits of u2 in radix 2^`bits`: ⌈(8·CLEN + 1) / bits⌉, so the top window has room for the final carry (see recode). */
// @ts-ignore: decorator
@inline function qWindows(bits: u32): usize {
  return (8 * CLEN + <usize>bits) / <usize>bits;
}

const JT0: usize = memory.data(<i32>FE);
const JT1: usize = memory.data(<i32>FE);
const JT2: usize = memory.data(<i32>FE);
const JT3: usize = memory.data(<i32>FE);
const JT4: usize = memory.data(<i32>FE);
const JT5: usize = memory.data(<i32>FE);
const JT6: usize = memory.data(<i32>FE);
/** Jacobian accumulator X, Y, Z; `jInf` marks the identity. */
const JACC: usize = memory.data(<i32>PT);
let jInf = true;

/** p = 2p in Jacobian coordinates, a = −3 (dbl-2001-b, Bernstein–Lange EFD): 3M + 5S. Variable-time. */
function jDouble(p: usize): void {
  const X = p, Y = p + FE, Z = p + 2 * FE;
  fSqr(JT0, Z);           // δ = Z²
  fSqr(JT1, Y);           // γ = Y²
  fMul(JT2, X, JT1);      // β = X·γ
  fSub(JT3, X, JT0);
  fAdd(JT4, X, JT0);
  fMul(JT3, JT3, JT4);
  fAdd(JT4, JT3, JT3);
  fAdd(JT3, JT4, JT3);    // α = 3(X − δ)(X + δ)
  fAdd(JT4, Y, Z);
  fSqr(JT4, JT4);
  fSub(JT4, JT4, JT1);
  fSub(Z, JT4, JT0);      // Z3 = (Y + Z)² − γ − δ
  fSqr(JT4, JT3);
  fAdd(JT2, JT2, JT2);
  fAdd(JT2, JT2, JT2);    // 4β
  fAdd(JT5, JT2, JT2);    // 8β
  fSub(X, JT4, JT5);      // X3 = α² − 8β
  fSub(JT2, JT2, X);
  fMul(JT2, JT3, JT2);
  fSqr(JT1, JT1);
  fAdd(JT1, JT1, JT1);
  fAdd(JT1, JT1, JT1);
  fAdd(JT1, JT1, JT1);    // 8γ²
  fSub(Y, JT2, JT1);      // Y3 = α(4β − X3) − 8γ²
}

/**
 * JACC += (x, y) affine (q: x at q, y at q + FE_STRIDE), Jacobian mixed addition (8M + 3S):
 * U2 = x·Z², S2 = y·Z³, H = U2 − X, R = S2 − Y, X3 = R² − H³ − 2X·H², Y3 = R(X·H² − X3) − Y·H³,
 * Z3 = Z·H; H = 0 means P = ±Q (doubling or the identity). Variable-time.
 */
function jAddAffine(q: usize): void {
  const X = JACC, Y = JACC + FE, Z = JACC + 2 * FE;
  if (jInf) {
    fCopy(X, q);
    fCopy(Y, q + FE);
    fCopy(Z, FE_ONE());
    jInf = false;
    return;
  }
  fSqr(JT0, Z);           // Z²
  fMul(JT1, q, JT0);      // U2
  fMul(JT2, q + FE, Z);
  fMul(JT2, JT2, JT0);    // S2
  fSub(JT1, JT1, X);      // H
  fSub(JT2, JT2, Y);      // R
  if (fIsZero(JT1)) {
    if (fIsZero(JT2)) jDouble(JACC);
    else jInf = true;
    return;
  }
  fSqr(JT3, JT1);         // H²
  fMul(JT4, JT1, JT3);    // H³
  fMul(JT5, X, JT3);      // V = X·H²
  fMul(Z, Z, JT1);        // Z3 = Z·H
  fSqr(JT6, JT2);
  fSub(JT6, JT6, JT4);
  fSub(JT6, JT6, JT5);
  fSub(JT6, JT6, JT5);    // X3 = R² − H³ − 2V
  fSub(JT5, JT5, JT6);
  fMul(JT5, JT2, JT5);
  fMul(JT4, Y, JT4);
  fSub(Y, JT5, JT4);      // Y3 = R(V − X3) − Y·H³
  fCopy(X, JT6);
}

/** Projective points of a table under construction, and the prefix products of batch inversion. */
const PROJ: usize = memory.data(<i32>(QROWS_MAX * Q_ENTRIES * PT));
const PREFIX: usize = memory.data(<i32>(QROWS_MAX * Q_ENTRIES * FE));
const ZINV: usize = memory.data(<i32>FE);

/**
 * Number of digit columns T for a table of `rows` rows: T·rows ≥ the digit count, and row r holds
 * the multiples of P_r = 2^(Q_BITS·T·r)·Q.
 */
// @ts-ignore: decorator
@inline function qColumns(rows: usize): usize {
  return (qWindows(qBits(rows)) + rows - 1) / rows;
}

/** Byte length of a table of `rows` rows. */
export function qTableLength(rows: usize): usize {
  return rows * qEntries(rows) * (FE_STRIDE << 1);
}

/**
 * Writes the verification table of the on-curve point `q` (projective, Z = 1): for each row r
 * and j = 1..2^(b−1), b = qBits(rows), the affine point j·2^(b·T·r)·Q (x ‖ y, Montgomery), in the layout of
 * the fixed-base table. One inversion for all points (Montgomery's batch-inversion trick).
 * Variable-time: public keys only.
 */
export function qTableVartime(out: usize, q: usize, rows: usize): void {
  const bits = qBits(rows);
  const entries = qEntries(rows);
  const cols = qColumns(rows);
  const stride = entries * PT;
  memory.copy(PROJ, q, PT);
  for (let r: usize = 0; r < rows; r++) {
    const row = PROJ + r * stride;
    if (r > 0) {
      memory.copy(row, row - stride, PT);
      for (let i: usize = 0; i < <usize>bits * cols; i++) pointDouble(row, row);
    }
    pointDouble(row + PT, row);
    for (let j: usize = 2; j < entries; j++) pointAdd(row + j * PT, row + (j - 1) * PT, row);
  }
  normalizeBatch(out, rows * entries);
}

/**
 * Writes the `count` projective points at PROJ (none the identity) as packed affine entries
 * (x ‖ y, canonical Montgomery form) at `out`, with one inversion for all of them (Montgomery's
 * batch-inversion trick: PREFIX[i] = Z_0 ⋯ Z_i, invert the last, walk back). Public points only.
 */
function normalizeBatch(out: usize, count: usize): void {
  const fe = FE_STRIDE;
  fCopy(PREFIX, PROJ + 2 * FE);
  for (let i: usize = 1; i < count; i++) fMul(PREFIX + i * FE, PREFIX + (i - 1) * FE, PROJ + i * PT + 2 * FE);
  fInv(ZINV, PREFIX + (count - 1) * FE);
  for (let i = <i32>count - 1; i >= 0; i--) {
    const p = PROJ + <usize>i * PT;
    const zi = T0;
    if (i > 0) fMul(zi, ZINV, PREFIX + <usize>(i - 1) * FE);
    else fCopy(zi, ZINV);
    fMul(ZINV, ZINV, p + 2 * FE);
    const e = out + <usize>i * (fe << 1);
    // Canonical entries: the signing formula's bounds assume x2 < p (xyzzMixedAdd).
    fMul(T1, p, zi);
    fCanon(e, T1);
    fMul(T1, p + FE, zi);
    fCanon(e + fe, T1);
  }
}

/** Whether the fixed-base table is built, and the running base 2^(w·i)·G. */
let combReady = false;
const CBASE: usize = memory.data(<i32>PT);

/**
 * Fixed-base multiplications (signing, key generation, verification's u1·G) that run without the
 * comb before it is built. Building it costs about a millisecond in optimised code and several
 * times that in a fresh process, whose code the engine has not optimised yet (measured: the first
 * ES256 key generation took 10 ms, most of it the table); a Worker's first request must not pay
 * that. The first few multiplications use pointMul (no table beyond 8 multiples of G), and the
 * comb is built by the first one after them, when the field code is warm. The switch depends on
 * this public count only.
 */
const COMB_AFTER: u32 = 8;
let baseUses: u32 = 0;
/** G in projective coordinates, pointMul's base until the comb is built. */
const GPROJ: usize = memory.data(<i32>PT);

/** Whether this fixed-base multiplication uses the comb (building it now if it is due). */
function combDue(): bool {
  if (combReady) return true;
  baseUses++;
  return baseUses > COMB_AFTER;
}

/** G = (x : y : 1), written into GPROJ. */
function baseProjective(): usize {
  fCopy(GPROJ, CURVE_G());
  fCopy(GPROJ + FE, CURVE_G() + FE_STRIDE);
  fCopy(GPROJ + 2 * FE, FE_ONE());
  return GPROJ;
}

/**
 * The fixed-base comb of the curve (j·2^(w·i)·G, j = 1..2^(w−1), affine), built on first use:
 * row i from base_i = 2^(w·i)·G by complete additions, batch-normalised, and
 * base_(i+1) = 2·(2^(w−1)·base_i). The table holds public multiples of G only.
 */
function combTable(): usize {
  const table = COMB_TABLE();
  if (combReady) return table;
  const fe = FE_STRIDE;
  const count = COMB_ENTRIES;
  const windows = COMB_WINDOWS;
  const base = CBASE;
  fCopy(base, CURVE_G());
  fCopy(base + FE, CURVE_G() + fe);
  fCopy(base + 2 * FE, FE_ONE());
  // The rows are normalised in groups that fill PROJ, one inversion per group (normalizeBatch):
  // 3 inversions for P-256's 43 rows instead of 43. In a fresh Node process the signature that
  // builds the comb took 3.2 ms (median of 15 runs) with one inversion per row, 1.7 ms with this
  // (measured, December 2026).
  const group = (QROWS_MAX * Q_ENTRIES) / count;
  let row = table;
  for (let i: usize = 0; i < windows; i += group) {
    const rows = min(group, windows - i);
    for (let r: usize = 0; r < rows; r++) {
      const proj = PROJ + r * count * PT;
      memory.copy(proj, base, PT);
      for (let j: usize = 1; j < count; j++) pointAdd(proj + j * PT, proj + (j - 1) * PT, base);
      pointDouble(base, proj + (count - 1) * PT);
    }
    normalizeBatch(row, rows * count);
    row += rows * count * (fe << 1);
  }
  combReady = true;
  return table;
}

/** Loads table entry `e` (x ‖ y packed) into SEL as an affine point, negated when `neg`. */
// @ts-ignore: decorator
@inline function selectVartime(e: usize, fe: usize, neg: bool): void {
  fCopy(SEL, e);
  if (neg) fNeg(SEL + FE, e + fe);
  else fCopy(SEL + FE, e + fe);
}

/** Scalar digits of u2 in the per-key table's order. */
const DIGITS2: usize = memory.data(<i32>DIGITS_MAX);

/**
 * JACC = u1·G + u2·Q for big-endian scalars (`curveLen` bytes), from the fixed-base table of G and
 * a table of Q from qTableVartime with `rows` rows. u2·Q by Horner over the T digit columns
 * (qBits·(T−1) doublings, one addition per non-zero digit), then u1·G by the comb (additions only).
 * Returns false when the sum is the identity; otherwise leaves X, Y, Z (Jacobian) at `out`.
 * Variable-time: public inputs only (ECDSA verification, SEC 1 §4.1.4 step 5).
 */
export function doubleScalarMulVartime(out: usize, u1: usize, u2: usize, qTable: usize, rows: usize): bool {
  // Before the comb exists, u1·G by pointMul, first: it uses the digit buffer recoded below.
  const viaComb = combDue();
  if (!viaComb) pointMul(U1G, baseProjective(), u1);
  const len = CLEN;
  const bits = qBits(rows);
  const entries = qEntries(rows);
  const windows = qWindows(bits);
  const fe = FE_STRIDE;
  const entry = fe << 1;
  const cols = qColumns(rows);
  recode(u2, len, bits, windows);
  memory.fill(DIGITS2, 0, DIGITS_MAX);
  memory.copy(DIGITS2, DIGITS, windows);
  jInf = true;
  for (let t = <i32>cols - 1; t >= 0; t--) {
    if (!jInf) for (let i: u32 = 0; i < bits; i++) jDouble(JACC);
    for (let r: usize = 0; r < rows; r++) {
      const d = <i32>load<i8>(DIGITS2 + <usize>t + cols * r);
      if (d == 0) continue;
      const abs = d < 0 ? -d : d;
      selectVartime(qTable + (r * entries + <usize>(abs - 1)) * entry, fe, d < 0);
      jAddAffine(SEL);
    }
  }
  if (!viaComb) {
    // u1·G to affine (one inversion), unless it is the identity (Z = 0), then added once.
    if (!fIsZero(U1G + 2 * FE)) {
      fInv(ZINV, U1G + 2 * FE);
      fMul(U1G, U1G, ZINV);
      fMul(U1G + FE, U1G + FE, ZINV);
      jAddAffine(U1G);
    }
    memory.copy(out, JACC, PT);
    return !jInf;
  }
  const gWindows = COMB_WINDOWS;
  const count = COMB_ENTRIES;
  recode(u1, len, COMB_BITS, gWindows);
  let row = combTable();
  for (let i: usize = 0; i < gWindows; i++) {
    const d = <i32>load<i8>(DIGITS + i);
    if (d != 0) {
      const abs = d < 0 ? -d : d;
      selectVartime(row + <usize>(abs - 1) * entry, fe, d < 0);
      jAddAffine(SEL);
    }
    row += count * entry;
  }
  memory.copy(out, JACC, PT);
  return !jInf;
}

/** u1·G before the comb exists (projective, then affine in place). */
const U1G: usize = memory.data(<i32>PT);

/**
 * Decodes the affine point x ‖ y (2·curveLen big-endian bytes, SEC 1 §2.3.4 without the 0x04
 * prefix) into projective `p` (Z = 1) and checks it: both coordinates < p and y² = x³ − 3x + b
 * (SEC 1 §3.2.2.1 step 2–3; the identity has no affine encoding). Returns 1 when valid.
 * Variable-time: public keys only.
 */
export function pointFromAffineBytesVartime(p: usize, xy: usize): u32 {
  const len = CLEN;
  const okx = fFromBytes(p, xy);
  const oky = fFromBytes(p + FE, xy + len);
  fCopy(p + 2 * FE, FE_ONE());
  if ((okx & oky) == 0) return 0;
  // y² − (x³ − 3x + b)
  fSqr(T0, p);
  fMul(T0, T0, p);
  fAdd(T1, p, p);
  fAdd(T1, T1, p);
  fSub(T0, T0, T1);
  fAdd(T0, T0, CURVE_B());
  fSqr(T1, p + FE);
  fSub(T0, T1, T0);
  return fIsZero(T0);
}
