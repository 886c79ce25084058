/**
 * Conversions between big-endian octet strings and the little-endian limbs of field/p256.ts, p384.ts.
 * SEC 1 §2.3.5–2.3.8, https://www.secg.org/sec1-v2.pdf
 * @module
 */

/**
 * Reads `len` big-endian bytes at `src` into `n` limbs of 29 bits at `out` (u32 each). The loop
 * bounds depend only on the public lengths: constant-time in the contents.
 */
export function limbsFromBytes(out: usize, src: usize, len: usize, n: usize): void {
  let acc: u64 = 0;
  let bits: u32 = 0;
  let k: usize = 0;
  for (let i: usize = 0; i < len; i++) {
    acc |= (<u64>load<u8>(src + len - 1 - i)) << bits;
    bits += 8;
    if (bits >= 29) {
      store<u32>(out + (k << 2), <u32>(acc & 0x1fffffff));
      k++;
      acc >>= 29;
      bits -= 29;
    }
  }
  for (; k < n; k++) {
    store<u32>(out + (k << 2), <u32>(acc & 0x1fffffff));
    acc >>= 29;
  }
}

/** Writes `n` limbs of 29 bits at `a` as `len` big-endian bytes at `dst`. Constant-time in the contents. */
export function limbsToBytes(dst: usize, a: usize, len: usize, n: usize): void {
  let acc: u64 = 0;
  // Goes negative only once every limb is consumed (29·n ≥ 8·len), when acc holds the last bits.
  let bits: i32 = 0;
  let k: usize = 0;
  for (let i: usize = 0; i < len; i++) {
    if (bits < 8 && k < n) {
      acc |= (<u64>load<u32>(a + (k << 2))) << bits;
      bits += 29;
      k++;
    }
    store<u8>(dst + len - 1 - i, <u8>acc);
    acc >>= 8;
    bits -= 8;
  }
}

/**
 * Repacks `nIn` non-negative limbs of `inBits` bits at `a` into `nOut` limbs of `outBits` bits at
 * `out` (u32 each, the value must fit). Loop bounds are public: constant-time in the contents.
 */
export function limbsRepack(out: usize, outBits: u32, nOut: usize, a: usize, inBits: u32, nIn: usize): void {
  const mask: u64 = (<u64>1 << outBits) - 1;
  let acc: u64 = 0;
  let bits: u32 = 0;
  let k: usize = 0;
  for (let i: usize = 0; i < nOut; i++) {
    while (bits < outBits && k < nIn) {
      acc |= (<u64>load<u32>(a + (k << 2))) << bits;
      bits += inBits;
      k++;
    }
    store<u32>(out + (i << 2), <u32>(acc & mask));
    acc >>= outBits;
    bits = bits >= outBits ? bits - outBits : 0;
  }
}

/** Column sums of montMulLoop: 2n u64 (n ≤ 19 limbs, P-521). */
const COLUMNS: usize = memory.data(2 * 19 * 8);

/**
 * out = a·b·R⁻¹ mod M, R = 2^(29n), on `n` limbs of 29 bits (u32 each): the column sums of a·b,
 * then word-by-word REDC (HAC 14.36) with `minv` = −M⁻¹ mod 2^29, then the carries. The loop
 * twin of the unrolled field multiplications of field/p256.ts etc., for the scalars mod n, which
 * a signature multiplies a handful of times. Bounds: a, b < 2M and 4M < R ⇒ out < 2M; a column
 * gathers at most 2n products below 2^58 (2n ≤ 38 < 64: no u64 overflow). The loop bounds are
 * public and the columns are wiped: constant-time.
 */
export function montMulLoop(out: usize, a: usize, b: usize, m: usize, n: usize, minv: u32): void {
  memory.fill(COLUMNS, 0, n << 4);
  for (let i: usize = 0; i < n; i++) {
    const ai = <u64>load<u32>(a + (i << 2));
    const row = COLUMNS + (i << 3);
    for (let j: usize = 0; j < n; j++) {
      const t = row + (j << 3);
      store<u64>(t, load<u64>(t) + ai * <u64>load<u32>(b + (j << 2)));
    }
  }
  for (let i: usize = 0; i < n; i++) {
    const t = COLUMNS + (i << 3);
    const ti = load<u64>(t);
    const mi = <u64>((<u32>ti * minv) & 0x1fffffff);
    // t_i + m·M_0 ≡ 0 (mod 2^29): its carry moves up, the other m·M_j add to the columns above.
    store<u64>(t + 8, load<u64>(t + 8) + ((ti + mi * <u64>load<u32>(m)) >> 29));
    for (let j: usize = 1; j < n; j++) {
      const u = t + (j << 3);
      store<u64>(u, load<u64>(u) + mi * <u64>load<u32>(m + (j << 2)));
    }
  }
  let carry: u64 = 0;
  for (let k: usize = 0; k < n; k++) {
    const v = load<u64>(COLUMNS + ((n + k) << 3)) + carry;
    store<u32>(out + (k << 2), <u32>(v & 0x1fffffff));
    carry = v >> 29;
  }
  memory.fill(COLUMNS, 0, n << 4);
}
