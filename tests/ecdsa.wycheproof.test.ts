import { describe, expect, it } from 'vitest';
import { ecState, importEcKey } from '../src/families/ecdsa/keys.js';
import { EC_CURVES } from './helpers/ec-curves.js';
import { ecdsaVerify, ecVerificationTable } from '../src/wasm/ecdsa.js';
import { p256Module } from '../src/wasm/modules/p256.js';
import { p384Module } from '../src/wasm/modules/p384.js';
import { p521Module } from '../src/wasm/modules/p521.js';
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
  ['ecdsa_secp256r1_sha256_p1363_test.json', p256Module, 'ES256', 262],
  ['ecdsa_secp384r1_sha384_p1363_test.json', p384Module, 'ES384', 280],
  ['ecdsa_secp521r1_sha512_p1363_test.json', p521Module, 'ES512', 318],
] as const;

describe.each(FILES)('Wycheproof %s', (file, curve, alg, expectedCount) => {
  const data = loadJson<WycheproofEcdsaFile>(`wycheproof/${file}`);

  it(`runs every case: valid/acceptable accepted, invalid rejected (${expectedCount} cases), one-shot and per-key-table paths`, () => {
    let run = 0;
    const failures: string[] = [];
    for (const group of data.testGroups) {
      const xy = hex(group.publicKey.uncompressed).subarray(1);
      const table = ecVerificationTable(curve, xy)!;
      // The same key through both importers: SPKI PEM and JWK give the same point.
      expect(ecState(importEcKey(group.publicKeyPem, EC_CURVES[alg])).xy).toEqual(xy);
      if (group.publicKeyJwk !== undefined) {
        const { kid: _kid, ...jwk } = group.publicKeyJwk;
        expect(ecState(importEcKey(jwk, EC_CURVES[alg])).xy).toEqual(xy);
      }
      for (const t of group.tests) {
        const ok = ecdsaVerify(curve, xy, hex(t.msg), hex(t.sig));
        // The per-key table path (64 precomputed multiples) must agree with the one-shot path.
        const withTable = ecdsaVerify(curve, xy, hex(t.msg), hex(t.sig), table);
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
