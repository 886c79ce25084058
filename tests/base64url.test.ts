import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64urlFromBytes } from '../src/core/base64url.js';
import { base64urlDecode, base64urlEncode } from '../src/wasm/base64url.js';

describe('base64url (RFC 4648 §5, unpadded, strict)', () => {
  it('encodes the RFC 4648 §10 test vectors (unpadded)', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, encoded] of cases) {
      expect(base64urlEncode(new TextEncoder().encode(text))).toBe(encoded);
      expect(new TextDecoder().decode(base64urlDecode(encoded)!)).toBe(text);
    }
  });

  it('uses the URL-safe alphabet', () => {
    expect(base64urlEncode(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(base64urlDecode('-_-_')).toEqual(Uint8Array.of(0xfb, 0xff, 0xbf));
  });

  it('round-trips and equals Buffer for random bytes; the JS cold-path encoder agrees', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const encoded = base64urlEncode(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64urlFromBytes(bytes)).toBe(encoded);
        expect(base64urlDecode(encoded)).toEqual(bytes);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it.each([
    ['padding', 'Zg=='],
    ['one padding char', 'Zm8='],
    ['standard alphabet +', 'ab+c'],
    ['standard alphabet /', 'ab/c'],
    ['whitespace', 'Zm9v YmFy'],
    ['newline', 'Zm9v\nYmFy'],
    ['length 1 mod 4', 'Zm9vY'],
    ['non-canonical trailing bits (2 chars)', 'Zh'],
    ['non-canonical trailing bits (3 chars)', 'Zm9'],
    ['non-ASCII', 'Zm9vé'],
    ['NUL byte', 'Zm9v\u0000AAA'],
  ])('rejects %s', (_name, text) => {
    expect(base64urlDecode(text)).toBeNull();
  });

  it('rejects every byte outside the alphabet at every position of a block', () => {
    const alphabet = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
    for (let code = 0; code < 128; code++) {
      const ch = String.fromCharCode(code);
      if (alphabet.has(ch)) continue;
      for (let pos = 0; pos < 4; pos++) {
        const text = 'AAAA'.slice(0, pos) + ch + 'AAAA'.slice(pos + 1);
        expect(base64urlDecode(text), JSON.stringify(text)).toBeNull();
      }
    }
  });
});
