/**
 * The JWE examples of RFC 7516 Appendix A.1–A.3 and RFC 7520 §5.1–5.9 (tests/vectors/jose/jwe-examples.json):
 * each decrypts to the RFC's plaintext on both paths, except those that use what we refuse —
 * A.2 and §5.1 (RSA1_5) and §5.9 (zip) — which are refused with NotSupportedError.
 */
import { describe, expect, it } from 'vitest';
import './helpers/jwe.js';
import { NotSupportedError } from '../src/core/errors.js';
import { decryptCompact, decryptCompactAsync, importJweKey, type KeyManagementAlgorithm } from '../src/jose/jwe.js';
import { loadJson } from './vectors.js';

interface JweExample {
  name: string;
  alg: string;
  enc: string;
  plaintext: string;
  jwk?: Record<string, string>;
  password?: string;
  compact: string;
}

const { examples } = loadJson<{ examples: JweExample[] }>('jose/jwe-examples.json');
const REFUSED = new Set(['RFC 7516 Appendix A.2', 'RFC 7520 §5.1', 'RFC 7520 §5.9']);

/** The RFC keys carry `alg` of the enc (§5.6) or of the example: bind to the example's alg. */
function keyOf(example: JweExample) {
  if (example.password !== undefined) return importJweKey(example.password, example.alg as KeyManagementAlgorithm);
  const { alg: _alg, ...jwk } = example.jwk!;
  return importJweKey(jwk, example.alg as KeyManagementAlgorithm);
}

describe('RFC 7516 Appendix A and RFC 7520 §5 JWE examples', () => {
  it('has the twelve examples', () => expect(examples.map((e) => e.name)).toHaveLength(12));

  for (const example of examples) {
    const options = { keyManagementAlgorithms: [example.alg], contentEncryptionAlgorithms: [example.enc] };
    if (REFUSED.has(example.name)) {
      it(`${example.name} (${example.alg}, ${example.enc}) is refused`, async () => {
        const key = importJweKey(crypto.getRandomValues(new Uint8Array(16)), 'A128KW');
        expect(() => decryptCompact(example.compact, key, options)).toThrow(NotSupportedError);
        await expect(decryptCompactAsync(example.compact, key, options)).rejects.toBeInstanceOf(NotSupportedError);
        if (example.alg === 'RSA1_5') expect(() => keyOf(example)).toThrow(NotSupportedError);
      });
      continue;
    }
    it(`${example.name} (${example.alg}, ${example.enc}) decrypts, sync and async`, async () => {
      const key = keyOf(example);
      const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
      expect(text((await decryptCompactAsync(example.compact, key, options)).plaintext)).toBe(example.plaintext);
      expect(text(decryptCompact(example.compact, key, options).plaintext)).toBe(example.plaintext);
      // One flipped character of the tag: refused.
      const parts = example.compact.split('.');
      parts[4] = (parts[4]![0] === 'A' ? 'B' : 'A') + parts[4]!.slice(1);
      await expect(decryptCompactAsync(parts.join('.'), key, options)).rejects.toThrow('decryption failed');
    });
  }
});
