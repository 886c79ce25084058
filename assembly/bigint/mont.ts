/**
 * Montgomery arithmetic on n-limb integers for the RSA primitives of RFC 8017 §5.2, with moduli
 * of 1024 (a CRT prime) to 8192 bits. Limbs hold 27 bits each (one per u32 in linear memory,
 * little-endian); R = 2^(27n). Unsaturated limbs let every column of a product accumulate in one
 * u64 without carry handling per step: a column has at most 2n ≤ 640 products below 2^54, and
 * 640·2^54 < 2^64. Multiplication is product scanning with the reduction interleaved (FIPS: Koç,
 * Acar, Kaliski 1996, "Analyzing and comparing Montgomery multiplication algorithms" §6). With
 * one operand stored limb-reversed, both indices of a column advance together, so four products
 * are two v128 loads and two i64x2.extmul (SIMD). Measured on the 2 vCPU EPYC bench host,
 * 2026-11-23, per 1024-bit Montgomery multiplication (CPU time, loaded host): 32-bit CIOS 1.37 µs,
 * this layout scalar 1.46 µs, with SIMD columns about 0.85 µs. Moduli keep two spare bits
 * (4m < R), so products stay below 2m without a final subtraction (lazy reduction, see montMul);
 * montCanonical reduces once where a canonical value is needed. Everything is constant-time in the
 * operand values: loops run over n (public), montCanonical's subtraction is a masked select, no
 * memory index depends on a secret.
 * @module
 */

export const LIMB_BITS: i32 = 27;
const MASK: u64 = (1 << 27) - 1;

/** Limb capacity of every buffer: 8192-bit moduli need ⌈8192/27⌉ = 304 limbs. */
export const MAX_LIMBS: i32 = 320;

/** Result accumulator (n + 1 limbs) and the Montgomery quotient digits. */
const T: usize = memory.data((MAX_LIMBS + 2) * 4);
const Q: usize = memory.data(MAX_LIMBS * 4);

/**
 * −m0⁻¹ mod 2^bits (bits ≤ 32) for odd m0, by Newton's iteration x ← x(2 − m0·x) (each step
 * doubles the correct low bits; m0 is its own inverse to 3 bits). Constant-time.
 */
export function montNegInv(m0: u32, bits: i32 = LIMB_BITS): u32 {
  let x: u32 = m0;
  x *= 2 - m0 * x;
  x *= 2 - m0 * x;
  x *= 2 - m0 * x;
  x *= 2 - m0 * x;
  return (0 - x) & <u32>((<u64>1 << bits) - 1);
}

/**
 * Σ x[j]·y[col − j] for lo ≤ j < hi (one column of a product), four products per round with
 * immediate offsets. Each product is below 2^54; the caller bounds the count.
 */
// @ts-ignore: decorator
@inline function column(x: usize, y: usize, lo: i32, hi: i32, col: i32): u64 {
  let s: u64 = 0;
  let px = x + (<usize>lo << 2);
  let py = y + (<usize>(col - lo) << 2);
  let count = hi - lo;
  while (count >= 4) {
    py -= 12;
    s +=
      <u64>load<u32>(px) * <u64>load<u32>(py, 12) +
      <u64>load<u32>(px, 4) * <u64>load<u32>(py, 8) +
      <u64>load<u32>(px, 8) * <u64>load<u32>(py, 4) +
      <u64>load<u32>(px, 12) * <u64>load<u32>(py);
    px += 16;
    py -= 4;
    count -= 4;
  }
  while (count > 0) {
    s += <u64>load<u32>(px) * <u64>load<u32>(py);
    px += 4;
    py -= 4;
    count--;
  }
  return s;
}

/** Limb-reversed copies of an operand and of the modulus (see `columnRev`). */
const YREV: usize = memory.data(MAX_LIMBS * 4);
const MREV: usize = memory.data(MAX_LIMBS * 4);

/** yr[k] ← y[n − 1 − k]: turns the descending index of a product column into an ascending one. */
// @ts-ignore: decorator
@inline function reverseInto(yr: usize, y: usize, n: i32): void {
  const last = y + (<usize>(n - 1) << 2);
  for (let k = 0; k < n; k++) store<u32>(yr + (<usize>k << 2), load<u32>(last - (<usize>k << 2)));
}

/**
 * Σ x[j]·yr[base + j] for lo ≤ j < hi, i.e. one product column Σ x[j]·y[col − j] with
 * yr = reversed y and base = n − 1 − col. Both operands then advance together, so four limbs of
 * each load as one v128 and two extended multiplies (u32×u32→u64, two lanes each) do four
 * products. Each product is below 2^54; the caller bounds the count.
 */
// @ts-ignore: decorator
@inline function columnRev(x: usize, yr: usize, lo: i32, hi: i32, base: i32): u64 {
  let px = x + (<usize>lo << 2);
  let py = yr + (<usize>(base + lo) << 2);
  let count = hi - lo;
  const v = productSteps(px, py, count >> 2);
  px += <usize>(count >> 2) << 4;
  py += <usize>(count >> 2) << 4;
  count &= 3;
  let s: u64 = <u64>(i64x2.extract_lane(v, 0) + i64x2.extract_lane(v, 1));
  while (count > 0) {
    s += <u64>load<u32>(px) * <u64>load<u32>(py);
    px += 4;
    py += 4;
    count--;
  }
  return s;
}

/**
 * Σ x·y over `steps` v128 steps from px and py (four u32 words of each per step), in two u64
 * lanes (word k of a step into lane k mod 2): the inner loop of columnRev and columnPair. Each
 * product is below 2^(2w); the callers bound the count.
 */
// @ts-ignore: decorator
@inline function productSteps(px: usize, py: usize, steps: i32): v128 {
  let v = i64x2.splat(0);
  for (; steps > 0; steps--) {
    const vx = v128.load(px);
    const vy = v128.load(py);
    v = i64x2.add(v, i64x2.extmul_low_i32x4_u(vx, vy));
    v = i64x2.add(v, i64x2.extmul_high_i32x4_u(vx, vy));
    px += 16;
    py += 16;
  }
  return v;
}

/**
 * Σ x1·y1 + Σ x2·y2 over `steps` v128 steps (four u32 limbs of each operand, 16 bytes) from byte
 * offsets `off` (x1, x2) and `offY` (y1, y2), in two u64 lanes: the fused inner loop of a
 * product's and its reduction's terms of one column, shared with crt2.ts (where a step is two
 * limb pairs). Each product is below 2^(2w); the callers bound the count.
 */
// @ts-ignore: decorator
@inline export function fusedColumnSteps(x1: usize, y1: usize, x2: usize, y2: usize, off: usize, offY: usize, steps: i32): v128 {
  let v1 = i64x2.splat(0);
  let v2 = i64x2.splat(0);
  for (; steps > 0; steps--) {
    const va = v128.load(x1 + off);
    const vb = v128.load(y1 + offY);
    const vx = v128.load(x2 + off);
    const vy = v128.load(y2 + offY);
    v1 = i64x2.add(v1, i64x2.extmul_low_i32x4_u(va, vb));
    v2 = i64x2.add(v2, i64x2.extmul_low_i32x4_u(vx, vy));
    v1 = i64x2.add(v1, i64x2.extmul_high_i32x4_u(va, vb));
    v2 = i64x2.add(v2, i64x2.extmul_high_i32x4_u(vx, vy));
    off += 16;
    offY += 16;
  }
  return i64x2.add(v1, v2);
}

/** Σ_{lo≤j<hi} x1[j]·y1[base+j] + x2[j]·y2[base+j]: a product's and the reduction's terms of one column in one pass. */
// @ts-ignore: decorator
@inline function columnSum2(x1: usize, y1: usize, x2: usize, y2: usize, lo: i32, hi: i32, base: i32): u64 {
  const quads = (hi - lo) >> 2;
  const v = fusedColumnSteps(x1, y1, x2, y2, <usize>lo << 2, <usize>(base + lo) << 2, quads);
  let s: u64 = 0;
  for (let j = lo + (quads << 2); j < hi; j++) {
    const off = <usize>j << 2;
    const offY = <usize>(base + j) << 2;
    s += <u64>load<u32>(x1 + off) * <u64>load<u32>(y1 + offY) + <u64>load<u32>(x2 + off) * <u64>load<u32>(y2 + offY);
  }
  return <u64>(i64x2.extract_lane(v, 0) + i64x2.extract_lane(v, 1)) + s;
}

/**
 * r ← r − m if r ≥ m, else r, for r < 2m (n limbs of w bits): the one full reduction, applied only where a
 * value must be canonical (a result leaving Montgomery form, an operand of modSub). Constant-time:
 * the subtraction always runs (into the accumulator) and the result is chosen with a mask.
 */
export function montCanonical(r: usize, m: usize, n: i32, w: i32 = LIMB_BITS): void {
  const mask = (<u64>1 << w) - 1;
  let borrow: i64 = 0;
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 2;
    const d = <i64>load<u32>(r + o) - <i64>load<u32>(m + o) + borrow;
    store<u32>(T + o, <u32>(<u64>d & mask));
    borrow = d >> w;
  }
  // borrow is 0 when r ≥ m and −1 when r < m: keep r then.
  const keep = <u32>borrow;
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 2;
    store<u32>(r + o, (load<u32>(r + o) & keep) | (load<u32>(T + o) & ~keep));
  }
}

/**
 * Whether m (n limbs of `bits` bits) leaves the two spare bits that lazy reduction needs:
 * 4m < R = 2^(bits·n), i.e. the top limb is below 2^(bits − 2). Variable-time: public inputs only.
 */
export function hasSpareBitsVartime(m: usize, n: i32, bits: i32 = LIMB_BITS): bool {
  return load<u32>(m + (<usize>(n - 1) << 2)) < (<u32>1 << (bits - 2));
}

/**
 * dst (dstN limbs of dstBits bits) ← src (srcN limbs of srcBits bits): the same integer, which
 * must fit in dstN limbs; limb widths up to 29 bits. Constant-time (the loops depend on the
 * sizes only).
 */
export function repackLimbs(dst: usize, dstBits: i32, dstN: i32, src: usize, srcBits: i32, srcN: i32): void {
  const mask: u64 = (<u64>1 << dstBits) - 1;
  let acc: u64 = 0;
  let have = 0;
  let k = 0;
  for (let j = 0; j < dstN; j++) {
    for (; have < dstBits && k < srcN; k++, have += srcBits) acc |= <u64>load<u32>(src + (<usize>k << 2)) << <u64>have;
    store<u32>(dst + (<usize>j << 2), <u32>(acc & mask));
    acc >>= <u64>dstBits;
    have -= dstBits;
  }
}

/**
 * r ≡ a·b·R⁻¹ mod m with r < 2m (n limbs of w bits, R = 2^(wn); m odd with 4m < R, set by
 * montUseModulus; minv = −m⁻¹ mod 2^w; a·b < m·R, e.g. a, b < 2m). Lazy reduction, no final subtraction (Walter,
 * "Montgomery exponentiation needs no final subtractions", Electronics Letters 35(21), 1999):
 * r = (a·b + q·m)/R < m·R/R + m = 2m, so results feed the next multiplication as they are and
 * montCanonical runs once where a canonical value is needed. r may alias a or b. Constant-time.
 */
export function montMul(r: usize, a: usize, b: usize, m: usize, n: i32, minv: u32, w: i32 = LIMB_BITS): void {
  reverseInto(YREV, b, n);
  const mask = (<u64>1 << w) - 1;
  let acc: u64 = 0;
  const m0 = <u64>load<u32>(m);
  for (let i = 0; i < n; i++) {
    const base = n - 1 - i;
    acc += columnSum2(a, YREV, Q, MREV, 0, i, base) + <u64>load<u32>(a + (<usize>i << 2)) * <u64>load<u32>(YREV + (<usize>(base + i) << 2));
    const q = <u32>((<u64>(<u32>acc * minv)) & mask);
    store<u32>(Q + (<usize>i << 2), q);
    acc = (acc + <u64>q * m0) >> w;
  }
  for (let i = n; i < 2 * n; i++) {
    const base = n - 1 - i;
    acc += columnSum2(a, YREV, Q, MREV, i - n + 1, n, base);
    store<u32>(T + (<usize>(i - n) << 2), <u32>(acc & mask));
    acc >>= w;
  }
  // acc is now 0: the result is below 2m < R.
  memory.copy(r, T, <usize>n << 2);
}

/**
 * Makes m (n limbs) the modulus of the following montMul / montSqr / montReduce calls, which must
 * pass the same m: its limb-reversed copy and its shifted pairs (montSqr) are made once here
 * rather than in every operation.
 * Constant-time.
 */
export function montUseModulus(m: usize, n: i32): void {
  reverseInto(MREV, m, n);
  shiftedReversedPairs(YPM, m, n);
}

/** Operands of montSqr in pair form (8 bytes a limb pair), with room for the loops' padding. */
const PAIR_BUFFER: i32 = MAX_LIMBS * 8 + 32;
/** Limb j of the squared operand twice: (a[j], a[j]). */
const AD: usize = memory.data(PAIR_BUFFER, 16);
/** Pair k = (a[n−1−k], a[n−k]) of the squared operand (a[n] read as 0): see shiftedReversedPairs. */
const YPA: usize = memory.data(PAIR_BUFFER, 16);
/** The same pairs of the modulus, made by montUseModulus. */
const YPM: usize = memory.data(PAIR_BUFFER, 16);
/** Quotient digit j twice: (q[j], q[j]). */
const QD: usize = memory.data(PAIR_BUFFER, 16);

/**
 * dst pair k ← (a[n−1−k], a[n−k]) for 0 ≤ k < n, with a[n] taken as 0: with base = n − 1 − c,
 * pair base + j is (a[c−j], a[c+1−j]), so one i64x2.extmul of (x[j], x[j]) with it yields a term of
 * column c and one of column c + 1. Pair k is the u64 at a[n−1−k] (little-endian words).
 */
// @ts-ignore: decorator
@inline function shiftedReversedPairs(dst: usize, a: usize, n: i32): void {
  store<u64>(dst, <u64>load<u32>(a + (<usize>(n - 1) << 2)));
  for (let k = 1; k < n; k++) store<u64>(dst + (<usize>k << 3), load<u64>(a + (<usize>(n - 1 - k) << 2)));
}

/**
 * (Σ x[j]·y[base + j] per lane) over lo ≤ j < hi for pair-form x and y (limb pairs of 8 bytes):
 * two pairs per v128 load, two i64x2.extmul per step, one load64_zero step for an odd count. Each
 * product is below 2^(2w); the callers bound the count. Shared with crt2.ts.
 */
// @ts-ignore: decorator
@inline export function columnPair(x: usize, yr: usize, lo: i32, hi: i32, base: i32): v128 {
  const count = hi - lo;
  const px = x + (<usize>lo << 3);
  const py = yr + (<usize>(base + lo) << 3);
  let v = productSteps(px, py, count >> 1);
  if (count & 1) {
    const last = <usize>(count - 1) << 3;
    v = i64x2.add(v, i64x2.extmul_low_i32x4_u(v128.load64_zero(px + last), v128.load64_zero(py + last)));
  }
  return v;
}

/**
 * r ≡ a²·R⁻¹ mod m with r < 2m (n limbs of w bits, a < 2m; lazy as montMul), two columns per
 * pass: the u64 lanes of the accumulator are columns c and c + 1 (c even), fed by pair-form
 * operands (AD, YPA, QD, YPM), so a pass of one loop per kind of term serves both columns and no
 * horizontal sum is needed. Cross products a[j]·a[c−j], j < c − j, are computed once and doubled;
 * at j = c/2 the pass yields the square a[c/2]² for column c (not doubled) and a[c/2]·a[c/2+1] for
 * column c + 1 (doubled). A column's lower bound one above the other's meets the zero a[n] or
 * m[n] of the shifted pairs. Quotient digits q[c−1] and q[c] enter as register terms (their
 * stores are recent), the older ones from QD. The same terms as montMul's columns, so the same
 * bounds. r may alias a. Constant-time.
 */
export function montSqr(r: usize, a: usize, m: usize, n: i32, minv: u32, w: i32 = LIMB_BITS): void {
  for (let j = 0; j < n; j++) {
    const x = <u64>load<u32>(a + (<usize>j << 2));
    store<u64>(AD + (<usize>j << 3), x | (x << 32));
  }
  shiftedReversedPairs(YPA, a, n);
  const mask = (<u64>1 << w) - 1;
  const lane1 = i64x2.replace_lane(i64x2.splat(0), 1, -1);
  const m0 = <u64>load<u32>(m);
  const m1: u64 = n > 1 ? load<u32>(m, 4) : 0; // limbs 1 and 2 of m, 0 past its top
  const m2: u64 = n > 2 ? load<u32>(m, 8) : 0;
  let acc: u64 = 0;
  let qPrev: u64 = 0; // q[c − 1]
  for (let c = 0; c < 2 * n; c += 2) {
    const base = n - 1 - c;
    const h = c >> 1;
    const lo = c < n ? 0 : c - n + 1;
    const d = i64x2.extmul_low_i32x4_u(v128.load64_zero(AD + (<usize>h << 3)), v128.load64_zero(YPA + (<usize>(base + h) << 3)));
    let v = i64x2.add(i64x2.shl(columnPair(AD, YPA, lo, h, base), 1), i64x2.add(d, v128.and(d, lane1)));
    v = i64x2.add(v, c < n ? columnPair(QD, YPM, 0, c - 1, base) : columnPair(QD, YPM, lo, n, base));
    const s0 = <u64>i64x2.extract_lane(v, 0);
    const s1 = <u64>i64x2.extract_lane(v, 1);
    let q0: u64 = 0;
    if (c < n) {
      acc += s0 + qPrev * m1;
      q0 = <u64>(<u32>acc * minv) & mask;
      store<u64>(QD + (<usize>c << 3), q0 | (q0 << 32));
      acc = (acc + q0 * m0) >> w;
      acc += s1 + qPrev * m2 + q0 * m1;
    } else {
      acc += s0;
      store<u32>(T + (<usize>(c - n) << 2), <u32>(acc & mask));
      acc = (acc >> w) + s1;
    }
    if (c + 1 < n) {
      const q1 = <u64>(<u32>acc * minv) & mask;
      store<u64>(QD + (<usize>(c + 1) << 3), q1 | (q1 << 32));
      acc = (acc + q1 * m0) >> w;
      qPrev = q1;
    } else {
      store<u32>(T + (<usize>(c + 1 - n) << 2), <u32>(acc & mask));
      acc >>= w;
    }
  }
  // acc is now 0: the result is below 2m < R.
  memory.copy(r, T, <usize>n << 2);
}

/**
 * r ≡ t·R⁻¹ mod m with r < 2m for a 2n-limb t < m·R (Montgomery reduction, REDC; lazy as
 * montMul). Used to reduce an RSA value modulo a CRT prime of about half its limbs. Constant-time.
 */
export function montReduce(r: usize, t: usize, m: usize, n: i32, minv: u32): void {
  let acc: u64 = 0;
  const m0 = <u64>load<u32>(m);
  for (let i = 0; i < n; i++) {
    acc += <u64>load<u32>(t + (<usize>i << 2)) + columnRev(Q, MREV, 0, i, n - 1 - i);
    const q = (<u32>acc * minv) & <u32>MASK;
    store<u32>(Q + (<usize>i << 2), q);
    acc = (acc + <u64>q * m0) >> 27;
  }
  for (let i = n; i < 2 * n; i++) {
    acc += <u64>load<u32>(t + (<usize>i << 2)) + columnRev(Q, MREV, i - n + 1, n, n - 1 - i);
    store<u32>(T + (<usize>(i - n) << 2), <u32>(acc & MASK));
    acc >>= 27;
  }
  // acc is now 0: the result is below 2m < R.
  memory.copy(r, T, <usize>n << 2);
}

/** r ← a − b mod m for a, b < m (n limbs). Constant-time: m is added back under a mask. */
export function modSub(r: usize, a: usize, b: usize, m: usize, n: i32): void {
  let borrow: i64 = 0;
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 2;
    const d = <i64>load<u32>(a + o) - <i64>load<u32>(b + o) + borrow;
    store<u32>(r + o, <u32>(<u64>d & MASK));
    borrow = d >> 27;
  }
  const mask = <u32>borrow; // all ones when a < b
  let carry: u64 = 0;
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 2;
    const s = <u64>load<u32>(r + o) + <u64>(load<u32>(m + o) & mask) + carry;
    store<u32>(r + o, <u32>(s & MASK));
    carry = s >> 27;
  }
}

/** r (2n limbs) ← a·b (n limbs each), product scanning. Constant-time. r must not alias a or b. */
export function mulFull(r: usize, a: usize, b: usize, n: i32): void {
  let acc: u64 = 0;
  for (let i = 0; i < 2 * n - 1; i++) {
    const lo = i < n ? 0 : i - n + 1;
    const hi = i < n ? i + 1 : n;
    acc += column(a, b, lo, hi, i);
    store<u32>(r + (<usize>i << 2), <u32>(acc & MASK));
    acc >>= 27;
  }
  store<u32>(r + (<usize>(2 * n - 1) << 2), <u32>acc);
}

/** r ← r + a (len limbs each); returns the carry. Constant-time. */
export function addInPlace(r: usize, a: usize, len: i32): u32 {
  let carry: u64 = 0;
  for (let j = 0; j < len; j++) {
    const o = <usize>j << 2;
    const s = <u64>load<u32>(r + o) + <u64>load<u32>(a + o) + carry;
    store<u32>(r + o, <u32>(s & MASK));
    carry = s >> 27;
  }
  return <u32>carry;
}

/** Whether a < m (n limbs). Variable-time: public inputs only. */
export function lessThanVartime(a: usize, m: usize, n: i32): bool {
  for (let j = n - 1; j >= 0; j--) {
    const o = <usize>j << 2;
    const x = load<u32>(a + o);
    const y = load<u32>(m + o);
    if (x != y) return x < y;
  }
  return false;
}

/**
 * Big-endian bytes → n limbs of w bits, zero-extended (RFC 8017 §4.2 OS2IP). Returns false when
 * the value does not fit in n limbs. Constant-time in the contents (the loop depends on lengths).
 */
export function limbsFromBytes(r: usize, src: usize, len: i32, n: i32, w: i32 = LIMB_BITS): bool {
  memory.fill(r, 0, <usize>n << 2);
  const mask = (<u64>1 << w) - 1;
  let acc: u64 = 0;
  let bits = 0;
  let k = 0;
  let overflow: u64 = 0;
  for (let i = len - 1; i >= 0; i--) {
    acc |= <u64>load<u8>(src + i) << <u64>bits;
    bits += 8;
    if (bits >= w) {
      if (k < n) store<u32>(r + (<usize>k << 2), <u32>(acc & mask));
      else overflow |= acc & mask;
      k++;
      acc >>= <u64>w;
      bits -= w;
    }
  }
  if (k < n) store<u32>(r + (<usize>k << 2), <u32>acc);
  else overflow |= acc;
  return overflow == 0;
}

/** n limbs of w bits → `len` big-endian bytes (RFC 8017 §4.1 I2OSP; the value must fit). Constant-time. */
export function bytesFromLimbs(dst: usize, a: usize, n: i32, len: i32, w: i32 = LIMB_BITS): void {
  let acc: u64 = 0;
  let bits = 0;
  let k = 0;
  for (let i = len - 1; i >= 0; i--) {
    if (bits < 8) {
      if (k < n) acc |= <u64>load<u32>(a + (<usize>k << 2)) << <u64>bits;
      k++;
      bits += w;
    }
    store<u8>(dst + i, <u8>acc);
    acc >>= 8;
    bits -= 8;
  }
}

/** Zeroes the accumulator and quotient digits (they held secret-derived limbs). */
export function montWipe(): void {
  memory.fill(T, 0, (MAX_LIMBS + 2) * 4);
  memory.fill(YREV, 0, MAX_LIMBS * 4);
  memory.fill(MREV, 0, MAX_LIMBS * 4);
  memory.fill(Q, 0, MAX_LIMBS * 4);
  memory.fill(AD, 0, <usize>PAIR_BUFFER);
  memory.fill(YPA, 0, <usize>PAIR_BUFFER);
  memory.fill(YPM, 0, <usize>PAIR_BUFFER);
  memory.fill(QD, 0, <usize>PAIR_BUFFER);
}
