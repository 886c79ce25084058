import { describe, expect, it } from 'vitest';
import { importRsaKey, rsaState } from '../src/families/rsa/keys.js';
import { rsaVerifySync } from '../src/families/rsa/jws.js';
import { rsaVerifySubtle } from '../src/families/rsa/webcrypto.js';
import type { Algorithm } from '../src/algorithms.js';
import { hex, loadJson } from './vectors.js';

interface WycheproofRsaFile {
  numberOfTests: number;
  testGroups: {
    publicKeyPem: string;
    sha: string;
    sLen?: number;
    tests: { tcId: number; msg: string; sig: string; result: 'valid' | 'invalid' | 'acceptable'; flags: string[] }[];
  }[];
}

/**
 * file, algorithm, case count, and the 'acceptable' cases' flags. Policy for 'acceptable': we
 * follow RFC 8017 §8.2.2 strictly (re-encode and compare), so a DigestInfo without the NULL
 * parameters ('MissingNull', allowed by RFC 8017 §9.2 note 2 only as an option) is rejected by both
 * the sync path and WebCrypto; the test asserts that rejection.
 */
const FILES: [string, Algorithm, { valid: number; invalid: number; acceptable: number }][] = [
  ['rsa_signature_2048_sha256_test.json', 'RS256', { valid: 9, invalid: 249, acceptable: 1 }],
  ['rsa_signature_3072_sha384_test.json', 'RS384', { valid: 7, invalid: 251, acceptable: 1 }],
  ['rsa_signature_4096_sha512_test.json', 'RS512', { valid: 7, invalid: 251, acceptable: 1 }],
  ['rsa_pss_2048_sha256_mgf1_32_test.json', 'PS256', { valid: 63, invalid: 45, acceptable: 0 }],
  ['rsa_pss_2048_sha384_mgf1_48_test.json', 'PS384', { valid: 95, invalid: 46, acceptable: 0 }],
  ['rsa_pss_4096_sha512_mgf1_64_test.json', 'PS512', { valid: 132, invalid: 47, acceptable: 0 }],
];

describe.each(FILES)('Wycheproof %s as %s', (file, alg, expectedCounts) => {
  const vectors = loadJson<WycheproofRsaFile>(`wycheproof/${file}`);

  it('sync (wasm) and async (WebCrypto) accept every valid case and reject every invalid one', async () => {
    const counts = { valid: 0, invalid: 0, acceptable: 0 };
    const wrong: string[] = [];
    for (const group of vectors.testGroups) {
      const m = rsaState(importRsaKey(group.publicKeyPem, alg));
      for (const tc of group.tests) {
        const msg = hex(tc.msg);
        const sig = hex(tc.sig);
        const sync = rsaVerifySync(m, msg, sig);
        const async = await rsaVerifySubtle(m, msg, sig);
        counts[tc.result]++;
        const expected = tc.result === 'valid';
        if (tc.result !== 'valid' && tc.result !== 'invalid' && tc.result !== 'acceptable')
          throw new Error(`unknown result in tcId ${tc.tcId}`);
        // 'acceptable' cases are MissingNull only (checked below): rejected, see the policy above.
        if (tc.result === 'acceptable') expect(tc.flags).toEqual(['MissingNull']);
        if (sync !== expected) wrong.push(`sync tcId ${tc.tcId} (${tc.result}, ${tc.flags.join(',')})`);
        if (async !== expected) wrong.push(`async tcId ${tc.tcId} (${tc.result}, ${tc.flags.join(',')})`);
      }
    }
    expect(wrong).toEqual([]);
    const run = counts.valid + counts.invalid + counts.acceptable;
    expect(run).toBe(vectors.numberOfTests);
    expect(counts).toEqual(expectedCounts);
  });
});
