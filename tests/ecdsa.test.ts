import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import * as jose from 'jose';
import { createSigner, createVerifier } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import { CipherToken, ES256, ES384, ES512, InvalidTokenError, KeyError, minutes, days, now } from '../src/index.js';
import { ecPrivatePem, ecPublicPem, ecState, importEcKey } from '../src/families/ecdsa/keys.js';
import { P256 } from '../src/families/ecdsa/p256.js';
import { P384 } from '../src/families/ecdsa/p384.js';
import { P521 } from '../src/families/ecdsa/p521.js';
import { EC_CURVES } from './helpers/ec-curves.js';
import { prepareKey, verifyCompact } from '../src/jose/compact.js';
import { generateEcKeypair, generateEcKeypairAsync } from '../src/token/secret.js';
import { ecdsaSign, ecdsaVerify, ecPublicKey, ecVerificationTable } from '../src/wasm/ecdsa.js';
import { WasmModule } from '../src/wasm/loader.js';
import type { CurveExports } from '../src/wasm/modules/curve.js';
import { p256Module } from '../src/wasm/modules/p256.js';
import { P256_WASM_BYTES } from '../src/wasm/embedded/p256.js';
import { P384_WASM_BYTES } from '../src/wasm/embedded/p384.js';
import { P521_WASM_BYTES } from '../src/wasm/embedded/p521.js';
import { p384Module } from '../src/wasm/modules/p384.js';
import { p521Module } from '../src/wasm/modules/p521.js';
import { wasmMemoryBytes } from './helpers/residue.js';
import { hex, joseExamples, toHex } from './vectors.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('RFC 6979 deterministic signatures', () => {
  // RFC 6979 §A.2.5 (P-256, SHA-256), §A.2.6 (P-384, SHA-384) and §A.2.7 (P-521, SHA-512: qlen = 521,
  // so each nonce candidate is two HMAC outputs shifted right by 7 bits, §2.3.2).
  const CASES = [
    {
      name: 'A.2.5 P-256/SHA-256',
      curve: p256Module,
      x: 'C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721',
      ux: '60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6',
      uy: '7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299',
      sigs: {
        sample: [
          'EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716',
          'F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8',
        ],
        test: [
          'F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367',
          '019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083',
        ],
      },
    },
    {
      name: 'A.2.6 P-384/SHA-384',
      curve: p384Module,
      x: '6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5',
      ux: 'EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64DEF8F0EA9055866064A254515480BC13',
      uy: '8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD2533264720',
      sigs: {
        sample: [
          '94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46',
          '99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8',
        ],
        test: [
          '8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB0542A7F0812998DA8F1DD3CA3CF023DB',
          'DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E06A739F040649A667BF3B828246BAA5A5',
        ],
      },
    },
    {
      name: 'A.2.7 P-521/SHA-512',
      curve: p521Module,
      x: '00FAD06DAA62BA3B25D2FB40133DA757205DE67F5BB0018FEE8C86E1B68C7E75CAA896EB32F1F47C70855836A6D16FCC1466F6D8FBEC67DB89EC0C08B0E996B83538',
      ux: '01894550D0785932E00EAA23B694F213F8C3121F86DC97A04E5A7167DB4E5BCD371123D46E45DB6B5D5370A7F20FB633155D38FFA16D2BD761DCAC474B9A2F5023A4',
      uy: '00493101C962CD4D2FDDF782285E64584139C2F91B47F87FF82354D6630F746A28A0DB25741B5B34A828008B22ACC23F924FAAFBD4D33F81EA66956DFEAA2BFDFCF5',
      sigs: {
        sample: [
          '00C328FAFCBD79DD77850370C46325D987CB525569FB63C5D3BC53950E6D4C5F174E25A1EE9017B5D450606ADD152B534931D7D4E8455CC91F9B15BF05EC36E377FA',
          '00617CCE7CF5064806C467F678D3B4080D6F1CC50AF26CA209417308281B68AF282623EAA63E5B5C0723D8B8C37FF0777B1A20F8CCB1DCCC43997F1EE0E44DA4A67A',
        ],
        test: [
          '013E99020ABF5CEE7525D16B69B229652AB6BDF2AFFCAEF38773B4B7D08725F10CDB93482FDCC54EDCEE91ECA4166B2A7C6265EF0CE2BD7051B7CEF945BABD47EE6D',
          '01FBD0013C674AA79CB39849527916CE301C66EA7CE8B80682786AD60F98F7E78A19CA69EFF5C57400E3B3A0AD66CE0978214D13BAF4E9AC60752F7B155E2DE4DCE3',
        ],
      },
    },
  ] as const;

  for (const c of CASES) {
    it(`${c.name}: public key and both messages byte-exact`, () => {
      const d = hex(c.x);
      const xy = hex(c.ux + c.uy);
      expect(toHex(ecPublicKey(c.curve, d)!)).toBe(toHex(xy));
      for (const [msg, [r, s]] of Object.entries(c.sigs)) {
        const sig = ecdsaSign(c.curve, d, utf8(msg));
        expect(toHex(sig).toUpperCase()).toBe(r + s);
        expect(ecdsaVerify(c.curve, xy, utf8(msg), sig)).toBe(true);
        expect(ecdsaVerify(c.curve, xy, utf8(msg + '!'), sig)).toBe(false);
      }
    });
  }
});

describe('RFC 7515 A.3 (ES256)', () => {
  const example = joseExamples().find((e) => e.alg === 'ES256')!;
  it('the example verifies with the public JWK, and a changed signature fails', () => {
    const key = prepareKey(importEcKey((example as unknown as { jwk_public: JsonWebKey }).jwk_public, P256));
    const { payloadText } = verifyCompact(example.compact, [key], { algorithms: new Set(['ES256']) });
    expect(payloadText).toBe(example.payload);
    const bad = example.compact.slice(0, -2) + (example.compact.endsWith('Q') ? 'R' : 'Q') + example.compact.slice(-1);
    expect(() => verifyCompact(bad.slice(0, -1) + 'A', [key], { algorithms: new Set(['ES256']) })).toThrow(InvalidTokenError);
    // The private JWK derives the same public key.
    expect(ecState(importEcKey(example.jwk, P256)).xy).toEqual(ecState(key.key).xy);
  });
});

const CURVES = [
  ['P-256', p256Module, p256, 32, 'sha256', 'prime256v1', 'ES256'],
  ['P-384', p384Module, p384, 48, 'sha384', 'secp384r1', 'ES384'],
  ['P-521', p521Module, p521, 66, 'sha512', 'secp521r1', 'ES512'],
] as const;

describe.each(CURVES)('%s differential', (_name, curve, noble, len, hash, namedCurve, alg) => {
  const scalar = fc.uint8Array({ minLength: len, maxLength: len }).filter((d) => noble.utils.isValidSecretKey(d));
  const message = fc.uint8Array({ minLength: 0, maxLength: 300 });

  it('signatures equal @noble/curves (prehash, lowS: false) byte for byte, public keys too', () => {
    fc.assert(
      fc.property(scalar, message, (d, msg) => {
        expect(toHex(ecPublicKey(curve, d)!)).toBe(toHex(noble.getPublicKey(d, false).subarray(1)));
        expect(toHex(ecdsaSign(curve, d, msg))).toBe(toHex(noble.sign(msg, d, { prehash: true, lowS: false })));
      }),
      { numRuns: 40 },
    );
  });

  // The comb's edges (curve/weierstrass.ts baseMul), once it is built (the first fixed-base
  // multiplications of a module take pointMul): scalars whose low windows are all zero keep the
  // identity mask set for many windows; n − 1 and its neighbours carry into the top window; single
  // bits and all-ones runs put every digit at ±2^(w−1) or 0.
  it('public keys of edge scalars equal @noble/curves once the comb is built', () => {
    const n = noble.Point.Fn.ORDER;
    const enc = (v: bigint) => hex(v.toString(16).padStart(2 * len, '0'));
    for (let i = 0; i < 12; i++) ecPublicKey(curve, enc(BigInt(i + 1)));
    const bits = n.toString(2).length;
    const edges = [1n, 2n, 3n, 31n, 32n, 33n, 63n, 64n, n - 1n, n - 2n, n - 32n, n >> 1n, (n >> 1n) + 1n];
    for (let b = 0; b < bits; b += 5) edges.push(1n << BigInt(b), (1n << BigInt(b)) - 1n, n - (1n << BigInt(b)));
    for (const d of edges.filter((x) => x > 0n && x < n)) {
      expect(toHex(ecPublicKey(curve, enc(d))!), d.toString(16)).toBe(toHex(noble.getPublicKey(enc(d), false).subarray(1)));
    }
  });

  it('node:crypto (ieee-p1363) verifies ours and we verify its, both ways round', () => {
    fc.assert(
      fc.property(message, fc.boolean(), (msg, tamper) => {
        const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
        const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
        const key = importEcKey(pem, EC_CURVES[alg]);
        const { d, xy } = ecState(key);
        const ours = ecdsaSign(curve, d!, msg);
        expect(nodeVerify(hash, msg, { key: publicKey, dsaEncoding: 'ieee-p1363' }, ours)).toBe(true);
        const theirs = new Uint8Array(nodeSign(hash, msg, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
        if (tamper) theirs[theirs.length - 1]! ^= 1;
        expect(ecdsaVerify(curve, xy, msg, theirs)).toBe(!tamper);
        expect(ecdsaVerify(curve, xy, msg, theirs, ecVerificationTable(curve, xy)!)).toBe(!tamper);
      }),
      { numRuns: 20 },
    );
  });

  it('rejects r or s of 0 or ≥ n, wrong lengths, and high-S is accepted', () => {
    const d = noble.utils.randomSecretKey();
    const xy = noble.getPublicKey(d, false).subarray(1);
    const msg = utf8('psychic');
    const sig = ecdsaSign(curve, d, msg);
    expect(ecdsaVerify(curve, xy, msg, sig)).toBe(true);
    expect(ecdsaVerify(curve, xy, msg, new Uint8Array(2 * len))).toBe(false); // CVE-2022-21449
    expect(ecdsaVerify(curve, xy, msg, sig.subarray(1))).toBe(false);
    expect(ecdsaVerify(curve, xy, msg, Uint8Array.of(...sig, 0))).toBe(false);
    const n = noble.Point.Fn.ORDER;
    const big = (b: Uint8Array) => BigInt('0x' + toHex(b));
    const enc = (v: bigint) => hex(v.toString(16).padStart(2 * len, '0'));
    const r = big(sig.subarray(0, len));
    const s = big(sig.subarray(len));
    // r + n and s + n, when they still fit the encoding, name the same residues but are out of range.
    if (r + n < 1n << BigInt(8 * len)) expect(ecdsaVerify(curve, xy, msg, Uint8Array.of(...enc(r + n), ...enc(s)))).toBe(false);
    if (s + n < 1n << BigInt(8 * len)) expect(ecdsaVerify(curve, xy, msg, Uint8Array.of(...enc(r), ...enc(s + n)))).toBe(false);
    expect(ecdsaVerify(curve, xy, msg, Uint8Array.of(...enc(n), ...enc(s)))).toBe(false);
    expect(ecdsaVerify(curve, xy, msg, Uint8Array.of(...enc(r), ...enc(n)))).toBe(false);
    // (r, n − s) is the other valid signature of the pair; JWS does not require low-S, so it verifies.
    expect(ecdsaVerify(curve, xy, msg, Uint8Array.of(...enc(r), ...enc(n - s)))).toBe(true);
  });
});

describe('EC keys', () => {
  it.each([
    ['ES256', 'prime256v1'],
    ['ES384', 'secp384r1'],
    ['ES512', 'secp521r1'],
  ] as const)('%s imports PKCS#8, SEC1, SPKI, compressed SPKI and JWK from node:crypto', (alg, namedCurve) => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
    const pkcs8 = importEcKey(privateKey.export({ type: 'pkcs8', format: 'pem' }), EC_CURVES[alg]);
    const sec1 = importEcKey(privateKey.export({ type: 'sec1', format: 'pem' }), EC_CURVES[alg]);
    const spki = importEcKey(publicKey.export({ type: 'spki', format: 'pem' }), EC_CURVES[alg]);
    const jwkPriv = importEcKey(privateKey.export({ format: 'jwk' }), EC_CURVES[alg]);
    const jwkPub = importEcKey(JSON.stringify(publicKey.export({ format: 'jwk' })), EC_CURVES[alg]);
    // The same key as a compressed point (SEC 1 §2.3.3) in an SPKI built around node's AlgorithmIdentifier.
    const xy = ecState(spki).xy;
    const len = xy.length / 2;
    const der = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    // The SEQUENCE's length takes one byte, or two (0x81 nn) for P-521's 158-byte SPKI.
    const start = der[1] === 0x81 ? 3 : 2;
    const algId = der.subarray(start, start + 2 + der[start + 1]!);
    const point = Uint8Array.of(2 + (xy[2 * len - 1]! & 1), ...xy.subarray(0, len));
    const body = Uint8Array.of(...algId, 0x03, point.length + 1, 0x00, ...point);
    const compressed = Uint8Array.of(0x30, ...(body.length < 0x80 ? [body.length] : [0x81, body.length]), ...body);
    const compressedPem = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(compressed).toString('base64')}\n-----END PUBLIC KEY-----\n`;
    expect(createPublicKey(compressedPem).export({ format: 'jwk' })).toEqual(publicKey.export({ format: 'jwk' }));
    const fromCompressed = importEcKey(compressedPem, EC_CURVES[alg]);
    for (const k of [sec1, spki, jwkPriv, jwkPub, fromCompressed]) expect(ecState(k).xy).toEqual(xy);
    expect(ecState(sec1).d).toEqual(ecState(pkcs8).d);
    expect(ecState(jwkPriv).d).toEqual(ecState(pkcs8).d);
    expect([pkcs8.type, spki.type, jwkPub.type]).toEqual(['private', 'public', 'public']);
    // Our PEM exports read back in node:crypto.
    expect(createPrivateKey(ecPrivatePem(pkcs8)).export({ format: 'jwk' })).toEqual(privateKey.export({ format: 'jwk' }));
    expect(createPublicKey(ecPublicPem(pkcs8)).export({ format: 'jwk' })).toEqual(publicKey.export({ format: 'jwk' }));
  });

  it('refuses wrong curves, off-curve points, bad scalars, mismatched halves and HMAC-style input', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const jwk = privateKey.export({ format: 'jwk' }) as Record<string, string>;
    const es256 = (material: unknown) => importEcKey(material, P256);
    expect(() => importEcKey(privateKey.export({ type: 'pkcs8', format: 'pem' }), P384)).toThrow(KeyError);
    expect(() => importEcKey(privateKey.export({ type: 'pkcs8', format: 'pem' }), P521)).toThrow(KeyError);
    expect(() => es256({ ...jwk, alg: 'ES384' })).toThrow(KeyError);
    expect(() => es256({ ...jwk, y: jwk.x })).toThrow(KeyError);
    expect(() => es256({ ...jwk, d: 'A'.repeat(43) })).toThrow(KeyError);
    expect(() => es256({ ...jwk, d: Buffer.from(p256.Point.Fn.ORDER.toString(16), 'hex').toString('base64url') })).toThrow(KeyError);
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'jwk' }) as Record<string, string>;
    expect(() => es256({ ...jwk, x: other.x, y: other.y })).toThrow(KeyError);
    expect(() => es256('a shared secret')).toThrow(KeyError);
    expect(() => es256(new Uint8Array(32))).toThrow(KeyError);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
    expect(() => es256(rsa)).toThrow(KeyError);
    const der = publicKey.export({ type: 'spki', format: 'der' });
    const trailing = `-----BEGIN PUBLIC KEY-----\n${Buffer.concat([der, Buffer.of(0)]).toString('base64')}\n-----END PUBLIC KEY-----`;
    expect(() => es256(trailing)).toThrow(KeyError);
  });

  it('P-521: refuses a coordinate or scalar ≥ 2^521 in the 66-byte encodings, and the order n as d', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
    const jwk = privateKey.export({ format: 'jwk' }) as Record<string, string>;
    const es512 = (material: unknown) => importEcKey(material, P521);
    expect(ecState(es512(jwk)).xy).toHaveLength(132);
    const withTop = (b64: string, top: number) => {
      const bytes = Buffer.from(b64, 'base64url');
      bytes[0] = top;
      return bytes.toString('base64url');
    };
    // p = 2^521 − 1: a top byte of 0x02 puts x at or above 2^521 > p; d likewise above n.
    expect(() => es512({ ...jwk, d: undefined, x: withTop(jwk.x!, 2) })).toThrow(KeyError);
    expect(() => es512({ ...jwk, d: withTop(jwk.d!, 2) })).toThrow(KeyError);
    expect(() =>
      es512({ ...jwk, d: Buffer.from(p521.Point.Fn.ORDER.toString(16).padStart(132, '0'), 'hex').toString('base64url') }),
    ).toThrow(KeyError);
    // 65-byte members (a leading zero dropped) are refused: RFC 7518 §6.2.1.2 asks for the full length.
    expect(() => es512({ ...jwk, d: Buffer.from(jwk.d!, 'base64url').subarray(1).toString('base64url') })).toThrow(KeyError);
  });

  it('generateEcKeypair returns PKCS#8 and SPKI PEM that node:crypto accepts and that match', async () => {
    for (const alg of [ES256, ES384, ES512] as const) {
      const [priv, pub] = alg === ES384 ? await generateEcKeypairAsync(alg) : generateEcKeypair(alg);
      expect(priv).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      expect(pub).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
      const pubFromPriv = createPublicKey(createPrivateKey(priv)).export({ format: 'jwk' });
      expect(createPublicKey(pub).export({ format: 'jwk' })).toEqual(pubFromPriv);
    }
  });
});

describe.each([ES256, ES384, ES512] as const)('CipherToken %s', (alg) => {
  const [privatePem, publicPem] = generateEcKeypair(alg);
  const issuer = new CipherToken({
    secret: privatePem,
    algorithm: alg,
    accessTtl: minutes(10),
    refreshTtl: days(7),
    issuer: 'ct',
    audience: 'api',
  });
  const verifier = new CipherToken({
    secret: publicPem,
    algorithm: alg,
    accessTtl: minutes(10),
    refreshTtl: days(7),
    issuer: 'ct',
    audience: 'api',
  });
  const sigLen = { ES256: 86, ES384: 128, ES512: 176 }[alg];

  it('round trip, sync and async; a public key gives a verify-only instance', async () => {
    const token = issuer.access({ user: 7, name: 'Zoë' });
    expect(token.split('.')[2]).toHaveLength(sigLen);
    expect(issuer.decode(token).payload).toEqual({ user: 7, name: 'Zoë' });
    expect(verifier.decode(token).payload).toEqual({ user: 7, name: 'Zoë' });
    expect(await verifier.verifyAsync(await issuer.refreshAsync({ a: 1 }))).toBe(true);
    const [access, refresh] = issuer.rotation(issuer.refresh({ a: 2 }));
    expect(verifier.verify(access) && verifier.verify(refresh)).toBe(true);
    expect(() => verifier.access({})).toThrow(KeyError);
    const [, , sig] = token.split('.');
    const flipped = token.slice(0, -sig!.length) + (sig![0] === 'A' ? 'B' : 'A') + sig!.slice(1);
    expect(verifier.verify(flipped)).toBe(false);
    const other = new CipherToken({
      secret: generateEcKeypair(alg)[1],
      algorithm: alg,
      accessTtl: 60,
      refreshTtl: 60,
      issuer: 'ct',
      audience: 'api',
    });
    expect(other.verify(token)).toBe(false);
  });

  it('jose and fast-jwt verify our tokens; we verify theirs', async () => {
    const token = issuer.access({ user: 7 });
    const joseKey = await jose.importSPKI(publicPem, alg);
    const { payload } = await jose.jwtVerify(token, joseKey, { algorithms: [alg], issuer: 'ct', audience: 'api' });
    expect(payload.payload).toEqual({ user: 7 });
    expect(createVerifier({ key: publicPem, algorithms: [alg] })(token).token).toBe('access');
    const claims = {
      payload: { user: 8 },
      exp: now() + 600,
      iat: now(),
      ttl: 600,
      token: 'access',
      jti: crypto.randomUUID(),
      iss: 'ct',
      aud: 'api',
    };
    const fromJose = await new jose.SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(await jose.importPKCS8(privatePem, alg));
    const fromFastJwt = createSigner({ key: privatePem, algorithm: alg, noTimestamp: true })(claims);
    for (const t of [fromJose, fromFastJwt]) expect(verifier.decode(t).payload).toEqual({ user: 8 });
  });

  it('signing allocates nothing: memory is unchanged after many sign/verify pairs', () => {
    const token = issuer.access({ warm: true });
    const before = wasmMemoryBytes();
    for (let i = 0; i < (alg === ES256 ? 1000 : alg === ES384 ? 300 : 100); i++) {
      issuer.decode(issuer.access({ i }));
      verifier.verify(token);
    }
    expect(wasmMemoryBytes()).toEqual(before);
  });
});

it('hashes as RFC 7518 §3.4 pairs them (node:crypto digest check of a JWS signing input)', () => {
  const [priv, pub] = generateEcKeypair(ES256);
  const token = new CipherToken({ secret: priv, algorithm: ES256, accessTtl: 60, refreshTtl: 60 }).access({});
  const [h, p, s] = token.split('.');
  expect(nodeVerify('sha256', utf8(`${h}.${p}`), { key: pub, dsaEncoding: 'ieee-p1363' }, Buffer.from(s!, 'base64url'))).toBe(true);
  expect(createHash('sha256').update('x').digest().length).toBe(32);
});

describe('fixed-base multiplication before and after the comb is built', () => {
  // A fresh module multiplies by G without its comb for its first 8 fixed-base uses (assembly/curve/
  // weierstrass.ts, combDue), then builds it. Each round below makes three such uses (key
  // derivation, signing, verification), so 6 rounds cross the switch; RFC 6979 nonces make every
  // signature comparable byte for byte with the warm module's.
  it.each([
    ['p256', P256_WASM_BYTES, p256Module, 'prime256v1'],
    ['p384', P384_WASM_BYTES, p384Module, 'secp384r1'],
    ['p521', P521_WASM_BYTES, p521Module, 'secp521r1'],
  ] as const)(
    '%s: key derivation, signing and verification agree with the warm module across the switch',
    (name, bytes, warm, namedCurve) => {
      const fresh = new WasmModule<CurveExports>(name, bytes);
      for (let round = 0; round < 6; round++) {
        const { privateKey } = generateKeyPairSync('ec', { namedCurve });
        const d = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
        const xy = ecPublicKey(fresh, d)!;
        expect(Buffer.from(xy)).toEqual(Buffer.from(ecPublicKey(warm, d)!));
        const message = crypto.getRandomValues(new Uint8Array(40 + round));
        const signature = ecdsaSign(fresh, d, message);
        expect(Buffer.from(signature)).toEqual(Buffer.from(ecdsaSign(warm, d, message)));
        expect(ecdsaVerify(fresh, xy, message, signature)).toBe(true);
        signature[signature.length - 1]! ^= 1;
        expect(ecdsaVerify(fresh, xy, message, signature)).toBe(false);
      }
    },
  );
});
