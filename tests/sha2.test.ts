import { createHash } from 'node:crypto';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha2, type ShaBits } from '../src/wasm/sha2.js';
import { toHex } from './vectors.js';

const ALL: ShaBits[] = [256, 384, 512];
const noble = { 256: sha256, 384: sha384, 512: sha512 } as const;

describe('SHA-2 (FIPS 180-4)', () => {
  // FIPS 180-4 examples (NIST CSRC "Examples with intermediate values"): "abc" and the two-block messages.
  it.each([
    [256, 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [256, 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    [256, '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    [384, 'abc', 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7'],
    [
      512,
      'abc',
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    ],
    [
      512,
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      '8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909',
    ],
  ] as const)('SHA-%i(%j)', (bits, text, expected) => {
    expect(toHex(sha2(bits, new TextEncoder().encode(text)))).toBe(expected);
  });

  it('matches node:crypto for every length 0..300 (all padding boundaries)', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 31 + 7) & 0xff);
    for (const bits of ALL) {
      for (let len = 0; len <= 300; len++) {
        const msg = data.subarray(0, len);
        expect(toHex(sha2(bits, msg))).toBe(createHash(`sha${bits}`).update(msg).digest('hex'));
      }
    }
  });

  it('matches @noble/hashes for random inputs of 0..10 KB', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL), fc.uint8Array({ maxLength: 10_240 }), (bits, msg) => {
        expect(toHex(sha2(bits, msg))).toBe(toHex(noble[bits](msg)));
      }),
      { numRuns: 200, seed: 2026 },
    );
  });

  it('hashes inputs larger than the initial scratch region', () => {
    const big = new Uint8Array(200_000).fill(0x61);
    expect(toHex(sha2(256, big))).toBe(createHash('sha256').update(big).digest('hex'));
  });
});
