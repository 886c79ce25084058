/**
 * The edwards25519 group −x² + y² = 1 + d·x²·y² (RFC 8032 §5.1, RFC 7748 §4.1) in extended twisted
 * Edwards coordinates (Hisil, Wong, Carter, Dawson, "Twisted Edwards Curves Revisited", 2008, §3–4).
 * https://www.rfc-editor.org/rfc/rfc8032#section-5.1.4
 *
 * Point forms, each a run of 40-byte field elements in linear memory:
 * - P3 "extended" (X, Y, Z, T): x = X/Z, y = Y/Z, x·y = T/Z.
 * - P2 "projective" (X, Y, Z): a P3 without T, enough to double from.
 * - P1P1 "completed" (X, Y, Z, T): x = X/Z, y = Y/T; the raw output of every add and double, turned
 *   into P2 (3 multiplications) or P3 (4) depending on what comes next.
 * - CACHED (Y+X, Y−X, 2Z, 2d·T): a P3 ready to be added.
 * - NIELS (y+x, y−x, 2d·x·y): an affine point ready to be added (precomputed tables).
 * This module never touches limbs: it only calls field/fe25519.ts.
 *
 * Scalar multiplication: `scalarMulBase` (constant-time, for secrets) and
 * `doubleScalarMulBaseVartime` (variable-time: public inputs only, for verification).
 * @module
 */

import {
  FE_SIZE, feAdd, feCarry, feCmov, feCopy, feFromBytes, feInvert, feIsNegative, feIsZero, feMul, feNeg,
  feOne, fePow22523, feSq, feSub, feToBytes, feWipe, feZero,
} from "../field/fe25519";

// ---- curve constants (RFC 8032 §5.1), as 10 limbs of radix 2^25.5 --------------------------------
/** d = −121665/121666 mod p. */
const ED25519_D: usize = memory.data<i32>([56195235, 13857412, 51736253, 6949390, 114729, 24766616, 60832955, 30306712, 48412415, 21499315]);
/** 2·d mod p. */
const ED25519_D2: usize = memory.data<i32>([45281625, 27714825, 36363642, 13898781, 229458, 15978800, 54557047, 27058993, 29715967, 9444199]);
/** √−1 = 2^((p−1)/4) mod p (RFC 8032 §5.1.3 step 3). */
const ED25519_SQRTM1: usize = memory.data<i32>([34513072, 25610706, 9377949, 3500415, 12389472, 33281959, 41962654, 31548777, 326685, 11406482]);
/** Encoding of the base point B (y = 4/5, x even), RFC 8032 §5.1. */
const ED25519_B: usize = memory.data<u8>([
  0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
  0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
]);

export const P3_SIZE: usize = 4 * FE_SIZE;
const NIELS_SIZE: usize = 3 * FE_SIZE;
const X: usize = 0;
const Y: usize = FE_SIZE;
const Z: usize = 2 * FE_SIZE;
const T: usize = 3 * FE_SIZE;

// Work field elements (module-private, never aliased across a call that uses them).
const F0: usize = memory.data(40);
const F1: usize = memory.data(40);
const F2: usize = memory.data(40);
const F3: usize = memory.data(40);
const F4: usize = memory.data(40);

// ---- group operations ----------------------------------------------------------------------------

/** r (P2) = p (P1P1). */
function p1p1ToP2(r: usize, p: usize): void {
  feMul(r + X, p + X, p + T);
  feMul(r + Y, p + Y, p + Z);
  feMul(r + Z, p + Z, p + T);
}

/** r (P3) = p (P1P1). */
function p1p1ToP3(r: usize, p: usize): void {
  feMul(r + X, p + X, p + T);
  feMul(r + Y, p + Y, p + Z);
  feMul(r + Z, p + Z, p + T);
  feMul(r + T, p + X, p + Y);
}

/**
 * r (P1P1) = 2·p, p a P2 (or P3: T is not read). dbl-2008-hwcd with a = −1: with A = X², B = Y²,
 * x' = ((X+Y)² − A − B) / (B − A) and y' = (B + A) / (2Z² − (B − A)). Inputs reduced; every
 * multiplication input below is a sum of at most three reduced elements.
 */
function dbl(r: usize, p: usize): void {
  feSq(F0, p + X); //                 A
  feSq(F1, p + Y); //                 B
  feSq(F2, p + Z);
  feAdd(F2, F2, F2); //               2Z²
  feAdd(F3, p + X, p + Y);
  feSq(F3, F3); //                    (X+Y)²
  feAdd(r + Y, F1, F0); //            B + A
  feSub(r + Z, F1, F0); //            B − A
  feSub(r + X, F3, r + Y); //         (X+Y)² − A − B
  feSub(r + T, F2, r + Z); //         2Z² − (B − A)
}

/**
 * r (P1P1) = p + q or p − q (`sub`), p a P3 and q CACHED: add-2008-hwcd-3 with k = 2d.
 * x' = (B − A)/(D + C), y' = (B + A)/(D − C) with A = (Y1−X1)(Y2−X2), B = (Y1+X1)(Y2+X2),
 * C = T1·2d·T2, D = Z1·2Z2; −q swaps Y2+X2 with Y2−X2 and negates 2d·T2.
 */
function addCached(r: usize, p: usize, q: usize, sub: bool): void {
  feSub(F0, p + Y, p + X);
  feMul(F0, F0, q + (sub ? 0 : FE_SIZE)); //       A
  feAdd(F1, p + Y, p + X);
  feMul(F1, F1, q + (sub ? FE_SIZE : 0)); //       B
  feMul(F2, p + T, q + T); //                      ±C
  feMul(F3, p + Z, q + Z); //                      D
  feSub(r + X, F1, F0);
  feAdd(r + Y, F1, F0);
  if (sub) {
    feSub(r + Z, F3, F2);
    feAdd(r + T, F3, F2);
  } else {
    feAdd(r + Z, F3, F2);
    feSub(r + T, F3, F2);
  }
}

/**
 * r (P1P1) = p + q, p a P3 and q NIELS (affine, Z2 = 1, so D = 2·Z1). Used by the constant-time
 * fixed-base loop, where the sign is already folded into q by `selectNiels`.
 */
function addNiels(r: usize, p: usize, q: usize): void {
  feSub(F0, p + Y, p + X);
  feMul(F0, F0, q + FE_SIZE); //        A = (Y1−X1)(y2−x2)
  feAdd(F1, p + Y, p + X);
  feMul(F1, F1, q); //                  B = (Y1+X1)(y2+x2)
  feMul(F2, p + T, q + 2 * FE_SIZE); // C = T1·2d·x2·y2
  feAdd(F3, p + Z, p + Z); //           D = 2·Z1
  feSub(r + X, F1, F0);
  feAdd(r + Y, F1, F0);
  feAdd(r + Z, F3, F2);
  feSub(r + T, F3, F2);
}

/** r (P1P1) = p − q, p a P3 and q NIELS (variable-time callers only choose add or sub). */
function subNiels(r: usize, p: usize, q: usize): void {
  feSub(F0, p + Y, p + X);
  feMul(F0, F0, q);
  feAdd(F1, p + Y, p + X);
  feMul(F1, F1, q + FE_SIZE);
  feMul(F2, p + T, q + 2 * FE_SIZE);
  feAdd(F3, p + Z, p + Z);
  feSub(r + X, F1, F0);
  feAdd(r + Y, F1, F0);
  feSub(r + Z, F3, F2);
  feAdd(r + T, F3, F2);
}

/** r (CACHED) = p (P3). */
function toCached(r: usize, p: usize): void {
  feAdd(r, p + Y, p + X);
  feSub(r + FE_SIZE, p + Y, p + X);
  feAdd(r + 2 * FE_SIZE, p + Z, p + Z);
  feMul(r + 3 * FE_SIZE, p + T, ED25519_D2);
}

/** p (P3) = the neutral element (0, 1). Constant-time. */
export function p3Identity(p: usize): void {
  feZero(p + X);
  feOne(p + Y);
  feOne(p + Z);
  feZero(p + T);
}

/** r (P3) = −p (P3). Constant-time. */
export function p3Neg(r: usize, p: usize): void {
  feNeg(r + X, p + X);
  feCopy(r + Y, p + Y);
  feCopy(r + Z, p + Z);
  feNeg(r + T, p + T);
  feCarry(r + X, r + X);
  feCarry(r + T, r + T);
}

// ---- encoding (RFC 8032 §5.1.2, §5.1.3) --------------------------------------------------------

const ZINV: usize = memory.data(40);

/**
 * Writes the 32-byte encoding of p (P2 or P3): y little-endian with the sign of x in bit 255
 * (RFC 8032 §5.1.2). Constant-time.
 */
export function encodePoint(out: usize, p: usize): void {
  feInvert(ZINV, p + Z);
  feMul(F0, p + X, ZINV);
  feMul(F1, p + Y, ZINV);
  feToBytes(out, F1);
  store<u8>(out + 31, load<u8>(out + 31) | <u8>(feIsNegative(F0) << 7));
}

const CANON: usize = memory.data(32);

/**
 * Decodes 32 bytes at `s` into p (P3), strictly (RFC 8032 §5.1.3): rejects y ≥ p (non-canonical),
 * y with no x on the curve, and x = 0 with the sign bit set (the non-canonical encodings of (0, ±1)).
 * Returns 1 on success, 0 on rejection. Variable-time: public inputs only (keys, signature R).
 */
export function decodePointVartime(p: usize, s: usize): i32 {
  const sign = <i32>(load<u8>(s + 31) >>> 7);
  feFromBytes(p + Y, s);
  // Canonical y: re-encoding must give back the 255 low bits exactly.
  feToBytes(CANON, p + Y);
  for (let i: usize = 0; i < 31; i++) if (load<u8>(CANON + i) != load<u8>(s + i)) return 0;
  if (load<u8>(CANON + 31) != (load<u8>(s + 31) & 0x7f)) return 0;
  feOne(p + Z);
  // Step 2: u = y² − 1, v = d·y² + 1, x = u·v³·(u·v⁷)^((p−5)/8).
  feSq(F0, p + Y);
  feMul(F1, F0, ED25519_D);
  feSub(F0, F0, p + Z); //           u
  feAdd(F1, F1, p + Z); //           v
  feCarry(F0, F0);
  feCarry(F1, F1);
  feSq(F2, F1);
  feMul(F2, F2, F1); //              v³
  feSq(F3, F2);
  feMul(F3, F3, F1);
  feMul(F3, F3, F0); //              u·v⁷
  fePow22523(F3, F3);
  feMul(F3, F3, F2);
  feMul(p + X, F3, F0); //           x candidate
  // Step 3: v·x² = u → x; v·x² = −u → x·√−1; otherwise no square root: reject.
  feSq(F2, p + X);
  feMul(F2, F2, F1); //              v·x²
  feSub(F4, F2, F0);
  if (!feIsZero(F4)) {
    feAdd(F4, F2, F0);
    if (!feIsZero(F4)) return 0;
    feMul(p + X, p + X, ED25519_SQRTM1);
  }
  // Step 4: x = 0 with sign bit 1 is rejected; otherwise pick the root whose low bit is the sign.
  const negative = feIsNegative(p + X);
  if (feIsZero(p + X) && sign == 1) return 0;
  if (negative != sign) {
    feNeg(p + X, p + X);
    feCarry(p + X, p + X);
  }
  feMul(p + T, p + X, p + Y);
  return 1;
}

// ---- batch normalisation of precomputed tables ------------------------------------------------

/**
 * Converts `n` P3 points at `src` to NIELS at `dst` with one inversion (Montgomery's trick:
 * prefix products of Z, one inverse, then unwound). `prefix` has room for n field elements.
 * Runs once per process on public constants (multiples of B).
 */
function toNielsBatch(dst: usize, src: usize, n: i32, prefix: usize): void {
  feCopy(prefix, src + Z);
  for (let i = 1; i < n; i++) {
    feMul(prefix + <usize>i * FE_SIZE, prefix + <usize>(i - 1) * FE_SIZE, src + <usize>i * P3_SIZE + Z);
  }
  feInvert(F4, prefix + <usize>(n - 1) * FE_SIZE); // 1 / (Z_0 ⋯ Z_{n−1})
  for (let i = n - 1; i >= 0; i--) {
    const pt = src + <usize>i * P3_SIZE;
    if (i > 0) {
      feMul(ZINV, F4, prefix + <usize>(i - 1) * FE_SIZE); // 1 / Z_i
      feMul(F4, F4, pt + Z); //                               1 / (Z_0 ⋯ Z_{i−1})
    } else {
      feCopy(ZINV, F4);
    }
    const out = dst + <usize>i * NIELS_SIZE;
    feMul(F0, pt + X, ZINV); // x
    feMul(F1, pt + Y, ZINV); // y
    feAdd(out, F1, F0);
    feSub(out + FE_SIZE, F1, F0);
    feCarry(out, out);
    feCarry(out + FE_SIZE, out + FE_SIZE);
    feMul(F2, F0, F1);
    feMul(out + 2 * FE_SIZE, F2, ED25519_D2);
  }
}

// ---- precomputed tables -------------------------------------------------------------------------

/**
 * Verification: each scalar is split into SPLITS parts of PART_BITS bits (x = Σ x_k·2^(PART_BITS·k))
 * and every part is added from a table of the matching multiple 2^(PART_BITS·k) of its point, so
 * the doubling chain shared by all parts is PART_BITS + 1 doublings, not 253 (the doublings were
 * two thirds of a verification). Tables of B are built once per process; those of −A are part of
 * the per-key state. Raw verification of a 300-byte message, wasm only, same run (measured
 * 2026-12-01): one part with width 10 over B 39 µs; 2 parts 38; 4 parts 28.7 (width 9: 29.4);
 * 8 parts 24.2 with width 10 over B, 24.7 with width 8, whose tables are a quarter the size (8·64
 * points, built on the first verification).
 */
const SPLITS: i32 = 8;
const PART_BITS: u32 = 32;
/** NAF width for the parts of the B scalar and the size 2^(w−2) of each table of odd multiples. */
const B_WINDOW: u32 = 8;
const ODD_B_COUNT: i32 = 64;
/** Window of the NAFs of the variable point's scalar: ODD_P_COUNT = 2^(w−2) multiples per table. */
const P_WINDOW: u32 = 7;
export const ODD_P_COUNT: usize = 32;
/** Bytes of the per-key verification tables: odd multiples of 2^(PART_BITS·k)·P, k < SPLITS. */
export const ODD_P_TABLES_SIZE: usize = <usize>SPLITS * ODD_P_COUNT * 120;

/**
 * BASE_TABLE[i][j] = (j+1)·1024^i·B as NIELS, i < 26, j < 16 (48.75 KiB), for signing; ODD_B holds
 * SPLITS tables, the k-th with (2j+1)·2^(PART_BITS·k)·B, j < ODD_B_COUNT (for verification,
 * 7.5 KiB each).
 * They are built on first use into static memory (the signing table by the first signature, the
 * verification tables by the first verification), so the binary carries no table bytes and memory
 * never grows at run time.
 *
 * Signing uses signed radix-32 digits in [−16, 16] (52 of them, so 52 additions and 5 doublings)
 * over rows of 16 multiples. Raw signing of a 300-byte message, wasm only, same run (measured
 * 2026-12-01): radix 16 over rows of 8 (64 additions, 4 doublings) 23.0 µs, 22.3 µs with the
 * entry-at-a-time scan below; radix 32 20.5 µs. The table takes 416 points to build instead of 256.
 */
const BASE_RADIX_BITS: u32 = 5;
const BASE_DIGITS: i32 = 52;
const BASE_ROWS: i32 = 26;
const BASE_ENTRIES: i32 = 16;
const BASE_TABLE: usize = memory.data(BASE_ROWS * BASE_ENTRIES * 120);
const ODD_B_TABLE_SIZE: usize = <usize>ODD_B_COUNT * 120;
const ODD_B: usize = memory.data(SPLITS * ODD_B_COUNT * 120);
/** Build-time work space: up to 256 P3 points and their prefix products. */
const BUILD_POINTS: usize = memory.data(256 * 160);
const BUILD_PREFIX: usize = memory.data(256 * 40);
let baseTableBuilt = false;
let verifyTablesBuilt = false;
const P: usize = memory.data(160);
const Q: usize = memory.data(160);
const R: usize = memory.data(160);
const CACHED: usize = memory.data(160);

/** The base point B as P3. */
function basePoint(out: usize): void {
  decodePointVartime(out, ED25519_B);
}

/** r (P3) = 2^n·p (P3), n ≥ 1; r may alias p. Constant-time (fixed schedule): also run on the secret-dependent accumulator of `scalarMulBase`. */
function dblN(r: usize, p: usize, n: i32): void {
  dbl(R, p);
  for (let k = 1; k < n; k++) {
    p1p1ToP2(r, R);
    dbl(R, r);
  }
  p1p1ToP3(r, R);
}

/** Writes the P3 points (2j+1)·p, j < count, to `points`. Fixed schedule, used on public points only. */
function oddMultiplesP3(points: usize, p: usize, count: i32): void {
  memory.copy(points, p, P3_SIZE);
  dbl(R, p);
  p1p1ToP3(Q, R);
  toCached(CACHED, Q); //                2p
  for (let j = 1; j < count; j++) {
    addCached(R, points + <usize>(j - 1) * P3_SIZE, CACHED, false);
    p1p1ToP3(points + <usize>j * P3_SIZE, R);
  }
}

/** Builds BASE_TABLE (public data; runs once: 2 inversions and about 1,000 group operations). */
function buildBaseTable(): void {
  const points = BUILD_POINTS;
  basePoint(P); //                       2^(10i)·B, starting at i = 0
  let first = 0; // first row in the work space
  for (let i = 0; i < BASE_ROWS; i++) {
    const row = points + <usize>((i - first) * BASE_ENTRIES) * P3_SIZE;
    memory.copy(row, P, P3_SIZE);
    toCached(CACHED, P);
    for (let j = 1; j < BASE_ENTRIES; j++) {
      addCached(R, row + <usize>(j - 1) * P3_SIZE, CACHED, false);
      p1p1ToP3(row + <usize>j * P3_SIZE, R);
    }
    dblN(P, P, 2 * <i32>BASE_RADIX_BITS);
    // One inversion per 16 rows (the work space holds 256 points).
    if (i - first == 15 || i == BASE_ROWS - 1) {
      toNielsBatch(BASE_TABLE + <usize>(first * BASE_ENTRIES) * NIELS_SIZE, points, (i - first + 1) * BASE_ENTRIES, BUILD_PREFIX);
      first = i + 1;
    }
  }
  baseTableBuilt = true;
}

/** Builds the ODD_B tables (public data; runs once: SPLITS inversions, about 300 group operations each). */
function buildVerifyTables(): void {
  basePoint(P);
  for (let k = 0; k < SPLITS; k++) {
    if (k > 0) dblN(P, P, <i32>PART_BITS);
    oddMultiplesP3(BUILD_POINTS, P, ODD_B_COUNT);
    toNielsBatch(ODD_B + <usize>k * ODD_B_TABLE_SIZE, BUILD_POINTS, ODD_B_COUNT, BUILD_PREFIX);
  }
  verifyTablesBuilt = true;
}

// ---- fixed-base multiplication (constant-time) ---------------------------------------------------

const SEL: usize = memory.data(120);
const DIGITS: usize = memory.data(64);

/** 0xffffffff when a == b, else 0, without a branch. */
// @ts-ignore: decorator
@inline function eqMask(a: i32, b: i32): i32 {
  return -(<i32>((<u32>(a ^ b) - 1) >>> 31));
}

/**
 * SEL = b·BASE_TABLE[i] for a digit b ∈ [−16, 16]: every one of the entries is read and merged
 * with a mask (all-ones only for entry |b|), then the result is negated under a mask when b < 0,
 * so neither the index nor the sign of b shows in branches or addresses. Constant-time. An entry is
 * 120 bytes: seven v128 words merged with `v128.bitselect` and one i64.
 */
function selectNiels(i: i32, b: i32): void {
  const negMask = b >> 31; //                         −1 when b < 0
  const babs = (b ^ negMask) - negMask;
  // The neutral element (y+x, y−x, 2dxy) = (1, 1, 0): limb 0 of the first two elements is 1;
  // those limbs sit in the v128 words at bytes 0 and 32 (FE_SIZE = 40 = 32 + 8).
  let a0 = i64x2(1, 0), a1 = i64x2.splat(0), a2 = i64x2(0, 1), a3 = i64x2.splat(0);
  let a4 = i64x2.splat(0), a5 = i64x2.splat(0), a6 = i64x2.splat(0);
  let last: i64 = 0;
  let e = BASE_TABLE + <usize>(i * BASE_ENTRIES) * NIELS_SIZE;
  for (let j = 1; j <= BASE_ENTRIES; j++) {
    const m = eqMask(babs, j);
    const v = i32x4.splat(m);
    a0 = v128.bitselect(v128.load(e), a0, v);
    a1 = v128.bitselect(v128.load(e, 16), a1, v);
    a2 = v128.bitselect(v128.load(e, 32), a2, v);
    a3 = v128.bitselect(v128.load(e, 48), a3, v);
    a4 = v128.bitselect(v128.load(e, 64), a4, v);
    a5 = v128.bitselect(v128.load(e, 80), a5, v);
    a6 = v128.bitselect(v128.load(e, 96), a6, v);
    last ^= (last ^ load<i64>(e, 112)) & <i64>m;
    e += NIELS_SIZE;
  }
  v128.store(SEL, a0);
  v128.store(SEL, a1, 16);
  v128.store(SEL, a2, 32);
  v128.store(SEL, a3, 48);
  v128.store(SEL, a4, 64);
  v128.store(SEL, a5, 80);
  v128.store(SEL, a6, 96);
  store<i64>(SEL, last, 112);
  // −(x, y) = (−x, y): swap y+x with y−x and negate 2d·x·y, under the mask.
  const n64 = <i64>negMask;
  for (let w: usize = 0; w < FE_SIZE; w += 8) {
    const a = load<i64>(SEL + w);
    const c = load<i64>(SEL + FE_SIZE + w);
    const t = (a ^ c) & n64;
    store<i64>(SEL + w, a ^ t);
    store<i64>(SEL + FE_SIZE + w, c ^ t);
  }
  for (let k: usize = 2 * FE_SIZE; k < NIELS_SIZE; k += 4) {
    const v = load<i32>(SEL + k);
    store<i32>(SEL + k, v ^ ((v ^ -v) & negMask));
  }
}

/**
 * out (P2: X, Y, Z are valid, T is not) = a·B for the 32-byte little-endian scalar a < 2^255 (a
 * clamped secret or a nonce reduced mod L). Signed radix-32 digits e_i ∈ [−16, 16] (a = Σ e_i·32^i,
 * 52 digits), summed as 32·Σ_odd e_i·32^(i−1)·B + Σ_even e_i·32^i·B with 52 table additions and 5
 * doublings. Constant-time: fixed schedule, masked table scans, no secret-dependent branch or index.
 */
export function scalarMulBase(out: usize, a: usize): void {
  if (!baseTableBuilt) buildBaseTable();
  // 5-bit digits, then recentred into [−16, 16) by carrying into the next; the top digit ends ≤ 1.
  for (let i = 0; i < BASE_DIGITS; i++) {
    const pos = <u32>i * BASE_RADIX_BITS;
    const byte = min<u32>(pos >>> 3, 24);
    const word = load<u64>(a + <usize>byte) >>> <u64>(pos - (byte << 3));
    store<i8>(DIGITS + <usize>i, <i8>(word & ((1 << BASE_RADIX_BITS) - 1)));
  }
  let carry: i32 = 0;
  for (let i = 0; i < BASE_DIGITS - 1; i++) {
    const e = <i32>load<i8>(DIGITS + <usize>i) + carry;
    carry = (e + BASE_ENTRIES) >> BASE_RADIX_BITS;
    store<i8>(DIGITS + <usize>i, <i8>(e - (carry << BASE_RADIX_BITS)));
  }
  store<i8>(DIGITS + <usize>(BASE_DIGITS - 1), <i8>(<i32>load<i8>(DIGITS + <usize>(BASE_DIGITS - 1)) + carry));

  p3Identity(out);
  for (let i = 1; i < BASE_DIGITS; i += 2) {
    selectNiels(i >> 1, <i32>load<i8>(DIGITS + <usize>i));
    addNiels(R, out, SEL);
    p1p1ToP3(out, R);
  }
  dblN(out, out, <i32>BASE_RADIX_BITS);
  for (let i = 0; i < BASE_DIGITS; i += 2) {
    selectNiels(i >> 1, <i32>load<i8>(DIGITS + <usize>i));
    addNiels(R, out, SEL);
    // The result is only encoded (or fed to nothing that needs T) after the last addition.
    if (i < BASE_DIGITS - 2) p1p1ToP3(out, R);
    else p1p1ToP2(out, R);
  }
  memory.fill(DIGITS, 0, 64);
}

/**
 * Zeroes the work buffers of this module and of field/fe25519.ts after secret-dependent use
 * (key expansion, signing): the nonce's digits, selected entries and intermediate points.
 * Constant-time.
 */
export function curveWipe(): void {
  memory.fill(DIGITS, 0, 64);
  memory.fill(SEL, 0, 120);
  memory.fill(R, 0, 160);
  memory.fill(ZINV, 0, 40);
  memory.fill(F0, 0, 40);
  memory.fill(F1, 0, 40);
  memory.fill(F2, 0, 40);
  memory.fill(F3, 0, 40);
  memory.fill(F4, 0, 40);
  feWipe();
}

// ---- double-scalar multiplication (variable-time) ----------------------------------------------

/** NAF digits as i16; a part below 2^PART_BITS has at most PART_BITS + 1. */
const NAF_DIGITS: u32 = PART_BITS + 1;
const NAF_BYTES: usize = <usize>NAF_DIGITS << 1;
/** The NAFs of the parts of both scalars: a's SPLITS parts, then b's. */
const NAFS: usize = memory.data(2 * SPLITS * <i32>NAF_BYTES);
const WORDS: usize = memory.data(2 * 8);
/**
 * Width-w non-adjacent form of the PART_BITS-bit little-endian number at `s` into NAF_DIGITS
 * signed 16-bit digits at `naf`: every non-zero digit is odd, below 2^(w−1) in magnitude, and
 * followed by w−1 zeros; a w-NAF is at most one digit longer than the number.
 * Variable-time: public inputs only.
 */
function wnafVartime(naf: usize, s: usize, w: u32): void {
  memory.fill(naf, 0, NAF_BYTES);
  store<u64>(WORDS, 0);
  store<u64>(WORDS + 8, 0);
  memory.copy(WORDS, s, PART_BITS >>> 3);
  const width: u64 = <u64>1 << w;
  const mask: u64 = width - 1;
  let pos: u32 = 0;
  let carry: u64 = 0;
  while (pos < NAF_DIGITS) {
    const idx = <usize>(pos >>> 6);
    const bit = <u64>(pos & 63);
    let buf = load<u64>(WORDS + (idx << 3)) >>> bit;
    if (bit != 0) buf |= load<u64>(WORDS + ((idx + 1) << 3)) << (64 - bit);
    const window = carry + (buf & mask);
    if ((window & 1) == 0) {
      pos += 1;
      continue;
    }
    if (window < (width >>> 1)) {
      carry = 0;
      store<i16>(naf + (<usize>pos << 1), <i16>window);
    } else {
      carry = 1;
      store<i16>(naf + (<usize>pos << 1), <i16>(<i64>window - <i64>width));
    }
    pos += w;
  }
}

/**
 * Writes the odd multiples (2j+1)·2^(PART_BITS·k)·p, j < ODD_P_COUNT, k < SPLITS, of the P3 point
 * p as affine NIELS points to `tables` (ODD_P_TABLES_SIZE bytes; one batched inversion): prepared
 * once per public key for `doubleScalarMulBaseVartime`, whose additions of them then cost 7
 * multiplications, not 8. Fixed schedule (constant-time), used on public keys only.
 */
export function oddMultiples(tables: usize, p: usize): void {
  // BUILD_POINTS (room for 256 points) is free outside the table builders, which never run during this call.
  const count = <i32>ODD_P_COUNT;
  memory.copy(P, p, P3_SIZE);
  for (let k = 0; k < SPLITS; k++) {
    if (k > 0) dblN(P, P, <i32>PART_BITS);
    oddMultiplesP3(BUILD_POINTS + <usize>(k * count) * P3_SIZE, P, count);
  }
  toNielsBatch(tables, BUILD_POINTS, SPLITS * count, BUILD_PREFIX);
}

/** r (P1P1) = q + d·T where d is a NAF digit and T[j] = (2j+1)·point; q (P3) is rebuilt from r first. */
// @ts-ignore: decorator
@inline function addDigitVartime(d: i32, table: usize): void {
  p1p1ToP3(Q, R);
  if (d > 0) addNiels(R, Q, table + <usize>(d >> 1) * NIELS_SIZE);
  else subNiels(R, Q, table + <usize>((-d) >> 1) * NIELS_SIZE);
}

/**
 * out (P2) = a·B + b·P for 32-byte scalars a, b < 2^253, P given by its tables from `oddMultiples`:
 * the verification equation of RFC 8032 §5.1.7 step 3 with P = −A. Each scalar is split into
 * SPLITS parts, each added from the table of the matching multiple of its point (Straus's
 * interleaving, 2·SPLITS NAFs over one doubling chain): width 8 over B, width 7 over P.
 * Variable-time: public inputs only.
 */
export function doubleScalarMulBaseVartime(out: usize, a: usize, b: usize, tablesP: usize): void {
  if (!verifyTablesBuilt) buildVerifyTables();
  for (let k = 0; k < SPLITS; k++) {
    const part = <usize>k * (PART_BITS >>> 3);
    wnafVartime(NAFS + <usize>k * NAF_BYTES, a + part, B_WINDOW);
    wnafVartime(NAFS + <usize>(SPLITS + k) * NAF_BYTES, b + part, P_WINDOW);
  }
  let i = <i32>NAF_DIGITS - 1;
  for (; i >= 0; i--) {
    let any: i32 = 0;
    for (let n = 0; n < 2 * SPLITS; n++) any |= <i32>load<i16>(NAFS + <usize>n * NAF_BYTES + (<usize>i << 1));
    if (any != 0) break;
  }
  p3Identity(out);
  // `out` holds a P2 between iterations (T is only needed right before an addition).
  for (; i >= 0; i--) {
    dbl(R, out);
    const o = <usize>i << 1;
    for (let k = 0; k < SPLITS; k++) {
      const da = <i32>load<i16>(NAFS + <usize>k * NAF_BYTES + o);
      if (da != 0) addDigitVartime(da, ODD_B + <usize>k * ODD_B_TABLE_SIZE);
      const db = <i32>load<i16>(NAFS + <usize>(SPLITS + k) * NAF_BYTES + o);
      if (db != 0) addDigitVartime(db, tablesP + <usize>k * ODD_P_COUNT * NIELS_SIZE);
    }
    p1p1ToP2(out, R);
  }
}
