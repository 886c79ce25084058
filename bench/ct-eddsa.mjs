// Timing-leak check for Ed25519 signing (dudect-style fixed-vs-random Welch t-test, after
// noble-curves/benchmark and Reparaz et al., "Dude, is my code constant time?", 2017).
//
// Class 0 signs one fixed message, class 1 fresh random messages of the same length: the nonce
// r = SHA-512(prefix ‖ M) mod L, hence the fixed-base scalar multiplication's digits, table
// selections and signs, differ across class 1 and are constant in class 0. A constant-time signer
// shows |t| below 4.5. The harness must first detect a deliberately variable-time control:
// verification with a valid S versus an S ≥ L (rejected before any curve work).
// Run: npm run build && node bench/ct-eddsa.mjs   (a shared, busy machine adds noise to both)
import { generateEd25519Keypair, importKey, signEd25519, verifyEd25519 } from 'ciphertoken';

const SAMPLES = Number(process.env.CT_SAMPLES ?? 4000);
const BATCH = 4;

function welch(a, b) {
  const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = (xs, m) => xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
  const ma = mean(a),
    mb = mean(b);
  return (ma - mb) / Math.sqrt(variance(a, ma) / a.length + variance(b, mb) / b.length);
}

/** Drops the slowest 10 % of each class (interrupts, GC), as dudect's percentile cropping does. */
function crop(xs) {
  const sorted = [...xs].sort((x, y) => x - y);
  return sorted.slice(0, Math.floor(sorted.length * 0.9));
}

function measure(prepare, run) {
  const samples = [[], []];
  for (let i = 0; i < SAMPLES; i++) {
    const cls = Math.random() < 0.5 ? 0 : 1;
    const input = prepare(cls);
    const t0 = process.hrtime.bigint();
    for (let j = 0; j < BATCH; j++) run(input);
    samples[cls].push(Number(process.hrtime.bigint() - t0));
  }
  return welch(crop(samples[0]), crop(samples[1]));
}

const [privatePem, publicPem] = generateEd25519Keypair();
const key = importKey(privatePem, 'EdDSA');
const pub = importKey(publicPem, 'EdDSA');
const fixed = new Uint8Array(64).fill(0x5a);
const sig = signEd25519(key, fixed);
const highS = sig.slice();
highS[63] = 0xff; // S ≥ L: rejected at RFC 8032 §5.1.7 step 1

for (let i = 0; i < 500; i++) signEd25519(key, fixed); // warm up to the optimising tier

const control = measure(
  (cls) => (cls === 0 ? sig : highS),
  (s) => verifyEd25519(pub, fixed, s),
);
// Inputs of both classes are allocated up front, the same way, so allocation and cache state do
// not differ between classes (only the message contents do).
const POOL = 256;
const pool = [
  Array.from({ length: POOL }, () => fixed.slice()),
  Array.from({ length: POOL }, () => crypto.getRandomValues(new Uint8Array(64))),
];
let next = 0;
const signing = measure(
  (cls) => pool[cls][next++ % POOL],
  (m) => signEd25519(key, m),
);

console.log(
  `control (variable-time verify, valid S vs S ≥ L): t = ${control.toFixed(1)}  ${Math.abs(control) > 4.5 ? 'leak detected, as it must be' : 'NOT DETECTED: harness too noisy, result below is meaningless'}`,
);
console.log(
  `Ed25519 sign, fixed vs random message (nonce):    t = ${signing.toFixed(1)}  ${Math.abs(signing) > 4.5 ? 'possible leak (or noise: rerun on an idle machine)' : 'no leak detected'}`,
);
