/**
 * Wycheproof for JWE (RFC 7516, RFC 7518 §4–5): every case of json_web_encryption_test.json
 * through the public decrypt functions, sync and async, and the primitive files for the
 * algorithms under it (AES-CBC-HMAC, AES-GCM, AES Key Wrap, X25519, RSA-OAEP, P-256 ECDH).
 * Three-way: valid → decrypts to `pt` (or is refused when it uses an algorithm we do not
 * implement or refuse, RSA1_5 and the 192-bit AES variants), invalid → rejected; case counts asserted.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONTENT_ENCRYPTION } from '../src/families/jwe/content.js';
import { aesKeyUnwrap, aesKeyWrap } from '../src/families/jwe/oct.js';
import { keyManagementEntry } from '../src/families/jwe/entry.js';
import { decryptJwe, decryptJweAsync, importJweKey, NotSupportedError } from './helpers/jwe.js';
import { x25519 } from '../src/wasm/x25519.js';
import { hex, loadJson, toHex } from './vectors.js';

type Result = 'valid' | 'invalid' | 'acceptable';

interface JweFile {
  numberOfTests: number;
  testGroups: {
    comment: string;
    private: Record<string, string>;
    tests: { tcId: number; comment: string; jwe: string; pt?: string; result: Result }[];
  }[];
}

const SUPPORTED_ALGS = new Set([
  'dir',
  'A128KW',
  'A256KW',
  'A128GCMKW',
  'A256GCMKW',
  'ECDH-ES',
  'ECDH-ES+A128KW',
  'ECDH-ES+A256KW',
  'RSA-OAEP',
  'RSA-OAEP-256',
]);
const SUPPORTED_ENCS = new Set(Object.keys(CONTENT_ENCRYPTION));

function headerOf(jwe: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(jwe.split('.')[0]!, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The key for a case: bound to the JWK's own key-management alg when it has one (so a GCMKW key refuses a KW token), else to the token's. */
function keyFor(jwk: Record<string, string>, tokenAlg: unknown) {
  const { alg, ...rest } = jwk;
  const bound = alg !== undefined && SUPPORTED_ALGS.has(alg) ? alg : (tokenAlg as string);
  // RFC 7520 §5.6 gives its `dir` key `"alg": "A128GCM"` (the enc): not a key-management binding.
  const material = alg !== undefined && SUPPORTED_ALGS.has(alg) ? jwk : rest;
  return importJweKey(material, bound as 'dir');
}

const file = loadJson<JweFile>('wycheproof/json_web_encryption_test.json');
const cases = file.testGroups.flatMap((group) => group.tests.map((test) => ({ group, test })));

describe('Wycheproof json_web_encryption_test.json', () => {
  it('has 139 cases', () => {
    expect(file.numberOfTests).toBe(139);
    expect(cases).toHaveLength(139);
  });

  for (const mode of ['sync', 'async'] as const) {
    it(`every case, ${mode}`, async () => {
      const outcome = { decrypted: 0, refused: 0, rejected: 0 };
      for (const { group, test } of cases) {
        const header = headerOf(test.jwe);
        const refusedByDesign = header?.alg === 'RSA1_5' || (header !== undefined && 'zip' in header);
        const supported =
          header !== undefined && SUPPORTED_ALGS.has(header.alg as string) && SUPPORTED_ENCS.has(header.enc as string) && !refusedByDesign;
        const options = { keyManagementAlgorithms: [String(header?.alg)], contentEncryptionAlgorithms: [String(header?.enc)] };
        let plaintext: Uint8Array | undefined;
        let failure: unknown;
        try {
          const key = keyFor(group.private, header?.alg);
          plaintext = (mode === 'sync' ? decryptJwe(test.jwe, key, options) : await decryptJweAsync(test.jwe, key, options)).plaintext;
        } catch (error) {
          failure = error;
        }
        const label = `tcId ${test.tcId} (${test.comment})`;
        if (test.result === 'valid' && supported) {
          expect(failure, label).toBeUndefined();
          expect(toHex(plaintext!), label).toBe(test.pt);
          outcome.decrypted++;
        } else if (test.result === 'valid') {
          // RSA1_5 and zip (RFC 7520 §5.9) are refused by design; the 192-bit AES variants are not implemented.
          expect(failure, label).toBeDefined();
          if (refusedByDesign) expect(failure, label).toBeInstanceOf(NotSupportedError);
          outcome.refused++;
        } else {
          expect(plaintext, label).toBeUndefined();
          expect(failure, label).toBeDefined();
          outcome.rejected++;
        }
      }
      // 65 valid: 42 decrypt; 23 use RSA1_5, zip or a 192-bit AES variant and are refused. 74 invalid.
      expect(outcome).toEqual({ decrypted: 42, refused: 23, rejected: 74 });
    });
  }
});

interface AeadFile {
  numberOfTests: number;
  testGroups: {
    keySize: number;
    ivSize: number;
    tagSize: number;
    tests: { tcId: number; key: string; iv: string; aad: string; msg: string; ct: string; tag: string; result: Result }[];
  }[];
}

type AeadCase = AeadFile['testGroups'][number]['tests'][number];

/** One AEAD case on both paths: valid → the plaintext, and encryption gives the ciphertext and tag; invalid → null. */
async function checkAead(content: (typeof CONTENT_ENCRYPTION)[keyof typeof CONTENT_ENCRYPTION], t: AeadCase): Promise<void> {
  const [key, iv, aad, msg, ct, tag] = [t.key, t.iv, t.aad, t.msg, t.ct, t.tag].map(hex) as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  const sync = content.decrypt(key, iv, ct, tag, aad);
  const async = await content.decryptAsync(key, iv, ct, tag, aad);
  if (t.result === 'valid') {
    expect(toHex(sync!), `tcId ${t.tcId}`).toBe(t.msg);
    expect(toHex(async!), `tcId ${t.tcId}`).toBe(t.msg);
    const sealed = content.encrypt(key, iv, msg, aad);
    expect(toHex(sealed.ciphertext) + toHex(sealed.tag)).toBe(t.ct + t.tag);
    const sealedAsync = await content.encryptAsync(key, iv, msg, aad);
    expect(toHex(sealedAsync.ciphertext) + toHex(sealedAsync.tag)).toBe(t.ct + t.tag);
  } else {
    expect(sync, `tcId ${t.tcId}`).toBeNull();
    expect(async, `tcId ${t.tcId}`).toBeNull();
  }
}

describe.each([
  ['a128cbc_hs256_test.json', 'A128CBC-HS256', 94],
  ['a256cbc_hs512_test.json', 'A256CBC-HS512', 94],
] as const)('Wycheproof %s (enc %s)', (name, enc, count) => {
  const data = loadJson<AeadFile>(`wycheproof/${name}`);
  const content = CONTENT_ENCRYPTION[enc];
  it(`${count} cases, sync and async`, async () => {
    let run = 0;
    for (const group of data.testGroups) {
      for (const t of group.tests) {
        await checkAead(content, t);
        run++;
      }
    }
    expect(run).toBe(count);
    expect(data.numberOfTests).toBe(count);
  });
});

describe('Wycheproof aes_gcm_test.json (A128GCM, A256GCM: 96-bit IV, 128-bit tag)', () => {
  const data = loadJson<AeadFile>('wycheproof/aes_gcm_test.json');
  it('every JWE-shaped case (128- and 256-bit keys, 96-bit IV); the others counted', async () => {
    let run = 0;
    let other = 0;
    for (const group of data.testGroups) {
      const content = group.keySize === 128 ? CONTENT_ENCRYPTION.A128GCM : group.keySize === 256 ? CONTENT_ENCRYPTION.A256GCM : undefined;
      for (const t of group.tests) {
        if (content === undefined || Number(group.ivSize) !== 96 || Number(group.tagSize) !== 128) {
          other++;
          continue;
        }
        await checkAead(content, t);
        run++;
      }
    }
    expect(run + other).toBe(data.numberOfTests);
    expect(run).toBeGreaterThan(100);
  });
});

describe('Wycheproof aes_wrap_test.json (A128KW, A256KW)', () => {
  const data = loadJson<{
    numberOfTests: number;
    testGroups: { keySize: number; tests: { tcId: number; key: string; msg: string; ct: string; result: Result; flags: string[] }[] }[];
  }>('wycheproof/aes_wrap_test.json');
  it('every case of the 128- and 256-bit groups; acceptable (ShortKey: 8-byte keys) is refused', () => {
    let run = 0;
    let other = 0;
    for (const group of data.testGroups) {
      for (const t of group.tests) {
        if (Number(group.keySize) === 192) {
          other++;
          continue;
        }
        const [kek, msg, ct] = [t.key, t.msg, t.ct].map(hex) as Uint8Array[];
        const unwrapped = aesKeyUnwrap(kek!, ct!);
        if (t.result === 'valid') {
          expect(toHex(unwrapped!), `tcId ${t.tcId}`).toBe(t.msg);
          expect(toHex(aesKeyWrap(kek!, msg!))).toBe(t.ct);
        } else expect(unwrapped, `tcId ${t.tcId}`).toBeNull();
        run++;
      }
    }
    expect(run + other).toBe(165);
    expect(run).toBe(110);
  });
});

describe('Wycheproof x25519_test.json (ECDH-ES on X25519, RFC 7748 §5)', () => {
  const data = loadJson<{
    numberOfTests: number;
    testGroups: { tests: { tcId: number; public: string; private: string; shared: string; result: Result; flags: string[] }[] }[];
  }>('wycheproof/x25519_test.json');
  it('518 cases: the ladder matches every shared secret; an all-zero one is refused', () => {
    let run = 0;
    let zero = 0;
    for (const t of data.testGroups.flatMap((g) => g.tests)) {
      const shared = x25519(hex(t.private), hex(t.public));
      if (/^0+$/.test(t.shared)) {
        expect(shared, `tcId ${t.tcId}`).toBeNull();
        zero++;
      } else expect(toHex(shared!), `tcId ${t.tcId}`).toBe(t.shared);
      run++;
    }
    expect(run).toBe(518);
    expect(zero).toBeGreaterThan(0);
  });
});

interface OaepFile {
  numberOfTests: number;
  testGroups: { privateKeyPem: string; tests: { tcId: number; msg: string; ct: string; label: string; result: Result }[] }[];
}

describe.each([
  ['rsa_oaep_2048_sha1_mgf1sha1_test.json', 'RSA-OAEP', 36],
  ['rsa_oaep_2048_sha256_mgf1sha256_test.json', 'RSA-OAEP-256', 37],
] as const)('Wycheproof %s (%s)', (name, alg, count) => {
  const data = loadJson<OaepFile>(`wycheproof/${name}`);
  const entry = keyManagementEntry(alg);
  it(`${count} cases, sync (wasm) and async (WebCrypto); non-empty labels are counted, not run (JWE labels are empty)`, async () => {
    let run = 0;
    let labelled = 0;
    for (const group of data.testGroups) {
      const key = importJweKey(group.privateKeyPem, alg);
      for (const t of group.tests) {
        if (t.label !== '') {
          labelled++;
          continue;
        }
        const header = { alg, enc: 'A128GCM' };
        const options = { maxPbes2Count: 1 };
        const sync = entry.family.unwrap(key, CONTENT_ENCRYPTION.A128GCM, header, hex(t.ct), options);
        const async = await entry.family.unwrapAsync(key, CONTENT_ENCRYPTION.A128GCM, header, hex(t.ct), options);
        if (t.result === 'valid') {
          expect(toHex(sync!), `tcId ${t.tcId}`).toBe(t.msg);
          expect(toHex(async!), `tcId ${t.tcId}`).toBe(t.msg);
        } else {
          expect(sync, `tcId ${t.tcId}`).toBeNull();
          expect(async, `tcId ${t.tcId}`).toBeNull();
        }
        run++;
      }
    }
    expect(run + labelled).toBe(count);
    expect(run).toBeGreaterThan(10);
  });
});

/** The Concat KDF of RFC 7518 §4.6.2 for ECDH-ES + A128GCM, written independently on node:crypto (a differential). */
function expectedCek(sharedHex: string): string {
  const lengthPrefixed = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  const otherInfo = Buffer.concat([
    lengthPrefixed(Buffer.from('A128GCM')),
    lengthPrefixed(Buffer.alloc(0)),
    lengthPrefixed(Buffer.alloc(0)),
    Buffer.from([0, 0, 0, 128]),
  ]);
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from(sharedHex, 'hex'), otherInfo]))
    .digest()
    .subarray(0, 16)
    .toString('hex');
}

describe('Wycheproof ecdh_secp256r1_webcrypto_test.json (ECDH-ES on P-256, the epk as a JWK)', () => {
  const data = loadJson<{
    numberOfTests: number;
    testGroups: {
      tests: { tcId: number; public: Record<string, string>; private: Record<string, string>; shared: string; result: Result }[];
    }[];
  }>('wycheproof/ecdh_secp256r1_webcrypto_test.json');
  const entry = keyManagementEntry('ECDH-ES');
  const enc = CONTENT_ENCRYPTION.A128GCM;
  for (const mode of ['async', 'sync'] as const) {
    it(`353 cases through the ECDH-ES family, ${mode}: the agreed key, or refusal of the epk`, async () => {
      let run = 0;
      for (const t of data.testGroups.flatMap((g) => g.tests)) {
        const key = importJweKey(t.private, 'ECDH-ES');
        const { kid: _kid, ...epk } = t.public;
        const header = { alg: 'ECDH-ES', enc: 'A128GCM', epk };
        const options = { maxPbes2Count: 1 };
        const cek =
          mode === 'async'
            ? await entry.family.unwrapAsync(key, enc, header, new Uint8Array(0), options)
            : entry.family.unwrap(key, enc, header, new Uint8Array(0), options);
        if (t.result === 'valid') expect(toHex(cek!), `tcId ${t.tcId}`).toBe(expectedCek(t.shared));
        else expect(cek, `tcId ${t.tcId}`).toBeNull();
        run++;
      }
      expect(run).toBe(353);
    });
  }
});

describe('X25519 public keys (fixed-base comb and the birational map, RFC 7748 §4.1)', () => {
  it('RFC 7748 §6.1 Alice and Bob; random scalars equal the ladder at u = 9 and node:crypto', async () => {
    const { x25519PublicKey } = await import('../src/wasm/x25519.js');
    const { createPrivateKey, createPublicKey } = await import('node:crypto');
    expect(toHex(x25519PublicKey(hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a')))).toBe(
      '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
    );
    expect(toHex(x25519PublicKey(hex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb')))).toBe(
      'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f',
    );
    const nine = Uint8Array.of(9, ...new Uint8Array(31));
    for (let i = 0; i < 64; i++) {
      const d = crypto.getRandomValues(new Uint8Array(32));
      if (i === 0) d.fill(0xff);
      if (i === 1) d.fill(0);
      const pub = x25519PublicKey(d);
      expect(toHex(pub)).toBe(toHex(x25519(d, nine)!));
      const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), d]);
      const spki = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' });
      expect(toHex(pub)).toBe(toHex(new Uint8Array(spki.subarray(-32))));
    }
  });
});
