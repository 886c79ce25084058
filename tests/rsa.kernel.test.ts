/**
 * The wasm big-integer core (assembly/bigint/) against JavaScript bigints, below the RSASSA
 * encodings: RSAVP1 on random odd moduli and exponents of every supported size, RSASP1 on random
 * prime pairs (balanced and not). The edge values are where lazy Montgomery reduction (results
 * below 2m, one canonical reduction at the end) could leave a non-canonical value: 0, 1, n − 1 and
 * multiples of p or q, whose CRT half is 0 and whose unreduced form would be p itself.
 */
import { generatePrime, generatePrimeSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToBigInt } from '../src/core/bytes.js';
import { rsaSignPrimitive, rsaVerifyPrimitive, type RsaPrivateComponents, type RsaWasmKey } from '../src/wasm/rsa.js';

const bitLength = (x: bigint): number => x.toString(2).length;

/** Big-endian bytes of x, left-padded to `len` (or minimal when len is omitted). */
function toBytes(x: bigint, len = Math.ceil(bitLength(x) / 8)): Uint8Array {
  return Uint8Array.from(Buffer.from(x.toString(16).padStart(2 * len, '0'), 'hex'));
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let r = 1n;
  for (let b = base % mod, e = exp; e > 0n; e >>= 1n, b = (b * b) % mod) if (e & 1n) r = (r * b) % mod;
  return r;
}

function modInverse(a: bigint, m: bigint): bigint | null {
  let [r0, r1, t0, t1] = [m, a % m, 0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return r0 === 1n ? (t0 < 0n ? t0 + m : t0) : null;
}

function publicKey(n: bigint, e: bigint): RsaWasmKey {
  const bits = bitLength(n);
  return { pub: { n: toBytes(n), e: toBytes(e) }, bits, k: Math.ceil(bits / 8), e: Number(e) };
}

/** An RSA key on the primes p and q with e = 65537, or null when e is not invertible mod λ(n). */
function privateKey(p: bigint, q: bigint): { m: RsaWasmKey; priv: RsaPrivateComponents; n: bigint; d: bigint } | null {
  const e = 65537n;
  const n = p * q;
  const g = (a: bigint, b: bigint): bigint => (b === 0n ? a : g(b, a % b));
  const lambda = ((p - 1n) * (q - 1n)) / g(p - 1n, q - 1n);
  const d = modInverse(e, lambda);
  const qi = modInverse(q, p);
  if (d === null || qi === null) return null;
  const m = publicKey(n, e);
  const priv = {
    ...m.pub,
    d: toBytes(d),
    p: toBytes(p),
    q: toBytes(q),
    dp: toBytes(d % (p - 1n)),
    dq: toBytes(d % (q - 1n)),
    qi: toBytes(qi),
  };
  return { m, priv, n, d };
}

describe('RSAVP1 (wasm, lazy Montgomery) against bigint modPow', () => {
  it('agrees on random odd moduli of 2048 to 8192 bits, random odd exponents, random and edge bases', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2048, max: 8192 }),
        fc.uint8Array({ minLength: 1024, maxLength: 1024 }),
        fc.integer({ min: 1, max: 0x7fffffff }),
        fc.oneof(fc.constantFrom('zero', 'one', 'n-1'), fc.bigInt({ min: 0n, max: (1n << 8192n) - 1n })),
        (bits, noise, half, base) => {
          const n = (bytesToBigInt(noise) % (1n << BigInt(bits - 1))) | (1n << BigInt(bits - 1)) | 1n;
          const e = BigInt(2 * half + 1);
          const s = base === 'zero' ? 0n : base === 'one' ? 1n : base === 'n-1' ? n - 1n : (base as bigint) % n;
          const m = publicKey(n, e);
          const out = rsaVerifyPrimitive(m, toBytes(s, m.k));
          expect(out === null ? null : bytesToBigInt(out)).toBe(modPow(s, e, n));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a representative ≥ n', () => {
    const n = (1n << 2047n) + 12345n;
    const m = publicKey(n, 65537n);
    expect(rsaVerifyPrimitive(m, toBytes(n, m.k))).toBeNull();
    expect(rsaVerifyPrimitive(m, toBytes(n + 2n, m.k))).toBeNull();
  });
});

describe('RSASP1 (wasm: blinded CRT, paired lanes, lazy Montgomery) against bigint m^d mod n', () => {
  // Primes of the sizes RSA keys of 2048 and 3072 bits use, and unbalanced pairs; generated once.
  const prime = (bits: number): bigint => generatePrimeSync(bits, { bigint: true });
  const pairs: [bigint, bigint][] = [
    [prime(1024), prime(1024)],
    [prime(1024), prime(1024)],
    [prime(1536), prime(1536)],
    [prime(1040), prime(1010)],
    [prime(1000), prime(1078)],
  ];
  const keys = pairs.map(([p, q]) => privateKey(p, q)).filter((k) => k !== null);

  it('agrees on random messages and on 0, 1, n − 1, p and q', () => {
    expect(keys.length).toBeGreaterThanOrEqual(3);
    fc.assert(
      fc.property(
        fc.nat({ max: keys.length - 1 }),
        fc.oneof(fc.constantFrom('zero', 'one', 'n-1', 'p', 'q', '2p'), fc.bigInt({ min: 0n, max: (1n << 3072n) - 1n })),
        (index, choice) => {
          const { m, priv, n, d } = keys[index]!;
          const p = bytesToBigInt(priv.p);
          const q = bytesToBigInt(priv.q);
          const edge: Record<string, bigint> = { zero: 0n, one: 1n, 'n-1': n - 1n, p, q, '2p': 2n * p };
          const x = typeof choice === 'string' ? edge[choice]! : choice % n;
          const sig = rsaSignPrimitive(m, priv, toBytes(x, m.k));
          expect(bytesToBigInt(sig)).toBe(modPow(x, d, n));
          expect(rsaVerifyPrimitive(m, sig)).toEqual(toBytes(x, m.k));
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);
});

describe('RSASP1 with 27-bit paired limbs: primes above 3554 bits, where 28-bit columns could overflow', () => {
  // src/wasm/rsa.ts radixFor keeps 28-bit limbs only up to 127 per prime; these primes need 129.
  const prime = (bits: number): Promise<bigint> =>
    new Promise((resolve, reject) => generatePrime(bits, { bigint: true }, (err, p) => (err ? reject(err) : resolve(p as bigint))));

  it('agrees with bigint m^d mod n on random messages and on n − 1, p and q', async () => {
    const [p, q] = await Promise.all([prime(3600), prime(3580)]);
    const key = privateKey(p, q);
    expect(key).not.toBeNull();
    const { m, priv, n, d } = key!;
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(n - 1n, p, q), fc.bigInt({ min: 0n, max: n - 1n })), (x) => {
        const sig = rsaSignPrimitive(m, priv, toBytes(x, m.k));
        expect(bytesToBigInt(sig)).toBe(modPow(x, d, n));
      }),
      { numRuns: 6 },
    );
  }, 120_000);
});
