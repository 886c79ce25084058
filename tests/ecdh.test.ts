// ECDH on P-256 and P-384 (src/wasm/ecdh.ts, assembly/kex/ecdh.ts), the primitive JWE's ECDH-ES
// builds on: Wycheproof's WebCrypto-shaped P-256 vectors (valid pairs, edge-case scalars and shared
// secrets, invalid-curve and wrong-curve points) and a node:crypto differential on P-384.
import { createECDH } from 'node:crypto';
import { p256, p384 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyError } from '../src/core/errors.js';
import { ecdhSharedSecret } from '../src/wasm/ecdh.js';
import { findResidues, scalarForms } from './helpers/residue.js';
import { loadJson, toHex } from './vectors.js';

interface Jwk {
  kty: string;
  crv: string;
  x?: string;
  y?: string;
  d?: string;
}

interface EcdhWebcryptoFile {
  numberOfTests: number;
  testGroups: {
    curve: string;
    tests: {
      tcId: number;
      comment: string;
      flags: string[];
      public: Jwk;
      private: Jwk;
      shared: string;
      result: 'valid' | 'invalid' | 'acceptable';
    }[];
  }[];
}

const b64 = (s: string | undefined): Uint8Array => new Uint8Array(Buffer.from(s ?? '', 'base64url'));

/** ecdhSharedSecret's answer, or null when it refused the inputs with a KeyError (anything else is rethrown). */
function agree(curve: 'P-256' | 'P-384', d: Uint8Array, xy: Uint8Array): Uint8Array | null {
  try {
    return ecdhSharedSecret(curve, d, xy);
  } catch (error) {
    if (error instanceof KeyError) return null;
    throw error;
  }
}

describe('Wycheproof ecdh_secp256r1_webcrypto_test.json', () => {
  const file = loadJson<EcdhWebcryptoFile>('wycheproof/ecdh_secp256r1_webcrypto_test.json');

  it('every case: valid pairs give the shared x-coordinate, invalid and wrong-curve points are refused (353 cases)', () => {
    let run = 0;
    const failures: string[] = [];
    for (const group of file.testGroups) {
      for (const t of group.tests) {
        // The peer's coordinates as given, whatever curve the JWK names: an invalid-curve or
        // wrong-curve point must be refused by the P-256 module itself, not only by a crv check.
        const xy = Uint8Array.of(...b64(t.public.x), ...b64(t.public.y));
        const got = agree('P-256', b64(t.private.d), xy);
        if (t.result === 'valid' || t.result === 'acceptable') {
          if (got === null || toHex(got) !== t.shared) failures.push(`tcId ${t.tcId} (${t.comment}): got ${got && toHex(got)}`);
        } else if (t.result === 'invalid') {
          if (got !== null) failures.push(`tcId ${t.tcId} (${t.comment}): accepted`);
        } else {
          throw new Error(`unknown result ${String(t.result)} in tcId ${t.tcId}`);
        }
        run++;
      }
    }
    expect(failures).toEqual([]);
    expect(run).toBe(file.numberOfTests);
    expect(run).toBe(353);
  });
});

describe('P-384 differential against node:crypto', () => {
  const scalar = fc.uint8Array({ minLength: 48, maxLength: 48 }).filter((d) => p384.utils.isValidSecretKey(d));

  it('the shared secret equals node:crypto ECDH for random key pairs, both directions', () => {
    fc.assert(
      fc.property(scalar, scalar, (a, b) => {
        const alice = createECDH('secp384r1');
        alice.setPrivateKey(a);
        const bob = createECDH('secp384r1');
        bob.setPrivateKey(b);
        const want = bob.computeSecret(alice.getPublicKey());
        expect(toHex(ecdhSharedSecret('P-384', a, bob.getPublicKey().subarray(1)))).toBe(want.toString('hex'));
        expect(toHex(ecdhSharedSecret('P-384', b, alice.getPublicKey().subarray(1)))).toBe(want.toString('hex'));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses scalars outside [1, n − 1], off-curve and out-of-range points, and wrong lengths', () => {
    const d = p384.utils.randomSecretKey();
    const peer = p384.getPublicKey(p384.utils.randomSecretKey(), false).subarray(1);
    expect(agree('P-384', d, peer)).not.toBeNull();
    const n = p384.Point.Fn.ORDER;
    const enc = (v: bigint, len = 48) => new Uint8Array(Buffer.from(v.toString(16).padStart(2 * len, '0'), 'hex'));
    expect(agree('P-384', new Uint8Array(48), peer)).toBeNull();
    expect(agree('P-384', enc(n), peer)).toBeNull();
    expect(agree('P-384', enc(n - 1n), peer)).not.toBeNull();
    const offCurve = peer.slice();
    offCurve[95]! ^= 1;
    expect(agree('P-384', d, offCurve)).toBeNull();
    // x + p names the same residue as x but is not a field element (SP 800-56A §5.6.2.3.4 step 2).
    const p = p384.Point.Fp.ORDER;
    const x = BigInt('0x' + toHex(peer.subarray(0, 48)));
    if (x + p < 1n << 384n) expect(agree('P-384', d, Uint8Array.of(...enc(x + p), ...peer.subarray(48)))).toBeNull();
    expect(agree('P-384', d, new Uint8Array(96))).toBeNull();
    expect(() => ecdhSharedSecret('P-384', d.subarray(1), peer)).toThrow(KeyError);
    expect(() => ecdhSharedSecret('P-384', d, peer.subarray(1))).toThrow(KeyError);
    expect(() => ecdhSharedSecret('P-521' as 'P-384', d, peer)).toThrow(KeyError);
    expect(() => ecdhSharedSecret('constructor' as 'P-384', d, peer)).toThrow(KeyError);
  });

  it('P-256 agrees with @noble/curves for random pairs', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((d) => p256.utils.isValidSecretKey(d)),
        (a) => {
          const b = p256.utils.randomSecretKey();
          const want = p256.getSharedSecret(a, p256.getPublicKey(b, false)).subarray(1);
          expect(toHex(ecdhSharedSecret('P-256', a, p256.getPublicKey(b, false).subarray(1)))).toBe(toHex(want));
        },
      ),
      { numRuns: 40 },
    );
  });
});

it('leaves no secret in wasm memory: the scalar in every form, and the shared secret', () => {
  for (const [curve, noble, limbs] of [
    ['P-256', p256, 9],
    ['P-384', p384, 14],
  ] as const) {
    const d = noble.utils.randomSecretKey();
    const z = ecdhSharedSecret(curve, d, noble.getPublicKey(noble.utils.randomSecretKey(), false).subarray(1));
    const n = noble.Point.Fn.ORDER;
    const secrets = { ...scalarForms(`${curve} d`, BigInt('0x' + toHex(d)), d.length, n, limbs), [`${curve} shared x`]: z };
    expect(findResidues(secrets), curve).toEqual([]);
  }
});
