/**
 * Integers modulo the edwards25519 group order L = 2^252 + 27742317777372353535851937790883648493
 * (RFC 8032 §5.1): reduction of 512-bit hashes and r + k·s, for signing (§5.1.6) and key use.
 * https://www.rfc-editor.org/rfc/rfc8032#section-5.1.6
 *
 * Numbers are 24 signed limbs of 21 bits held as i64 in a work buffer (21·12 = 252, so limb 12 is
 * exactly the 2^252 place). Since 2^252 ≡ −c (mod L) with c = L − 2^252 < 2^125, a limb at index
 * i ≥ 12 folds into indices i−12 … i−7 as its product with the six signed 21-bit digits of −c.
 * All functions are constant-time: the fold and carry schedule is fixed and the final
 * corrections are masked selects.
 * @module
 */

export const SCALAR_SIZE: usize = 32;

/** −c = 2^252 − L as six signed 21-bit digits (least significant first). */
const NEG_C: usize = memory.data<i64>([666643, 470296, 654183, -997805, 136657, -683901]);
/** L as 13 limbs of 21 bits (limb 12 = the 2^252 term). */
const L_LIMBS: usize = memory.data<i64>([1430509, 1626855, 1442968, 997804, 1960495, 683900, 0, 0, 0, 0, 0, 0, 1]);
const L_BYTES: usize = memory.data<u8>([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
]);

const MASK21: i64 = (1 << 21) - 1;
/** Work limbs s[0..23]. */
const S: usize = memory.data(24 * 8);
/** Limbs of the factors of `scMulAdd`. */
const FA: usize = memory.data(12 * 8);
const FB: usize = memory.data(12 * 8);
const T: usize = memory.data(13 * 8);

// @ts-ignore: decorator
@inline function sGet(i: i32): i64 {
  return load<i64>(S + (<usize>i << 3));
}
// @ts-ignore: decorator
@inline function sSet(i: i32, v: i64): void {
  store<i64>(S + (<usize>i << 3), v);
}

/** Limb i (21 bits at bit 21·i) of the `len`-byte little-endian number at `p`; the top limb takes all remaining bits. */
function limb(p: usize, len: usize, i: i32, top: bool): i64 {
  const pos = <u32>i * 21;
  const byte = min<u32>(pos >>> 3, <u32>len - 8);
  const word = load<u64>(p + <usize>byte) >>> <u64>(pos - (byte << 3));
  return top ? <i64>word : <i64>(word & <u64>MASK21);
}

/** Folds limb i (≥ 12) into limbs i−12 … i−7 (2^(21·i) ≡ −c·2^(21·(i−12))). */
// @ts-ignore: decorator
@inline function fold(i: i32): void {
  const v = sGet(i);
  sSet(i, 0);
  for (let j = 0; j < 6; j++) {
    sSet(i - 12 + j, sGet(i - 12 + j) + v * load<i64>(NEG_C + (<usize>j << 3)));
  }
}

/** Floor-carries limbs from..to−1 sequentially into limb `to`: each ends in [0, 2^21). */
function carry(from: i32, to: i32): void {
  for (let i = from; i < to; i++) {
    const v = sGet(i);
    const c = v >> 21;
    sSet(i, v - (c << 21));
    sSet(i + 1, sGet(i + 1) + c);
  }
}

/**
 * Reduces S (24 limbs, |s_i| < 2^21 except s_23 < 2^29, i.e. a value below 2^512) modulo L and
 * writes the 32-byte little-endian result, in [0, L), to `out`.
 */
function reduce(out: usize): void {
  // Fold the top six limbs (into 6..16: each limb gains at most 6 terms < 2^49), normalise 6..16,
  // then fold 17..12 into 0..11 (terms < 2^52) and normalise: s_12 now carries the overflow, |s_12| < 2^36.
  for (let i = 23; i >= 18; i--) fold(i);
  carry(6, 17);
  for (let i = 17; i >= 12; i--) fold(i);
  carry(0, 12);
  // One more fold of s_12 leaves a value V with |V| < 2^161 + 2^252; after carrying, s_12 ∈ {−1, 0, 1}.
  fold(12);
  carry(0, 12);
  // V + 2L lies in (L, 4L): add 2L, normalise, then subtract L three times where it does not go
  // negative (masked, constant-time).
  for (let i = 0; i < 13; i++) sSet(i, sGet(i) + 2 * load<i64>(L_LIMBS + (<usize>i << 3)));
  carry(0, 12);
  for (let round = 0; round < 3; round++) {
    let borrow: i64 = 0;
    for (let i = 0; i < 13; i++) {
      const v = sGet(i) - load<i64>(L_LIMBS + (<usize>i << 3)) + borrow;
      borrow = v >> 21; // 0 or −1
      store<i64>(T + (<usize>i << 3), i < 12 ? v & MASK21 : v);
    }
    const keep = load<i64>(T + 96) >> 63; // −1 when V − L < 0: keep V
    for (let i = 0; i < 13; i++) {
      const a = sGet(i);
      sSet(i, a ^ ((a ^ load<i64>(T + (<usize>i << 3))) & ~keep));
    }
  }
  // Pack limbs 0..12 (the result is below 2^253) into 32 little-endian bytes.
  let acc: u64 = 0;
  let bits: u32 = 0;
  let o = out;
  for (let i = 0; i < 13; i++) {
    acc |= <u64>sGet(i) << <u64>bits;
    bits += 21;
    while (bits >= 8 && o < out + 32) {
      store<u8>(o, <u8>acc);
      o++;
      acc >>>= 8;
      bits -= 8;
    }
  }
  memory.fill(S, 0, 24 * 8);
  memory.fill(T, 0, 13 * 8);
}

/** out = the 64-byte little-endian number at `src` mod L (RFC 8032 §5.1.6 steps 2 and 4). Constant-time. */
export function scReduce64(out: usize, src: usize): void {
  for (let i = 0; i < 24; i++) sSet(i, limb(src, 64, i, i == 23));
  reduce(out);
}

/**
 * out = (a·b + c) mod L for 32-byte little-endian a, b, c (any values below 2^256): S = r + k·s of
 * RFC 8032 §5.1.6 step 5. Constant-time. `out` may alias an input.
 */
export function scMulAdd(out: usize, a: usize, b: usize, c: usize): void {
  for (let i = 0; i < 12; i++) {
    store<i64>(FA + (<usize>i << 3), limb(a, 32, i, i == 11));
    store<i64>(FB + (<usize>i << 3), limb(b, 32, i, i == 11));
    sSet(i, limb(c, 32, i, i == 11));
  }
  for (let i = 12; i < 24; i++) sSet(i, 0);
  // Schoolbook product: each column sums at most 12 terms below 2^50 (limb 11 has 25 bits).
  for (let i = 0; i < 12; i++) {
    const ai = load<i64>(FA + (<usize>i << 3));
    for (let j = 0; j < 12; j++) {
      const k = i + j;
      sSet(k, sGet(k) + ai * load<i64>(FB + (<usize>j << 3)));
    }
  }
  // Normalise to 21-bit limbs (the product is below 2^513, so s_23 ends below 2^30).
  carry(0, 23);
  reduce(out);
  memory.fill(FA, 0, 12 * 8);
  memory.fill(FB, 0, 12 * 8);
}

/**
 * 1 when the 32-byte little-endian `s` is below L (the check of RFC 8032 §5.1.7 step 1 that
 * rejects malleable signatures), else 0. Variable-time: public inputs only (signature S).
 */
export function scIsCanonicalVartime(s: usize): i32 {
  for (let i = 31; i >= 0; i--) {
    const a = load<u8>(s + <usize>i);
    const l = load<u8>(L_BYTES + <usize>i);
    if (a < l) return 1;
    if (a > l) return 0;
  }
  return 0; // s == L
}
