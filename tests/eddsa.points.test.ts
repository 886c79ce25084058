import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ed25519PublicState } from '../src/wasm/ed25519.js';

// Strict point decoding (RFC 8032 §5.1.3) is where field-element canonicity, the square root and
// the sign rules meet; compare it with noble's strict decoder (zip215 = false).
const nobleAccepts = (bytes: Uint8Array): boolean => {
  try {
    ed25519.Point.fromBytes(bytes, false);
    return true;
  } catch {
    return false;
  }
};

const le = (v: bigint, sign = 0): Uint8Array => {
  const out = Uint8Array.from({ length: 32 }, (_, i) => Number((v >> BigInt(8 * i)) & 255n));
  out[31]! |= sign << 7;
  return out;
};

describe('edwards25519 point decoding', () => {
  it('agrees with noble on random encodings (about half are on the curve)', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const ours = ed25519PublicState(bytes) !== null;
        if (ours) valid++;
        expect(ours).toBe(nobleAccepts(bytes));
      }),
      { numRuns: 400 },
    );
    expect(valid).toBeGreaterThan(100);
  });

  it('rejects every non-canonical y (p ≤ y < 2^255) and x = 0 with the sign bit set', () => {
    const p = 2n ** 255n - 19n;
    for (let y = p; y < 2n ** 255n; y++) {
      expect(ed25519PublicState(le(y, 0))).toBeNull();
      expect(ed25519PublicState(le(y, 1))).toBeNull();
    }
    // y = ±1 give x = 0: the sign bit must be 0 (−0 is not a canonical encoding).
    expect(ed25519PublicState(le(1n, 0))).not.toBeNull();
    expect(ed25519PublicState(le(1n, 1))).toBeNull();
    expect(ed25519PublicState(le(p - 1n, 0))).not.toBeNull();
    expect(ed25519PublicState(le(p - 1n, 1))).toBeNull();
    // Near the top of the canonical range the verdict matches noble's.
    for (let y = p - 40n; y < p; y++) {
      for (const sign of [0, 1]) expect(ed25519PublicState(le(y, sign)) !== null).toBe(nobleAccepts(le(y, sign)));
    }
  });
});
