import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ed25519PrivateState,
  ed25519PublicState,
  ed25519ScalarReduce,
  ed25519Sign,
  ed25519Verify,
  publicKeyOfState,
} from '../src/wasm/ed25519.js';
import { toHex } from './vectors.js';

// Differential properties against @noble/curves (independent JS implementation) and node:crypto
// (OpenSSL). Ed25519 is deterministic (RFC 8032 §5.1.6), so signatures must be byte-identical.
const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
// Lengths around the SHA-512 block boundaries matter (64-byte R‖A prefix plus message).
const msgArb = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 40, maxLength: 200 }));
const RUNS = { numRuns: 150 };

function nodePrivateKey(seed: Uint8Array) {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

describe('Ed25519 vs @noble/curves and node:crypto', () => {
  it('public keys and signatures are byte-identical to noble; noble verifies ours', () => {
    fc.assert(
      fc.property(seedArb, msgArb, (seed, msg) => {
        const state = ed25519PrivateState(seed);
        const pub = publicKeyOfState(state);
        expect(toHex(pub)).toBe(toHex(ed25519.getPublicKey(seed)));
        const sig = ed25519Sign(state, msg);
        expect(toHex(sig)).toBe(toHex(ed25519.sign(msg, seed)));
        expect(ed25519.verify(sig, msg, pub, { zip215: false })).toBe(true);
      }),
      RUNS,
    );
  });

  it('verifies the signatures of noble and node:crypto', () => {
    fc.assert(
      fc.property(seedArb, msgArb, (seed, msg) => {
        const pubState = ed25519PublicState(ed25519.getPublicKey(seed))!;
        expect(ed25519Verify(pubState, msg, ed25519.sign(msg, seed))).toBe(true);
        expect(ed25519Verify(pubState, msg, nodeSign(null, msg, nodePrivateKey(seed)))).toBe(true);
      }),
      RUNS,
    );
  });

  // A public state stays resident in wasm memory while its key is the one in use: verifications that
  // alternate between keys (and states of the same key made twice) must each use their own.
  it('verifications alternating between keys each answer for their own key', () => {
    fc.assert(
      fc.property(seedArb, seedArb, msgArb, (seed1, seed2, msg) => {
        fc.pre(toHex(seed1) !== toHex(seed2));
        const states = [seed1, seed2].map((seed) => ed25519PublicState(ed25519.getPublicKey(seed))!);
        const sigs = [seed1, seed2].map((seed) => ed25519.sign(msg, seed));
        for (const [k, s] of [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
          [1, 1],
        ] as const) {
          expect(ed25519Verify(states[k]!, msg, sigs[s]!)).toBe(k === s);
        }
        const again = ed25519PublicState(ed25519.getPublicKey(seed1))!;
        expect(ed25519Verify(again, msg, sigs[0]!)).toBe(true);
        expect(ed25519Verify(again, msg, sigs[1]!)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('every sweep length 0..300 signs like node:crypto (SHA-512 streaming boundaries)', () => {
    const seed = Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 1);
    const state = ed25519PrivateState(seed);
    const pubState = ed25519PublicState(publicKeyOfState(state))!;
    const key = nodePrivateKey(seed);
    for (let n = 0; n <= 300; n++) {
      const msg = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
      const sig = ed25519Sign(state, msg);
      expect(toHex(sig)).toBe(toHex(nodeSign(null, msg, key)));
      expect(ed25519Verify(pubState, msg, sig)).toBe(true);
    }
  });

  it('rejects any single bit flip of signature, message or public key', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.nat(),
        fc.constantFrom('sig', 'msg', 'key'),
        (seed, msg, bit, where) => {
          const pub = ed25519.getPublicKey(seed);
          const sig = ed25519.sign(msg, seed);
          const target = where === 'sig' ? sig.slice() : where === 'msg' ? msg.slice() : pub.slice();
          const i = bit % (target.length * 8);
          target[i >> 3]! ^= 1 << (i & 7);
          const pubState = ed25519PublicState(where === 'key' ? target : pub);
          const ok = pubState !== null && ed25519Verify(pubState, where === 'msg' ? target : msg, where === 'sig' ? target : sig);
          expect(ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects S + L (malleability, RFC 8032 §5.1.7) and wrong lengths', () => {
    const seed = new Uint8Array(32).fill(9);
    const msg = new TextEncoder().encode('malleable');
    const sig = ed25519.sign(msg, seed);
    const pubState = ed25519PublicState(ed25519.getPublicKey(seed))!;
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(sig[32 + i]!);
    const big = s + L;
    const forged = sig.slice();
    for (let i = 0; i < 32; i++) forged[32 + i] = Number((big >> BigInt(8 * i)) & 255n);
    expect(ed25519Verify(pubState, msg, sig)).toBe(true);
    expect(ed25519Verify(pubState, msg, forged)).toBe(false);
    expect(ed25519Verify(pubState, msg, sig.slice(0, 63))).toBe(false);
    expect(ed25519Verify(pubState, msg, new Uint8Array([...sig, 0]))).toBe(false);
  });

  it('rejects non-canonical and off-curve public keys', () => {
    // y = p (≡ 0) is a non-canonical encoding; y = 2 has no x on the curve; (0, 1) with the sign bit set.
    const p = (2n ** 255n - 19n).toString(16).padStart(64, '0');
    const le = (h: string) => Uint8Array.from(Buffer.from(h, 'hex').reverse());
    expect(ed25519PublicState(le(p))).toBeNull();
    const two = new Uint8Array(32);
    two[0] = 2;
    expect(ed25519PublicState(two)).toBeNull();
    const negZero = new Uint8Array(32);
    negZero[0] = 1;
    negZero[31] = 0x80;
    expect(ed25519PublicState(negZero)).toBeNull();
    const identity = new Uint8Array(32);
    identity[0] = 1;
    expect(ed25519PublicState(identity)).not.toBeNull(); // small order is accepted, as by OpenSSL
  });
});

describe('scalar arithmetic mod L (field/scalar25519.ts)', () => {
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;
  const toBig = (b: Uint8Array) => b.reduceRight((acc, x) => (acc << 8n) | BigInt(x), 0n);
  const fromBig = (v: bigint, n: number) => Uint8Array.from({ length: n }, (_, i) => Number((v >> BigInt(8 * i)) & 255n));

  it('reduces 512-bit numbers like BigInt, including the edges', () => {
    const edges = [
      0n,
      1n,
      L - 1n,
      L,
      L + 1n,
      2n * L,
      2n ** 252n,
      2n ** 253n - 1n,
      2n ** 256n - 1n,
      2n ** 512n - 1n,
      (2n ** 512n / L) * L,
      (2n ** 512n / L) * L - 1n,
    ];
    for (const v of edges) expect(toBig(ed25519ScalarReduce(fromBig(v, 64)))).toBe(v % L);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (b) => {
        expect(toBig(ed25519ScalarReduce(b))).toBe(toBig(b) % L);
      }),
      { numRuns: 500 },
    );
  });
});
