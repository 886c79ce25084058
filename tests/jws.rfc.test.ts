import { describe, expect, it } from 'vitest';
import { importHmacSecret } from '../src/keys/key.js';
import { prepareKey, verifyCompact } from '../src/lib/compact.js';
import { hmac, hmacKeyState } from '../src/wasm/sha2.js';
import { joseExamples } from './vectors.js';

const hmacExamples = joseExamples().filter((e) => e.alg.startsWith('HS'));

describe('RFC 7515 A.1 / RFC 7520 §4.4 HMAC examples', () => {
  it('covers both HS256 examples', () => {
    expect(hmacExamples.map((e) => e.name).sort()).toEqual(['rfc7515-a1-hs256', 'rfc7520-4_4-hs256']);
  });

  describe.each(hmacExamples)('$name', (example) => {
    const secret = Uint8Array.from(Buffer.from(example.jwk.k!, 'base64url'));
    const key = importHmacSecret(secret, 'HS256');

    it('verifies through the compact JWS verifier and yields the payload', () => {
      const { header, payloadText } = verifyCompact(example.compact, [prepareKey(key)], { algorithms: new Set(['HS256']) });
      expect(header.alg).toBe('HS256');
      expect(payloadText).toBe(example.payload);
    });

    it('re-signs the signing input byte-for-byte', () => {
      const tag = hmac(256, hmacKeyState(256, secret), new TextEncoder().encode(example.signing_input));
      expect(Buffer.from(tag).toString('base64url')).toBe(example.signature_b64u);
    });

    it('rejects it with a flipped signature bit, under another algorithm allow-list, or with another key', () => {
      const sigStart = example.compact.lastIndexOf('.') + 1;
      const flipped = example.compact.slice(0, sigStart) + (example.compact[sigStart] === 'A' ? 'B' : 'A') + example.compact.slice(sigStart + 1);
      const prepared = [prepareKey(key)];
      expect(() => verifyCompact(flipped, prepared, { algorithms: new Set(['HS256']) })).toThrow(/signature/);
      expect(() => verifyCompact(example.compact, prepared, { algorithms: new Set(['HS512']) })).toThrow(/not allowed/);
      const other = prepareKey(importHmacSecret(new Uint8Array(32).fill(9), 'HS256'));
      expect(() => verifyCompact(example.compact, [other], { algorithms: new Set(['HS256']) })).toThrow(/signature/);
    });
  });
});
