/**
 * GHASH, the universal hash of AES-GCM (NIST SP 800-38D §6.4), for JWE A128GCM/A256GCM (RFC 7518
 * §5.3) and A*GCMKW (§4.7): multiplication in GF(2^128) by the hash subkey H with the
 * "carry-less multiplication by integer multiplication" technique — each 64×64 carry-less product
 * is four interleaved integer products of operands with holes every fourth bit, so carries land in
 * the holes and are masked off; the high half comes from the bit-reversed operands; Karatsuba
 * saves one of four products; the 256-bit result is reduced modulo x^128 + x^7 + x^2 + x + 1 in the
 * bit-reflected representation GCM uses (SP 800-38D §6.3).
 * No table lookups and no data-dependent branches: constant-time in H and the data (wasm's
 * i64.mul is constant-time on the CPUs we run on).
 * https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf
 * @module
 */

const M0: u64 = 0x1111111111111111;
const M1: u64 = 0x2222222222222222;
const M2: u64 = 0x4444444444444444;
const M3: u64 = 0x8888888888888888;

/** The low 64 bits of the carry-less product of x and y. Constant-time. Not inlined: six calls per block. */
function clmulLow(x: u64, y: u64): u64 {
  const x0 = x & M0;
  const x1 = x & M1;
  const x2 = x & M2;
  const x3 = x & M3;
  const y0 = y & M0;
  const y1 = y & M1;
  const y2 = y & M2;
  const y3 = y & M3;
  // Bit i of each partial sum collects products whose exponents add up to i; masking keeps the
  // bits whose class (exponent mod 4) is right, dropping the carries that spilled into the holes.
  const z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
  const z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
  const z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
  const z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
  return (z0 & M0) | (z1 & M1) | (z2 & M2) | (z3 & M3);
}

/** Bit reversal of a 64-bit word. Constant-time. */
function rev64(x: u64): u64 {
  x = ((x >> 1) & 0x5555555555555555) | ((x & 0x5555555555555555) << 1);
  x = ((x >> 2) & 0x3333333333333333) | ((x & 0x3333333333333333) << 2);
  x = ((x >> 4) & 0x0f0f0f0f0f0f0f0f) | ((x & 0x0f0f0f0f0f0f0f0f) << 4);
  return bswap<u64>(x);
}

/**
 * Y ← GHASH_H(Y, blocks): for each 16-byte block X of the `len` bytes at `data` (a multiple of 16),
 * Y = (Y ⊕ X) · H (SP 800-38D §6.4 Algorithm 2). `h` and `y` are 16 bytes each, in the big-endian
 * byte order of the specification. Constant-time in H, Y and the data.
 */
export function ghashBlocks(h: usize, y: usize, data: usize, len: usize): void {
  const h1 = bswap<u64>(load<u64>(h));
  const h0 = bswap<u64>(load<u64>(h, 8));
  const h2 = h0 ^ h1;
  const h1r = rev64(h1);
  const h0r = rev64(h0);
  const h2r = h0r ^ h1r;
  let y1 = bswap<u64>(load<u64>(y));
  let y0 = bswap<u64>(load<u64>(y, 8));
  for (let at: usize = 0; at + 16 <= len; at += 16) {
    y1 ^= bswap<u64>(load<u64>(data + at));
    y0 ^= bswap<u64>(load<u64>(data + at, 8));
    // Karatsuba on the two 64-bit halves, low halves of each product directly and high halves
    // from the reversed operands (rev(a)·rev(b) reversed is the high half shifted left by one).
    const y2 = y0 ^ y1;
    const y0r = rev64(y0);
    const y1r = rev64(y1);
    const y2r = y0r ^ y1r;
    const z0 = clmulLow(y0, h0);
    const z1 = clmulLow(y1, h1);
    let z2 = clmulLow(y2, h2);
    let z0h = clmulLow(y0r, h0r);
    let z1h = clmulLow(y1r, h1r);
    let z2h = clmulLow(y2r, h2r);
    z2 ^= z0 ^ z1;
    z2h ^= z0h ^ z1h;
    z0h = rev64(z0h) >> 1;
    z1h = rev64(z1h) >> 1;
    z2h = rev64(z2h) >> 1;
    // The 256-bit product v3:v2:v1:v0, shifted left by one for the reflected bit order (§6.3).
    let v0 = z0;
    let v1 = z0h ^ z2;
    let v2 = z1 ^ z2h;
    let v3 = z1h;
    v3 = (v3 << 1) | (v2 >> 63);
    v2 = (v2 << 1) | (v1 >> 63);
    v1 = (v1 << 1) | (v0 >> 63);
    v0 = v0 << 1;
    // Reduction modulo x^128 + x^7 + x^2 + x + 1, folding v1:v0 into v3:v2.
    v2 ^= v0 ^ (v0 >> 1) ^ (v0 >> 2) ^ (v0 >> 7);
    v1 ^= (v0 << 63) ^ (v0 << 62) ^ (v0 << 57);
    v3 ^= v1 ^ (v1 >> 1) ^ (v1 >> 2) ^ (v1 >> 7);
    v2 ^= (v1 << 63) ^ (v1 << 62) ^ (v1 << 57);
    y0 = v2;
    y1 = v3;
  }
  store<u64>(y, bswap<u64>(y1));
  store<u64>(y, bswap<u64>(y0), 8);
}
