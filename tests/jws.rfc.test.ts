import { describe, expect, it } from 'vitest';
import { importKey, verifyJwt, type Algorithm } from '../src/index.js';
import { findAlgorithm } from '../src/jose/registry.js';
import { prepareKey, verifyCompact } from '../src/jose/compact.js';
import { joseExamples } from './vectors.js';

const examples = joseExamples();
const implemented = examples.filter((e) => findAlgorithm(e.alg) !== undefined);
const flip = (compact: string): string => {
  const at = compact.lastIndexOf('.') + 1;
  return compact.slice(0, at) + (compact[at] === 'A' ? 'B' : 'A') + compact.slice(at + 1);
};

describe('RFC 7515 / 7520 / 8037 JWS examples', () => {
  it('covers every example of every implemented algorithm', () => {
    expect(implemented.map((e) => e.name)).toContain('rfc7515-a1-hs256');
    expect(implemented.map((e) => e.name)).toContain('rfc7520-4_4-hs256');
    // ES512 (P-521): RFC 7515 A.4 and RFC 7520 §4.3.
    expect(implemented.map((e) => e.name)).toEqual(expect.arrayContaining(['rfc7515-a4-es512', 'rfc7520-4_3-es512']));
    expect(implemented).toHaveLength(examples.length);
  });

  describe.each(implemented)('$name', (example) => {
    const alg = example.alg as Algorithm;
    const verifying = importKey((example as { jwk_public?: JsonWebKey }).jwk_public ?? example.jwk, alg);

    it('verifies through the JWS verifier and yields the exact payload', () => {
      const { header, payloadText } = verifyCompact(example.compact, [prepareKey(verifying)], { algorithms: new Set([alg]) });
      expect(header.alg).toBe(alg);
      expect(payloadText).toBe(example.payload);
    });

    it('verifies through verifyJwt when the payload is a JWT claims set', () => {
      let claims: Record<string, unknown> | undefined;
      try {
        claims = JSON.parse(example.payload);
      } catch {
        return; // RFC 7520 payloads are prose, not JWTs
      }
      const exp = typeof claims!.exp === 'number' ? claims!.exp : undefined;
      const currentDate = exp === undefined ? undefined : new Date((exp - 60) * 1000);
      expect(verifyJwt(example.compact, verifying, { algorithms: [alg], currentDate }).payload).toEqual(claims);
    });

    it('rejects a flipped signature and another algorithm allow-list', () => {
      expect(() => verifyCompact(flip(example.compact), [prepareKey(verifying)], { algorithms: new Set([alg]) })).toThrow();
      expect(() => verifyCompact(example.compact, [prepareKey(verifying)], { algorithms: new Set(['HS384']) })).toThrow(/not allowed/);
    });

    it.runIf(example.deterministic)('re-signs the signing input byte-for-byte', () => {
      const signing = importKey(example.jwk, alg);
      const [, payloadB64] = example.signing_input.split('.');
      const payload = Buffer.from(payloadB64!, 'base64url').toString();
      const header = new TextEncoder().encode(example.protected_b64u);
      expect(prepareKey(signing).family.sign(signing, header, payload)).toBe(`${example.signing_input}.${example.signature_b64u}`);
    });
  });
});
