/**
 * Arithmetic in GF(2^255 − 19), the field of Curve25519 / edwards25519 (RFC 7748 §4.1, RFC 8032 §5.1).
 * https://www.rfc-editor.org/rfc/rfc8032#section-5.1
 *
 * An element is 10 signed limbs in radix 2^25.5 (limb i has weight 2^⌈25.5·i⌉: 26, 25, 26, … bits),
 * stored as 10 × i32 (40 bytes) in linear memory and multiplied with i64 products, because wasm has
 * no 64×64→128 multiply and unsaturated limbs leave room to add without carrying (PERF-NOTES.md).
 *
 * Bounds, used throughout:
 * - "reduced": the output of `feMul`, `feSq`, `feCarry`, `feFromBytes`: every limb in [0, 2^26],
 *   except limbs 1 and 5 of a carried product, which take a carry after giving theirs (the two
 *   interleaved chains of `carryStore`) and may end slightly below 0 (|limb| ≤ 2^26 throughout;
 *   tests/field.test.ts checks it at the input bounds).
 * - `feAdd`/`feSub`/`feNeg` do not carry; their outputs are sums of up to 3 reduced values in
 *   magnitude at most, which is what `feMul`/`feSq` accept: with |limbs| < 3·2^26 (odd limbs
 *   < 3·2^25) every product sum stays below 124.5·9·2^52 < 2^62.2, inside i64.
 * All functions are constant-time: no branch or memory index depends on limb values.
 * @module
 */

import { safegcdInverse } from "./safegcd";

export const FE_SIZE: usize = 40;

// @ts-ignore: decorator
@inline function ld(p: usize, i: usize): i64 {
  return <i64>load<i32>(p + (i << 2));
}

/** Stores limbs after the carry chain of a product; shared by `feMul` and `feSq`. */
// @ts-ignore: decorator
@inline function carryStore(
  h: usize, h0: i64, h1: i64, h2: i64, h3: i64, h4: i64, h5: i64, h6: i64, h7: i64, h8: i64, h9: i64,
): void {
  // Two interleaved chains (0→1→2→3→4→5, 4→5→6→7→8→9→0→1) halve the dependency depth. Arithmetic
  // shifts floor the quotient, so every limb that gives a carry ends in [0, 2^w).
  let c: i64;
  c = h0 >> 26; h1 += c; h0 -= c << 26;
  c = h4 >> 26; h5 += c; h4 -= c << 26;
  c = h1 >> 25; h2 += c; h1 -= c << 25;
  c = h5 >> 25; h6 += c; h5 -= c << 25;
  c = h2 >> 26; h3 += c; h2 -= c << 26;
  c = h6 >> 26; h7 += c; h6 -= c << 26;
  c = h3 >> 25; h4 += c; h3 -= c << 25;
  c = h7 >> 25; h8 += c; h7 -= c << 25;
  c = h4 >> 26; h5 += c; h4 -= c << 26;
  c = h8 >> 26; h9 += c; h8 -= c << 26;
  // 2^255 ≡ 19 (mod p): the carry out of the top limb re-enters at the bottom times 19.
  c = h9 >> 25; h0 += c * 19; h9 -= c << 25;
  c = h0 >> 26; h1 += c; h0 -= c << 26;
  store<i32>(h, <i32>h0, 0);
  store<i32>(h, <i32>h1, 4);
  store<i32>(h, <i32>h2, 8);
  store<i32>(h, <i32>h3, 12);
  store<i32>(h, <i32>h4, 16);
  store<i32>(h, <i32>h5, 20);
  store<i32>(h, <i32>h6, 24);
  store<i32>(h, <i32>h7, 28);
  store<i32>(h, <i32>h8, 32);
  store<i32>(h, <i32>h9, 36);
}

/** acc + (f·g lane-wise, low two i32 lanes → two i64): one pair of products of `feMul`. */
// @ts-ignore: decorator
@inline function mac(acc: v128, f: v128, g: v128): v128 {
  return i64x2.add(acc, i64x2.extmul_low_i32x4_s(f, g));
}

/** 19·w lane-wise, as 16w + 2w + w. */
// @ts-ignore: decorator
@inline function times19(w: v128): v128 {
  return i64x2.add(i64x2.add(i64x2.shl(w, 4), i64x2.shl(w, 1)), w);
}

/**
 * h = f · g. Inputs: |limbs| ≤ 3 reduced; output reduced. `h` may alias `f` or `g`. Constant-time.
 *
 * SIMD (i64x2.extmul_low_i32x4_s): output limbs are computed in pairs (h_2k, h_2k+1). For each f_i
 * the pair takes the adjacent g limbs (g_j, g_j+1), j = 2k − i (mod 10), so one extended multiply
 * gives both products. Limb i·j has weight 2·2^⌈25.5(i+j)⌉ when i and j are both odd: in lane 0
 * that is exactly when i is odd (f_i is doubled there), in lane 1 never. Products whose index sum
 * passes 9 wrap with 2^255 ≡ 19 (mod p): they are summed apart and multiplied by 19 once per pair,
 * as 16w + 2w + w, because 19·g would not fit an i32 lane for |g| up to 3·2^26. The sums are the
 * scalar form's, below 2^62.2 (module comment). Against the scalar form (100 i64 products), raw
 * signing in wasm, same run (measured 2026-12-01): 20.6 → 20.2 µs on Node, 28.8 → 24.5 µs on Bun.
 */
export function feMul(h: usize, f: usize, g: usize): void {
  const LANE0 = i64x2(-1, 0);
  const LANE1 = i64x2(0, -1);
  const f0 = load<i32>(f, 0);
  const f1 = load<i32>(f, 4);
  const f2 = load<i32>(f, 8);
  const f3 = load<i32>(f, 12);
  const f4 = load<i32>(f, 16);
  const f5 = load<i32>(f, 20);
  const f6 = load<i32>(f, 24);
  const f7 = load<i32>(f, 28);
  const f8 = load<i32>(f, 32);
  const f9 = load<i32>(f, 36);
  const F0 = i32x4.splat(f0);
  const F1 = i32x4.replace_lane(i32x4.splat(f1), 0, f1 << 1);
  const F2 = i32x4.splat(f2);
  const F3 = i32x4.replace_lane(i32x4.splat(f3), 0, f3 << 1);
  const F4 = i32x4.splat(f4);
  const F5 = i32x4.replace_lane(i32x4.splat(f5), 0, f5 << 1);
  const F6 = i32x4.splat(f6);
  const F7 = i32x4.replace_lane(i32x4.splat(f7), 0, f7 << 1);
  const F8 = i32x4.splat(f8);
  const F9 = i32x4.replace_lane(i32x4.splat(f9), 0, f9 << 1);
  const G0 = v128.load64_zero(g, 0); // g0, g1
  const G1 = v128.load64_zero(g, 4); // g1, g2
  const G2 = v128.load64_zero(g, 8); // g2, g3
  const G3 = v128.load64_zero(g, 12); // g3, g4
  const G4 = v128.load64_zero(g, 16); // g4, g5
  const G5 = v128.load64_zero(g, 20); // g5, g6
  const G6 = v128.load64_zero(g, 24); // g6, g7
  const G7 = v128.load64_zero(g, 28); // g7, g8
  const G8 = v128.load64_zero(g, 32); // g8, g9
  const G9 = i32x4.replace_lane(v128.load32_zero(g, 36), 1, load<i32>(g)); // g9, g0
  // Per pair k: d sums the products that do not wrap, w those that do; s is the one product
  // (i = 2k + 1, with g9 and g0) whose lane 0 wraps and lane 1 does not.
  // h0, h1
  const s0 = i64x2.extmul_low_i32x4_s(F1, G9);
  let d0 = v128.and(s0, LANE1);
  d0 = mac(d0, F0, G0);
  let w0 = v128.and(s0, LANE0);
  w0 = mac(w0, F2, G8);
  w0 = mac(w0, F3, G7);
  w0 = mac(w0, F4, G6);
  w0 = mac(w0, F5, G5);
  w0 = mac(w0, F6, G4);
  w0 = mac(w0, F7, G3);
  w0 = mac(w0, F8, G2);
  w0 = mac(w0, F9, G1);
  d0 = i64x2.add(d0, times19(w0));
  // h2, h3
  const s1 = i64x2.extmul_low_i32x4_s(F3, G9);
  let d1 = v128.and(s1, LANE1);
  d1 = mac(d1, F0, G2);
  d1 = mac(d1, F1, G1);
  d1 = mac(d1, F2, G0);
  let w1 = v128.and(s1, LANE0);
  w1 = mac(w1, F4, G8);
  w1 = mac(w1, F5, G7);
  w1 = mac(w1, F6, G6);
  w1 = mac(w1, F7, G5);
  w1 = mac(w1, F8, G4);
  w1 = mac(w1, F9, G3);
  d1 = i64x2.add(d1, times19(w1));
  // h4, h5
  const s2 = i64x2.extmul_low_i32x4_s(F5, G9);
  let d2 = v128.and(s2, LANE1);
  d2 = mac(d2, F0, G4);
  d2 = mac(d2, F1, G3);
  d2 = mac(d2, F2, G2);
  d2 = mac(d2, F3, G1);
  d2 = mac(d2, F4, G0);
  let w2 = v128.and(s2, LANE0);
  w2 = mac(w2, F6, G8);
  w2 = mac(w2, F7, G7);
  w2 = mac(w2, F8, G6);
  w2 = mac(w2, F9, G5);
  d2 = i64x2.add(d2, times19(w2));
  // h6, h7
  const s3 = i64x2.extmul_low_i32x4_s(F7, G9);
  let d3 = v128.and(s3, LANE1);
  d3 = mac(d3, F0, G6);
  d3 = mac(d3, F1, G5);
  d3 = mac(d3, F2, G4);
  d3 = mac(d3, F3, G3);
  d3 = mac(d3, F4, G2);
  d3 = mac(d3, F5, G1);
  d3 = mac(d3, F6, G0);
  let w3 = v128.and(s3, LANE0);
  w3 = mac(w3, F8, G8);
  w3 = mac(w3, F9, G7);
  d3 = i64x2.add(d3, times19(w3));
  // h8, h9
  const s4 = i64x2.extmul_low_i32x4_s(F9, G9);
  let d4 = v128.and(s4, LANE1);
  d4 = mac(d4, F0, G8);
  d4 = mac(d4, F1, G7);
  d4 = mac(d4, F2, G6);
  d4 = mac(d4, F3, G5);
  d4 = mac(d4, F4, G4);
  d4 = mac(d4, F5, G3);
  d4 = mac(d4, F6, G2);
  d4 = mac(d4, F7, G1);
  d4 = mac(d4, F8, G0);
  let w4 = v128.and(s4, LANE0);
  d4 = i64x2.add(d4, times19(w4));
  carryStore(
    h,
    i64x2.extract_lane(d0, 0), i64x2.extract_lane(d0, 1), i64x2.extract_lane(d1, 0), i64x2.extract_lane(d1, 1), i64x2.extract_lane(d2, 0), i64x2.extract_lane(d2, 1), i64x2.extract_lane(d3, 0), i64x2.extract_lane(d3, 1), i64x2.extract_lane(d4, 0), i64x2.extract_lane(d4, 1),
  );
}

/** h = f². Same bounds as `feMul`; each cross product is computed once and doubled. Constant-time. */
export function feSq(h: usize, f: usize): void {
  const f0 = ld(f, 0), f1 = ld(f, 1), f2 = ld(f, 2), f3 = ld(f, 3), f4 = ld(f, 4);
  const f5 = ld(f, 5), f6 = ld(f, 6), f7 = ld(f, 7), f8 = ld(f, 8), f9 = ld(f, 9);
  const f0_2 = f0 * 2;
  const f1_2 = f1 * 2;
  const f1_4 = f1 * 4;
  const f2_2 = f2 * 2;
  const f3_2 = f3 * 2;
  const f3_4 = f3 * 4;
  const f4_2 = f4 * 2;
  const f5_19 = f5 * 19;
  const f5_2 = f5 * 2;
  const f5_4 = f5 * 4;
  const f6_19 = f6 * 19;
  const f6_2 = f6 * 2;
  const f7_19 = f7 * 19;
  const f7_2 = f7 * 2;
  const f7_4 = f7 * 4;
  const f8_19 = f8 * 19;
  const f8_2 = f8 * 2;
  const f9_19 = f9 * 19;
  const f9_2 = f9 * 2;
  const h0 = f0 * f0 + f1_4 * f9_19 + f2_2 * f8_19 + f3_4 * f7_19 + f4_2 * f6_19 + f5_2 * f5_19;
  const h1 = f0_2 * f1 + f2_2 * f9_19 + f3_2 * f8_19 + f4_2 * f7_19 + f5_2 * f6_19;
  const h2 = f0_2 * f2 + f1_2 * f1 + f3_4 * f9_19 + f4_2 * f8_19 + f5_4 * f7_19 + f6 * f6_19;
  const h3 = f0_2 * f3 + f1_2 * f2 + f4_2 * f9_19 + f5_2 * f8_19 + f6_2 * f7_19;
  const h4 = f0_2 * f4 + f1_4 * f3 + f2 * f2 + f5_4 * f9_19 + f6_2 * f8_19 + f7_2 * f7_19;
  const h5 = f0_2 * f5 + f1_2 * f4 + f2_2 * f3 + f6_2 * f9_19 + f7_2 * f8_19;
  const h6 = f0_2 * f6 + f1_4 * f5 + f2_2 * f4 + f3_2 * f3 + f7_4 * f9_19 + f8 * f8_19;
  const h7 = f0_2 * f7 + f1_2 * f6 + f2_2 * f5 + f3_2 * f4 + f8_2 * f9_19;
  const h8 = f0_2 * f8 + f1_4 * f7 + f2_2 * f6 + f3_4 * f5 + f4 * f4 + f9_2 * f9_19;
  const h9 = f0_2 * f9 + f1_2 * f8 + f2_2 * f7 + f3_2 * f6 + f4_2 * f5;  carryStore(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
}

/** h = f with limbs carried back to reduced form (input |limbs| < 2^62). Constant-time. */
export function feCarry(h: usize, f: usize): void {
  carryStore(h, ld(f, 0), ld(f, 1), ld(f, 2), ld(f, 3), ld(f, 4), ld(f, 5), ld(f, 6), ld(f, 7), ld(f, 8), ld(f, 9));
}

/** h = f + g, limb-wise without carrying (see the bounds in the module comment). Unrolled: no loop overhead on the hot path. Constant-time. */
export function feAdd(h: usize, f: usize, g: usize): void {
  store<i32>(h, load<i32>(f, 0) + load<i32>(g, 0), 0);
  store<i32>(h, load<i32>(f, 4) + load<i32>(g, 4), 4);
  store<i32>(h, load<i32>(f, 8) + load<i32>(g, 8), 8);
  store<i32>(h, load<i32>(f, 12) + load<i32>(g, 12), 12);
  store<i32>(h, load<i32>(f, 16) + load<i32>(g, 16), 16);
  store<i32>(h, load<i32>(f, 20) + load<i32>(g, 20), 20);
  store<i32>(h, load<i32>(f, 24) + load<i32>(g, 24), 24);
  store<i32>(h, load<i32>(f, 28) + load<i32>(g, 28), 28);
  store<i32>(h, load<i32>(f, 32) + load<i32>(g, 32), 32);
  store<i32>(h, load<i32>(f, 36) + load<i32>(g, 36), 36);
}

/** h = f − g, limb-wise without carrying. Constant-time. */
export function feSub(h: usize, f: usize, g: usize): void {
  store<i32>(h, load<i32>(f, 0) - load<i32>(g, 0), 0);
  store<i32>(h, load<i32>(f, 4) - load<i32>(g, 4), 4);
  store<i32>(h, load<i32>(f, 8) - load<i32>(g, 8), 8);
  store<i32>(h, load<i32>(f, 12) - load<i32>(g, 12), 12);
  store<i32>(h, load<i32>(f, 16) - load<i32>(g, 16), 16);
  store<i32>(h, load<i32>(f, 20) - load<i32>(g, 20), 20);
  store<i32>(h, load<i32>(f, 24) - load<i32>(g, 24), 24);
  store<i32>(h, load<i32>(f, 28) - load<i32>(g, 28), 28);
  store<i32>(h, load<i32>(f, 32) - load<i32>(g, 32), 32);
  store<i32>(h, load<i32>(f, 36) - load<i32>(g, 36), 36);
}

/** h = −f, limb-wise. Constant-time. */
export function feNeg(h: usize, f: usize): void {
  store<i32>(h, -load<i32>(f, 0), 0);
  store<i32>(h, -load<i32>(f, 4), 4);
  store<i32>(h, -load<i32>(f, 8), 8);
  store<i32>(h, -load<i32>(f, 12), 12);
  store<i32>(h, -load<i32>(f, 16), 16);
  store<i32>(h, -load<i32>(f, 20), 20);
  store<i32>(h, -load<i32>(f, 24), 24);
  store<i32>(h, -load<i32>(f, 28), 28);
  store<i32>(h, -load<i32>(f, 32), 32);
  store<i32>(h, -load<i32>(f, 36), 36);
}

/** h = f. Constant-time. */
// @ts-ignore: decorator
@inline export function feCopy(h: usize, f: usize): void {
  memory.copy(h, f, 40);
}

/** h = 0. Constant-time. */
// @ts-ignore: decorator
@inline export function feZero(h: usize): void {
  memory.fill(h, 0, 40);
}

/** h = 1. Constant-time. */
export function feOne(h: usize): void {
  memory.fill(h, 0, 40);
  store<i32>(h, 1);
}

/** h = f when `mask` is −1, h unchanged when it is 0. Constant-time: mask arithmetic, no branch. */
export function feCmov(h: usize, f: usize, mask: i32): void {
  for (let i: usize = 0; i < 40; i += 4) {
    const a = load<i32>(h + i);
    store<i32>(h + i, a ^ ((a ^ load<i32>(f + i)) & mask));
  }
}

/**
 * h = the 255-bit little-endian integer at `s` (RFC 8032 §5.1.2: the top bit of the last byte is
 * not part of the field element and is ignored here). The value may be ≥ p; callers that need a
 * canonical encoding check it by re-encoding (see curve/edwards25519.ts). Constant-time.
 */
export function feFromBytes(h: usize, s: usize): void {
  let pos: u32 = 0;
  for (let i: usize = 0; i < 10; i++) {
    const width: u32 = 26 - <u32>(i & 1);
    // Read the u64 that holds the limb, without reading past byte 31.
    const byte = min<u32>(pos >>> 3, 24);
    const word = load<u64>(s + <usize>byte);
    store<i32>(h + (i << 2), <i32>((word >>> <u64>(pos - (byte << 3))) & ((<u64>1 << <u64>width) - 1)));
    pos += width;
  }
}

const T0: usize = memory.data(40);

/** One sequential carry pass over all limbs, folding the top carry back times 19. */
function carryPass(h: usize): void {
  let c: i32 = 0;
  for (let i: usize = 0; i < 10; i++) {
    const width: i32 = 26 - <i32>(i & 1);
    const v = load<i32>(h + (i << 2)) + c;
    c = v >> width;
    store<i32>(h + (i << 2), v - (c << width));
  }
  store<i32>(h, load<i32>(h) + c * 19);
}

/**
 * Writes the canonical 32-byte little-endian encoding of f (value in [0, p)) to `s`, top bit 0.
 * Input |limbs| < 2^27. Constant-time: the final subtraction of p is a masked select.
 */
export function feToBytes(s: usize, f: usize): void {
  const h = T0;
  // Adding 4p (limb-wise 4·(2^26 − 19), 4·(2^25 − 1), 4·(2^26 − 1), …) makes every limb
  // non-negative, so the carry passes below only move bits upwards.
  store<i32>(h, load<i32>(f) + 4 * ((1 << 26) - 19));
  for (let i: usize = 1; i < 10; i++) {
    const width: i32 = 26 - <i32>(i & 1);
    store<i32>(h + (i << 2), load<i32>(f + (i << 2)) + 4 * ((1 << width) - 1));
  }
  // Pass 1 leaves a carry of at most 2^5 times 19 in limb 0; pass 2 can wrap once more only if
  // limbs 1–9 were all at their maximum, after which pass 3 cannot wrap: the value is in [0, 2^255).
  carryPass(h);
  carryPass(h);
  carryPass(h);
  // value ≥ p ⇔ value + 19 ≥ 2^255: compute value + 19 and keep it (minus 2^255) in that case.
  let c: i32 = 19;
  for (let i: usize = 0; i < 10; i++) {
    const width: i32 = 26 - <i32>(i & 1);
    const v = load<i32>(h + (i << 2)) + c;
    c = v >> width;
    store<i32>(T1 + (i << 2), v - (c << width));
  }
  const mask = -c; // c is 1 exactly when value + 19 carried out of bit 255
  feCmov(h, T1, mask);
  // Pack 255 bits little-endian.
  let acc: u64 = 0;
  let bits: u32 = 0;
  let o = s;
  for (let i: usize = 0; i < 10; i++) {
    acc |= <u64>load<u32>(h + (i << 2)) << <u64>bits;
    bits += 26 - <u32>(i & 1);
    while (bits >= 8) {
      store<u8>(o, <u8>acc);
      o++;
      acc >>>= 8;
      bits -= 8;
    }
  }
  store<u8>(o, <u8>acc);
}

const T1: usize = memory.data(40);
const BYTES: usize = memory.data(32);

/** 1 when f ≡ 0 (mod p), else 0. Constant-time. */
export function feIsZero(f: usize): i32 {
  feToBytes(BYTES, f);
  let acc: u32 = 0;
  for (let i: usize = 0; i < 32; i++) acc |= <u32>load<u8>(BYTES + i);
  return <i32>((acc - 1) >>> 31);
}

/** The low bit of the canonical encoding of f: the "sign" of RFC 8032 §5.1.2. Constant-time. */
export function feIsNegative(f: usize): i32 {
  feToBytes(BYTES, f);
  return <i32>(load<u8>(BYTES) & 1);
}

/**
 * h = f^(2^n), n ≥ 1: n squarings with the limbs kept in locals between them (the inversion chain
 * is 250 squarings in a row; skipping the stores and reloads of `feSq` is measurably faster).
 * Same arithmetic and bounds as `feSq`; constant-time for a public n.
 */
export function feSqN(h: usize, f: usize, n: i32): void {
  let f0 = ld(f, 0), f1 = ld(f, 1), f2 = ld(f, 2), f3 = ld(f, 3), f4 = ld(f, 4);
  let f5 = ld(f, 5), f6 = ld(f, 6), f7 = ld(f, 7), f8 = ld(f, 8), f9 = ld(f, 9);
  for (let k = 0; k < n; k++) {
    const f0_2 = f0 * 2;
    const f1_2 = f1 * 2;
    const f1_4 = f1 * 4;
    const f2_2 = f2 * 2;
    const f3_2 = f3 * 2;
    const f3_4 = f3 * 4;
    const f4_2 = f4 * 2;
    const f5_19 = f5 * 19;
    const f5_2 = f5 * 2;
    const f5_4 = f5 * 4;
    const f6_19 = f6 * 19;
    const f6_2 = f6 * 2;
    const f7_19 = f7 * 19;
    const f7_2 = f7 * 2;
    const f7_4 = f7 * 4;
    const f8_19 = f8 * 19;
    const f8_2 = f8 * 2;
    const f9_19 = f9 * 19;
    const f9_2 = f9 * 2;
    let h0 = f0 * f0 + f1_4 * f9_19 + f2_2 * f8_19 + f3_4 * f7_19 + f4_2 * f6_19 + f5_2 * f5_19;
    let h1 = f0_2 * f1 + f2_2 * f9_19 + f3_2 * f8_19 + f4_2 * f7_19 + f5_2 * f6_19;
    let h2 = f0_2 * f2 + f1_2 * f1 + f3_4 * f9_19 + f4_2 * f8_19 + f5_4 * f7_19 + f6 * f6_19;
    let h3 = f0_2 * f3 + f1_2 * f2 + f4_2 * f9_19 + f5_2 * f8_19 + f6_2 * f7_19;
    let h4 = f0_2 * f4 + f1_4 * f3 + f2 * f2 + f5_4 * f9_19 + f6_2 * f8_19 + f7_2 * f7_19;
    let h5 = f0_2 * f5 + f1_2 * f4 + f2_2 * f3 + f6_2 * f9_19 + f7_2 * f8_19;
    let h6 = f0_2 * f6 + f1_4 * f5 + f2_2 * f4 + f3_2 * f3 + f7_4 * f9_19 + f8 * f8_19;
    let h7 = f0_2 * f7 + f1_2 * f6 + f2_2 * f5 + f3_2 * f4 + f8_2 * f9_19;
    let h8 = f0_2 * f8 + f1_4 * f7 + f2_2 * f6 + f3_4 * f5 + f4 * f4 + f9_2 * f9_19;
    let h9 = f0_2 * f9 + f1_2 * f8 + f2_2 * f7 + f3_2 * f6 + f4_2 * f5;
    let c: i64;
    c = h0 >> 26; h1 += c; h0 -= c << 26;
    c = h4 >> 26; h5 += c; h4 -= c << 26;
    c = h1 >> 25; h2 += c; h1 -= c << 25;
    c = h5 >> 25; h6 += c; h5 -= c << 25;
    c = h2 >> 26; h3 += c; h2 -= c << 26;
    c = h6 >> 26; h7 += c; h6 -= c << 26;
    c = h3 >> 25; h4 += c; h3 -= c << 25;
    c = h7 >> 25; h8 += c; h7 -= c << 25;
    c = h4 >> 26; h5 += c; h4 -= c << 26;
    c = h8 >> 26; h9 += c; h8 -= c << 26;
    c = h9 >> 25; h0 += c * 19; h9 -= c << 25;
    c = h0 >> 26; h1 += c; h0 -= c << 26;
    f0 = h0; f1 = h1; f2 = h2; f3 = h3; f4 = h4; f5 = h5; f6 = h6; f7 = h7; f8 = h8; f9 = h9;
  }
  store<i32>(h, <i32>f0, 0);
  store<i32>(h, <i32>f1, 4);
  store<i32>(h, <i32>f2, 8);
  store<i32>(h, <i32>f3, 12);
  store<i32>(h, <i32>f4, 16);
  store<i32>(h, <i32>f5, 20);
  store<i32>(h, <i32>f6, 24);
  store<i32>(h, <i32>f7, 28);
  store<i32>(h, <i32>f8, 32);
  store<i32>(h, <i32>f9, 36);
}

const Z11: usize = memory.data(40);
const A: usize = memory.data(40);
const B: usize = memory.data(40);
const C: usize = memory.data(40);

/**
 * Leaves z^(2^250 − 1) in `A` and z^11 in `Z11`: the common prefix of the addition chains for
 * p − 2 = 2^255 − 21 (inversion) and (p − 5)/8 = 2^252 − 3 (square roots, RFC 8032 §5.1.3).
 * 250 squarings and 11 multiplications; the chain is fixed, hence constant-time.
 */
function pow250(z: usize): void {
  feSq(A, z); //                    z^2
  feSqN(B, A, 2); //                z^8
  feMul(B, B, z); //                z^9
  feMul(Z11, B, A); //              z^11
  feSq(A, Z11); //                  z^22
  feMul(A, A, B); //                z^31 = z^(2^5 − 1)
  feSqN(B, A, 5);
  feMul(B, B, A); //                z^(2^10 − 1)
  feSqN(C, B, 10);
  feMul(C, C, B); //                z^(2^20 − 1)
  feSqN(A, C, 20);
  feMul(A, A, C); //                z^(2^40 − 1)
  feSqN(A, A, 10);
  feMul(A, A, B); //                z^(2^50 − 1)
  feCopy(B, A);
  feSqN(C, A, 50);
  feMul(C, C, B); //                z^(2^100 − 1)
  feSqN(A, C, 100);
  feMul(A, A, C); //                z^(2^200 − 1)
  feSqN(A, A, 50);
  feMul(A, A, B); //                z^(2^250 − 1)
}

/**
 * h = z^(p − 2) = 1/z (0 for z = 0) by Fermat's little theorem: 254 squarings, 11 multiplications.
 * Constant-time (fixed addition chain). Kept as the reference for `feInvert`.
 */
export function feInvertFermat(h: usize, z: usize): void {
  pow250(z);
  feSqN(A, A, 5); //                z^(2^255 − 32)
  feMul(h, A, Z11); //              z^(2^255 − 21)
}

/** p = 2^255 − 19 as 9 limbs of 30 bits, and p⁻¹ mod 2^30, for the safegcd inversion. */
const P30: usize = memory.data<u32>([
  1073741805, 1073741823, 1073741823, 1073741823, 1073741823, 1073741823, 1073741823, 1073741823, 32767,
]);
const P_MINV30: i32 = 395589093;
const INV_BYTES: usize = memory.data(32);
const INV_L30: usize = memory.data(40);

/**
 * h = 1/z (0 for z = 0) by Bernstein–Yang safegcd with half-delta divsteps (field/safegcd.ts: 20
 * batches of 30 ≥ the bound of 590 for moduli below 2^256), via the canonical encoding and 30-bit
 * limbs: 4.1 µs against 5.8 µs for `feInvertFermat` with 25 batches of the paper's divsteps
 * (measured in wasm, 2026-11-23), a fifth less with 20. Constant-time.
 */
export function feInvert(h: usize, z: usize): void {
  feToBytes(INV_BYTES, z);
  for (let i: u32 = 0; i < 9; i++) {
    const pos = i * 30;
    const byte = min<u32>(pos >>> 3, 24); // never read past byte 31
    const word = load<u64>(INV_BYTES + <usize>byte) >>> <u64>(pos - (byte << 3));
    store<u32>(INV_L30 + (<usize>i << 2), <u32>(word & 0x3fffffff));
  }
  safegcdInverse(INV_L30, INV_L30, P30, 9, P_MINV30, 20, 2);
  // The inverse is below p < 2^255: pack its 9 limbs back into 32 bytes.
  let acc: u64 = 0;
  let bits: u32 = 0;
  let o = INV_BYTES;
  for (let i: usize = 0; i < 9; i++) {
    acc |= <u64>load<u32>(INV_L30 + (i << 2)) << <u64>bits;
    bits += 30;
    while (bits >= 8 && o < INV_BYTES + 32) {
      store<u8>(o, <u8>acc);
      o++;
      acc >>>= 8;
      bits -= 8;
    }
  }
  feFromBytes(h, INV_BYTES);
  memory.fill(INV_BYTES, 0, 32);
  memory.fill(INV_L30, 0, 40);
}

/** h = z^((p − 5)/8) = z^(2^252 − 3), the exponent of RFC 8032 §5.1.3 step 2. Constant-time. */
export function fePow22523(h: usize, z: usize): void {
  pow250(z);
  feSqN(A, A, 2); //                z^(2^252 − 4)
  feMul(h, A, z);
}

/** Zeroes this module's temporaries after they held secret-derived values (a nonce's point). Constant-time. */
export function feWipe(): void {
  memory.fill(T0, 0, 40);
  memory.fill(T1, 0, 40);
  memory.fill(BYTES, 0, 32);
  memory.fill(Z11, 0, 40);
  memory.fill(A, 0, 40);
  memory.fill(B, 0, 40);
  memory.fill(C, 0, 40);
}
