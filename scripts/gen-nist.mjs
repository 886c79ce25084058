// Generates assembly/field/p256.ts, p384.ts and p521.ts: Montgomery arithmetic modulo the field
// prime p and the group order n of NIST P-256, P-384 and P-521 (FIPS 186-5 / SP 800-186 §3.2.1),
// unrolled into locals for P-256, looped over the limbs for P-384 and P-521 (smaller modules, see
// CURVES); and assembly/curve/p256-comb.ts, p384-comb.ts, p521-comb.ts: the fixed-base tables of
// G. Each curve is compiled into its own wasm module (assembly/field/curve.ts).
//
// Why generated: PERF-NOTES.md (measured) shows that unrolling a field multiplication into locals
// is worth ~3× over a loop over memory, and that 29-bit unsaturated limbs win in wasm (no 64×64
// multiply). Writing 9- and 14-limb unrolled code by hand invites typos; a generator writes it once
// from the prime, and the same generator serves p and n of both curves.
//
// Run: node scripts/gen-nist.mjs   (the outputs are committed; they are not edited by hand)
import { writeFileSync } from 'node:fs';

const W = 29;
const MASK = (1n << 29n) - 1n;

const CURVES = {
  // combBits: the fixed-base comb radix 2^w. Wider combs mean fewer additions but larger tables and
  // costlier constant-time selection. Measured for P-256 (2 vCPU EPYC, Node 20, 2026-11-23), k·G:
  // w = 4: 55.7 µs (65 additions, 8-entry select), w = 5: 47.7 µs, w = 6: 41.8 µs (44 additions,
  // 32-entry select of 153 ns, 101 KB table); w = 7 doubles the select for no gain. The tables are
  // built on first use (P-384, P-521: see their entries).
  p256: {
    combBits: 6,
    // simd: the field multiplication's products on wasm SIMD (the p256 module is compiled with it).
    // The squaring stays scalar: in SIMD it did not measure faster. Measured (2 vCPU EPYC, Node 20,
    // 2026-12-01, interleaved A/B of two p256 builds): ES256 raw sign 2.5 % faster.
    simd: true,
    // The top window (bits 252–255) takes the recoding's carry: 43 windows, not 44 (combWindows).
    topTakesCarry: true,
    bits: 256,
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
    gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
  },
  // looped: genModulusLooped instead of the unrolled genModulus. Measured (2 vCPU EPYC, Node 20,
  // 2026-12-01, same process, module files compiled with shrinkLevel 1): P-384 module 27.7 →
  // 17.9 KB (gzip 11.9 → 9.0 KB), raw sign 110.7 → 112.9 µs, verify (per-key table) 138.1 →
  // 159.6 µs; P-521 32.3 → 19.0 KB (gzip 13.2 → 9.4 KB), sign 245 → 234 µs, verify 308 → 345 µs.
  // Looping the squaring too saved 0.6 KB gzip more per module but cost verification another 10 %
  // (P-384 175.5 µs); unrolled Mul and Sqr with everything else looped: 19.4 KB, verify 144.6 µs.
  // w = 5 rather than 4 wins back the loops' cost (P-384 at w = 4: sign 131.0 µs, verify
  // 168.5 µs); the table, built by the ninth fixed-base multiplication, then takes about 8 ms
  // instead of 3 for P-384 and 15 ms instead of 12 for P-521 (fresh processes), in 140 and 258 KB.
  p384: {
    combBits: 5,
    looped: true,
    bits: 384,
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
    gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
    gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
  },
  // P-521 (SP 800-186 §3.2.1.5): p = 2^521 − 1, so the field's REDC is shift-only like the others.
  // looped and w = 5 as P-384 (measured there).
  p521: {
    combBits: 5,
    looped: true,
    bits: 521,
    p: (1n << 521n) - 1n,
    n: 0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
    b: 0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
    gx: 0x00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66n,
    gy: 0x011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650n,
  },
};

const mod = (a, m) => ((a % m) + m) % m;
/** a⁻¹ mod m by the extended Euclidean algorithm (m need not be prime: 2^29 is used). */
function inv(a, m) {
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new Error('not invertible');
  return mod(s0, m);
}

function limbs(x, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push(Number(x & MASK));
    x >>= 29n;
  }
  if (x !== 0n) throw new Error('value does not fit');
  return out;
}

/** M + 1 as Σ s·2^e, s = ±1 (non-adjacent form), lowest term first: the shifts of the shift-only REDC. */
function nafTerms(M) {
  const naf = [];
  for (let x = M + 1n, e = 0; x > 0n; e++, x >>= 1n) {
    if (x & 1n) {
      const s = 2n - (x & 3n); // ±1
      naf.push([Number(s), e]);
      x -= s;
    }
  }
  return naf;
}

/**
 * The column sums t0..t(2N−2) of a² for the unrolled squarings: each cross product computed once
 * (d_i = 2a_i), i64 when the sparse REDC follows (its terms may subtract), u64 otherwise.
 */
function emitSqrColumns(N, sparse) {
  let s = Array.from({ length: N }, (_, i) => `  const a${i} = <u64>load<u32>(a, ${4 * i});\n`).join('');
  for (let i = 1; i < N; i++) s += `  const d${i} = a${i} << 1;\n`;
  for (let k = 0; k < 2 * N - 1; k++) {
    const terms = [];
    for (let i = 0; i < N; i++) {
      const j = k - i;
      if (j <= i || j >= N) continue;
      terms.push(`d${j} * a${i}`);
    }
    if (k % 2 === 0) terms.push(`a${k / 2} * a${k / 2}`);
    s += sparse ? `  let t${k}: i64 = <i64>(${terms.join(' + ')});\n` : `  let t${k}: u64 = ${terms.join(' + ')};\n`;
  }
  return s;
}

/**
 * The column sums t0..t(2N−2) of a·b on wasm SIMD, as i64 for the sparse REDC: columns in pairs
 * (t_c, t_c+1), c even, each the sum over i of one i64x2.extmul_low_i32x4_u of a_i (splat) with
 * (b_(c−i), b_(c+1−i)), a lane of b past either end reading 0 (the vectors Bm = (0, b0) and
 * B(N−1) = (b(N−1), 0)): N(N + 1)/2 lane-pair products instead of N² scalar ones. Every product
 * of 29-bit limbs is below 2^58 and a column sums at most N of them: no lane overflows.
 */
function emitMulColumnsSimd(N) {
  let s = Array.from({ length: N }, (_, i) => `  const A${i} = v128.load32_splat(a, ${4 * i});\n`).join('');
  s += `  const Bm = i64x2.shl(v128.load32_zero(b, 0), 32); // 0, b0\n`;
  for (let k = 0; k < N - 1; k++) s += `  const B${k} = v128.load64_zero(b, ${4 * k}); // b${k}, b${k + 1}\n`;
  s += `  const B${N - 1} = v128.load32_zero(b, ${4 * (N - 1)}); // b${N - 1}, 0\n`;
  for (let c = 0; c < 2 * N - 1; c += 2) {
    const terms = [];
    for (let i = Math.max(0, c - N + 1); i <= Math.min(N - 1, c + 1); i++) {
      const k = c - i;
      terms.push(`i64x2.extmul_low_i32x4_u(A${i}, ${k < 0 ? 'Bm' : `B${k}`})`);
    }
    s += `  const v${c} = ${terms.slice(1).reduce((e, t) => `i64x2.add(${e}, ${t})`, terms[0])};\n`;
    s += `  let t${c}: i64 = i64x2.extract_lane(v${c}, 0);\n`;
    if (c + 1 < 2 * N - 1) s += `  let t${c + 1}: i64 = i64x2.extract_lane(v${c}, 1);\n`;
  }
  return s;
}

/**
 * Unrolled Montgomery reduction of the column sums t0..t(2N−2) into out, for M ≡ −1 (mod 2^29)
 * with M + 1 = Σ s·2^e (naf). REDC step i with m = t_i mod 2^29: t + m·M = t − m + Σ s·m·2^(e + 29i);
 * the low limb becomes exactly t_i − m, whose carry is t_i >> 29. Columns are signed (i64,
 * arithmetic shifts).
 */
function emitReduceSparse(N, naf, addend) {
  let r = `  let t${2 * N - 1}: i64 = 0;\n  let m: i64;\n`;
  for (let i = 0; i < N; i++) {
    r += `  m = t${i} & MASK_I;\n  t${i + 1} += t${i} >> 29;\n`;
    for (const [sgn, e] of naf) {
      const idx = i + Math.floor(e / W);
      const sh = e % W;
      r += `  t${idx} ${sgn > 0 ? '+' : '-'}= ${sh ? `m << ${sh}` : 'm'};\n`;
    }
  }
  // `addend` (limb j added to t(N + j) before the last carries) fuses an addition into the result.
  if (addend) for (let j = 0; j < N; j++) r += `  t${N + j} += ${addend(j)};\n`;
  for (let k = N; k < 2 * N; k++) {
    if (k < 2 * N - 1) r += `  t${k + 1} += t${k} >> 29;\n`;
    r += `  store<u32>(out, <u32>(t${k} & MASK_I), ${4 * (k - N)});\n`;
  }
  return r;
}

/**
 * Emits the arithmetic of one modulus M with N limbs, under the function-name prefix P. Only the
 * field needs Cmov and Neg (curve formulas), only the scalars need FromBytesReduce (the hash to
 * an integer of FIPS 186-5 §6.4.1): each is emitted where it is used.
 */
function genModulus(P, M, N, clen, what, role, simd) {
  const field = role === 'field';
  const R = 1n << BigInt(W * N);
  if (R <= 4n * M) throw new Error('R must exceed 4M for lazy reduction');
  const Ml = limbs(M, N);
  const M2l = limbs(2n * M, N);
  // -M^-1 mod 2^29: the per-word Montgomery factor (1 when M ≡ −1 mod 2^29, as for both primes).
  const mInv = Number(mod(-inv(M, 1n << 29n), 1n << 29n));
  const U = P.toUpperCase();
  let s = '';
  const loadA = (v, ptr) => Array.from({ length: N }, (_, i) => `  const ${v}${i} = <u64>load<u32>(${ptr}, ${4 * i});`).join('\n');
  const loadS = (v, ptr) => Array.from({ length: N }, (_, i) => `  const ${v}${i} = <i64>load<u32>(${ptr}, ${4 * i});`).join('\n');

  s += genModulusData(U, M, N, what);

  // Sparse form of M + 1 = Σ s·2^e (non-adjacent form): for the NIST primes, M ≡ −1 (mod 2^29)
  // and M + 1 has few terms (P-256: 2^256 − 2^224 + 2^192 + 2^96; P-384: 2^384 − 2^128 − 2^96 + 2^32;
  // P-521: 2^521), so m·M is added with shifts instead of multiplications ("shift-only" REDC,
  // PERF-NOTES.md).
  const naf = nafTerms(M);
  const sparse = mInv === 1 && naf.length <= 6 && naf.every(([, e]) => e >= W);

  // Montgomery reduction of the 2N-1 column sums t0..t(2N-2).
  const reduce = () => {
    if (sparse) return reduceSparse();
    let r = '';
    r += `  let t${2 * N - 1}: u64 = 0;\n  let m: u64;\n`;
    for (let i = 0; i < N; i++) {
      if (mInv === 1) r += `  m = t${i} & MASK;\n`;
      else r += `  m = <u64>((<u32>t${i} * ${mInv}) & <u32>MASK);\n`;
      r += `  t${i + 1} += (t${i} + m * ${Ml[0]}) >> 29;\n`;
      for (let j = 1; j < N; j++) {
        if (Ml[j] === 0) continue;
        r += `  t${i + j} += m * ${Ml[j]};\n`;
      }
    }
    for (let k = N; k < 2 * N; k++) {
      if (k < 2 * N - 1) r += `  t${k + 1} += t${k} >> 29;\n`;
      r += `  store<u32>(out, <u32>(t${k} & MASK), ${4 * (k - N)});\n`;
    }
    return r;
  };
  const reduceSparse = () => emitReduceSparse(N, naf);

  // Scalars mod n take a few multiplications per signature, the field thousands: only the field's
  // are unrolled. The loop (field/limbs.ts montMulLoop) makes the p256 module 1.4 KB smaller
  // (24.8 → 23.3 KB) with ES256 raw signing unchanged within noise (40.5 → 40.1 µs; measured,
  // 2 vCPU EPYC, Node 20, 2026-12-01).
  if (!field) {
    s += `/** out = a·b·R⁻¹ mod M (field/limbs.ts montMulLoop). Bounds: a, b < 2M ⇒ out < 2M. Constant-time. */\n`;
    s += `export function ${P}Mul(out: usize, a: usize, b: usize): void {\n  montMulLoop(out, a, b, ${U}_M, ${N}, ${mInv});\n}\n\n`;
    s += `/** out = a²·R⁻¹ mod M. Bounds as ${P}Mul. Constant-time. */\n`;
    s += `export function ${P}Sqr(out: usize, a: usize): void {\n  montMulLoop(out, a, a, ${U}_M, ${N}, ${mInv});\n}\n\n`;
  }
  // mul
  if (field) {
    s += `/**\n * out = a·b·R⁻¹ mod M, Montgomery multiplication (word-by-word REDC, HAC 14.36) on 29-bit limbs.\n`;
    s += ` * Bounds: a, b < 2M ⇒ out < 2M (since 4M < R); column sums stay below 2^63.${simd ? ' The products on wasm SIMD\n * (emitMulColumnsSimd).' : ''} Constant-time.\n */\n`;
    if (simd && sparse) {
      s += `export function ${P}Mul(out: usize, a: usize, b: usize): void {\n${emitMulColumnsSimd(N)}`;
    } else {
      s += `export function ${P}Mul(out: usize, a: usize, b: usize): void {\n${loadA('a', 'a')}\n${loadA('b', 'b')}\n`;
      for (let k = 0; k < 2 * N - 1; k++) {
        const terms = [];
        for (let i = 0; i < N; i++) {
          const j = k - i;
          if (j >= 0 && j < N) terms.push(`a${i} * b${j}`);
        }
        s += sparse ? `  let t${k}: i64 = <i64>(${terms.join(' + ')});\n` : `  let t${k}: u64 = ${terms.join(' + ')};\n`;
      }
    }
    s += reduce() + '}\n\n';

    // sqr
    s += `/** out = a²·R⁻¹ mod M: the product with each cross term computed once. Bounds as ${P}Mul. Constant-time. */\n`;
    s += `export function ${P}Sqr(out: usize, a: usize): void {\n${emitSqrColumns(N, sparse)}${reduce()}}\n\n`;

    // The products fused with the lazy difference that follows them in the comb's point addition
    // (curve/weierstrass.ts xyzzMixedAdd): P = U2 − X, R = S2 − Y and R² − (PPP + 2Q).
    if (simd && sparse) {
      const sub = (k) => {
        const kM = limbs(BigInt(k) * M, N);
        return (j) => `${kM[j]} - <i64>load<u32>(c, ${4 * j})`;
      };
      s += `/** out = a·b·R⁻¹ − c + 2M, not reduced: needs c < 2M; bound that of ${P}Mul plus 2 (in multiples of M). Constant-time. */\n`;
      s += `export function ${P}MulSub2L(out: usize, a: usize, b: usize, c: usize): void {\n${emitMulColumnsSimd(N)}${emitReduceSparse(N, naf, sub(2))}}\n\n`;
      s += `/** out = a²·R⁻¹ − c + 4M, not reduced: needs c < 4M; bound that of ${P}Sqr plus 4. Constant-time. */\n`;
      s += `export function ${P}SqrSub4L(out: usize, a: usize, c: usize): void {\n${emitSqrColumns(N, sparse)}${emitReduceSparse(N, naf, sub(4))}}\n\n`;
    }
  }

  // conditional subtraction of a constant C from the normalised limbs c0..: picks c - C when it is ≥ 0.
  const condSub = (C, src) => {
    let r = '';
    r += `  let x: i64 = 0;\n`;
    for (let i = 0; i < N; i++) {
      r += `  x += ${src}${i} - ${C[i]};\n  const e${i} = x & MASK;\n  x >>= 29;\n`;
    }
    r += `  // x is 0 when the difference is non-negative, −1 when it borrowed: keep the input then.\n`;
    r += `  const keep = x;\n`;
    for (let i = 0; i < N; i++) r += `  store<u32>(out, <u32>((${src}${i} & keep) | (e${i} & ~keep)), ${4 * i});\n`;
    return r;
  };

  // add
  s += `/** out = a + b mod M, lazily: a, b < 2M ⇒ out < 2M (one constant-time conditional subtraction of 2M). */\n`;
  s += `export function ${P}Add(out: usize, a: usize, b: usize): void {\n${loadS('a', 'a')}\n${loadS('b', 'b')}\n  let c: i64 = 0;\n`;
  for (let i = 0; i < N; i++) s += `  c += a${i} + b${i};\n  const s${i} = c & MASK;\n  c >>= 29;\n`;
  s += condSub(M2l, 's') + '}\n\n';

  // sub
  s += `/** out = a − b mod M, lazily: a, b < 2M ⇒ a − b + 2M ∈ (0, 4M) ⇒ out < 2M. Constant-time. */\n`;
  s += `export function ${P}Sub(out: usize, a: usize, b: usize): void {\n${loadS('a', 'a')}\n${loadS('b', 'b')}\n  let c: i64 = 0;\n`;
  for (let i = 0; i < N; i++) s += `  c += a${i} - b${i} + ${M2l[i]};\n  const s${i} = c & MASK;\n  c >>= 29;\n`;
  s += condSub(M2l, 's') + '}\n\n';

  // Lazy operations for the point formulas (field primes only): no conditional subtraction, the
  // caller tracks bounds in multiples of M (see curve/weierstrass.ts pointAddAffine). Values must
  // stay below R = 2^${W * N} (the limb capacity); Montgomery products of a·b < M·R are < 2M.
  if (sparse) {
    s += `/** out = a + b, not reduced: bound A + B (in multiples of M), which must stay below R/M. Constant-time. */\n`;
    s += `export function ${P}AddL(out: usize, a: usize, b: usize): void {\n${loadS('a', 'a')}\n${loadS('b', 'b')}\n  let c: i64 = 0;\n`;
    for (let i = 0; i < N; i++) s += `  c += a${i} + b${i};\n  store<u32>(out, <u32>(c & MASK_I), ${4 * i});\n  c >>= 29;\n`;
    s += '}\n\n';
    for (const k of [2, 4, 8]) {
      const kM = limbs(BigInt(k) * M, N);
      s += `/** out = a − b + ${k}M, not reduced: needs b < ${k}M; bound A + ${k}. Constant-time. */\n`;
      s += `export function ${P}Sub${k}L(out: usize, a: usize, b: usize): void {\n${loadS('a', 'a')}\n${loadS('b', 'b')}\n  let c: i64 = 0;\n`;
      for (let i = 0; i < N; i++) s += `  c += a${i} - b${i} + ${kM[i]};\n  store<u32>(out, <u32>(c & MASK_I), ${4 * i});\n  c >>= 29;\n`;
      s += '}\n\n';
    }
    // Weak reduction: q = ⌊a / 2^bits⌋, a − q·M = (a mod 2^bits) − q·(M − 2^bits), with M − 2^bits
    // from the sparse form; the result is in [0, 2^bits + q·(2^bits − M)) ⊂ [0, 2M).
    const bitsM = M.toString(2).length;
    const top = Math.floor(bitsM / W);
    const topShift = bitsM % W;
    s += `/** out ≡ a (mod M) with out < 2M, for any a < R (normalised limbs): subtracts ⌊a / 2^${bitsM}⌋·M. Constant-time. */\n`;
    s += `export function ${P}Reduce(out: usize, a: usize): void {\n${loadS('a', 'a')}\n`;
    // q collects every bit at or above 2^bits (P-521: the top limb lies wholly above it).
    const qTerms = [`(a${top} >> ${topShift})`];
    for (let i = top + 1; i < N; i++) qTerms.push(`(a${i} << ${W * (i - top) - topShift})`);
    s += `  const q = ${qTerms.join(' + ')};\n`;
    const adj = Array.from({ length: N }, () => []);
    adj[top].push(`- (q << ${topShift})`);
    adj[0].push('+ q');
    for (const [sgn, e] of naf) {
      if (e === bitsM) continue;
      adj[Math.floor(e / W)].push(`${sgn > 0 ? '-' : '+'} (q << ${e % W})`);
    }
    s += `  let c: i64 = 0;\n`;
    for (let i = 0; i < N; i++) s += `  c += a${i} ${adj[i].join(' ')};\n  store<u32>(out, <u32>(c & MASK_I), ${4 * i});\n  c >>= 29;\n`;
    s += '}\n\n';
  }

  // canonical
  s += `/** out = a mod M in [0, M), from a < 2M. Constant-time. */\n`;
  s += `export function ${P}Canon(out: usize, a: usize): void {\n${loadS('s', 'a')}\n`;
  s += condSub(Ml, 's') + '}\n\n';

  if (field) {
    s += `/** Copies a if mask is all ones, keeps out if it is zero. Constant-time (mask arithmetic). */\n`;
    s += `// @ts-ignore: decorator\n@inline export function ${P}Cmov(out: usize, a: usize, mask: u32): void {\n`;
    for (let i = 0; i < N; i++) s += `  store<u32>(out, (load<u32>(out, ${4 * i}) & ~mask) | (load<u32>(a, ${4 * i}) & mask), ${4 * i});\n`;
    s += '}\n\n';
  }

  s += `/** out = a. Constant-time. */\nexport function ${P}Copy(out: usize, a: usize): void {\n  memory.copy(out, a, ${4 * N});\n}\n\n`;
  if (field)
    s += `/** out = −a mod M (lazy). Constant-time. */\nexport function ${P}Neg(out: usize, a: usize): void {\n  ${P}Sub(out, ${U}_ZERO, a);\n}\n\n`;

  s += genModulusConversions(P, M, N, clen, field);
  return s;
}

/**
 * The looped twin of genModulus, for the P-384 and P-521 moduli (p and n): the same functions,
 * names and bounds, with one loop over the limbs where genModulus writes one statement per limb.
 * Unrolled, the field code made up a third of those modules (p384 27.7 KB, p521 32.3 KB). Only
 * the field squaring stays unrolled; the field multiplication loops over the limbs of a with b
 * and the column sums in locals. Every loop bound is a public constant: constant-time.
 */
function genModulusLooped(P, M, N, clen, what, role) {
  const field = role === 'field';
  const R = 1n << BigInt(W * N);
  if (R <= 4n * M) throw new Error('R must exceed 4M for lazy reduction');
  const mInv = Number(mod(-inv(M, 1n << 29n), 1n << 29n));
  const U = P.toUpperCase();
  const B = 4 * N;
  const ks = field ? [2, 4, 8] : [2];
  let s = genModulusData(U, M, N, what);
  s += `/** k·M as 29-bit limbs, for k = ${ks.join(', ')}: what the lazy sums below add or subtract. */\n`;
  for (const k of ks) s += `const ${U}_M${k}: usize = memory.data<u32>([${limbs(BigInt(k) * M, N).join(', ')}]);\n`;

  if (field) {
    const naf = nafTerms(M);
    if (mInv !== 1 || !naf.every(([, e]) => e >= W && e < W * N))
      throw new Error(`${P}: the row REDC needs M ≡ −1 mod 2^29 and M + 1 sparse`);
    // Row i adds a_i·b to the window t0..t(N−1) = columns i..i+N−1, then one shift-only REDC step
    // (emitReduceSparse): m = t0 mod 2^29 cancels the low limb, the terms s·m·2^(e mod 29) land in
    // slot ⌊e/29⌋ < N, and the window moves up one column.
    let row = `    const ai = <i64>load<u32>(a + i);\n`;
    for (let j = 0; j < N; j++) row += `    t${j} += ai * b${j};\n`;
    row += `    const m = t0 & MASK_I;\n    t1 += t0 >> 29;\n`;
    for (const [sgn, e] of naf) row += `    t${Math.floor(e / W)} ${sgn > 0 ? '+' : '-'}= ${e % W ? `m << ${e % W}` : 'm'};\n`;
    for (let j = 0; j < N - 1; j++) row += `    t${j} = t${j + 1};\n`;
    row += `    t${N - 1} = 0;\n`;
    s += `\n/**\n * out = a·b·R⁻¹ mod M, Montgomery multiplication on 29-bit limbs, row by row (word-by-word REDC\n`;
    s += ` * interleaved with the product, HAC 14.36): b and a window of ${N} column sums stay in locals, one\n`;
    s += ` * loop iteration per limb of a. Bounds: a, b < 2M ⇒ out < 2M (since 4M < R); a column gathers at\n`;
    s += ` * most ${N} products below 2^58 and the REDC terms, below 2^63 as i64 (signed: the terms may\n`;
    s += ` * subtract). out is written last, so it may alias a or b. Constant-time.\n */\n`;
    s += `export function ${P}Mul(out: usize, a: usize, b: usize): void {\n`;
    for (let j = 0; j < N; j++) s += `  const b${j} = <i64>load<u32>(b, ${4 * j});\n`;
    for (let j = 0; j < N; j++) s += `  let t${j}: i64 = 0;\n`;
    s += `  for (let i: usize = 0; i < ${B}; i += 4) {\n${row}  }\n`;
    for (let j = 0; j < N; j++) {
      if (j > 0) s += `  t${j} += t${j - 1} >> 29;\n`;
      s += `  store<u32>(out, <u32>(t${j} & MASK_I), ${4 * j});\n`;
    }
    s += '}\n\n';
    // Squarings are a third of verification's products (Jacobian doubling: 5 of 8), and the
    // row loop cannot skip the repeated cross products: they stay unrolled (measured, see CURVES).
    s += `/** out = a²·R⁻¹ mod M, unrolled with each cross product computed once. Bounds as ${P}Mul. Constant-time. */\n`;
    s += `export function ${P}Sqr(out: usize, a: usize): void {\n${emitSqrColumns(N, true)}${emitReduceSparse(N, naf)}}\n\n`;
  } else {
    s += `\n/** out = a·b·R⁻¹ mod M (field/limbs.ts montMulLoop). Bounds: a, b < 2M ⇒ out < 2M. Constant-time. */\n`;
    s += `export function ${P}Mul(out: usize, a: usize, b: usize): void {\n  montMulLoop(out, a, b, ${U}_M, ${N}, ${mInv});\n}\n\n`;
    s += `/** out = a²·R⁻¹ mod M. Bounds as ${P}Mul. Constant-time. */\n`;
    s += `export function ${P}Sqr(out: usize, a: usize): void {\n  ${P}Mul(out, a, a);\n}\n\n`;
  }

  // A carry chain over the limbs: `body` adds the limb-i terms to c (i is the byte offset).
  const chain = (body) =>
    `  let c: i64 = 0;\n  for (let i: usize = 0; i < ${B}; i += 4) {\n    c += ${body};\n    store<u32>(out + i, <u32>(c & MASK_I));\n    c >>= 29;\n  }\n`;
  const limb = (v) => `<i64>load<u32>(${v} + i)`;
  s += `/** out = a + b mod M, lazily: a, b < 2M ⇒ out < 2M (a + b − 2M, and 2M back when that is negative). Constant-time. */\n`;
  s += `export function ${P}Add(out: usize, a: usize, b: usize): void {\n${chain(`${limb('a')} + ${limb('b')} - ${limb(`${U}_M2`)}`)}  limbsAddMasked(out, ${U}_M2, c);\n}\n\n`;
  s += `/** out = a − b mod M, lazily: a, b < 2M ⇒ a − b ∈ (−2M, 2M), plus 2M when negative ⇒ out < 2M. Constant-time. */\n`;
  s += `export function ${P}Sub(out: usize, a: usize, b: usize): void {\n${chain(`${limb('a')} - ${limb('b')}`)}  limbsAddMasked(out, ${U}_M2, c);\n}\n\n`;
  s += `/** out = a mod M in [0, M), from a < 2M. Constant-time. */\n`;
  s += `export function ${P}Canon(out: usize, a: usize): void {\n${chain(`${limb('a')} - ${limb(`${U}_M`)}`)}  limbsAddMasked(out, ${U}_M, c);\n}\n\n`;

  if (field) {
    // Lazy operations for the point formulas (see genModulus): values stay below R.
    s += `/** out = a + b, not reduced: bound A + B (in multiples of M), which must stay below R/M. Constant-time. */\n`;
    s += `export function ${P}AddL(out: usize, a: usize, b: usize): void {\n${chain(`${limb('a')} + ${limb('b')}`)}}\n\n`;
    s += `/** out = a − b + kM, not reduced, kM at \`km\`: needs b < kM; bound A + k. Constant-time. */\n`;
    s += `function ${P}SubKL(out: usize, a: usize, b: usize, km: usize): void {\n${chain(`${limb('a')} - ${limb('b')} + ${limb('km')}`)}}\n\n`;
    for (const k of ks) {
      s += `/** out = a − b + ${k}M, not reduced: needs b < ${k}M; bound A + ${k}. Constant-time. */\n`;
      s += `export function ${P}Sub${k}L(out: usize, a: usize, b: usize): void {\n  ${P}SubKL(out, a, b, ${U}_M${k});\n}\n\n`;
    }
    // Weak reduction as in genModulus: a − q·M for q = ⌊a / 2^bits⌋, with −M written as small
    // signed per-limb digits (2^bits − M is sparse), so one carry chain adds q·(−M).
    const bitsM = M.toString(2).length;
    const top = Math.floor(bitsM / W);
    const topShift = bitsM % W;
    const adj = new Array(N).fill(0);
    adj[0] += 1;
    adj[top] -= 2 ** topShift;
    for (const [sgn, e] of nafTerms(M)) if (e !== bitsM) adj[Math.floor(e / W)] -= sgn * 2 ** (e % W);
    const value = adj.reduce((acc, d, i) => acc + (BigInt(d) << BigInt(W * i)), 0n);
    if (value !== -M) throw new Error(`${P}: reduction digits do not sum to −M`);
    s += `/** −M as signed digits of 29 bits (little-endian), for ${P}Reduce. */\n`;
    s += `const ${U}_NEG: usize = memory.data<i32>([${adj.join(', ')}]);\n\n`;
    const qTerms = [`(<i64>load<u32>(a, ${4 * top}) >> ${topShift})`];
    for (let i = top + 1; i < N; i++) qTerms.push(`(<i64>load<u32>(a, ${4 * i}) << ${W * (i - top) - topShift})`);
    s += `/** out ≡ a (mod M) with out < 2M, for any a < R (normalised limbs): adds q·(−M) for q = ⌊a / 2^${bitsM}⌋. Constant-time. */\n`;
    s += `export function ${P}Reduce(out: usize, a: usize): void {\n  const q = ${qTerms.join(' + ')};\n`;
    s += chain(`${limb('a')} + q * <i64>load<i32>(${U}_NEG + i)`) + '}\n\n';

    s += `/** Copies a if mask is all ones, keeps out if it is zero. Constant-time (mask arithmetic). */\n`;
    s += `export function ${P}Cmov(out: usize, a: usize, mask: u32): void {\n`;
    s += `  for (let i: usize = 0; i < ${B}; i += 4) store<u32>(out + i, (load<u32>(out + i) & ~mask) | (load<u32>(a + i) & mask));\n}\n\n`;
  }

  s += `/** out = a. Constant-time. */\nexport function ${P}Copy(out: usize, a: usize): void {\n  memory.copy(out, a, ${B});\n}\n\n`;
  if (field)
    s += `/** out = −a mod M (lazy). Constant-time. */\nexport function ${P}Neg(out: usize, a: usize): void {\n  ${P}Sub(out, ${U}_ZERO, a);\n}\n\n`;
  return s + genModulusConversions(P, M, N, clen, field);
}

/** The helper of genModulusLooped's Add, Sub and Canon, once per file (p and n share N). */
function genAddMasked(N) {
  let s = `/** out += C & mask (mod R), mask 0 or −1: adds C back after a subtraction that borrowed. Constant-time. */\n`;
  s += `function limbsAddMasked(out: usize, C: usize, mask: i64): void {\n  let c: i64 = 0;\n`;
  s += `  for (let i: usize = 0; i < ${4 * N}; i += 4) {\n    c += <i64>load<u32>(out + i) + (<i64>load<u32>(C + i) & mask);\n`;
  s += `    store<u32>(out + i, <u32>(c & MASK_I));\n    c >>= 29;\n  }\n}\n`;
  return s;
}

/** The constants and buffers of modulus M (prefix U): M, R² and R mod M, plain 1 and 0, a scratch element. */
function genModulusData(U, M, N, what) {
  const R = 1n << BigInt(W * N);
  let s = `\n// ---- ${what}: ${N} limbs of 29 bits, Montgomery form with R = 2^${W * N} ----\n\n`;
  s += `/** ${what} as 29-bit limbs (little-endian). */\nexport const ${U}_M: usize = memory.data<u32>([${limbs(M, N).join(', ')}]);\n`;
  s += `/** R^2 mod M: multiplying by it enters the Montgomery domain. */\nexport const ${U}_R2: usize = memory.data<u32>([${limbs((R * R) % M, N).join(', ')}]);\n`;
  s += `/** R mod M: 1 in the Montgomery domain. */\nexport const ${U}_ONE: usize = memory.data<u32>([${limbs(R % M, N).join(', ')}]);\n`;
  s += `/** 1 as plain limbs: multiplying by it leaves the Montgomery domain. */\nconst ${U}_PLAIN1: usize = memory.data<u32>([1${', 0'.repeat(N - 1)}]);\n`;
  s += `const ${U}_ZERO: usize = memory.data<u32>([0${', 0'.repeat(N - 1)}]);\n`;
  s += `const ${U}_T: usize = memory.data(${4 * N});\n\n`;
  return s;
}

/**
 * The functions of modulus M built on its arithmetic (Mul, Sqr, Canon, Copy): the zero test, the
 * byte conversions, and both inversions.
 */
function genModulusConversions(P, M, N, clen, field) {
  const U = P.toUpperCase();
  const R = 1n << BigInt(W * N);
  let s = '';
  // The canonical copy is wiped: a scalar tested here may be a private key or a nonce.
  s += `/** 1 when a ≡ 0 mod M, else 0 (a < 2M). Constant-time. */\nexport function ${P}IsZero(a: usize): u32 {\n  ${P}Canon(${U}_T, a);\n  let z: u32 = 0;\n`;
  for (let i = 0; i < N; i++) s += `  z |= load<u32>(${U}_T, ${4 * i});\n`;
  s += `  wipe(${U}_T, ${4 * N});\n  return (z - 1) >>> 31;\n}\n\n`;

  // The plain forms (limbs of the integer itself, outside the Montgomery domain) serve ECDSA
  // signing, which keeps its scalars plain and so needs four multiplications mod n, not eleven.
  s += `/**\n * Reads a ${clen}-byte big-endian integer as plain limbs (not the Montgomery domain). Returns 1 when it\n`;
  s += ` * is < M, 0 otherwise (the value is then meaningless). Constant-time.\n */\n`;
  s += `export function ${P}FromBytesPlain(out: usize, src: usize): u32 {\n  limbsFromBytes(out, src, ${clen}, ${N});\n`;
  s += `  let x: i64 = 0;\n  for (let i: usize = 0; i < ${N}; i++) {\n    x += <i64>load<u32>(out + (i << 2)) - <i64>load<u32>(${U}_M + (i << 2));\n    x >>= 29;\n  }\n`;
  s += `  return <u32>(x & 1);\n}\n\n`;
  s += `/**\n * Reads a ${clen}-byte big-endian integer into the Montgomery domain. Returns 1 when it is < M\n`;
  s += ` * (the value is then exact), 0 otherwise (the value is then meaningless). Constant-time.\n */\n`;
  s += `export function ${P}FromBytes(out: usize, src: usize): u32 {\n  const ok = ${P}FromBytesPlain(${U}_T, src);\n`;
  s += `  ${P}Mul(out, ${U}_T, ${U}_R2);\n  wipe(${U}_T, ${4 * N});\n  return ok;\n}\n\n`;

  if (!field) {
    s += `/** Reads a ${clen}-byte big-endian integer below 2^${M.toString(2).length} (< 2M) reduced mod M, as plain canonical limbs. Constant-time. */\n`;
    s += `export function ${P}FromBytesReducePlain(out: usize, src: usize): void {\n  limbsFromBytes(out, src, ${clen}, ${N});\n  ${P}Canon(out, out);\n}\n\n`;
    s += `/** Reads a ${clen}-byte big-endian integer below 2^${M.toString(2).length} (< 2M) reduced mod M into the Montgomery domain. Constant-time. */\n`;
    s += `export function ${P}FromBytesReduce(out: usize, src: usize): void {\n  ${P}FromBytesReducePlain(${U}_T, src);\n  ${P}Mul(out, ${U}_T, ${U}_R2);\n  wipe(${U}_T, ${4 * N});\n}\n\n`;
    s += `/** out = a·R⁻¹ mod M (from the Montgomery domain to plain, or plain a to a·R⁻¹), < 2M. Constant-time. */\n`;
    s += `export function ${P}FromMont(out: usize, a: usize): void {\n  ${P}Mul(out, a, ${U}_PLAIN1);\n}\n\n`;
  }

  s += `/** Writes the canonical value of the plain limbs a (< 2M) as ${clen} big-endian bytes. Constant-time. */\n`;
  s += `export function ${P}ToBytesPlain(dst: usize, a: usize): void {\n  ${P}Canon(${U}_T, a);\n  limbsToBytes(dst, ${U}_T, ${clen}, ${N});\n  wipe(${U}_T, ${4 * N});\n}\n\n`;
  s += `/** Writes the canonical value of a (Montgomery domain, < 2M) as ${clen} big-endian bytes. Constant-time. */\n`;
  s += `export function ${P}ToBytes(dst: usize, a: usize): void {\n  ${P}Mul(${U}_T, a, ${U}_PLAIN1);\n  ${P}ToBytesPlain(dst, ${U}_T);\n}\n\n`;

  // inversion: fixed 4-bit windows over the public exponent M − 2 (Fermat)
  const e = M - 2n;
  const digits = [];
  for (let x = e; x > 0n; x >>= 4n) digits.unshift(Number(x & 15n));
  s += `/** The 4-bit digits of M − 2, most significant first (Fermat inversion exponent). */\n`;
  s += `const ${U}_INV_E: usize = memory.data<u8>([${digits.join(', ')}]);\n`;
  s += `const ${U}_INV_TABLE: usize = memory.data(${16 * 4 * N});\nconst ${U}_INV_ACC: usize = memory.data(${4 * N});\n\n`;
  s += `/**\n * out = a⁻¹ mod M (0 for 0) by Fermat's little theorem, a^(M−2), with fixed 4-bit windows. The\n`;
  s += ` * exponent is public, so its branches reveal nothing about a: constant-time in a. Kept as the\n`;
  s += ` * reference the safegcd inversion is tested against.\n */\n`;
  s += `export function ${P}InvFermat(out: usize, a: usize): void {\n  const T = ${U}_INV_TABLE;\n  ${P}Copy(T, ${U}_ONE);\n  ${P}Copy(T + ${4 * N}, a);\n`;
  s += `  for (let i: usize = 2; i < 16; i++) ${P}Mul(T + i * ${4 * N}, T + (i - 1) * ${4 * N}, a);\n`;
  s += `  const acc = ${U}_INV_ACC;\n  ${P}Copy(acc, T + <usize>load<u8>(${U}_INV_E) * ${4 * N});\n`;
  s += `  for (let i: usize = 1; i < ${digits.length}; i++) {\n    ${P}Sqr(acc, acc);\n    ${P}Sqr(acc, acc);\n    ${P}Sqr(acc, acc);\n    ${P}Sqr(acc, acc);\n`;
  s += `    const d = <usize>load<u8>(${U}_INV_E + i);\n    if (d != 0) ${P}Mul(acc, acc, T + d * ${4 * N});\n  }\n`;
  s += `  ${P}Copy(out, acc);\n  wipe(T, ${16 * 4 * N});\n  wipe(acc, ${4 * N});\n}\n\n`;

  // safegcd inversion (field/safegcd.ts) on signed 30-bit limbs
  const bits = M.toString(2).length;
  const n30 = Math.ceil((bits + 8) / 30);
  const { divsteps, deltaStep, source } = divstepBound(bits);
  const batches = Math.ceil(divsteps / 30);
  const m30 = [];
  for (let i = 0, x = M; i < n30; i++, x >>= 30n) m30.push(Number(x & 0x3fffffffn));
  const minv30 = Number(inv(M, 1n << 30n));
  const R3 = limbs((R * R * R) % M, N);
  s += `/** M as ${n30} limbs of 30 bits, and M⁻¹ mod 2^30, for the safegcd inversion. */\n`;
  s += `const ${U}_M30: usize = memory.data<u32>([${m30.join(', ')}]);\nconst ${U}_MINV30: i32 = ${minv30 | 0};\n`;
  s += `/** R^3 mod M: turns the plain inverse of a·R into the Montgomery form of a⁻¹. */\n`;
  s += `const ${U}_R3: usize = memory.data<u32>([${R3.join(', ')}]);\n`;
  const invBuf = 4 * Math.max(N, n30);
  s += `const ${U}_INV_A: usize = memory.data(${invBuf});\nconst ${U}_INV_B: usize = memory.data(${invBuf});\n\n`;
  s += `/**\n * out = a⁻¹ mod M (0 for 0), Montgomery domain, by safegcd divsteps (${batches} batches of 30 ≥ the\n`;
  s += ` * bound ${divsteps} of ${source} for ${bits}-bit moduli). Constant-time.\n */\n`;
  s += `export function ${P}Inv(out: usize, a: usize): void {\n`;
  s += `  ${P}Canon(${U}_INV_A, a);\n`;
  s += `  limbsRepack(${U}_INV_B, 30, ${n30}, ${U}_INV_A, 29, ${N});\n`;
  s += `  safegcdInverse(${U}_INV_B, ${U}_INV_B, ${U}_M30, ${n30}, ${U}_MINV30, ${batches}${deltaStep === 1 ? '' : `, ${deltaStep}`});\n`;
  s += `  limbsRepack(${U}_INV_A, 29, ${N}, ${U}_INV_B, 30, ${n30});\n`;
  s += `  ${P}Mul(out, ${U}_INV_A, ${U}_R3);\n`;
  s += `  wipe(${U}_INV_A, ${invBuf});\n  wipe(${U}_INV_B, ${invBuf});\n}\n`;
  return s;
}

/**
 * The field and the scalar inversion of one ECDSA signature, z⁻¹ mod p and k⁻¹ mod n, run together
 * (field/safegcd.ts safegcdInversePair, the divsteps of both on wasm SIMD): for a curve whose
 * module is compiled with SIMD and whose p and n take the same limbs and divstep batches.
 */
function genInvPair(name, p, n, N) {
  const layout = (M) => {
    const bits = M.toString(2).length;
    const { divsteps, deltaStep } = divstepBound(bits);
    return { n30: Math.ceil((bits + 8) / 30), batches: Math.ceil(divsteps / 30), deltaStep };
  };
  const lp = layout(p);
  if (JSON.stringify(lp) !== JSON.stringify(layout(n))) throw new Error(`${name}: p and n differ in safegcd layout`);
  // safegcdInversePair runs the half-delta divsteps only.
  if (lp.deltaStep !== 2) throw new Error(`${name}: the paired inversion needs the half-delta bound`);
  const { n30, batches } = lp;
  const F = `${name}Fe`;
  const S = `${name}Sc`;
  const UF = F.toUpperCase();
  const US = S.toUpperCase();
  const invBuf = 4 * Math.max(N, n30);
  let s = `\n/**\n * oF = aF⁻¹ mod p and oS = aS⁻¹ mod n (0 for 0), Montgomery domain: ${F}Inv and ${S}Inv in one\n`;
  s += ` * safegcdInversePair, the divsteps of both side by side on wasm SIMD. Constant-time.\n */\n`;
  s += `export function ${name}InvPair(oF: usize, aF: usize, oS: usize, aS: usize): void {\n`;
  for (const [P, U, a] of [
    [F, UF, 'aF'],
    [S, US, 'aS'],
  ]) {
    s += `  ${P}Canon(${U}_INV_A, ${a});\n  limbsRepack(${U}_INV_B, 30, ${n30}, ${U}_INV_A, 29, ${N});\n`;
  }
  s += `  safegcdInversePair(${UF}_INV_B, ${UF}_INV_B, ${UF}_M30, ${UF}_MINV30, ${US}_INV_B, ${US}_INV_B, ${US}_M30, ${US}_MINV30, ${n30}, ${batches});\n`;
  for (const [P, U, o] of [
    [F, UF, 'oF'],
    [S, US, 'oS'],
  ]) {
    s += `  limbsRepack(${U}_INV_A, 29, ${N}, ${U}_INV_B, 30, ${n30});\n  ${P}Mul(${o}, ${U}_INV_A, ${U}_R3);\n`;
    s += `  wipe(${U}_INV_A, ${invBuf});\n  wipe(${U}_INV_B, ${invBuf});\n`;
  }
  return `${s}}\n`;
}

/**
 * Turns every `const X: usize = memory.data…;` of a generated file into a function returning it, and
 * every use of X into X(). AssemblyScript emits the memory.data of every top-level constant of every
 * file a module imports, used or not, so with constants the p256 module carried the P-384 and
 * P-521 constants and reserved their comb tables (field/curve.ts imports all three curves); a
 * function's data is emitted only when the function is compiled, that is when it is used, and the
 * optimizer folds the call into the address.
 */
function lazyData(text) {
  const names = [...text.matchAll(/^(?:export )?const (\w+): usize = memory\.data/gm)].map((m) => m[1]);
  let out = text.replace(
    /^(export )?const (\w+): usize = (memory\.data.*);$/gm,
    (_, exp, name, data) => `${exp ?? ''}function ${name}(): usize {\n  return ${data};\n}`,
  );
  for (const name of names) out = out.replace(new RegExp(`\\b${name}\\b(?!\\()`, 'g'), `${name}()`);
  return out;
}

/**
 * The divstep count that makes safegcd converge for a `bits`-bit modulus, and the δ step of
 * field/safegcd.ts it holds for. Moduli below 2^256 (P-256's p and n) take the half-delta variant,
 * whose bound is 590 (P. Wuille, "The safegcd implementation in libsecp256k1 explained"): 20 batches
 * of 30 instead of 25, as fe25519 does; the larger moduli keep Bernstein–Yang Theorem 11.2.
 */
function divstepBound(bits) {
  if (bits <= 256) return { divsteps: 590, deltaStep: 2, source: 'the half-delta divsteps (Wuille)' };
  return { divsteps: Math.floor((49 * bits + 57) / 17), deltaStep: 1, source: 'Bernstein–Yang Theorem 11.2' };
}

/**
 * Windows of the fixed-base comb. Signed digits in [−2^(w−1), 2^(w−1)) need ⌈bits/w⌉ + 1 windows
 * when the recoding's carry out of the top gets a window of its own; with `topTakesCarry` the last
 * window holds its bits plus the carry unsigned (weierstrass.ts recode), which needs that value,
 * at most 2^(bits − w·(⌈bits/w⌉ − 1)), to be a table entry (≤ 2^(w−1)).
 */
function combWindows(bits, w, topTakesCarry) {
  const windows = Math.ceil(bits / w);
  if (!topTakesCarry) return windows + 1;
  if (bits - w * (windows - 1) > w - 1) throw new Error(`the top window of ${bits} bits in radix 2^${w} has no room for the carry`);
  return windows;
}

function genCurve(name, c) {
  const { bits, p, n, b, gx, gy, combBits: w } = c;
  const N = Math.ceil((bits + 3) / W); // R = 2^(29N) > 4p
  // SEC 1 §2.3.7: ⌈bits/8⌉ bytes (66 for P-521, whose top byte holds one bit).
  const clen = Math.ceil(bits / 8);
  if (mod(gy * gy - (gx * gx * gx - 3n * gx + b), p) !== 0n) throw new Error(`${name}: G is not on the curve`);
  const R = 1n << BigInt(W * N);
  const U = name.toUpperCase();
  const toMont = (x) => limbs((x * R) % p, N);

  // Fixed-base table layout: for window i (radix 2^w) and j = 1..2^(w−1), the affine point
  // j·2^(w·i)·G.
  const windows = combWindows(bits, w, c.topTakesCarry === true);
  const entries = 1 << (w - 1);
  let s = `// generated by scripts/gen-nist.mjs — do not edit\n`;
  s += `/**\n * NIST ${name.toUpperCase()} arithmetic modulo the field prime p and the group order n (SP 800-186 §3.2.1.${{ p256: 3, p384: 4, p521: 5 }[name]}),\n`;
  s += ` * in the Montgomery domain on ${N} unsaturated 29-bit limbs (u32 each, ${4 * N} bytes per element), and\n`;
  s += ` * the curve constants b and G. Values are kept lazily in [0, 2M) between operations; Canon/ToBytes\n`;
  s += ` * produce the canonical residue. All functions are constant-time unless their name says Vartime.\n`;
  s += ` * https://doi.org/10.6028/NIST.SP.800-186\n * @module\n */\n\n`;
  s += `import { limbsFromBytes, limbsRepack, limbsToBytes, montMulLoop } from "./limbs";\nimport { ${c.simd ? 'safegcdInverse, safegcdInversePair' : 'safegcdInverse'} } from "./safegcd";\nimport { wipe } from "../util/ct";\n\n`;
  s += `const MASK: u64 = 0x1fffffff;\nconst MASK_I: i64 = 0x1fffffff;\n\n`;
  s += `/** Element size in bytes (${N} limbs). */\nexport const ${U}_FE: usize = ${4 * N};\n`;
  s += `/** Encoded scalar / coordinate length in bytes. */\nexport const ${U}_CLEN: usize = ${clen};\n`;
  s += `/** Curve coefficient b (a = −3), Montgomery domain. */\nexport const ${U}_B: usize = memory.data<u32>([${toMont(b).join(', ')}]);\n`;
  s += `/** Base point G, affine, Montgomery domain: x ‖ y. */\nexport const ${U}_G: usize = memory.data<u32>([${[...toMont(gx), ...toMont(gy)].join(', ')}]);\n`;
  s += `/** The group order n as ${clen} big-endian bytes (ECDSA verification compares r with p − n). */\n`;
  s += `export const ${U}_N_BYTES: usize = memory.data<u8>([${Array.from({ length: clen }, (_, i) => `0x${((n >> BigInt(8 * (clen - 1 - i))) & 0xffn).toString(16).padStart(2, '0')}`).join(', ')}]);\n`;
  const gen = c.looped ? genModulusLooped : genModulus;
  if (c.looped) s += genAddMasked(N);
  s += gen(`${name}Fe`, p, N, clen, `the field prime p`, 'field', c.simd === true);
  s += gen(`${name}Sc`, n, N, clen, `the group order n`, 'scalar');
  if (c.simd) s += genInvPair(name, p, n, N);
  writeFileSync(new URL(`../assembly/field/${name}.ts`, import.meta.url), lazyData(s));

  // The fixed-base table lives apart from the arithmetic, so code that needs only the field
  // (tests/assembly/field-entry.ts) does not parse a hundred kilobytes of constants.
  let t = `// generated by scripts/gen-nist.mjs — do not edit\n`;
  t += `/**\n * Fixed-base comb of ${name.toUpperCase()}: multiples of the base point G for constant-time k·G.\n`;
  t += ` * https://doi.org/10.6028/NIST.SP.800-186 (G), entries in the Montgomery domain of field/${name}.ts.\n`;
  t += ` * The table is zeroed static memory, filled on first use by curve/weierstrass.ts (combTable):\n`;
  t += ` * building it costs about a millisecond, decoding it from the embedded module cost ten (measured).\n * @module\n */\n\n`;
  t += `/** Comb radix 2^w of the fixed-base table, its number of windows and entries per window. */\n`;
  t += `export const ${U}_COMB_BITS: usize = ${w};\nexport const ${U}_WINDOWS: usize = ${windows};\nexport const ${U}_ENTRIES: usize = ${entries};\n`;
  t += `/** Fixed-base table: entry (i, j−1) = j·2^(${w}·i)·G affine (x ‖ y, Montgomery), j = 1..${entries}. */\n`;
  t += `export const ${U}_TABLE: usize = memory.data(${windows * entries * 2 * 4 * N}, 16);\n`;
  writeFileSync(new URL(`../assembly/curve/${name}-comb.ts`, import.meta.url), lazyData(t));
}

for (const [name, c] of Object.entries(CURVES)) genCurve(name, c);
console.log(`wrote assembly/field/{${Object.keys(CURVES)}}.ts and assembly/curve/{${Object.keys(CURVES)}}-comb.ts`);
