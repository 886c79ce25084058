import { createHmac } from 'node:crypto';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jwsHmacKeyState, signHmacJws, verifyHmacJws } from '../src/wasm/jws.js';
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

/** The fused HS* JWS pipelines, whose key state caches the inner hash after a first block that repeats. */
describe.each(ALL)('HS%i JWS pipelines with the first-block cache', (bits) => {
  const encoder = new TextEncoder();
  const header = (alg: string): Uint8Array => encoder.encode(Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url'));
  const dots = (token: string): [number, number] => {
    const dot1 = token.indexOf('.');
    return [dot1, token.indexOf('.', dot1 + 1)];
  };
  const expectedTag = (key: Uint8Array, token: string): string =>
    createHmac(`sha${bits}`, key)
      .update(token.slice(0, token.lastIndexOf('.')))
      .digest('base64url');
  const block = bits === 256 ? 64 : 128;
  const half = bits === 256 ? 32 : 64;

  it('signs and verifies like node:crypto through runs of shared, changing and short first blocks', () => {
    // Payloads from a few prefixes (so consecutive signing inputs share their first block or not),
    // the empty object among them (a signing input shorter than one block: no cache involved).
    const payload = fc.tuple(
      fc.constantFrom('{"payload":{"user_id":', '{"payload":{"sub":"', '{}', '{"a":'),
      fc.string({ maxLength: 200 }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.array(payload, { minLength: 1, maxLength: 12 }), (key, payloads) => {
        const state = jwsHmacKeyState(bits, key);
        const other = jwsHmacKeyState(bits, new Uint8Array([...key, 1]));
        for (const [prefix, rest] of payloads) {
          const json = prefix === '{}' ? prefix : `${prefix}${JSON.stringify(rest)}}}`;
          for (const alg of [`HS${bits}`, 'HSX']) {
            const token = signHmacJws(bits, state, header(alg), json);
            expect(token.slice(token.lastIndexOf('.') + 1)).toBe(expectedTag(key, token));
            expect(verifyHmacJws(bits, state, token, ...dots(token))).toBe(json);
            // The other key's cache now holds the same first block: its answer must still be its own.
            expect(verifyHmacJws(bits, other, token, ...dots(token))).toBeNull();
          }
        }
      }),
      { numRuns: 60, seed: 17 },
    );
  });

  it('keeps the first block and the chaining value after it in the key state, and resumes from them', () => {
    const key = new Uint8Array(32).fill(3);
    const state = jwsHmacKeyState(bits, key);
    // Both signing inputs are longer than a SHA-512 block, and their first blocks differ.
    const claims = `{"payload":{"user_id":1,"role":"admin","scopes":["read","write"],"note":"${'n'.repeat(80)}"}}`;
    const first = signHmacJws(bits, state, header(`HS${bits}`), claims);
    expect(Buffer.from(state.subarray(2 * half, 2 * half + block)).toString('latin1')).toBe(first.slice(0, block));
    expect(signHmacJws(bits, state, header(`HS${bits}`), claims)).toBe(first);
    // Corrupt the cached chaining value: the token with the cached first block now fails (the cache
    // computes its tag), a token with another first block is computed afresh and replaces the cache,
    // and then the first token verifies again.
    state[2 * half + block]! ^= 1;
    expect(verifyHmacJws(bits, state, first, ...dots(first))).toBeNull();
    const other = signHmacJws(bits, state, header('HS0'), claims);
    expect(other.slice(other.lastIndexOf('.') + 1)).toBe(expectedTag(key, other));
    expect(Buffer.from(state.subarray(2 * half, 2 * half + block)).toString('latin1')).toBe(other.slice(0, block));
    expect(verifyHmacJws(bits, state, first, ...dots(first))).toBe(claims);
  });
});
