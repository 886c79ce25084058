import { pbkdf2Sync } from 'node:crypto';
import { pbkdf2 as noblePbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pbkdf2Sha256 } from '../src/wasm/pbkdf2.js';
import { hashModule } from '../src/wasm/modules/hash.js';
import { hex, loadJson, toHex } from './vectors.js';

interface WycheproofPbkdfFile {
  numberOfTests: number;
  testGroups: {
    tests: { tcId: number; password: string; salt: string; iterationCount: number; dkLen: number; dk: string; result: string }[];
  }[];
}

describe('PBKDF2-HMAC-SHA256 (wasm, RFC 8018 §5.2)', () => {
  it('passes every Wycheproof case', () => {
    const file = loadJson<WycheproofPbkdfFile>('wycheproof/pbkdf2_hmacsha256_test.json');
    let run = 0;
    for (const group of file.testGroups) {
      for (const tc of group.tests) {
        const dk = pbkdf2Sha256(hex(tc.password), hex(tc.salt), tc.iterationCount, tc.dkLen);
        if (tc.result === 'valid') expect(toHex(dk), `tcId ${tc.tcId}`).toBe(tc.dk);
        else throw new Error(`unexpected result ${tc.result} in tcId ${tc.tcId}`);
        run++;
      }
    }
    expect(run).toBe(file.numberOfTests);
    expect(run).toBe(60);
  });

  it('matches RFC 7914 §11 (PBKDF2-HMAC-SHA256, c = 1 and 80000)', () => {
    const enc = new TextEncoder();
    expect(toHex(pbkdf2Sha256(enc.encode('passwd'), enc.encode('salt'), 1, 64))).toBe(
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
    );
  });

  it('matches @noble/hashes and node:crypto for random passwords (incl. > 64 bytes), salts, counts and lengths', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 150 }),
        fc.uint8Array({ maxLength: 100 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 100 }),
        (password, salt, c, dkLen) => {
          const ours = toHex(pbkdf2Sha256(password, salt, c, dkLen));
          expect(ours).toBe(toHex(noblePbkdf2(sha256, password, salt, { c, dkLen })));
          expect(ours).toBe(pbkdf2Sync(password, salt, c, dkLen, 'sha256').toString('hex'));
        },
      ),
      { numRuns: 120, seed: 11 },
    );
  });

  it('refuses out-of-range parameters with RangeError, never a trap', () => {
    const p = new Uint8Array(8);
    for (const c of [0, -1, 1.5, 2 ** 32, Number.NaN]) expect(() => pbkdf2Sha256(p, p, c, 32)).toThrow(RangeError);
    for (const n of [0, -1, 2.5, 2 ** 21]) expect(() => pbkdf2Sha256(p, p, 1, n)).toThrow(RangeError);
  });

  it('leaves no password, salt or key bytes in scratch and allocates nothing per call', () => {
    const rt = hashModule.runtime;
    const password = new Uint8Array(40).fill(0xa7);
    pbkdf2Sha256(password, new Uint8Array(16).fill(0xb3), 10, 32);
    const before = rt.memoryBytes;
    for (let i = 0; i < 2000; i++) pbkdf2Sha256(password, new Uint8Array(16).fill(0xb3), 2, 32);
    expect(rt.memoryBytes).toBe(before);
    expect(rt.scratch.subarray(0, 40 + 16 + 4 + 32).every((b) => b === 0)).toBe(true);
  });
});
