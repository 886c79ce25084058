// The fixed-base comb of assembly/curve/weierstrass.ts (combMul) adds with an incomplete mixed
// addition (xyzzMixedAdd), which is wrong when the accumulator s·G equals ±d·2^(w·i)·G, the entry
// being added. The accumulator's identity is handled by a mask, and for the low windows |s| < 2^(w·i) rules
// the cases out by size. This test covers the rest by enumeration: for every window i where
// (2^(w−1) + 2)·2^(w·(i−1)) ≥ n, every digit tuple of windows i and above, it solves for the scalar
// k that would meet the case and checks that k does not recode to those digits. It reads each
// curve's radix and window count from the generated comb files, so a new layout is checked too.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Group orders n, SP 800-186 §3.2.1.3–5. */
const ORDERS = {
  p256: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  p384: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  p521: 0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
} as const;

function combLayout(curve: string): { w: number; windows: number } {
  const text = readFileSync(new URL(`../assembly/curve/${curve}-comb.ts`, import.meta.url), 'utf8');
  const constant = (name: string) => Number(new RegExp(`${curve.toUpperCase()}_${name}: usize = (\\d+)`).exec(text)?.[1]);
  return { w: constant('COMB_BITS'), windows: constant('WINDOWS') };
}

/**
 * The digits of weierstrass.ts `recode`: signed radix-2^w digits in [−2^(w−1), 2^(w−1)), least
 * significant first, the last one taking what is left above plus the final carry.
 */
function recode(k: bigint, w: number, windows: number): bigint[] {
  const W = BigInt(w);
  const mask = (1n << W) - 1n;
  const half = 1n << (W - 1n);
  const digits: bigint[] = [];
  let carry = 0n;
  for (let i = 0; i < windows - 1; i++) {
    const v = ((k >> (W * BigInt(i))) & mask) + carry;
    carry = (v + half) >> W;
    digits.push(v - (carry << W));
  }
  digits.push((k >> (W * BigInt(windows - 1))) + carry);
  return digits;
}

describe.each(Object.entries(ORDERS))('%s comb', (curve, n) => {
  const { w, windows } = combLayout(curve);
  const half = 1n << BigInt(w - 1);

  it('recodes every scalar below n exactly, with every digit a table entry (|d| ≤ 2^(w−1))', () => {
    const scalars = [1n, 2n, n - 1n, n - 2n, n >> 1n, (n >> 1n) + 1n];
    for (let i = 0; i < 300; i++) scalars.push(BigInt(`0x${randomBytes(80).toString('hex')}`) % n);
    for (const k of scalars) {
      const digits = recode(k, w, windows);
      expect(digits.reduce((sum, d, i) => sum + (d << BigInt(w * i)), 0n)).toBe(k);
      for (const d of digits) expect(d >= -half && d <= half).toBe(true);
    }
  });

  it('never adds ±the accumulator: no scalar in [1, n−1] reaches an exceptional pair', () => {
    let lowest = windows - 1;
    while (lowest > 0 && (half + 2n) << BigInt(w * (lowest - 1)) >= n) lowest--;
    let tuples: bigint[][] = [[]];
    let checked = 0;
    for (let i = windows - 1; i >= lowest; i--) {
      const top = i === windows - 1;
      const range: bigint[] = [];
      for (let d = top ? 0n : -half; d <= (top ? half : half - 1n); d++) range.push(d);
      tuples = tuples.flatMap((tuple) => range.map((d) => [d, ...tuple]));
      for (const tuple of tuples) {
        const d = tuple[0]!;
        if (d === 0n) continue;
        // Windows i and above sum to H; the accumulator before window i is s = k − H.
        const H = tuple.reduce((sum, x, j) => sum + (x << BigInt(w * (i + j))), 0n);
        const added = d << BigInt(w * i);
        // s ≡ +added (doubling) or s ≡ −added (the identity): k ≡ H + added or H − added.
        for (const candidate of [H + added, H - added]) {
          const k = ((candidate % n) + n) % n;
          if (k === 0n) continue;
          const digits = recode(k, w, windows);
          const same = digits.slice(i).every((x, j) => x === tuple[j]);
          const accumulated = digits.slice(0, i).some((x) => x !== 0n);
          expect(same && accumulated, `${curve}: k = ${k.toString(16)} at window ${i}`).toBe(false);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
