// Constant-time check for the ECDSA signing path (STYLE.md §15), dudect-style (Reparaz, Balasch,
// Verbauwhede, "Dude, is my code constant time?", DATE 2017): two input classes — a fixed sparse
// scalar (d = 1: every comb digit but one is zero) and fresh random scalars — are timed in random
// interleaved order, the slowest 10 % are cropped, and Welch's t statistic is computed. |t| > 4.5
// means the timing depends on the class. The harness must first flag a deliberately variable-time
// control (@noble/curves multiplyUnsafe, which skips zero digits) before its verdict on ours counts.
// Run after `npm run build`: node bench/ct.mjs [measurements per target, default 20000]
import { randomBytes } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { ecPublicKey, ecdsaSign, CURVE_P256, CURVE_P384 } from '../dist/wasm/ecdsa.js';

const N = Number(process.argv[2] ?? 20000);

function welch(a, b) {
  const stats = (v) => {
    const m = v.reduce((s, x) => s + x, 0) / v.length;
    return [m, v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1), v.length];
  };
  const [ma, va, na] = stats(a);
  const [mb, vb, nb] = stats(b);
  return (ma - mb) / Math.sqrt(va / na + vb / nb);
}

function crop(values, keep = 0.9) {
  const limit = [...values].sort((x, y) => x - y)[Math.floor(values.length * keep)];
  return values.filter((v) => v <= limit);
}

/**
 * Times fn(input) for inputs from class 0 (fixed) or class 1 (random), interleaved at random.
 * Classes and inputs are all prepared before timing starts, as dudect does: generating random
 * inputs inside the loop would allocate for one class only and let garbage collection bias it.
 */
function run(name, fixed, random, fn) {
  for (let i = 0; i < 500; i++) fn(i & 1 ? random() : fixed); // warm-up: optimised tiers
  const classes = Array.from({ length: N }, () => (Math.random() < 0.5 ? 0 : 1));
  const inputs = classes.map((cls) => (cls === 0 ? fixed : random()));
  // Each input is copied into one reused buffer before timing, so both classes read the same
  // (cached) memory and only the values differ.
  const buffer = typeof fixed === 'bigint' ? undefined : new Uint8Array(fixed.length);
  const times = [[], []];
  for (let i = 0; i < N; i++) {
    let input = inputs[i];
    if (buffer !== undefined) {
      buffer.set(input);
      input = buffer;
    }
    const start = process.hrtime.bigint();
    fn(input);
    times[classes[i]].push(Number(process.hrtime.bigint() - start));
  }
  const t = welch(crop(times[0]), crop(times[1]));
  const verdict = Math.abs(t) > 4.5 ? 'timing depends on the input' : 'no dependence detected';
  console.log(`  ${name.padEnd(52)} t = ${t.toFixed(2).padStart(8)}   ${verdict}`);
  return Math.abs(t);
}

const one = (len) => Uint8Array.from({ length: len }, (_, i) => (i === len - 1 ? 1 : 0));
// Plain Uint8Arrays in both classes: a Buffer in one class only would take another TypedArray.set
// path in the wrapper and show up as a (harness) timing difference.
const scalar = (len) => () => {
  for (;;) {
    const d = new Uint8Array(randomBytes(len));
    if (d[0] !== 0xff) return d; // < n for both curves (n > 0xff00…0)
  }
};
const msg = new Uint8Array(64).fill(7);

console.log(`Welch t-test, ${N} measurements per target (|t| > 4.5: leak)`);
const control = run('control: noble multiplyUnsafe (variable-time)', 1n, () => BigInt('0x' + randomBytes(32).toString('hex')) % (p256.Point.Fn.ORDER - 1n) + 1n, (k) => p256.Point.BASE.multiplyUnsafe(k));
if (control <= 4.5) console.log('  the control was not detected: the measurements below are inconclusive');
run('ciphertoken P-256 d·G (ecPublicKey)', one(32), scalar(32), (d) => ecPublicKey(CURVE_P256, d));
run('ciphertoken P-256 ECDSA sign (RFC 6979)', one(32), scalar(32), (d) => ecdsaSign(CURVE_P256, d, msg));
run('ciphertoken P-384 d·G (ecPublicKey)', one(48), scalar(48), (d) => ecPublicKey(CURVE_P384, d));
