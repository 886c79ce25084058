import { describe, expect, it } from 'vitest';
import { ecState, importEcKey } from '../src/families/ecdsa/keys.js';
import { CURVE_P256, CURVE_P384, ecdsaVerify, ecVerificationTable, type EcCurveId } from '../src/wasm/ecdsa.js';
import { hex, loadJson } from './vectors.js';

interface WycheproofEcdsaFile {
  numberOfTests: number;
  testGroups: {
    publicKey: { uncompressed: string; curve: string };
    publicKeyPem: string;
    publicKeyJwk?: Record<string, string>;
    tests: { tcId: number; comment: string; msg: string; sig: string; result: 'valid' | 'invalid' | 'acceptable'; flags: string[] }[];
  }[];
}

const FILES = [
  ['ecdsa_secp256r1_sha256_p1363_test.json', CURVE_P256, 'ES256', 262],
  ['ecdsa_secp384r1_sha384_p1363_test.json', CURVE_P384, 'ES384', 280],
] as const;

describe.each(FILES)('Wycheproof %s', (file, curve, alg, expectedCount) => {
  const data = loadJson<WycheproofEcdsaFile>(`wycheproof/${file}`);

  it(`runs every case: valid/acceptable accepted, invalid rejected (${expectedCount} cases), one-shot and per-key-table paths`, () => {
    let run = 0;
    const failures: string[] = [];
    for (const group of data.testGroups) {
      const xy = hex(group.publicKey.uncompressed).subarray(1);
      const table = ecVerificationTable(curve as EcCurveId, xy)!;
      // The same key through both importers: SPKI PEM and JWK give the same point.
      expect(ecState(importEcKey(group.publicKeyPem, alg)).xy).toEqual(xy);
      if (group.publicKeyJwk !== undefined) {
        const { kid: _kid, ...jwk } = group.publicKeyJwk;
        expect(ecState(importEcKey(jwk, alg)).xy).toEqual(xy);
      }
      for (const t of group.tests) {
        const ok = ecdsaVerify(curve as EcCurveId, xy, hex(t.msg), hex(t.sig));
        // The per-key table path (64 precomputed multiples) must agree with the one-shot path.
        const withTable = ecdsaVerify(curve as EcCurveId, xy, hex(t.msg), hex(t.sig), table);
        if (withTable !== ok) failures.push(`tcId ${t.tcId}: table path disagrees`);
        let expected: boolean;
        if (t.result === 'valid' || t.result === 'acceptable') expected = true;
        else if (t.result === 'invalid') expected = false;
        else throw new Error(`unknown result ${String(t.result)} in tcId ${t.tcId}`);
        if (ok !== expected) failures.push(`tcId ${t.tcId} (${t.comment}): got ${ok}`);
        run++;
      }
    }
    expect(failures).toEqual([]);
    expect(run).toBe(data.numberOfTests);
    expect(run).toBe(expectedCount);
  });
});
