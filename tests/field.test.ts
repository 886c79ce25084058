// The generated Montgomery arithmetic (assembly/field/p256.ts, p384.ts) and the safegcd inversion
// against BigInt: what JavaScript cannot see through signatures alone (lazy values in [M, 2M),
// carries of the shift-only reduction, inversion edge cases, Fermat vs safegcd agreement).
import { randomBytes } from 'node:crypto';
import asc from 'assemblyscript/asc';
import { beforeAll, describe, expect, it } from 'vitest';

type Exports = Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };
let wasm: Exports;

beforeAll(async () => {
  let binary: Uint8Array | undefined;
  const { error, stderr } = await asc.main(
    [
      'assembly/testing/field-entry.ts',
      '-O3',
      '--runtime',
      'stub',
      '--use',
      'abort=',
      '--noAssert',
      '--enable',
      'simd',
      '-o',
      'field.wasm',
    ],
    {
      writeFile: (name, contents) => {
        if (name.endsWith('.wasm')) binary = contents as Uint8Array;
      },
    },
  );
  if (error) throw new Error(`asc: ${error.message}\n${stderr.toString()}`);
  wasm = (await WebAssembly.instantiate(binary! as BufferSource, {})).instance.exports as unknown as Exports;
}, 60_000);

const MODULI = [
  ['p256Fe', 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn, 32],
  ['p256Sc', 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n, 32],
  ['p384Fe', 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn, 48],
  ['p384Sc', 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n, 48],
  ['p521Fe', (1n << 521n) - 1n, 66],
  [
    'p521Sc',
    0x1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
    66,
  ],
] as const;

/** Byte stride of the element slots in scratch (a P-521 element is 76 bytes). */
const S = 128;

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;
function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  for (b = mod(b, m); e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}

describe.each(MODULI)('%s', (name, M, len) => {
  const fn = (op: string) => wasm[name + op]!;
  const base = () => wasm.scratchBase!();
  const put = (v: bigint, slot: number) => {
    new Uint8Array(wasm.memory.buffer).set(Buffer.from(v.toString(16).padStart(2 * len, '0'), 'hex'), base() + 2048 + slot * S);
    expect(fn('FromBytes')(base() + slot * S, base() + 2048 + slot * S)).toBe(1);
  };
  const get = (slot: number) => {
    const out = base() + 4096;
    fn('ToBytes')(out, base() + slot * S);
    return BigInt('0x' + Buffer.from(new Uint8Array(wasm.memory.buffer, out, len)).toString('hex'));
  };
  const special = [0n, 1n, 2n, M - 1n, M - 2n, M >> 1n, (M + 1n) >> 1n, (1n << BigInt(8 * len - 1)) % M, (1n << 29n) - 1n, 1n << 128n];
  const random = (i: number) => (i < 60 ? special[i % special.length]! : mod(BigInt('0x' + randomBytes(len).toString('hex')), M));
  /** Three values of the sequence (at i, i + 3, i + 7) put in slots 0, 1, 2. */
  const putThree = (i: number) => {
    const values = [random(i), random(i + 3), random(i + 7)] as const;
    values.forEach(put);
    return values;
  };

  it('add, sub, mul, sqr agree with BigInt, lazy inputs in [M, 2M) included', () => {
    for (let i = 0; i < 2000; i++) {
      const [a, b, c] = putThree(i);
      fn('Add')(base() + 3 * S, base(), base() + S); // s = a + b, possibly ≥ M
      fn('Sub')(base() + 4 * S, base(), base() + 2 * S); // d = a − c
      const s = mod(a + b, M),
        d = mod(a - c, M);
      fn('Mul')(base() + 5 * S, base() + 3 * S, base() + 4 * S);
      expect(get(5)).toBe((s * d) % M);
      fn('Sqr')(base() + 5 * S, base() + 3 * S);
      expect(get(5)).toBe((s * s) % M);
      fn('Sub')(base() + 6 * S, base() + 3 * S, base() + 4 * S);
      expect(get(6)).toBe(mod(s - d, M));
    }
  });

  // Lazy operations exist for the field primes only (the point formulas' hot path).
  if (name.endsWith('Fe'))
    it('lazy AddL / SubkL and the weak Reduce agree with BigInt up to the bounds the point formulas use', () => {
      for (let i = 0; i < 300; i++) {
        const a = random(i),
          b = random(i + 1);
        put(a, 0);
        put(b, 1);
        // Grow a value to about 30·M with lazy additions (limb capacity is R ≈ 32·M for P-256).
        let want = 0n;
        fn('Sub2L')(base() + 2 * S, base(), base() + S); // a − b + 2M
        want = mod(a - b, M);
        for (let k = 0; k < 13; k++) {
          fn('AddL')(base() + 2 * S, base() + 2 * S, k & 1 ? base() : base() + S);
          want = mod(want + (k & 1 ? a : b), M);
        }
        fn('Sub8L')(base() + 2 * S, base() + 2 * S, base());
        fn('Sub4L')(base() + 2 * S, base() + 2 * S, base() + S);
        want = mod(want - a - b, M);
        // Products of lazy values below M·R are below 2M (field/p256.ts bounds).
        fn('Mul')(base() + 3 * S, base() + 2 * S, base());
        expect(get(3)).toBe((want * a) % M);
        fn('Reduce')(base() + 2 * S, base() + 2 * S);
        expect(get(2)).toBe(want);
      }
    });

  // The comb's point addition fuses a product with the lazy difference after it (P-256 only).
  if (name === 'p256Fe')
    it('fused MulSub2L and SqrSub4L give the limbs of Mul or Sqr then Sub2L or Sub4L, at lazy inputs', () => {
      const limbsAt = (slot: number) => Array.from(new Uint32Array(wasm.memory.buffer, base() + slot * S, 9));
      for (let i = 0; i < 500; i++) {
        const [a, b, c] = putThree(i);
        fn('Add')(base() + 3 * S, base(), base() + S); // s = a + b, lazy below 2M
        const s = mod(a + b, M);
        fn('MulSub2L')(base() + 4 * S, base() + 3 * S, base(), base() + 2 * S);
        fn('Mul')(base() + 5 * S, base() + 3 * S, base());
        fn('Sub2L')(base() + 5 * S, base() + 5 * S, base() + 2 * S);
        expect(limbsAt(4)).toEqual(limbsAt(5));
        expect(get(4)).toBe(mod(s * a - c, M));
        fn('AddL')(base() + 6 * S, base() + 2 * S, base() + 3 * S); // c + s, lazy below 4M
        fn('SqrSub4L')(base() + 4 * S, base() + 3 * S, base() + 6 * S);
        fn('Sqr')(base() + 5 * S, base() + 3 * S);
        fn('Sub4L')(base() + 5 * S, base() + 5 * S, base() + 6 * S);
        expect(limbsAt(4)).toEqual(limbsAt(5));
        expect(get(4)).toBe(mod(s * s - c - s, M));
      }
    });

  it('safegcd inversion equals Fermat and BigInt, 0 maps to 0', () => {
    for (let i = 0; i < 600; i++) {
      const a = random(i);
      put(a, 0);
      fn('Inv')(base() + S, base());
      fn('InvFermat')(base() + 2 * S, base());
      const want = a === 0n ? 0n : modPow(a, M - 2n, M);
      expect(get(1)).toBe(want);
      expect(get(2)).toBe(want);
    }
  });
});

// p256InvPair runs the field and the scalar inversion of a signature side by side, one in each
// SIMD lane (safegcdInversePair): each lane must give what BigInt gives for its own modulus, whatever
// the other lane holds (0 included).
describe('p256InvPair', () => {
  const [[, P], [, N]] = MODULI;
  const base = () => wasm.scratchBase!();
  const put = (kind: 'Fe' | 'Sc', v: bigint, slot: number) => {
    new Uint8Array(wasm.memory.buffer).set(Buffer.from(v.toString(16).padStart(64, '0'), 'hex'), base() + 2048);
    expect(wasm[`p256${kind}FromBytes`]!(base() + slot * S, base() + 2048)).toBe(1);
  };
  const get = (kind: 'Fe' | 'Sc', slot: number) => {
    wasm[`p256${kind}ToBytes`]!(base() + 4096, base() + slot * S);
    return BigInt('0x' + Buffer.from(new Uint8Array(wasm.memory.buffer, base() + 4096, 32)).toString('hex'));
  };
  const pick = (M: bigint, i: number) => {
    const special = [0n, 1n, 2n, M - 1n, M - 2n, M >> 1n, 1n << 255n, (1n << 29n) - 1n];
    return i < 40 ? special[(i * 3) % special.length]! % M : mod(BigInt('0x' + randomBytes(32).toString('hex')), M);
  };

  it('inverts mod p and mod n at once, as BigInt does, 0 mapping to 0', () => {
    for (let i = 0; i < 400; i++) {
      const a = pick(P, i);
      const b = pick(N, i + (i >> 3));
      put('Fe', a, 0);
      put('Sc', b, 1);
      wasm.p256InvPair!(base() + 2 * S, base(), base() + 3 * S, base() + S);
      expect(get('Fe', 2)).toBe(a === 0n ? 0n : modPow(a, P - 2n, P));
      expect(get('Sc', 3)).toBe(b === 0n ? 0n : modPow(b, N - 2n, N));
    }
  });
});

// 2^255 − 19 (field/fe25519.ts): the safegcd inversion runs the half-delta divsteps with 20 batches
// of 30; the Fermat chain is the reference. Encodings are 32 bytes little-endian, elements 40 bytes.
describe('fe25519', () => {
  const P = (1n << 255n) - 19n;
  const base = () => wasm.scratchBase!();
  const bytes = () => new Uint8Array(wasm.memory.buffer);
  const put = (v: bigint, slot: number) => {
    const le = Buffer.from(v.toString(16).padStart(64, '0'), 'hex').reverse();
    bytes().set(le, base() + 1024);
    wasm.fe25519FromBytes!(base() + slot * 64, base() + 1024);
  };
  const get = (slot: number) => {
    wasm.fe25519ToBytes!(base() + 2048, base() + slot * 64);
    return BigInt(
      '0x' +
        Buffer.from(bytes().slice(base() + 2048, base() + 2080))
          .reverse()
          .toString('hex'),
    );
  };
  const special = [0n, 1n, 2n, 19n, P - 1n, P - 2n, P >> 1n, (P + 1n) >> 1n, 1n << 254n, (1n << 254n) - 1n, 1n << 128n, (1n << 30n) - 1n];

  // feMul's inputs are unreduced sums (|limb| < 3·2^26, odd limbs < 3·2^25): the SIMD form's lanes
  // and its separate ×19 sum must hold at those bounds, signs included; its output is reduced.
  it('mul agrees with BigInt on limbs at the bounds of its inputs', () => {
    const weight = (i: number) => 1n << BigInt(Math.ceil(25.5 * i));
    const bound = (i: number) => 3 * 2 ** (i & 1 ? 25 : 26) - 1;
    const value = (limbs: number[]) => limbs.reduce((v, l, i) => v + BigInt(l) * weight(i), 0n);
    const patterns: ((i: number) => number)[] = [
      (i) => bound(i),
      (i) => -bound(i),
      (i) => (i & 1 ? bound(i) : -bound(i)),
      (i) => (i < 5 ? bound(i) : -bound(i)),
    ];
    const random = () => (i: number) => Math.floor((Math.random() * 2 - 1) * bound(i));
    const limbsAt = (slot: number) => new Int32Array(wasm.memory.buffer, base() + slot * 64, 10);
    for (let k = 0; k < 2000; k++) {
      const fa = k < 16 ? patterns[k & 3]! : random();
      const fb = k < 16 ? patterns[k >> 2]! : random();
      const a = Array.from({ length: 10 }, (_, i) => fa(i));
      const b = Array.from({ length: 10 }, (_, i) => fb(i));
      limbsAt(0).set(a);
      limbsAt(1).set(b);
      wasm.fe25519Mul!(base() + 128, base(), base() + 64);
      const out = Array.from(limbsAt(2));
      // Reduced: every limb in [0, 2^26], except limbs 1 and 5, which take a carry after giving
      // theirs (the two interleaved carry chains) and may end slightly negative.
      for (const [i, limb] of out.entries()) {
        expect([k, i, Math.abs(limb) <= 2 ** 26 && (i === 1 || i === 5 || limb >= 0)]).toEqual([k, i, true]);
      }
      expect(mod(value(out), P)).toBe(mod(value(a) * value(b), P));
      expect(get(2)).toBe(mod(value(a) * value(b), P));
    }
  });

  it('safegcd inversion equals Fermat and BigInt, 0 maps to 0', () => {
    for (let i = 0; i < 1000; i++) {
      const a = i < special.length ? special[i]! : mod(BigInt('0x' + randomBytes(32).toString('hex')), P);
      put(a, 0);
      wasm.fe25519Inv!(base() + 64, base());
      wasm.fe25519InvFermat!(base() + 128, base());
      const want = a === 0n ? 0n : modPow(a, P - 2n, P);
      expect(get(1)).toBe(want);
      expect(get(2)).toBe(want);
    }
  });
});
