/**
 * SHA-256 compression and one-shot finalisation, FIPS 180-4 §6.2.
 * https://nvlpubs.nist.gov/nistpubs/FIPS/NIST.FIPS.180-4.pdf
 *
 * The state is 8 native-endian u32 words in linear memory, so HMAC can keep midstates (RFC 2104
 * key pre-processing) and resume from them. Constant-time: no branch or index depends on data.
 * @module
 */

import { wipe } from "../util/ct";

export const SHA256_BLOCK: usize = 64;
export const SHA256_STATE: usize = 32;

// FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const SHA256_K: usize = memory.data<u32>([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// FIPS 180-4 §5.3.3: initial hash value.
const SHA256_IV: usize = memory.data<u32>([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/**
 * Whether this module is compiled with `--use SHA2_COMPACT=1` (asconfig.json: the curve modules),
 * which rolls the compression into a one-round loop: the p256 module 27.2 → 24.8 KB (measured);
 * the hash module keeps the eight-round body, where HMAC speed is the product.
 */
// @ts-ignore: isDefined is a compile-time builtin
const SHA2_COMPACT_ROUNDS: bool = isDefined(SHA2_COMPACT);

/** Message schedule W[0..63] (FIPS 180-4 §6.2.2 step 1). */
const W: usize = memory.data(64 * 4);
/** Last, padded block(s) of a message. */
const TAIL: usize = memory.data(64);

// @ts-ignore: decorator
@inline function bigSigma0(x: u32): u32 { return rotr<u32>(x, 2) ^ rotr<u32>(x, 13) ^ rotr<u32>(x, 22); }
// @ts-ignore: decorator
@inline function bigSigma1(x: u32): u32 { return rotr<u32>(x, 6) ^ rotr<u32>(x, 11) ^ rotr<u32>(x, 25); }
// @ts-ignore: decorator
@inline function smallSigma0(x: u32): u32 { return rotr<u32>(x, 7) ^ rotr<u32>(x, 18) ^ (x >>> 3); }
// @ts-ignore: decorator
@inline function smallSigma1(x: u32): u32 { return rotr<u32>(x, 17) ^ rotr<u32>(x, 19) ^ (x >>> 10); }
// @ts-ignore: decorator
@inline function ch(x: u32, y: u32, z: u32): u32 { return z ^ (x & (y ^ z)); }
// @ts-ignore: decorator
@inline function maj(x: u32, y: u32, z: u32): u32 { return (x & y) | (z & (x | y)); }

// @ts-ignore: decorator
@inline function kwFirst(i: i32, block: usize): u32 {
  // FIPS 180-4 §6.2.2 step 1 for 0 ≤ t ≤ 15: W[t] = M[t], a big-endian word of the block.
  const w = bswap<u32>(load<u32>(block + (<usize>i << 2)));
  store<u32>(W + (<usize>i << 2), w);
  return load<u32>(SHA256_K + (<usize>i << 2)) + w;
}

// @ts-ignore: decorator
@inline function kwWords(i: i32): u32 {
  // The same for a block whose words the caller wrote to W[0..15] itself (`sha256CompressW`).
  return load<u32>(SHA256_K + (<usize>i << 2)) + load<u32>(W + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline function kwNext(i: i32): u32 {
  // FIPS 180-4 §6.2.2 step 1 for 16 ≤ t ≤ 63: W[t] = σ1(W[t−2]) + W[t−7] + σ0(W[t−15]) + W[t−16].
  const p = W + (<usize>i << 2);
  const w = smallSigma1(load<u32>(p - 8)) + load<u32>(p - 28) + smallSigma0(load<u32>(p - 60)) + load<u32>(p - 64);
  store<u32>(p, w);
  return load<u32>(SHA256_K + (<usize>i << 2)) + w;
}

/** Writes the initial hash value into `state`. */
export function sha256Init(state: usize): void {
  memory.copy(state, SHA256_IV, SHA256_STATE);
}

/** Compresses one 64-byte block at `block` into `state` (FIPS 180-4 §6.2.2). */
export function sha256Compress(state: usize, block: usize): void {
  compress(state, state, block);
}

/**
 * Address of the message schedule W[0..63]. A caller that keeps a fixed-size message as
 * native-endian words may write them to W[0..15] itself and call `sha256CompressW`, skipping the
 * byte-order conversions (PBKDF2's inner loop, hash/pbkdf2.ts).
 */
export function sha256MessageWords(): usize {
  return W;
}

/**
 * FIPS 180-4 §6.2.2 steps 1–4 for the block whose 16 message words are already in W[0..15]
 * (native order): compresses it into the chaining value at `from` and writes the result to `to`.
 * `to` may be `from`, or W itself (it is written after the last read); W[0..15] is left unchanged.
 */
export function sha256CompressW(from: usize, to: usize): void {
  compress(from, to, 0);
}

/**
 * The compression of `sha256Compress` (big-endian message block at `block`) and of
 * `sha256CompressW` (`block` 0: the words are already in W[0..15]). Rounds 0–15 load, byte-swap
 * and store their word as they go, as rounds 16–63 expand theirs below.
 */
// Not inlined: both callers share one copy of the 64 rounds (inlining it doubled the hash module,
// 7.7 → 11.8 KB, for no measurable gain).
function compress(from: usize, to: usize, block: usize): void {
  let a = load<u32>(from, 0), b = load<u32>(from, 4), c = load<u32>(from, 8), d = load<u32>(from, 12);
  let e = load<u32>(from, 16), f = load<u32>(from, 20), g = load<u32>(from, 24), h = load<u32>(from, 28);
  if (SHA2_COMPACT_ROUNDS) {
    // One round per iteration, the registers shifted: what the curve modules link, where hashing
    // a JWS signing input is a fraction of a percent of a signature (sig/ecdsa.ts).
    for (let i = 0; i < 64; i++) {
      const t1 = h + bigSigma1(e) + ch(e, f, g) + (i < 16 ? (block != 0 ? kwFirst(i, block) : kwWords(i)) : kwNext(i));
      const t2 = bigSigma0(a) + maj(a, b, c);
      h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    finish(from, to, a, b, c, d, e, f, g, h);
    return;
  }
  // Eight rounds per iteration with the roles of a..h rotated instead of the variables shifted:
  // each round only updates the register that becomes `e` and the one that becomes `a`.
  // Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), and this round's b ^ c is the previous round's a ^ b
  // (the registers shift by one): `y` carries it, one operation less per round.
  // Rounds 0–15 come in two copies, for a block in memory and for words already in W, so that no
  // round tests which (HMAC-SHA256 of a JWS signing input 2.5% faster than one copy that did).
  let x: u32, y = b ^ c;
  if (block != 0) {
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
  } else {
    for (let i = 0; i < 16; i += 8) {
      h += bigSigma1(e) + ch(e, f, g) + kwWords(i); d += h; x = a ^ b; h += bigSigma0(a) + (b ^ (x & y)); y = x;
      g += bigSigma1(d) + ch(d, e, f) + kwWords(i + 1); c += g; x = h ^ a; g += bigSigma0(h) + (a ^ (x & y)); y = x;
      f += bigSigma1(c) + ch(c, d, e) + kwWords(i + 2); b += f; x = g ^ h; f += bigSigma0(g) + (h ^ (x & y)); y = x;
      e += bigSigma1(b) + ch(b, c, d) + kwWords(i + 3); a += e; x = f ^ g; e += bigSigma0(f) + (g ^ (x & y)); y = x;
      d += bigSigma1(a) + ch(a, b, c) + kwWords(i + 4); h += d; x = e ^ f; d += bigSigma0(e) + (f ^ (x & y)); y = x;
      c += bigSigma1(h) + ch(h, a, b) + kwWords(i + 5); g += c; x = d ^ e; c += bigSigma0(d) + (e ^ (x & y)); y = x;
      b += bigSigma1(g) + ch(g, h, a) + kwWords(i + 6); f += b; x = c ^ d; b += bigSigma0(c) + (d ^ (x & y)); y = x;
      a += bigSigma1(f) + ch(f, g, h) + kwWords(i + 7); e += a; x = b ^ c; a += bigSigma0(b) + (c ^ (x & y)); y = x;
    }
  }
  // Rounds 16–63 expand the schedule (step 1) as they go rather than in a loop of its own first:
  // W[t] depends only on earlier words, never on a..h, so the CPU computes it alongside the
  // latency-bound round chain instead of before it. With rounds 0–15 doing the same for the byte
  // swaps, HMAC-SHA256 of a 269-byte JWS signing input went from 1.37 to 1.18 µs (measured, 2 vCPU
  // EPYC, Node 20, December 2026).
  for (let i = 16; i < 64; i += 8) {
    h += bigSigma1(e) + ch(e, f, g) + kwNext(i); d += h; x = a ^ b; h += bigSigma0(a) + (b ^ (x & y)); y = x;
    g += bigSigma1(d) + ch(d, e, f) + kwNext(i + 1); c += g; x = h ^ a; g += bigSigma0(h) + (a ^ (x & y)); y = x;
    f += bigSigma1(c) + ch(c, d, e) + kwNext(i + 2); b += f; x = g ^ h; f += bigSigma0(g) + (h ^ (x & y)); y = x;
    e += bigSigma1(b) + ch(b, c, d) + kwNext(i + 3); a += e; x = f ^ g; e += bigSigma0(f) + (g ^ (x & y)); y = x;
    d += bigSigma1(a) + ch(a, b, c) + kwNext(i + 4); h += d; x = e ^ f; d += bigSigma0(e) + (f ^ (x & y)); y = x;
    c += bigSigma1(h) + ch(h, a, b) + kwNext(i + 5); g += c; x = d ^ e; c += bigSigma0(d) + (e ^ (x & y)); y = x;
    b += bigSigma1(g) + ch(g, h, a) + kwNext(i + 6); f += b; x = c ^ d; b += bigSigma0(c) + (d ^ (x & y)); y = x;
    a += bigSigma1(f) + ch(f, g, h) + kwNext(i + 7); e += a; x = b ^ c; a += bigSigma0(b) + (c ^ (x & y)); y = x;
  }
  finish(from, to, a, b, c, d, e, f, g, h);
}

/** FIPS 180-4 §6.2.2 step 4: adds the working variables to the chaining value at `from`, into `to`. */
// @ts-ignore: decorator
@inline function finish(from: usize, to: usize, a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32): void {
  a += load<u32>(from, 0); b += load<u32>(from, 4); c += load<u32>(from, 8); d += load<u32>(from, 12);
  e += load<u32>(from, 16); f += load<u32>(from, 20); g += load<u32>(from, 24); h += load<u32>(from, 28);
  store<u32>(to, a, 0);
  store<u32>(to, b, 4);
  store<u32>(to, c, 8);
  store<u32>(to, d, 12);
  store<u32>(to, e, 16);
  store<u32>(to, f, 20);
  store<u32>(to, g, 24);
  store<u32>(to, h, 28);
}

/**
 * Hashes the `len` bytes at `msg` into `state`, which has already absorbed `prefix` bytes (a
 * multiple of 64, e.g. the HMAC key block), and applies the final padding (FIPS 180-4 §5.1.1).
 */
export function sha256Finish(state: usize, msg: usize, len: usize, prefix: u64): void {
  let p = msg;
  let n = len;
  while (n >= SHA256_BLOCK) {
    sha256Compress(state, p);
    p += SHA256_BLOCK;
    n -= SHA256_BLOCK;
  }
  memory.copy(TAIL, p, n);
  store<u8>(TAIL + n, 0x80);
  memory.fill(TAIL + n + 1, 0, SHA256_BLOCK - n - 1);
  if (n >= 56) {
    sha256Compress(state, TAIL);
    memory.fill(TAIL, 0, 56);
  }
  store<u64>(TAIL + 56, bswap<u64>((prefix + <u64>len) << 3));
  sha256Compress(state, TAIL);
}

/** Writes the digest (big-endian words, FIPS 180-4 §6.2.2 step 4) of `state` to `out`. */
export function sha256Output(state: usize, out: usize): void {
  for (let i: usize = 0; i < 8; i++) {
    store<u32>(out + (i << 2), bswap<u32>(load<u32>(state + (i << 2))));
  }
}

/** Wipes the schedule and tail buffers after they held secret-derived words (HMAC keys). */
export function sha256Wipe(): void {
  wipe(W, 64 * 4);
  wipe(TAIL, 64);
}
