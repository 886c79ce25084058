/**
 * SHA-512 and SHA-384 compression and one-shot finalisation, FIPS 180-4 §6.4 and §6.5.
 * https://nvlpubs.nist.gov/nistpubs/FIPS/NIST.FIPS.180-4.pdf
 *
 * The state is 8 native-endian u64 words in linear memory (HMAC keeps midstates of it). SHA-384 is
 * SHA-512 with another initial value, truncated to 48 bytes. Constant-time: no branch or index
 * depends on data.
 * @module
 */

import { wipe } from "../util/ct";

export const SHA512_BLOCK: usize = 128;
export const SHA512_STATE: usize = 64;

// FIPS 180-4 §4.2.3: first 64 bits of the fractional parts of the cube roots of the first 80 primes.
const SHA512_K: usize = memory.data<u64>([
  0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
  0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
  0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
  0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
  0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
  0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
  0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
  0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
  0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
  0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
  0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
  0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
  0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
  0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
  0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
  0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
]);

// FIPS 180-4 §5.3.5 (SHA-512) and §5.3.4 (SHA-384): initial hash values.
const SHA512_IV: usize = memory.data<u64>([
  0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
  0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
]);
const SHA384_IV: usize = memory.data<u64>([
  0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
  0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4,
]);

/** Message schedule W[0..79] (FIPS 180-4 §6.4.2 step 1). */
const W: usize = memory.data(80 * 8);
/** Last, padded block(s) of a message. */
const TAIL: usize = memory.data(128);

// @ts-ignore: decorator
@inline function bigSigma0(x: u64): u64 { return rotr<u64>(x, 28) ^ rotr<u64>(x, 34) ^ rotr<u64>(x, 39); }
// @ts-ignore: decorator
@inline function bigSigma1(x: u64): u64 { return rotr<u64>(x, 14) ^ rotr<u64>(x, 18) ^ rotr<u64>(x, 41); }
// @ts-ignore: decorator
@inline function smallSigma0(x: u64): u64 { return rotr<u64>(x, 1) ^ rotr<u64>(x, 8) ^ (x >>> 7); }
// @ts-ignore: decorator
@inline function smallSigma1(x: u64): u64 { return rotr<u64>(x, 19) ^ rotr<u64>(x, 61) ^ (x >>> 6); }
// @ts-ignore: decorator
@inline function ch(x: u64, y: u64, z: u64): u64 { return z ^ (x & (y ^ z)); }
// @ts-ignore: decorator
@inline function kwFirst(i: i32, block: usize): u64 {
  // FIPS 180-4 §6.4.2 step 1 for 0 ≤ t ≤ 15: W[t] = M[t], a big-endian word of the block.
  const w = bswap<u64>(load<u64>(block + (<usize>i << 3)));
  store<u64>(W + (<usize>i << 3), w);
  return load<u64>(SHA512_K + (<usize>i << 3)) + w;
}
// @ts-ignore: decorator
@inline function kwNext(i: i32): u64 {
  // FIPS 180-4 §6.4.2 step 1 for 16 ≤ t ≤ 79: W[t] = σ1(W[t−2]) + W[t−7] + σ0(W[t−15]) + W[t−16].
  const p = W + (<usize>i << 3);
  const w = smallSigma1(load<u64>(p - 16)) + load<u64>(p - 56) + smallSigma0(load<u64>(p - 120)) + load<u64>(p - 128);
  store<u64>(p, w);
  return load<u64>(SHA512_K + (<usize>i << 3)) + w;
}

/** Writes the SHA-512 (`bits` = 512) or SHA-384 (`bits` = 384) initial hash value into `state`. */
export function sha512Init(state: usize, bits: i32): void {
  memory.copy(state, bits == 384 ? SHA384_IV : SHA512_IV, SHA512_STATE);
}

/** Compresses one 128-byte block at `block` into `state` (FIPS 180-4 §6.4.2). */
export function sha512Compress(state: usize, block: usize): void {
  let a = load<u64>(state, 0), b = load<u64>(state, 8), c = load<u64>(state, 16), d = load<u64>(state, 24);
  let e = load<u64>(state, 32), f = load<u64>(state, 40), g = load<u64>(state, 48), h = load<u64>(state, 56);
  // As sha256Compress: eight rounds per iteration with the roles of a..h rotated, the schedule
  // expanded (and the block byte-swapped) by the rounds that use it, and Maj(a, b, c) as
  // b ^ ((a ^ b) & (b ^ c)) with this round's b ^ c carried in `y` from the previous round's a ^ b.
  let x: u64, y = b ^ c;
  for (let i = 0; i < 16; i += 8) {
    h += bigSigma1(e) + ch(e, f, g) + kwFirst(i, block); d += h; x = a ^ b; h += bigSigma0(a) + (b ^ (x & y)); y = x;
    g += bigSigma1(d) + ch(d, e, f) + kwFirst(i + 1, block); c += g; x = h ^ a; g += bigSigma0(h) + (a ^ (x & y)); y = x;
    f += bigSigma1(c) + ch(c, d, e) + kwFirst(i + 2, block); b += f; x = g ^ h; f += bigSigma0(g) + (h ^ (x & y)); y = x;
    e += bigSigma1(b) + ch(b, c, d) + kwFirst(i + 3, block); a += e; x = f ^ g; e += bigSigma0(f) + (g ^ (x & y)); y = x;
    d += bigSigma1(a) + ch(a, b, c) + kwFirst(i + 4, block); h += d; x = e ^ f; d += bigSigma0(e) + (f ^ (x & y)); y = x;
    c += bigSigma1(h) + ch(h, a, b) + kwFirst(i + 5, block); g += c; x = d ^ e; c += bigSigma0(d) + (e ^ (x & y)); y = x;
    b += bigSigma1(g) + ch(g, h, a) + kwFirst(i + 6, block); f += b; x = c ^ d; b += bigSigma0(c) + (d ^ (x & y)); y = x;
    a += bigSigma1(f) + ch(f, g, h) + kwFirst(i + 7, block); e += a; x = b ^ c; a += bigSigma0(b) + (c ^ (x & y)); y = x;
  }
  for (let i = 16; i < 80; i += 8) {
    h += bigSigma1(e) + ch(e, f, g) + kwNext(i); d += h; x = a ^ b; h += bigSigma0(a) + (b ^ (x & y)); y = x;
    g += bigSigma1(d) + ch(d, e, f) + kwNext(i + 1); c += g; x = h ^ a; g += bigSigma0(h) + (a ^ (x & y)); y = x;
    f += bigSigma1(c) + ch(c, d, e) + kwNext(i + 2); b += f; x = g ^ h; f += bigSigma0(g) + (h ^ (x & y)); y = x;
    e += bigSigma1(b) + ch(b, c, d) + kwNext(i + 3); a += e; x = f ^ g; e += bigSigma0(f) + (g ^ (x & y)); y = x;
    d += bigSigma1(a) + ch(a, b, c) + kwNext(i + 4); h += d; x = e ^ f; d += bigSigma0(e) + (f ^ (x & y)); y = x;
    c += bigSigma1(h) + ch(h, a, b) + kwNext(i + 5); g += c; x = d ^ e; c += bigSigma0(d) + (e ^ (x & y)); y = x;
    b += bigSigma1(g) + ch(g, h, a) + kwNext(i + 6); f += b; x = c ^ d; b += bigSigma0(c) + (d ^ (x & y)); y = x;
    a += bigSigma1(f) + ch(f, g, h) + kwNext(i + 7); e += a; x = b ^ c; a += bigSigma0(b) + (c ^ (x & y)); y = x;
  }
  store<u64>(state, load<u64>(state, 0) + a, 0);
  store<u64>(state, load<u64>(state, 8) + b, 8);
  store<u64>(state, load<u64>(state, 16) + c, 16);
  store<u64>(state, load<u64>(state, 24) + d, 24);
  store<u64>(state, load<u64>(state, 32) + e, 32);
  store<u64>(state, load<u64>(state, 40) + f, 40);
  store<u64>(state, load<u64>(state, 48) + g, 48);
  store<u64>(state, load<u64>(state, 56) + h, 56);
}

/**
 * Hashes the `len` bytes at `msg` into `state`, which has already absorbed `prefix` bytes (a
 * multiple of 128), and applies the final padding with a 128-bit length (FIPS 180-4 §5.1.2).
 */
export function sha512Finish(state: usize, msg: usize, len: usize, prefix: u64): void {
  let p = msg;
  let n = len;
  while (n >= SHA512_BLOCK) {
    sha512Compress(state, p);
    p += SHA512_BLOCK;
    n -= SHA512_BLOCK;
  }
  memory.copy(TAIL, p, n);
  store<u8>(TAIL + n, 0x80);
  memory.fill(TAIL + n + 1, 0, SHA512_BLOCK - n - 1);
  if (n >= 112) {
    sha512Compress(state, TAIL);
    memory.fill(TAIL, 0, 120);
  }
  // The high 64 bits of the 128-bit bit length (TAIL[112..120)) are zero: inputs stay far below 2^61 bytes.
  store<u64>(TAIL + 120, bswap<u64>((prefix + <u64>len) << 3));
  sha512Compress(state, TAIL);
}

/** Writes the first `outLen` bytes (48 or 64) of the big-endian digest of `state` to `out`. */
export function sha512Output(state: usize, out: usize, outLen: usize): void {
  for (let i: usize = 0; i < (outLen >>> 3); i++) {
    store<u64>(out + (i << 3), bswap<u64>(load<u64>(state + (i << 3))));
  }
}

/** Wipes the schedule and tail buffers after they held secret-derived words (HMAC keys). */
export function sha512Wipe(): void {
  wipe(W, 80 * 8);
  wipe(TAIL, 128);
}
