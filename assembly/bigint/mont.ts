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
  let v = i64x2.splat(0);
  while (count >= 4) {
    const vx = v128.load(px);
    const vy = v128.load(py);
    v = i64x2.add(v, i64x2.extmul_low_i32x4_u(vx, vy));
    v = i64x2.add(v, i64x2.extmul_high_i32x4_u(vx, vy));
    px += 16;
    py += 16;
    count -= 4;
  }
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
 * Σ x1·y1 + Σ x2·y2 over `steps` v128 steps (four u32 limbs of each operand, 16 bytes) from byte
 * offsets `off` (x1, x2) and `offY` (y1, y2), in two u64 lanes: the fused inner loop of a
 * product's and its reduction's terms of one column. Each product is below 2^54; the caller
 * bounds the count.
 */
// @ts-ignore: decorator
@inline function fusedColumnSteps(x1: usize, y1: usize, x2: usize, y2: usize, off: usize, offY: usize, steps: i32): v128 {
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
 * pass the same m: its limb-reversed copy is made once here rather than in every operation.
 * Constant-time.
 */
export function montUseModulus(m: usize, n: i32): void {
  reverseInto(MREV, m, n);
}

/** a[col/2]² for even columns (the square terms of a squaring), else 0; col is public. */
// @ts-ignore: decorator
@inline function diagonal(a: usize, col: i32): u64 {
  if (col & 1) return 0;
  const d = <u64>load<u32>(a + (<usize>(col >> 1) << 2));
  return d * d;
}

/** Lane masks for a column's last, partial v128 step: the 16 bytes at TAIL_MASKS + 16k keep the first k u32 lanes. */
const TAIL_MASKS: usize = memory.data<u32>([0, 0, 0, 0, 0xffffffff, 0, 0, 0, 0xffffffff, 0xffffffff, 0, 0, 0xffffffff, 0xffffffff, 0xffffffff, 0]);

/**
 * (Σ x[j]·yr[base + j] over lo ≤ j < hi) as two u64 lanes, like columnRev but with no scalar
 * tail: the last, partial step masks x's lanes from hi on. Reads up to three limbs past hi in
 * both operands (their buffers have room). Each product is below 2^54; the caller bounds the count.
 */
// @ts-ignore: decorator
@inline function columnRevMasked(x: usize, yr: usize, lo: i32, hi: i32, base: i32): v128 {
  let px = x + (<usize>lo << 2);
  let py = yr + (<usize>(base + lo) << 2);
  let count = hi - lo;
  let v = i64x2.splat(0);
  for (; count >= 4; count -= 4) {
    const vx = v128.load(px);
    const vy = v128.load(py);
    v = i64x2.add(v, i64x2.extmul_low_i32x4_u(vx, vy));
    v = i64x2.add(v, i64x2.extmul_high_i32x4_u(vx, vy));
    px += 16;
    py += 16;
  }
  if (count > 0) {
    const vx = v128.and(v128.load(px), v128.load(TAIL_MASKS + (<usize>count << 4)));
    const vy = v128.load(py);
    v = i64x2.add(v, i64x2.extmul_low_i32x4_u(vx, vy));
    v = i64x2.add(v, i64x2.extmul_high_i32x4_u(vx, vy));
  }
  return v;
}

/**
 * (Σ x[j]·yr[base + j] over lo ≤ j < hi) as two u64 lanes for an x that is zero from hi on (the
 * quotient digits not yet stored, and the zeroed padding after the n-th): the count is rounded up
 * to whole v128 steps instead of a scalar tail.
 */
// @ts-ignore: decorator
@inline function columnRevPadded(x: usize, yr: usize, lo: i32, hi: i32, base: i32): v128 {
  let px = x + (<usize>lo << 2);
  let py = yr + (<usize>(base + lo) << 2);
  let v = i64x2.splat(0);
  for (let count = hi - lo; count > 0; count -= 4) {
    const vx = v128.load(px);
    const vy = v128.load(py);
    v = i64x2.add(v, i64x2.extmul_low_i32x4_u(vx, vy));
    v = i64x2.add(v, i64x2.extmul_high_i32x4_u(vx, vy));
    px += 16;
    py += 16;
  }
  return v;
}

/** Both u64 lanes of v, added. */
// @ts-ignore: decorator
@inline function lanesSum(v: v128): u64 {
  return <u64>(i64x2.extract_lane(v, 0) + i64x2.extract_lane(v, 1));
}

/**
 * r ≡ a²·R⁻¹ mod m with r < 2m (n limbs of w bits, a < 2m; lazy as montMul): each cross product computed
 * once and doubled, so about 3/4 of montMul's multiplications. Column i's quotient digit is stored
 * only after column i + 1 is summed (that column takes it from a register, as qPrev·m[1]), so no
 * column's sum waits for the previous digit's store; Q stays zero from the current digit on, which
 * lets the reduction sums run in whole v128 steps. r may alias a. Constant-time.
 */
export function montSqr(r: usize, a: usize, m: usize, n: i32, minv: u32, w: i32 = LIMB_BITS): void {
  reverseInto(YREV, a, n);
  const mask = (<u64>1 << w) - 1;
  memory.fill(Q, 0, (<usize>n + 4) << 2);
  let acc: u64 = 0;
  let qPrev: u64 = 0;
  const m0 = <u64>load<u32>(m);
  const m1 = <u64>load<u32>(m, 4); // read only when n ≥ 2 matters: qPrev is 0 in column 0
  for (let i = 0; i < n; i++) {
    const base = n - 1 - i;
    const v = i64x2.add(i64x2.shl(columnRevMasked(a, YREV, 0, (i + 1) >> 1, base), 1), columnRevPadded(Q, MREV, 0, i, base));
    acc += lanesSum(v) + diagonal(a, i) + qPrev * m1;
    if (i > 0) store<u32>(Q + (<usize>(i - 1) << 2), <u32>qPrev);
    const q = <u32>((<u64>(<u32>acc * minv)) & mask);
    qPrev = q;
    acc = (acc + <u64>q * m0) >> w;
  }
  store<u32>(Q + (<usize>(n - 1) << 2), <u32>qPrev);
  for (let i = n; i < 2 * n; i++) {
    const lo = i - n + 1;
    const base = n - 1 - i;
    const v = i64x2.add(i64x2.shl(columnRevMasked(a, YREV, lo, (i + 1) >> 1, base), 1), columnRevPadded(Q, MREV, lo, n, base));
    acc += lanesSum(v) + diagonal(a, i);
    store<u32>(T + (<usize>(i - n) << 2), <u32>(acc & mask));
    acc >>= w;
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
}
