// `npm run ct`: dudect-style constant-time evidence (Reparaz, Balasch, Verbauwhede 2017). Each
// primitive is timed on two classes of secret input — one fixed, one random — in random
// interleaving; Welch's t over the timings (cropped at several percentiles against OS noise)
// says whether the classes are distinguishable. |t| > 10 is a leak. A deliberately
// variable-time control must be caught first, or the harness proves nothing. Not run in CI.
import { ed25519PrivateState, ed25519Sign } from '../dist/esm/wasm/ed25519.js';
import { CURVE_P256, CURVE_P384, ecdsaSign } from '../dist/esm/wasm/ecdsa.js';
import { hmac, hmacKeyState, hmacVerify } from '../dist/esm/wasm/sha2.js';

const SAMPLES = Number(process.env.CT_SAMPLES ?? 20_000);
const random = (n) => crypto.getRandomValues(new Uint8Array(n));

/** Welch's t statistic of two samples. */
function welch(a, b) {
  const stats = (xs) => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
    return { mean, variance, n: xs.length };
  };
  const A = stats(a);
  const B = stats(b);
  return (A.mean - B.mean) / Math.sqrt(A.variance / A.n + B.variance / B.n);
}

/**
 * Times `run(input)` for SAMPLES inputs per class, classes interleaved at random; returns the
 * largest |t| over the uncropped data and crops at the 50th–95th percentile.
 */
function measure(name, fixedValue, randomInput, run) {
  // The fixed class also cycles through as many distinct copies as the random pool, so memory
  // placement and cache warmth are the same for both classes: only the values differ.
  const fixedInput = pool(() => fixedValue.slice());
  const times = [[], []];
  for (let i = 0; i < 200; i++) run(i & 1 ? fixedInput() : randomInput()); // warm-up: tier up
  for (let i = 0; i < 2 * SAMPLES; i++) {
    const cls = Math.random() < 0.5 ? 0 : 1;
    const input = cls === 0 ? fixedInput() : randomInput();
    const start = process.hrtime.bigint();
    run(input);
    times[cls].push(Number(process.hrtime.bigint() - start));
  }
  const all = [...times[0], ...times[1]].sort((x, y) => x - y);
  let worst = Math.abs(welch(times[0], times[1]));
  for (const percentile of [0.5, 0.75, 0.9, 0.95]) {
    const cut = all[Math.floor(all.length * percentile)];
    const t = Math.abs(welch(times[0].filter((x) => x <= cut), times[1].filter((x) => x <= cut)));
    worst = Math.max(worst, t);
  }
  const verdict = worst > 10 ? 'LEAK' : 'ok';
  console.log(`${name.padEnd(52)} |t| = ${worst.toFixed(2).padStart(7)}  ${verdict}`);
  return worst;
}

/** A pool of pre-made inputs, so generating randomness stays outside the timed region. */
function pool(make, size = 512) {
  const items = Array.from({ length: size }, make);
  let i = 0;
  return () => items[i++ % size];
}

console.log(`constant-time evidence, ${SAMPLES} samples per class (CT_SAMPLES to change)\n`);

// Control: an early-exit comparison must be caught (equal vs differing in the first byte).
const reference = random(32);
const earlyExitEqual = (x) => {
  for (let i = 0; i < x.length; i++) if (x[i] !== reference[i]) return false;
  return true;
};
const control = measure('control: early-exit compare (must be LEAK)', reference, pool(() => random(32)), earlyExitEqual);

// HMAC tag check: a tag wrong in its last byte vs wrong everywhere (early exit would tell them apart).
const state = hmacKeyState(256, random(32));
const message = random(200);
const almost = hmac(256, state, message);
almost[31] ^= 1;
const fixedEd = ed25519PrivateState(new Uint8Array(32));
const scalarOne = (n) => Uint8Array.from({ length: n }, (_, i) => (i === n - 1 ? 1 : 0));
const fixedP256 = scalarOne(32);
const fixedP384 = scalarOne(48);

const results = [
  ['HMAC-SHA256 tag comparison', measure('HMAC-SHA256 verify: tag wrong in last byte vs random', almost, pool(() => random(32)), (t) => hmacVerify(256, state, message, t))],
  ['Ed25519 signing', measure('Ed25519 sign: all-zero seed vs random seeds', fixedEd, pool(() => ed25519PrivateState(random(32))), (s) => ed25519Sign(s, message))],
  ['ECDSA P-256 signing', measure('ECDSA P-256 sign: d = 1 vs random d', fixedP256, pool(() => random(32)), (d) => ecdsaSign(CURVE_P256, d, message))],
  ['ECDSA P-384 signing', measure('ECDSA P-384 sign: d = 1 vs random d', fixedP384, pool(() => random(48)), (d) => ecdsaSign(CURVE_P384, d, message))],
];

console.log();
if (control <= 10) {
  console.log('the control was not detected: this machine is too noisy for evidence; raise CT_SAMPLES');
  process.exitCode = 1;
}
const leaks = results.filter(([, t]) => t > 10);
console.log(`ct: ${results.length - leaks.length} passed, ${leaks.length} failed`);
if (leaks.length) process.exitCode = 1;
