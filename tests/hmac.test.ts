import { createHmac } from 'node:crypto';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmac, hmacKeyState, hmacVerify, type ShaBits } from '../src/wasm/sha2.js';
import { hex, loadJson, toHex, type WycheproofMacFile } from './vectors.js';

const ALL: ShaBits[] = [256, 384, 512];
const noble = { 256: sha256, 384: sha384, 512: sha512 } as const;

describe.each(ALL)('HMAC-SHA%i', (bits) => {
  it('passes every Wycheproof case (valid accepted, invalid rejected)', () => {
    const file = loadJson<WycheproofMacFile>(`wycheproof/hmac_sha${bits}_test.json`);
    let run = 0;
    for (const group of file.testGroups) {
      for (const tc of group.tests) {
        const state = hmacKeyState(bits, hex(tc.key));
        const msg = hex(tc.msg);
        const tag = hex(tc.tag);
        const accepted = hmacVerify(bits, state, msg, tag);
        if (tc.result === 'valid') {
          expect(accepted, `tcId ${tc.tcId}`).toBe(true);
          expect(toHex(hmac(bits, state, msg).subarray(0, tag.length)), `tcId ${tc.tcId}`).toBe(tc.tag);
        } else if (tc.result === 'invalid') {
          expect(accepted, `tcId ${tc.tcId}`).toBe(false);
        } else {
          throw new Error(`unexpected result ${tc.result as string} in tcId ${tc.tcId}`);
        }
        run++;
      }
    }
    expect(run).toBe(file.numberOfTests);
    expect(run).toBe(174);
  });

  it('matches @noble/hashes and node:crypto for random keys (incl. longer than a block) and messages', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.uint8Array({ maxLength: 10_240 }), (key, msg) => {
        const ours = toHex(hmac(bits, hmacKeyState(bits, key), msg));
        expect(ours).toBe(toHex(nobleHmac(noble[bits], key, msg)));
        expect(ours).toBe(createHmac(`sha${bits}`, key).update(msg).digest('hex'));
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('rejects a tag with any single bit flipped, and over-long or empty tags', () => {
    const state = hmacKeyState(bits, new Uint8Array(32).fill(1));
    const msg = new TextEncoder().encode('header.payload');
    const tag = hmac(bits, state, msg);
    expect(hmacVerify(bits, state, msg, tag)).toBe(true);
    for (let bit = 0; bit < tag.length * 8; bit++) {
      const bad = tag.slice();
      bad[bit >> 3]! ^= 1 << (bit & 7);
      expect(hmacVerify(bits, state, msg, bad)).toBe(false);
    }
    expect(hmacVerify(bits, state, msg, new Uint8Array([...tag, 0]))).toBe(false);
    expect(hmacVerify(bits, state, msg, new Uint8Array(0))).toBe(false);
  });
});
