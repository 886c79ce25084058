/**
 * Constant-time modular inversion by Bernstein–Yang "safegcd" divsteps (Fast constant-time gcd
 * computation and modular inversion, TCHES 2019 Issue 3, https://eprint.iacr.org/2019/266, §§8–11),
 * batched 30 divsteps at a time on signed 30-bit limbs so every product fits an i64: the batch's
 * 2×2 transition matrix is computed from the low 32 bits of f and g alone, then applied to the
 * full f, g and to d, e (the Bézout side, kept modulo M by adding the multiple of M that makes
 * the division by 2^30 exact).
 *
 * Invariant: d·x ≡ f and e·x ≡ g (mod M), from f = M, g = x, d = 0, e = 1. After the divstep
 * bound of Theorem 11.2 (⌊(49·bits + 57)/17⌋: 741 for 256 bits, 1110 for 384, 1505 for 521), g = 0 and
 * f = ±gcd = ±1, so x⁻¹ ≡ ±d. Every iteration count is fixed and no branch or index depends on
 * x: constant-time.
 * @module
 */

const MASK30: i64 = 0x3fffffff;

/** Up to 18 limbs of 30 bits (P-521: 521 + 8 bits of headroom). */
const LIMBS_MAX: usize = 18;
const F: usize = memory.data(<i32>(LIMBS_MAX << 2));
const G: usize = memory.data(<i32>(LIMBS_MAX << 2));
const D: usize = memory.data(<i32>(LIMBS_MAX << 2));
const E: usize = memory.data(<i32>(LIMBS_MAX << 2));

/**
 * Writes x⁻¹ mod M (0 when x ≡ 0) to `out`, for x in [0, M) at `x`. `m` holds M as `n` limbs of 30
 * bits, `minv` is M⁻¹ mod 2^30, `batches` × 30 ≥ the divstep bound. Input and output are `n` limbs
 * of 30 bits (u32 each). Bounds: |u|+|v|, |q|+|r| ≤ 2^30 per batch; |d|, |e| grow by at most M per
 * batch (≤ (batches + 1)·M), which the top limb absorbs. Constant-time.
 *
 * `deltaStep` 1 runs the paper's divsteps (δ starts at 1). `deltaStep` 2 runs the "half-delta"
 * variant (δ starts at 1/2, the same updates δ ← 1 ± δ), whose bound is 590 divsteps for moduli
 * below 2^256 (P. Wuille, "The safegcd implementation in libsecp256k1 explained", §"Improving the
 * bounds", https://github.com/bitcoin-core/secp256k1/blob/master/doc/safegcd_implementation.md):
 * 20 batches of 30 instead of 25.
 */
export function safegcdInverse(out: usize, x: usize, m: usize, n: usize, minv: i32, batches: i32, deltaStep: i32 = 1): void {
  memory.copy(F, m, n << 2);
  memory.copy(G, x, n << 2);
  memory.fill(D, 0, n << 2);
  memory.fill(E, 0, n << 2);
  store<i32>(E, 1);
  // η = −δ (deltaStep 1) or ζ = −(δ + 1/2) (deltaStep 2), both −1 at the start: "δ > 0" is then
  // the sign bit, and both updates take the same few operations (libsecp256k1's formulation,
  // Wuille §"Avoiding conditional swaps"): without a swap (δ ← 1 + δ) η ← η − 1 and ζ ← ζ − 1;
  // with one (δ ← 1 − δ) η ← −η − 1 and ζ ← −ζ − 2, where `full` adds back η's 1.
  let eta: i32 = -1;
  const full: i32 = deltaStep == 1 ? -1 : 0;
  for (let b = 0; b < batches; b++) {
    // Transition matrix of 30 divsteps from the low 32 bits (step i needs only 32 − i of them).
    let f = load<i32>(F) | (load<i32>(F, 4) << 30);
    let g = load<i32>(G) | (load<i32>(G, 4) << 30);
    // The matrix rows (u, v) and (q, r) packed as the integers u + v·2^32 and q + r·2^32: every
    // row operation below is linear (add, negate, mask with all ones or zero, double), so it acts
    // on both entries at once, and |u|, |v|, |q|, |r| ≤ 2^30 keep the halves apart.
    let uv: i64 = 1, qr: i64 = <i64>1 << 32;
    for (let i = 0; i < 30; i++) {
      let c1 = eta >> 31; // δ > 0
      const c2 = -(g & 1); // g odd
      let c1w = <i64>c1;
      const c2w = <i64>c2;
      // Odd g: g ← g − f when δ > 0, else g + f (the matrix rows alike) ...
      g += ((f ^ c1) - c1) & c2;
      qr += ((uv ^ c1w) - c1w) & c2w;
      // ... and when δ > 0 as well, f ← the old g (f + (g − f)), δ ← 1 − δ; else δ ← 1 + δ.
      c1 &= c2;
      c1w &= c2w;
      eta = (eta ^ c1) - 1 - (c1 & full);
      f += g & c1;
      uv += qr & c1w;
      // g is now even: g/2 (divstep, §8), the matrix scaled by 2 instead.
      g >>= 1; uv <<= 1;
    }
    const U = <i64><i32>uv, V = (uv - U) >> 32, Q = <i64><i32>qr, R = (qr - Q) >> 32;
    // (f, g) ← (u·f + v·g, q·f + r·g) / 2^30: exact division.
    let f0 = <i64>load<i32>(F), g0 = <i64>load<i32>(G);
    let cf = U * f0 + V * g0;
    let cg = Q * f0 + R * g0;
    cf >>= 30;
    cg >>= 30;
    for (let i: usize = 1; i < n; i++) {
      const fi = <i64>load<i32>(F + (i << 2)), gi = <i64>load<i32>(G + (i << 2));
      cf += U * fi + V * gi;
      cg += Q * fi + R * gi;
      store<i32>(F + ((i - 1) << 2), <i32>(cf & MASK30));
      store<i32>(G + ((i - 1) << 2), <i32>(cg & MASK30));
      cf >>= 30;
      cg >>= 30;
    }
    store<i32>(F + ((n - 1) << 2), <i32>cf);
    store<i32>(G + ((n - 1) << 2), <i32>cg);
    // (d, e) ← (u·d + v·e + md·M, q·d + r·e + me·M) / 2^30 with md, me making the division exact.
    const d0 = <i64>load<i32>(D), e0 = <i64>load<i32>(E);
    let cd = U * d0 + V * e0;
    let ce = Q * d0 + R * e0;
    const md = <i64>((-(<i32>cd * minv)) & 0x3fffffff);
    const me = <i64>((-(<i32>ce * minv)) & 0x3fffffff);
    const m0 = <i64>load<i32>(m);
    cd += md * m0;
    ce += me * m0;
    cd >>= 30;
    ce >>= 30;
    for (let i: usize = 1; i < n; i++) {
      const di = <i64>load<i32>(D + (i << 2)), ei = <i64>load<i32>(E + (i << 2)), mi = <i64>load<i32>(m + (i << 2));
      cd += U * di + V * ei + md * mi;
      ce += Q * di + R * ei + me * mi;
      store<i32>(D + ((i - 1) << 2), <i32>(cd & MASK30));
      store<i32>(E + ((i - 1) << 2), <i32>(ce & MASK30));
      cd >>= 30;
      ce >>= 30;
    }
    store<i32>(D + ((n - 1) << 2), <i32>cd);
    store<i32>(E + ((n - 1) << 2), <i32>ce);
  }
  // x⁻¹ = d·f with f = ±1: negate d when f < 0 (sign of the top limb), then add 64·M (|d| ≤ 52·M:
  // at most 51 batches, for 521 bits)
  // and reduce from [0, 128·M) by conditional subtraction of 64·M, 32·M, …, M.
  const s = <i64>(load<i32>(F + ((n - 1) << 2)) >> 31);
  let c: i64 = 0;
  for (let i: usize = 0; i < n; i++) {
    c += ((<i64>load<i32>(D + (i << 2)) ^ s) - s) + (<i64>load<i32>(m + (i << 2)) << 6);
    store<i32>(D + (i << 2), <i32>(i + 1 < n ? c & MASK30 : c));
    c >>= 30;
  }
  for (let k: i64 = 6; k >= 0; k--) {
    let x: i64 = 0;
    for (let i: usize = 0; i < n; i++) {
      x += <i64>load<i32>(D + (i << 2)) - (<i64>load<i32>(m + (i << 2)) << k);
      store<i32>(E + (i << 2), <i32>(i + 1 < n ? x & MASK30 : x));
      x >>= 30;
    }
    // x < 0: the subtraction borrowed, keep D; otherwise take E.
    const keep = <i32>(x >> 63);
    for (let i: usize = 0; i < n; i++) {
      const dv = load<i32>(D + (i << 2)), ev = load<i32>(E + (i << 2));
      store<i32>(D + (i << 2), (dv & keep) | (ev & ~keep));
    }
  }
  memory.copy(out, D, n << 2);
  memory.fill(F, 0, LIMBS_MAX << 2);
  memory.fill(G, 0, LIMBS_MAX << 2);
  memory.fill(D, 0, LIMBS_MAX << 2);
  memory.fill(E, 0, LIMBS_MAX << 2);
}
