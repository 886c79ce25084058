/**
 * Montgomery arithmetic on n-limb integers (32-bit little-endian limbs in linear memory, u64
 * products) for the RSA primitives of RFC 8017 §5.2, with moduli of 1024 (a CRT prime) to 8192
 * bits. R = 2^(32n). Multiplication is CIOS (Koç, Acar, Kaliski 1996, "Analyzing and comparing
 * Montgomery multiplication algorithms" §4) with the product and reduction passes fused in one
 * inner loop. Everything here is constant-time in the operand values: loops run over n (public),
 * the final subtraction is a masked select, and no memory index depends on a secret.
 * @module
 */

/** Limb capacity of every buffer: 8192-bit moduli. */
export const MAX_LIMBS: i32 = 256;

/** CIOS accumulator, and the 2n-limb input of `montReduce`. */
const T: usize = memory.data((2 * MAX_LIMBS + 2) * 4);

/**
 * −m0⁻¹ mod 2^32 for odd m0, by Newton's iteration x ← x(2 − m0·x), which doubles the number of
 * correct low bits (m0 itself is correct to 3 bits since m0² ≡ 1 mod 8). Constant-time.
 */
export function montNegInv32(m0: u32): u32 {
  let x: u32 = m0;
  x *= 2 - m0 * x;
  x *= 2 - m0 * x;
  x *= 2 - m0 * x;
  x *= 2 - m0 * x;
  return 0 - x;
}

/**
 * r ← T − m if T ≥ m, else T, where T (n + 1 limbs, in the accumulator) < 2m. Constant-time: the
 * subtraction always runs and the result is chosen with a mask.
 */
// @ts-ignore: decorator
@inline function finalSubtract(r: usize, m: usize, n: i32): void {
  let borrow: i64 = 0;
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 2;
    const d = <i64>load<u32>(T + o) - <i64>load<u32>(m + o) + borrow;
    store<u32>(r + o, <u32>d);
    borrow = d >> 32;
  }
  // T[n] + borrow is 0 when T ≥ m and −1 when T < m (T < 2m bounds T[n] to 0 or 1).
  const keep = <u32>(<i64>load<u32>(T + (<usize>n << 2)) + borrow);
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 2;
    store<u32>(r + o, (load<u32>(T + o) & keep) | (load<u32>(r + o) & ~keep));
  }
}

/**
 * r ← a·b·R⁻¹ mod m (n limbs; m odd; minv = −m⁻¹ mod 2^32; a·b < m·R, e.g. a < R and b < m).
 * The result is fully reduced (< m). r may alias a or b. Constant-time.
 */
export function montMul(r: usize, a: usize, b: usize, m: usize, n: i32, minv: u32): void {
  const top = <usize>n << 2;
  memory.fill(T, 0, top + 4);
  const a0 = <u64>load<u32>(a);
  const m0 = <u64>load<u32>(m);
  for (let i = 0; i < n; i++) {
    const bi = <u64>load<u32>(b + (<usize>i << 2));
    // Limb 0: choose q so that T + a·bi + q·m ≡ 0 mod 2^32, then shift down one limb.
    let t = <u64>load<u32>(T) + a0 * bi;
    const q32: u32 = <u32>t * minv;
    const q = <u64>q32;
    let u = (t & 0xffffffff) + q * m0;
    let c1 = t >> 32;
    let c2 = u >> 32;
    for (let o: usize = 4; o < top; o += 4) {
      t = <u64>load<u32>(T + o) + <u64>load<u32>(a + o) * bi + c1;
      c1 = t >> 32;
      u = (t & 0xffffffff) + q * <u64>load<u32>(m + o) + c2;
      c2 = u >> 32;
      store<u32>(T + o - 4, <u32>u);
    }
    t = <u64>load<u32>(T + top) + c1 + c2;
    store<u32>(T + top - 4, <u32>t);
    store<u32>(T + top, <u32>(t >> 32));
  }
  finalSubtract(r, m, n);
}

/**
 * r ← t·R⁻¹ mod m for a 2n-limb t < m·R (Montgomery reduction, REDC). Used to reduce an n-limb
 * RSA value modulo a CRT prime of n/2 limbs. Constant-time.
 */
export function montReduce(r: usize, t: usize, m: usize, n: i32, minv: u32): void {
  const top = <usize>n << 2;
  memory.copy(T, t, top << 1);
  let carry: u64 = 0;
  for (let i = 0; i < n; i++) {
    const row = T + (<usize>i << 2);
    // The product must wrap at 32 bits: computed into a u32 local first (a cast around the
    // whole expression would make AssemblyScript evaluate it in 64 bits).
    const q32: u32 = load<u32>(row) * minv;
    const q = <u64>q32;
    let c: u64 = 0;
    for (let o: usize = 0; o < top; o += 4) {
      const x = <u64>load<u32>(row + o) + q * <u64>load<u32>(m + o) + c;
      store<u32>(row + o, <u32>x);
      c = x >> 32;
    }
    // The carry out of limb i + n joins the next row's top limb (carry is at most 1).
    const x = <u64>load<u32>(row + top) + c + carry;
    store<u32>(row + top, <u32>x);
    carry = x >> 32;
  }
  memory.copy(T, T + top, top);
  store<u32>(T + top, <u32>carry);
  finalSubtract(r, m, n);
}

/** r ← a − b mod m for a, b < m (n limbs). Constant-time: m is added back under a mask. */
export function modSub(r: usize, a: usize, b: usize, m: usize, n: i32): void {
  let borrow: i64 = 0;
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 2;
    const d = <i64>load<u32>(a + o) - <i64>load<u32>(b + o) + borrow;
    store<u32>(r + o, <u32>d);
    borrow = d >> 32;
  }
  const mask = <u32>borrow; // all ones when a < b
  let carry: u64 = 0;
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 2;
    const s = <u64>load<u32>(r + o) + <u64>(load<u32>(m + o) & mask) + carry;
    store<u32>(r + o, <u32>s);
    carry = s >> 32;
  }
}

/** r (2n limbs) ← a·b (n limbs each), schoolbook. Constant-time. r must not alias a or b. */
export function mulFull(r: usize, a: usize, b: usize, n: i32): void {
  const top = <usize>n << 2;
  memory.fill(r, 0, top << 1);
  for (let i: usize = 0; i < top; i += 4) {
    const ai = <u64>load<u32>(a + i);
    let c: u64 = 0;
    for (let o: usize = 0; o < top; o += 4) {
      const x = <u64>load<u32>(r + i + o) + ai * <u64>load<u32>(b + o) + c;
      store<u32>(r + i + o, <u32>x);
      c = x >> 32;
    }
    store<u32>(r + i + top, <u32>c);
  }
}

/** r ← r + a (len limbs each); returns the carry. Constant-time. */
export function addInPlace(r: usize, a: usize, len: i32): u32 {
  let carry: u64 = 0;
  for (let j = 0; j < len; j++) {
    const o = <usize>j << 2;
    const s = <u64>load<u32>(r + o) + <u64>load<u32>(a + o) + carry;
    store<u32>(r + o, <u32>s);
    carry = s >> 32;
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
 * Big-endian bytes (len ≤ 4n) → n little-endian limbs, zero-extended (RFC 8017 §4.2 OS2IP).
 * Constant-time in the contents.
 */
export function limbsFromBytes(r: usize, src: usize, len: i32, n: i32): void {
  memory.fill(r, 0, <usize>n << 2);
  for (let i = 0; i < len; i++) {
    const bytePos = len - 1 - i; // significance of src[i] in bytes
    const p = r + (<usize>(bytePos >> 2) << 2) + <usize>(bytePos & 3);
    store<u8>(p, load<u8>(src + i));
  }
}

/** n limbs → `len` big-endian bytes (RFC 8017 §4.1 I2OSP; the value must fit). Constant-time. */
export function bytesFromLimbs(dst: usize, a: usize, len: i32): void {
  for (let i = 0; i < len; i++) {
    const bytePos = len - 1 - i;
    store<u8>(dst + i, load<u8>(a + (<usize>(bytePos >> 2) << 2) + <usize>(bytePos & 3)));
  }
}

/** Zeroes the accumulator (it held secret-derived limbs). */
export function montWipe(): void {
  memory.fill(T, 0, (2 * MAX_LIMBS + 2) * 4);
}
