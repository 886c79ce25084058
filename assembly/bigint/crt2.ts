/**
 * The two CRT exponentiations of RSASP1 (RFC 8017 §5.2.1 step 2b (ii)), s_p = c^dp mod p and
 * s_q = c^dq mod q, run side by side: one SIMD lane per prime. Numbers are in "pair layout" —
 * limb j of the p-side value at word 2j and of the q-side value at word 2j + 1 — so one v128 load
 * holds limbs j and j + 1 of both, and one i64x2.extmul yields a p-product and a q-product.
 * The column accumulator is an i64x2 (p lane, q lane) that needs no horizontal sum, and the
 * per-column work (quotient digit, shift, store) is done once for both primes. The same
 * product-scanning Montgomery reduction as mont.ts, with limbs of a width the caller picks: 28
 * bits where a column's sum stays below 2^64 (n ≤ 127), which for a 1024-bit prime means 37 limbs
 * instead of mont.ts's 38 of 27 bits and about 5 % fewer products. Constant-time: both lanes run
 * the same fixed sequence; table entries are selected with per-lane masks.
 * @module
 */

import { LIMB_BITS, MAX_LIMBS, columnPair, fusedColumnSteps } from "./mont";

/** Window width and table size of the fixed-window exponentiation (as in rsa.ts). */
const WINDOW: i32 = 5;
const TABLE_SIZE: i32 = 1 << WINDOW;
/** Bytes of one pair-layout number of up to MAX_LIMBS limb pairs, plus padding. */
const PAIR_BYTES: usize = <usize>(MAX_LIMBS * 8 + 16);
const PAIR_BYTES_I: i32 = MAX_LIMBS * 8 + 16;

const T2: usize = memory.data(PAIR_BYTES_I, 16);
const Q2: usize = memory.data(PAIR_BYTES_I, 16);
const YREV2: usize = memory.data(PAIR_BYTES_I, 16);
const MREV2: usize = memory.data(PAIR_BYTES_I, 16);
const ONE2: usize = memory.data(PAIR_BYTES_I, 16);
const ACC2: usize = memory.data(PAIR_BYTES_I, 16);
const SEL2: usize = memory.data(PAIR_BYTES_I, 16);
const TABLE2: usize = memory.data(TABLE_SIZE * PAIR_BYTES_I, 16);
const SELMASKS: usize = memory.data(TABLE_SIZE * 16, 16);

/** Interleaves two n-limb numbers into pair layout. */
export function interleave(dst: usize, p: usize, q: usize, n: i32): void {
  for (let j = 0; j < n; j++) {
    store<u32>(dst + (<usize>j << 3), load<u32>(p + (<usize>j << 2)));
    store<u32>(dst + (<usize>j << 3) + 4, load<u32>(q + (<usize>j << 2)));
  }
}

/** Splits a pair-layout number into its two n-limb halves. */
export function deinterleave(p: usize, q: usize, src: usize, n: i32): void {
  for (let j = 0; j < n; j++) {
    store<u32>(p + (<usize>j << 2), load<u32>(src + (<usize>j << 3)));
    store<u32>(q + (<usize>j << 2), load<u32>(src + (<usize>j << 3) + 4));
  }
}

/** Pair-layout reversal: limb pair k of yr ← limb pair n − 1 − k of y. */
// @ts-ignore: decorator
@inline function reversePairs(yr: usize, y: usize, n: i32): void {
  const last = y + (<usize>(n - 1) << 3);
  for (let k = 0; k < n; k++) store<u64>(yr + (<usize>k << 3), load<u64>(last - (<usize>k << 3)));
}

/**
 * (Σ x1·y1 + Σ x2·y2) per lane over the column's lo ≤ j < hi (x1·y1 the product's terms, x2·y2
 * the reduction's), in one pass: a product and its reduction share every column's range (the
 * quotient digits of the current and the previous column are still zero in Q2 when it is summed),
 * so montMulPair needs one loop per column rather than two.
 */
// @ts-ignore: decorator
@inline function columnPair2(x1: usize, y1: usize, x2: usize, y2: usize, lo: i32, hi: i32, base: i32): v128 {
  const steps = (hi - lo) >> 1;
  let v = fusedColumnSteps(x1, y1, x2, y2, <usize>lo << 3, <usize>(base + lo) << 3, steps);
  if ((hi - lo) & 1) {
    const off = <usize>(hi - 1) << 3;
    const offY = <usize>(base + hi - 1) << 3;
    v = i64x2.add(v, i64x2.extmul_low_i32x4_u(v128.load64_zero(x1 + off), v128.load64_zero(y1 + offY)));
    v = i64x2.add(v, i64x2.extmul_low_i32x4_u(v128.load64_zero(x2 + off), v128.load64_zero(y2 + offY)));
  }
  return v;
}

/**
 * The Montgomery quotient digits (q_p, q_q) = (acc mod 2^32)·minv mod 2^b per lane, in words 0
 * and 1 (the operand layout of i64x2.extmul_low_i32x4_u): i32x4 lanes 0 and 2 hold each
 * accumulator's low word.
 */
// @ts-ignore: decorator
@inline function quotientDigits(acc: v128, minv: v128, mask: v128): v128 {
  const q = v128.and(i32x4.mul(acc, minv), mask);
  return i32x4.shuffle(q, q, 0, 2, 0, 2);
}

/** Stores the low b bits of both lanes of acc as one limb pair. */
// @ts-ignore: decorator
@inline function storeLowWords(dst: usize, acc: v128, mask: v128): void {
  const lowWords = v128.and(acc, mask);
  v128.store64_lane(dst, i32x4.shuffle(lowWords, lowWords, 0, 2, 0, 2), 0);
}

/**
 * r ≡ a·b·R⁻¹ per lane with r < 2m (n limb pairs of b = `bits` bits, R = 2^(bn); moduli with
 * 4m < R, reversed into MREV2 by powSecretPair; minv = −m⁻¹ mod 2^b per lane; a·b < m·R, e.g.
 * a, b < 2m). Lazy reduction as mont.ts montMul: no final subtraction. A column sums at most 2n
 * products below 2^(2b) plus a carry below 2^(65 − b), so b = 28 needs n ≤ 127 (2^8 · 2^56 =
 * 2^64) and b = 27 n ≤ 511. r may alias a or b. Constant-time.
 */
function montMulPair(r: usize, a: usize, b: usize, n: i32, minv: v128, m0: v128, m1: v128, bits: i32, mask: v128): void {
  reversePairs(YREV2, b, n);
  memory.fill(Q2, 0, <usize>n << 3);
  let acc = i64x2.splat(0);
  let qPrev = i64x2.splat(0);
  for (let i = 0; i < n; i++) {
    // Q2[i − 1] and Q2[i] are still zero here: the previous digit enters as qPrev·m1 from a
    // register and is stored after this column's sum, so the sum never waits for that store.
    acc = i64x2.add(acc, i64x2.add(columnPair2(a, YREV2, Q2, MREV2, 0, i + 1, n - 1 - i), i64x2.extmul_low_i32x4_u(qPrev, m1)));
    if (i > 0) v128.store64_lane(Q2 + (<usize>(i - 1) << 3), qPrev, 0);
    qPrev = quotientDigits(acc, minv, mask);
    acc = i64x2.shr_u(i64x2.add(acc, i64x2.extmul_low_i32x4_u(qPrev, m0)), bits);
  }
  v128.store64_lane(Q2 + (<usize>(n - 1) << 3), qPrev, 0);
  for (let i = n; i < 2 * n; i++) {
    acc = i64x2.add(acc, columnPair2(a, YREV2, Q2, MREV2, i - n + 1, n, n - 1 - i));
    storeLowWords(T2 + (<usize>(i - n) << 3), acc, mask);
    acc = i64x2.shr_u(acc, bits);
  }
  memory.copy(r, T2, <usize>n << 3);
}

/**
 * r ≡ a²·R⁻¹ per lane with r < 2m (as montMulPair with b = a): each cross product once, doubled,
 * plus the squares a[col/2]², so about 3/4 of the products (the same bounds). r may alias a.
 * Constant-time.
 */
function montSqrPair(r: usize, a: usize, n: i32, minv: v128, m0: v128, m1: v128, bits: i32, mask: v128): void {
  reversePairs(YREV2, a, n);
  let acc = i64x2.splat(0);
  let qPrev = i64x2.splat(0);
  for (let i = 0; i < 2 * n; i++) {
    const base = n - 1 - i;
    const lo = i < n ? 0 : i - n + 1;
    const hc = (i + 1) >> 1; // cross products j < i − j
    let col = hc > lo ? i64x2.shl(columnPair(a, YREV2, lo, hc, base), 1) : i64x2.splat(0);
    if ((i & 1) == 0) {
      const d = v128.load64_zero(a + (<usize>(i >> 1) << 3));
      col = i64x2.add(col, i64x2.extmul_low_i32x4_u(d, d));
    }
    if (i < n) {
      // Σ_{j < i−1} Q[j]·m[i−j] from memory, the term j = i − 1 from the register qPrev: the
      // column's sum then does not wait for the previous digit's store.
      col = i64x2.add(col, i64x2.extmul_low_i32x4_u(qPrev, m1));
      acc = i64x2.add(acc, i64x2.add(col, columnPair(Q2, MREV2, 0, i - 1, base)));
      qPrev = quotientDigits(acc, minv, mask);
      v128.store64_lane(Q2 + (<usize>i << 3), qPrev, 0);
      acc = i64x2.shr_u(i64x2.add(acc, i64x2.extmul_low_i32x4_u(qPrev, m0)), bits);
    } else {
      acc = i64x2.add(acc, i64x2.add(col, columnPair(Q2, MREV2, lo, n, base)));
      storeLowWords(T2 + (<usize>(i - n) << 3), acc, mask);
      acc = i64x2.shr_u(acc, bits);
    }
  }
  memory.copy(r, T2, <usize>n << 3);
}

/** The `WINDOW`-bit windows of both exponents at bit `pos`, as i32x4 (wp, wq, wp, wq). */
// @ts-ignore: decorator
@inline function windowsAt(d: usize, n: i32, pos: i32): v128 {
  const k = pos / LIMB_BITS;
  const s = <u64>(pos % LIMB_BITS);
  let vp = <u64>load<u32>(d + (<usize>k << 3));
  let vq = <u64>load<u32>(d + (<usize>k << 3) + 4);
  if (k + 1 < n) {
    vp |= <u64>load<u32>(d + (<usize>(k + 1) << 3)) << 27;
    vq |= <u64>load<u32>(d + (<usize>(k + 1) << 3) + 4) << 27;
  }
  const mask: u64 = (1 << WINDOW) - 1;
  const wp = <i32>((vp >> s) & mask);
  const wq = <i32>((vq >> s) & mask);
  return i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(wp), 1, wq), 3, wq);
}

/**
 * SEL2 ← entry w of TABLE2 per lane, w the lanes of `wv` (p lane and q lane): all TABLE_SIZE
 * entries are read and masked, so the memory access pattern is independent of the secret window.
 * The entry masks (all ones in the lanes whose window equals the entry's index) are computed once
 * per window into SELMASKS, so the scan does one load, AND and OR per v128 of each entry.
 */
// @ts-ignore: decorator
@inline function selectEntry(wv: v128, vbytes: usize): void {
  for (let i = 0; i < TABLE_SIZE; i++) v128.store(SELMASKS + (<usize>i << 4), i32x4.eq(i32x4.splat(i), wv));
  for (let o: usize = 0; o < vbytes; o += 16) {
    let sel = i32x4.splat(0);
    let entry = TABLE2 + o;
    for (let i: usize = 0; i < <usize>TABLE_SIZE << 4; i += 16) {
      sel = v128.or(sel, v128.and(v128.load(entry), v128.load(SELMASKS + i)));
      entry += PAIR_BYTES;
    }
    v128.store(SEL2 + o, sel);
  }
}

/**
 * r ≡ (x_p^dp mod p, x_q^dq mod q) in pair layout, normal form in and out, each lane below 2m
 * (lazy reduction; the caller reduces to canonical): x, m and r2 = R² mod m in n limb pairs of
 * `bits` bits (R = 2^(bits·n), 4m < R, x < 2m per lane; bits = 28 needs n ≤ 127, bits = 27
 * n ≤ 511, see montMulPair), minv = −m⁻¹ mod 2^bits per lane; the exponents in dn limb pairs of
 * 27 bits (mont.ts LIMB_BITS), below 2^(27dn − 2). Fixed 5-bit windows, the top one loaded from
 * the table rather than multiplied into 1, a masked scan of all 32 table entries per window.
 * Constant-time.
 */
export function powSecretPair(r: usize, x: usize, d: usize, m: usize, r2: usize, n: i32, dn: i32, minvP: u32, minvQ: u32, bits: i32): void {
  const bytes = <usize>n << 3;
  const mask = i64x2.splat((<i64>1 << bits) - 1);
  const minv = i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(0), 0, <i32>minvP), 2, <i32>minvQ);
  const m0 = i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(0), 0, <i32>load<u32>(m)), 1, <i32>load<u32>(m, 4));
  // Limb pair 1 of the moduli (it matters only when n ≥ 2: the first half's columns i ≥ 1 use it).
  const m1 = i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(0), 0, <i32>load<u32>(m, 8)), 1, <i32>load<u32>(m, 12));
  reversePairs(MREV2, m, n);
  memory.fill(ONE2, 0, bytes);
  store<u32>(ONE2, 1);
  store<u32>(ONE2, 1, 4);
  montMulPair(TABLE2, r2, ONE2, n, minv, m0, m1, bits, mask); // R mod p, R mod q
  montMulPair(TABLE2 + PAIR_BYTES, x, r2, n, minv, m0, m1, bits, mask); // x·R
  for (let i = 2; i < TABLE_SIZE; i++) {
    montMulPair(TABLE2 + <usize>i * PAIR_BYTES, TABLE2 + <usize>(i - 1) * PAIR_BYTES, TABLE2 + PAIR_BYTES, n, minv, m0, m1, bits, mask);
  }
  const vbytes = (bytes + 15) & ~(<usize>15);
  const windows = (dn * LIMB_BITS - 2 + WINDOW - 1) / WINDOW;
  let pos = (windows - 1) * WINDOW;
  selectEntry(windowsAt(d, dn, pos), vbytes);
  memory.copy(ACC2, SEL2, bytes);
  for (pos -= WINDOW; pos >= 0; pos -= WINDOW) {
    for (let s = 0; s < WINDOW; s++) montSqrPair(ACC2, ACC2, n, minv, m0, m1, bits, mask);
    selectEntry(windowsAt(d, dn, pos), vbytes);
    montMulPair(ACC2, ACC2, SEL2, n, minv, m0, m1, bits, mask);
  }
  montMulPair(r, ACC2, ONE2, n, minv, m0, m1, bits, mask);
}

/**
 * Zeroes every buffer that held secret-derived values. MREV2 holds p and q themselves (the
 * reversed moduli of powSecretPair), so it is wiped with the rest: RFC 8017 §5.2.1 keys must not
 * outlive the call in linear memory (STYLE.md §7, DESIGN.md "The wasm boundary").
 */
export function crt2Wipe(): void {
  memory.fill(T2, 0, PAIR_BYTES);
  memory.fill(Q2, 0, PAIR_BYTES);
  memory.fill(YREV2, 0, PAIR_BYTES);
  memory.fill(MREV2, 0, PAIR_BYTES);
  memory.fill(ACC2, 0, PAIR_BYTES);
  memory.fill(SEL2, 0, PAIR_BYTES);
  memory.fill(TABLE2, 0, <usize>TABLE_SIZE * PAIR_BYTES);
  memory.fill(SELMASKS, 0, <usize>TABLE_SIZE << 4);
}
