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
