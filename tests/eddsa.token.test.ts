import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { createSigner, createVerifier } from 'fast-jwt';
import { importPKCS8, importSPKI, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  CipherToken,
  exportJwk,
  exportPem,
  generateEd25519Keypair,
  importKey,
  importKeyAsync,
  InvalidTokenError,
  jwkThumbprint,
  KeyError,
  signEd25519,
  signJwt,
  verifyEd25519,
  verifyJwt,
} from '../src/index.js';
import { exportEd25519Jwk, exportEd25519Pem, importEd25519Key } from '../src/families/eddsa/keys.js';
import { generateEd25519KeypairAsync } from '../src/token/secret.js';
import { wasmMemoryBytes } from './helpers/residue.js';

const [privatePem, publicPem] = generateEd25519Keypair();

function issuer(secret: unknown = privatePem) {
  return new CipherToken({ secret: secret as string, algorithm: 'EdDSA', accessTtl: 600, refreshTtl: 3600, issuer: 'ct' });
}

describe('generateEd25519Keypair', () => {
  it('returns PKCS#8 / SPKI PEM that node:crypto accepts as one Ed25519 pair', () => {
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
    expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const priv = createPrivateKey(privatePem);
    expect(priv.asymmetricKeyType).toBe('ed25519');
    const msg = Buffer.from('pair');
    expect(nodeVerify(null, msg, createPublicKey(publicPem), nodeSign(null, msg, priv))).toBe(true);
    expect(createPublicKey(priv).export({ format: 'pem', type: 'spki' })).toBe(publicPem);
  });

  it('has an async twin and never repeats', async () => {
    const [a] = await generateEd25519KeypairAsync();
    expect(a).not.toBe(privatePem);
  });
});

describe('CipherToken with EdDSA', () => {
  it('issues and verifies access and refresh tokens, sync and async', async () => {
    const ct = issuer();
    const token = ct.access({ user: 42 });
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'EdDSA', typ: 'JWT' });
    expect(ct.decode(token).payload).toEqual({ user: 42 });
    expect(ct.verify(token)).toBe(true);
    const asyncToken = await ct.accessAsync({ user: 'a' });
    expect((await ct.decodeAsync(asyncToken)).payload).toEqual({ user: 'a' });
    const [access, refresh] = ct.rotation(ct.refresh({ r: 1 }));
    expect(ct.decode(access).token).toBe('access');
    expect(ct.decode(refresh).token).toBe('refresh');
  });

  it('a public key gives a verify-only instance', () => {
    const token = issuer().access({ a: 1 });
    const verifier = issuer(publicPem);
    expect(verifier.decode(token).payload).toEqual({ a: 1 });
    expect(() => verifier.access({})).toThrow(KeyError);
  });

  it('accepts JWK objects, JWK text, PKCS#8 DER seeds, raw 32-byte public keys and Key objects', () => {
    const key = importEd25519Key(privatePem);
    const jwk = exportEd25519Jwk(key, { includePrivate: true });
    const token = issuer(jwk).access({ j: 1 });
    expect(issuer(JSON.stringify(exportEd25519Jwk(key))).decode(token).payload).toEqual({ j: 1 });
    expect(issuer(key).decode(token).payload).toEqual({ j: 1 });
    // A seed travels as PKCS#8 (RFC 8410 §7): raw bytes are the public key (issue 15, WebCrypto `raw`).
    const seed = Buffer.from(jwk.d!, 'base64url');
    const pkcs8 = new Uint8Array(Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]));
    expect(issuer(pkcs8).access({ j: 1 }).split('.')[2]).toHaveLength(86);
    expect(exportEd25519Pem(importEd25519Key(pkcs8), { includePrivate: true })).toBe(privatePem);
    const raw = new Uint8Array(Buffer.from(jwk.x, 'base64url'));
    expect(issuer(raw).decode(token).payload).toEqual({ j: 1 });
    expect(() => issuer(raw).access({})).toThrow(KeyError);
    expect(exportEd25519Pem(importEd25519Key(raw))).toBe(publicPem);
  });

  it('rejects tokens signed by another key, tampered tokens and other algorithms', () => {
    const ct = issuer();
    const [otherPem] = generateEd25519Keypair();
    const foreign = issuer(otherPem).access({});
    expect(() => ct.decode(foreign)).toThrow(InvalidTokenError);
    const token = ct.access({ n: 1 });
    const [h, p, s] = token.split('.') as [string, string, string];
    const tampered = `${h}.${Buffer.from('{"n":2}').toString('base64url')}.${s}`;
    expect(ct.verify(tampered)).toBe(false);
    expect(ct.verify(`${h}.${p}.${s.slice(0, -1)}`)).toBe(false);
    expect(ct.verify(`${h}.${p}.${s}A`)).toBe(false);
    const hs = new CipherToken({ secret: 'x'.repeat(32), algorithm: 'HS256', accessTtl: 60, refreshTtl: 60 });
    expect(ct.verify(hs.access({}))).toBe(false);
  });

  it('refuses keys of the wrong kind or shape', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => issuer(rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }))).toThrow(KeyError);
    expect(() => issuer(rsa.publicKey.export({ format: 'pem', type: 'spki' }))).toThrow(KeyError);
    expect(() => issuer('not a key')).toThrow(KeyError);
    expect(() => issuer(new Uint8Array(31))).toThrow(KeyError);
    expect(() => issuer({ kty: 'OKP', crv: 'X25519', x: 'AAAA' })).toThrow(KeyError);
    const key = importEd25519Key(privatePem);
    const jwk = exportEd25519Jwk(key, { includePrivate: true });
    const other = exportEd25519Jwk(importEd25519Key(generateEd25519Keypair()[0]));
    expect(() => issuer({ ...jwk, x: other.x })).toThrow(KeyError); // x must match d
    expect(() => issuer({ ...jwk, alg: 'ES256' })).toThrow(KeyError);
    // DER strictness: trailing bytes, a long-form length that could be short, a wrong OID.
    const der = createPrivateKey(privatePem).export({ format: 'der', type: 'pkcs8' });
    const pem = (b: Buffer) => `-----BEGIN PRIVATE KEY-----\n${b.toString('base64')}\n-----END PRIVATE KEY-----\n`;
    expect(() => issuer(pem(Buffer.concat([der, Buffer.from([0])])))).toThrow(KeyError);
    const longForm = Buffer.concat([Buffer.from([0x30, 0x81, 0x2e]), der.subarray(2)]);
    expect(() => issuer(pem(longForm))).toThrow(KeyError);
    const wrongOid = Buffer.from(der);
    wrongOid[11] = 0x6e; // 1.3.101.110 = X25519
    expect(() => issuer(pem(wrongOid))).toThrow(KeyError);
    expect(issuer(pem(der)).algorithm).toBe('EdDSA');
    // PKCS#8 v2 (OneAsymmetricKey, RFC 5958 §2) with the public key: accepted only when it matches.
    const seed = der.subarray(16);
    const pub = createPublicKey(publicPem).export({ format: 'der', type: 'spki' }).subarray(12);
    const v2 = (p: Buffer) =>
      Buffer.concat([Buffer.from('3051020101300506032b657004220420', 'hex'), seed, Buffer.from('812100', 'hex'), p]);
    expect(issuer(pem(v2(pub))).decode(issuer().access({ v: 2 })).payload).toEqual({ v: 2 });
    const otherPub = Buffer.from(pub);
    otherPub[0]! ^= 1;
    expect(() => issuer(pem(v2(otherPub)))).toThrow(KeyError);
    // An HMAC instance still refuses an Ed25519 PEM as its secret (algorithm-confusion guard).
    expect(() => new CipherToken({ secret: publicPem, algorithm: 'HS256', accessTtl: 60, refreshTtl: 60 })).toThrow(KeyError);
  });

  it('does not grow wasm memory over 10,000 sign/verify operations', () => {
    const ct = issuer();
    const token = ct.access({ warm: true });
    const before = wasmMemoryBytes();
    for (let i = 0; i < 5_000; i++) {
      ct.access({ i });
      ct.decode(token);
    }
    expect(wasmMemoryBytes()).toEqual(before);
  });
});

describe('interoperability with jose', () => {
  it('jose verifies our EdDSA tokens', async () => {
    const token = issuer().access({ interop: 'jose' });
    const { payload, protectedHeader } = await jwtVerify(token, await importSPKI(publicPem, 'EdDSA'), { issuer: 'ct' });
    expect(protectedHeader.alg).toBe('EdDSA');
    expect(payload.payload).toEqual({ interop: 'jose' });
  });

  it('we verify jose EdDSA tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ payload: { from: 'jose' }, token: 'access', iss: 'ct' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(await importPKCS8(privatePem, 'EdDSA'));
    expect(issuer(publicPem).decode(token).payload).toEqual({ from: 'jose' });
  });
});

describe('interoperability with fast-jwt', () => {
  it('fast-jwt verifies our tokens and we verify fast-jwt tokens', () => {
    const ours = issuer().access({ interop: 'fast-jwt' });
    expect(createVerifier({ key: publicPem, algorithms: ['EdDSA'] })(ours).payload).toEqual({ interop: 'fast-jwt' });
    const theirs = createSigner({ key: privatePem, algorithm: 'EdDSA', expiresIn: 60_000, iss: 'ct' })({
      payload: { from: 'fast-jwt' },
      token: 'access',
    });
    expect(issuer(publicPem).decode(theirs).payload).toEqual({ from: 'fast-jwt' });
  });
});

describe('ciphertoken/keys and ciphertoken/jws with EdDSA', () => {
  it('importKey / exportJwk / exportPem round-trip Ed25519 keys (RFC 8037 §2, RFC 8410)', () => {
    const key = importKey(privatePem, 'EdDSA');
    expect(key.type).toBe('private');
    const jwk = exportJwk(key, { includePrivate: true });
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(exportPem(importKey(jwk, 'EdDSA'), { includePrivate: true })).toBe(privatePem);
    expect(exportPem(key)).toBe(publicPem);
    const pub = importKey(exportJwk(key), 'EdDSA');
    expect(pub.type).toBe('public');
    expect(jwkThumbprint(pub)).toBe(jwkThumbprint(key));
    expect(() => importKey({ ...exportJwk(key), key_ops: ['encrypt'] }, 'EdDSA')).toThrow(KeyError);
    expect(() => importKey(privatePem, 'HS256')).toThrow(KeyError);
  });

  it('signJwt / verifyJwt with EdDSA keys, and the allow-list', () => {
    const key = importKey(privatePem, 'EdDSA');
    const jwt = signJwt({ sub: 'ed', exp: Math.floor(Date.now() / 1000) + 60 }, key, { kid: 'k1' });
    const { payload, protectedHeader } = verifyJwt(jwt, importKey(publicPem, 'EdDSA'), { algorithms: ['EdDSA'] });
    expect(payload.sub).toBe('ed');
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: 'k1' });
    expect(() => verifyJwt(jwt, importKey(publicPem, 'EdDSA'), { algorithms: ['HS256'] })).toThrow(InvalidTokenError);
    expect(() => signJwt({}, importKey(publicPem, 'EdDSA'))).toThrow(KeyError);
  });
});

describe('interoperability with WebCrypto (Ed25519)', () => {
  it('imports extractable CryptoKeys and agrees with crypto.subtle on signatures', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const key = await importKeyAsync(pair.privateKey, 'EdDSA');
    const pub = await importKeyAsync(pair.publicKey, 'EdDSA');
    const msg = new TextEncoder().encode('webcrypto');
    const ours = signEd25519(key, msg);
    const theirs = new Uint8Array(await crypto.subtle.sign('Ed25519', pair.privateKey, msg));
    expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(theirs).toString('hex')); // deterministic (RFC 8032 §5.1.6)
    expect(await crypto.subtle.verify('Ed25519', pair.publicKey, ours as Uint8Array<ArrayBuffer>, msg)).toBe(true);
    expect(verifyEd25519(pub, msg, theirs)).toBe(true);
  });
});
