import { constants, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { CipherToken, generateRsaKeypair, InvalidTokenError, KeyError, now, type Algorithm } from '../src/index.js';
import { decodePem, encodePem } from '../src/core/pem.js';
import { importRsaCryptoKey, importRsaKey, pkcs8Pem, rsaPrivateState, rsaState, spkiPem } from '../src/families/rsa/keys.js';
import { prepareKey, signCompact, signCompactAsync, verifyCompact, verifyCompactAsync } from '../src/jose/compact.js';
import { rsaSignSync, rsaVerifySync } from '../src/families/rsa/jws.js';
import { rsaSignSubtle, rsaVerifySubtle } from '../src/families/rsa/webcrypto.js';
import { wasmMemoryBytes } from './helpers/residue.js';
import { rsaModule } from '../src/wasm/modules/rsa.js';
import { joseExamples } from './vectors.js';

const ALGS: Algorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const hashOf = (alg: string) => `sha${alg.slice(2)}`;
const nodeOptions = (alg: string) =>
  alg.startsWith('PS') ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 } : {};

// One key pair per file: RSA key generation is slow.
const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PKCS8 = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const PKCS1 = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const SPKI = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const PKCS1_PUBLIC = pair.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const JWK_PRIVATE = pair.privateKey.export({ format: 'jwk' }) as Record<string, string> & { kty: string };
const JWK_PUBLIC = pair.publicKey.export({ format: 'jwk' }) as Record<string, string> & { kty: string };
const message = new TextEncoder().encode('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0');

describe('RSA key import', () => {
  it('reads PKCS#8, PKCS#1, SPKI, PKCS#1 public and JWK alike', () => {
    const sigs = [PKCS8, PKCS1, JWK_PRIVATE, JSON.stringify(JWK_PRIVATE)].map((k) =>
      Buffer.from(rsaSignSync(rsaPrivateState(importRsaKey(k, 'RS256')), message)).toString('hex'),
    );
    expect(new Set(sigs).size).toBe(1);
    for (const pub of [SPKI, PKCS1_PUBLIC, JWK_PUBLIC, PKCS8]) {
      expect(rsaVerifySync(rsaState(importRsaKey(pub, 'RS256')), message, Buffer.from(sigs[0]!, 'hex'))).toBe(true);
    }
    expect(importRsaKey(SPKI, 'PS256').type).toBe('public');
    expect(importRsaKey(`Bag Attributes\n    friendlyName: test\n${PKCS8}`, 'RS256').type).toBe('private'); // RFC 7468 §5.2
    expect(() => importRsaKey(SPKI + PKCS8, 'RS256')).toThrow(/more than one/);
    expect(importRsaKey(PKCS1, 'PS256').type).toBe('private');
  });

  it('re-encodes SPKI and PKCS#8 byte-for-byte (DER writer)', () => {
    const m = rsaPrivateState(importRsaKey(PKCS1, 'RS256'));
    expect(spkiPem(m.pub)).toBe(SPKI);
    expect(decodePem(pkcs8Pem(m.priv)).der).toEqual(decodePem(PKCS8).der);
  });

  it('refuses small moduli, other key types, malformed DER and mismatched JWKs with KeyError', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => importRsaKey(small.publicKey.export({ type: 'spki', format: 'pem' }), 'RS256')).toThrow(/2048/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => importRsaKey(ec.publicKey.export({ type: 'spki', format: 'pem' }), 'RS256')).toThrow(KeyError);
    const der = decodePem(SPKI).der;
    const trailing = encodePem('PUBLIC KEY', Uint8Array.from([...der, 0]));
    const truncated = encodePem('PUBLIC KEY', der.subarray(0, der.length - 1));
    const longLength = Uint8Array.from(der);
    longLength[1] = 0x83; // claims 3 length bytes: breaks the structure
    for (const bad of [
      trailing,
      truncated,
      encodePem('PUBLIC KEY', longLength),
      SPKI.replace('PUBLIC KEY-----\n', 'PUBLIC KEY-----\n!'),
      'secret',
      '{"kty":"oct","k":"AA"}',
    ]) {
      expect(() => importRsaKey(bad, 'RS256')).toThrow(KeyError);
    }
    expect(() => importRsaKey({ ...JWK_PUBLIC, alg: 'PS256' }, 'RS256')).toThrow(/PS256/);
    const { p: _p, ...noCrt } = JWK_PRIVATE;
    expect(() => importRsaKey(noCrt, 'RS256')).toThrow(/CRT/);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as Record<string, string>;
    expect(() => importRsaKey({ ...JWK_PRIVATE, q: other.q!, kty: 'RSA' }, 'RS256')).toThrow(/inconsistent/);
    expect(() => importRsaKey(PKCS8, 'HS256')).toThrow(KeyError);
  });
});

describe('RSA keys from WebCrypto CryptoKeys', () => {
  it('imports an extractable CryptoKey and refuses a non-extractable one', async () => {
    const algorithm = { name: 'RSA-PSS', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-384' };
    const pair = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
    const key = await importRsaCryptoKey(pair.privateKey, 'PS384');
    const sig = rsaSignSync(rsaPrivateState(key), message);
    expect(await crypto.subtle.verify({ name: 'RSA-PSS', saltLength: 48 }, pair.publicKey, sig as BufferSource, message)).toBe(true);
    const locked = await crypto.subtle.importKey('jwk', JWK_PRIVATE, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    await expect(importRsaCryptoKey(locked, 'RS256')).rejects.toThrow(KeyError);
  });
});

describe('RFC 7515 A.2, RFC 7520 §4.1 and §4.2 RSA examples', () => {
  const examples = joseExamples().filter((e) => e.alg.startsWith('RS') || e.alg.startsWith('PS'));

  it('covers the three examples', () => {
    expect(examples.map((e) => e.name).sort()).toEqual(['rfc7515-a2-rs256', 'rfc7520-4_1-rs256', 'rfc7520-4_2-ps384']);
  });

  describe.each(examples)('$name', (example) => {
    const { kid: _kid, use: _use, ...jwk } = example.jwk as Record<string, string> & { kty: string };
    const key = importRsaKey(jwk, example.alg as Algorithm);
    const options = { algorithms: new Set([example.alg]) };

    it('verifies sync (wasm) and async (WebCrypto) and yields the payload', async () => {
      expect(verifyCompact(example.compact, [prepareKey(key)], options).payloadText).toBe(example.payload);
      expect((await verifyCompactAsync(example.compact, [prepareKey(key)], options)).payloadText).toBe(example.payload);
      const flipped = example.compact.slice(0, -2) + (example.compact.at(-2) === 'A' ? 'B' : 'A') + example.compact.at(-1);
      expect(() => verifyCompact(flipped, [prepareKey(key)], options)).toThrow(/signature/);
      await expect(verifyCompactAsync(flipped, [prepareKey(key)], options)).rejects.toThrow(/signature/);
    });

    it.runIf(example.deterministic)('re-signs byte-for-byte, sync and async', async () => {
      const input = new TextEncoder().encode(example.signing_input);
      const m = rsaPrivateState(key);
      expect(Buffer.from(rsaSignSync(m, input)).toString('base64url')).toBe(example.signature_b64u);
      expect(Buffer.from(await rsaSignSubtle(m, input)).toString('base64url')).toBe(example.signature_b64u);
    });
  });
});

describe.each(ALGS)('%s', (alg) => {
  const key = importRsaKey(PKCS8, alg);
  const m = rsaPrivateState(key);

  it('sync and async agree: identical RS* signatures, PS* verified across', async () => {
    const sync = rsaSignSync(m, message);
    const async = await rsaSignSubtle(m, message);
    if (alg.startsWith('RS')) expect(Buffer.from(sync).equals(Buffer.from(async))).toBe(true);
    else expect(Buffer.from(sync).equals(Buffer.from(async))).toBe(false); // fresh salt
    expect(rsaVerifySync(m, message, async)).toBe(true);
    expect(await rsaVerifySubtle(m, message, sync)).toBe(true);
    const bad = Uint8Array.from(sync);
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 1;
    expect(rsaVerifySync(m, message, bad)).toBe(false);
  });

  it('node:crypto verifies ours, we verify node:crypto', () => {
    const ours = rsaSignSync(m, message);
    expect(nodeVerify(hashOf(alg), message, { key: pair.publicKey, ...nodeOptions(alg) }, ours)).toBe(true);
    const theirs = nodeSign(hashOf(alg), message, { key: pair.privateKey, ...nodeOptions(alg) });
    expect(rsaVerifySync(m, message, theirs)).toBe(true);
  });

  it('jose verifies our tokens (sync and async) and we verify jose tokens', async () => {
    const ours = new CipherToken({ secret: PKCS8, algorithm: alg, accessTtl: 600, refreshTtl: 3600, issuer: 'ct' });
    const joseKey = createPublicKey(SPKI);
    for (const token of [ours.access({ user_id: 7, name: 'Zoë ✓' }), await ours.accessAsync({ user_id: 7, name: 'Zoë ✓' })]) {
      const { payload, protectedHeader } = await jose.jwtVerify(token, joseKey, { algorithms: [alg], issuer: 'ct' });
      expect(protectedHeader).toEqual({ alg, typ: 'JWT' });
      expect(payload.payload).toEqual({ user_id: 7, name: 'Zoë ✓' });
    }
    const claims = { payload: { a: 1 }, exp: now() + 600, iat: now(), ttl: 600, token: 'access', jti: crypto.randomUUID(), iss: 'ct' };
    const fromJose = await new jose.SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(pair.privateKey);
    expect(ours.decode(fromJose).payload).toEqual({ a: 1 });
    expect((await ours.decodeAsync(fromJose)).payload).toEqual({ a: 1 });
  });
});

describe('CipherToken with RSA keys', () => {
  it('a public key makes a verify-only instance; verifyKeys rotate RSA keys', async () => {
    const signer = new CipherToken({ secret: PKCS1, algorithm: 'PS256', accessTtl: 60, refreshTtl: 60, kid: 'a' });
    const verifier = new CipherToken({ secret: SPKI, algorithm: 'PS256', accessTtl: 60, refreshTtl: 60 });
    const token = signer.access({ x: 1 });
    expect(verifier.decode(token).payload).toEqual({ x: 1 });
    expect(await verifier.verifyAsync(await signer.refreshAsync())).toBe(true);
    expect(() => verifier.access()).toThrow(KeyError);
    await expect(verifier.accessAsync()).rejects.toThrow(KeyError);
    const [nextPrivate] = await generateRsaKeypair();
    const rotated = new CipherToken({
      secret: nextPrivate,
      algorithm: 'PS256',
      accessTtl: 60,
      refreshTtl: 60,
      kid: 'b',
      verifyKeys: [{ publicKey: JWK_PUBLIC, algorithm: 'PS256', kid: 'a' }],
    });
    expect(rotated.decode(token).payload).toEqual({ x: 1 });
    expect(verifier.verify(rotated.access())).toBe(false);
  });

  it('refuses a token whose RSA signature has the wrong length or is not base64url', () => {
    const t = new CipherToken({ secret: PKCS8, algorithm: 'RS256', accessTtl: 60, refreshTtl: 60 });
    const token = t.access();
    expect(t.verify(token.slice(0, -4))).toBe(false);
    expect(t.verify(`${token}AAAA`)).toBe(false);
    expect(t.verify(`${token.slice(0, -1)}*`)).toBe(false);
  });

  it('refuses a correctly signed token whose payload segment is not base64url, or that is not ASCII', () => {
    const t = new CipherToken({ secret: PKCS8, algorithm: 'RS256', accessTtl: 60, refreshTtl: 60 });
    const [header] = t.access().split('.');
    const signed = (input: string) => `${input}.${nodeSign('sha256', Buffer.from(input), pair.privateKey).toString('base64url')}`;
    // The signature holds (node:crypto made it over these very bytes); the segments do not decode.
    for (const token of [signed(`${header}.e30*`), signed(`${header}.é30`)]) {
      expect(t.verify(token)).toBe(false);
      expect(() => t.decode(token)).toThrow(InvalidTokenError);
    }
    // The control: the same construction with a well-formed payload verifies.
    const iat = now();
    const claims = { payload: {}, exp: iat + 60, iat, ttl: 60, token: 'access', jti: 'x' };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect(t.verify(signed(`${header}.${payload}`))).toBe(true);
  });

  it('keeps linear memory constant over repeated sign and verify', () => {
    const t = new CipherToken({ secret: PKCS8, algorithm: 'PS256', accessTtl: 60, refreshTtl: 60 });
    t.verify(t.access());
    const before = wasmMemoryBytes();
    for (let i = 0; i < 100; i++) expect(t.verify(t.access({ i }))).toBe(true);
    expect(wasmMemoryBytes()).toEqual(before);
  });
});

describe('generateRsaKeypair', () => {
  it.each([2048, 4096])(
    'makes %i-bit PKCS#8 / SPKI PEM pairs that sign and verify',
    async (bits) => {
      const [priv, pub] = await generateRsaKeypair({ bits });
      expect(priv).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      expect(pub).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
      expect(createPublicKey(pub).asymmetricKeyDetails?.modulusLength).toBe(bits);
      const signer = new CipherToken({ secret: priv, algorithm: 'RS256', accessTtl: 60, refreshTtl: 60 });
      const verifier = new CipherToken({ secret: pub, algorithm: 'RS256', accessTtl: 60, refreshTtl: 60 });
      expect(verifier.verify(signer.access())).toBe(true);
      expect(await verifier.verifyAsync(await signer.accessAsync())).toBe(true);
    },
    60_000,
  );

  it('refuses other sizes', async () => {
    await expect(generateRsaKeypair({ bits: 1024 })).rejects.toThrow(RangeError);
  });
});

describe('compact twins', () => {
  it('signCompactAsync (WebCrypto) and signCompact (wasm) give the same RS256 token', async () => {
    const prepared = prepareKey(importRsaKey(PKCS8, 'RS256'));
    expect(await signCompactAsync(prepared, { a: 1 })).toBe(signCompact(prepared, { a: 1 }));
  });
});

describe('wasm RSASP1 fault check', () => {
  it('withholds a signature computed with a corrupted CRT exponent (Boneh–DeMillo–Lipton)', async () => {
    const { privateLayout } = await import('../src/wasm/rsa.js');
    const m = rsaPrivateState(importRsaKey(PKCS8, 'RS256'));
    const { blob, L, H, pairBits, pairLimbs } = privateLayout(m, m.priv);
    const rt = rsaModule.runtime;
    const em = new Uint8Array(m.k);
    em[m.k - 1] = 42;
    const run = (keyBlob: Uint8Array): [number, Uint8Array] => {
      rt.reserve(keyBlob.length + 2 * m.k);
      rt.u8.fill(0, rt.base, rt.base + keyBlob.length + 2 * m.k);
      rt.u8.set(keyBlob, rt.base);
      rt.u8.set(em, rt.base + keyBlob.length);
      const out = rt.base + keyBlob.length + m.k;
      const status = rt.exports.rsaPrivate(rt.base, L, H, m.e, rt.base + keyBlob.length, m.k, out, pairBits, pairLimbs);
      const sig = rt.u8.slice(out, out + m.k);
      rt.u8.fill(0, rt.base, out + m.k);
      return [status, sig];
    };
    const [ok, good] = run(blob.slice());
    expect(ok).toBe(0);
    expect(good.some((b) => b !== 0)).toBe(true);
    const faulty = blob.slice();
    const dp0 = 16 * L + 16 * H; // lowest byte of dp: s_p is wrong, so s^e ≠ m
    faulty[dp0] = faulty[dp0]! ^ 1;
    const [status, sig] = run(faulty);
    expect(status).toBe(-2);
    expect(sig.every((b) => b === 0)).toBe(true);
  });
});

describe('moduli whose size is not a multiple of the limb or byte size', () => {
  it.each([2056, 3072, 3073])(
    '%i-bit keys: our PS256 and RS256 signatures verify with node:crypto',
    (bits) => {
      const keys = generateKeyPairSync('rsa', { modulusLength: bits });
      const pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      for (const alg of ['PS256', 'RS256'] as const) {
        const m = rsaPrivateState(importRsaKey(pem, alg));
        for (let i = 0; i < 2; i++) {
          const sig = rsaSignSync(m, message);
          expect(sig.length).toBe(Math.ceil(m.bits / 8)); // OpenSSL may round the requested size
          expect(nodeVerify('sha256', message, { key: keys.publicKey, ...nodeOptions(alg) }, sig)).toBe(true);
          expect(rsaVerifySync(m, message, sig)).toBe(true);
        }
      }
    },
    60_000,
  );
});
