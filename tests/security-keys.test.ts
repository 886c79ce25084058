/**
 * Security review, issue 15 (key handling and option hardening): key material refused as an HMAC
 * secret whatever its type, raw bytes as public keys, small-order Ed25519 keys, finite options,
 * `iat` in the future under `maxTokenAge`, the issue-side size limit and unknown `kid`s.
 * @module
 */

import { createHmac, generateKeyPairSync } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import {
  CipherToken,
  createLocalJwks,
  createRemoteJwks,
  exportJwk,
  exportPem,
  generateEd25519Keypair,
  importKey,
  InvalidTokenError,
  KeyError,
  secretKey,
  signJwt,
  signJwtAsync,
  TokenTooLargeError,
  verifyJwt,
  type Algorithm,
  type CipherTokenOptions,
} from '../src/index.js';
import { wasmMemoryBytes } from './helpers/residue.js';

const NOW = Math.floor(Date.now() / 1000);
const b64u = (value: string | Uint8Array) => Buffer.from(value).toString('base64url');
const hs256 = (secret: Uint8Array, header: object, claims: object) => {
  const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(claims))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};
const base = (extra: Partial<CipherTokenOptions> = {}): CipherTokenOptions => ({
  secret: secretKey(),
  algorithm: 'HS256',
  accessTtl: 60,
  refreshTtl: 600,
  ...extra,
});

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const rsaPublicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string;

/** Every container a key arrives in, as bytes: what must never become an HMAC secret. */
const KEY_BYTES: Record<string, Uint8Array> = {
  'RSA SPKI PEM': Buffer.from(rsaPublicPem),
  'RSA PKCS#1 PEM': Buffer.from(rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string),
  'RSA JWK JSON': Buffer.from(JSON.stringify(rsa.publicKey.export({ format: 'jwk' }))),
  'RSA SPKI DER': rsa.publicKey.export({ type: 'spki', format: 'der' }),
  'RSA PKCS#1 public DER': rsa.publicKey.export({ type: 'pkcs1', format: 'der' }),
  'RSA PKCS#1 private DER': rsa.privateKey.export({ type: 'pkcs1', format: 'der' }),
  'RSA PKCS#8 DER': rsa.privateKey.export({ type: 'pkcs8', format: 'der' }),
  'EC SPKI DER': ec.publicKey.export({ type: 'spki', format: 'der' }),
  'EC SEC1 DER': ec.privateKey.export({ type: 'sec1', format: 'der' }),
  'EC PKCS#8 DER': ec.privateKey.export({ type: 'pkcs8', format: 'der' }),
  'Ed25519 SPKI DER': ed.publicKey.export({ type: 'spki', format: 'der' }),
  'Ed25519 PKCS#8 DER': ed.privateKey.export({ type: 'pkcs8', format: 'der' }),
  'Ed25519 JWK JSON (padded)': Buffer.from(`  \n${JSON.stringify(ed.publicKey.export({ format: 'jwk' }))}`),
  'PEM in a Uint8Array': new Uint8Array(Buffer.from(`junk\n${rsaPublicPem}`)),
};

describe('issue 15 item 1: key material is never an HMAC secret, whatever its type', () => {
  for (const [name, bytes] of Object.entries(KEY_BYTES)) {
    it(`refuses ${name} in importKey, CipherToken secret and verifyKeys`, () => {
      for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
        expect(() => importKey(bytes, alg, { allowWeakSecret: true })).toThrow(KeyError);
        expect(() => importKey({ kty: 'oct', k: b64u(bytes) }, alg)).toThrow(KeyError);
      }
      expect(() => new CipherToken(base({ secret: bytes }))).toThrow(KeyError);
      expect(() => new CipherToken(base({ verifyKeys: [{ secret: bytes, algorithm: 'HS256' }] }))).toThrow(KeyError);
      expect(() => new CipherToken(base({ verifyKeys: [{ publicKey: bytes, algorithm: 'HS256' }] }))).toThrow(KeyError);
    });
  }

  it('a token forged with the RS256 public key PEM bytes as HS256 secret never verifies', () => {
    const pemBytes = Buffer.from(rsaPublicPem);
    const forged = hs256(pemBytes, { alg: 'HS256', typ: 'JWT' }, { sub: 'admin', exp: NOW + 60 });
    const rsaKey = importKey(rsaPublicPem, 'RS256');
    expect(() => verifyJwt(forged, [importKey(pemBytes, 'HS256'), rsaKey], { algorithms: ['HS256', 'RS256'] })).toThrow(KeyError);
    expect(() => verifyJwt(forged, rsaKey, { algorithms: ['HS256', 'RS256'] })).toThrow(InvalidTokenError);
  });

  it('still accepts random byte secrets and text secrets (no false positives)', () => {
    for (let i = 0; i < 2000; i++) {
      const secret = crypto.getRandomValues(new Uint8Array(32 + (i % 40)));
      if (i % 4 === 0) secret[0] = 0x30; // looks like a SEQUENCE tag, still random
      if (i % 4 === 1) secret[0] = 0x7b; // '{', still not JSON
      expect(importKey(secret, 'HS256').type).toBe('secret');
    }
    // A DER-shaped blob that is no key container (a SEQUENCE of two OCTET STRINGs) is a valid secret.
    const notAKey = Uint8Array.of(0x30, 0x22, 0x04, 0x10, ...new Uint8Array(16).fill(1), 0x04, 0x0e, ...new Uint8Array(14).fill(2));
    expect(importKey(notAKey, 'HS256').type).toBe('secret');
    expect(new CipherToken(base({ secret: Buffer.from(secretKey()) })).verify(new CipherToken(base()).access())).toBe(false);
  });
});

// Ed25519 small-order points (RFC 8032 §5.1.3 decoding; the torsion subgroup has 8 points):
// canonical encodings of all 8, and the non-canonical encodings of them (sign bit on x = 0, y ≥ p).
const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const le = (value: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn));
const P = 2n ** 255n - 19n;
const withSign = (bytes: Uint8Array) => {
  const out = bytes.slice();
  out[31]! |= 0x80;
  return out;
};
const ORDER_8_A = hex('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05');
const ORDER_8_B = hex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
const SMALL_ORDER: Record<string, Uint8Array> = {
  'identity (0, 1)': le(1n),
  'order 2 (0, -1)': le(P - 1n),
  'order 4 (+x, 0)': le(0n),
  'order 4 (-x, 0)': withSign(le(0n)),
  'order 8 A+': ORDER_8_A,
  'order 8 A-': withSign(ORDER_8_A),
  'order 8 B+': ORDER_8_B,
  'order 8 B-': withSign(ORDER_8_B),
  'identity, -0 sign': withSign(le(1n)),
  'order 2, -0 sign': withSign(le(P - 1n)),
  'identity as y = p + 1': le(P + 1n),
  'identity as y = p + 1, sign': withSign(le(P + 1n)),
  'order 4 as y = p': le(P),
  'order 4 as y = p, sign': withSign(le(P)),
};
const spkiPem = (raw: Uint8Array) =>
  `-----BEGIN PUBLIC KEY-----\n${Buffer.concat([hex('302a300506032b6570032100'), raw]).toString('base64')}\n-----END PUBLIC KEY-----\n`;
const PKCS8_ED25519_PREFIX = hex('302e020100300506032b657004220420');

describe('issue 15 item 2: raw bytes for EdDSA are a public key; small-order keys refused', () => {
  const [privatePem, publicPem] = generateEd25519Keypair();
  const signer = importKey(privatePem, 'EdDSA');
  const rawPublic = Buffer.from(exportJwk(signer).x!, 'base64url');
  const seed = Buffer.from(exportJwk(signer, { includePrivate: true }).d!, 'base64url');

  it('importKey(raw 32 bytes, EdDSA) is the public key (WebCrypto raw), which verifies', () => {
    const key = importKey(new Uint8Array(rawPublic), 'EdDSA');
    expect(key.type).toBe('public');
    expect(exportPem(key)).toBe(publicPem);
    expect(verifyJwt(signJwt({ a: 1 }, signer), key, { algorithms: ['EdDSA'] }).payload.a).toBe(1);
    expect(() => signJwt({}, key)).toThrow(KeyError);
  });

  it('CipherToken with EdDSA and 32 raw bytes is verify-only; a seed is given as PKCS#8 (DER or PEM) or JWK with d', () => {
    const issuer = new CipherToken({ secret: privatePem, algorithm: 'EdDSA', accessTtl: 60, refreshTtl: 60 });
    const verifier = new CipherToken({ secret: new Uint8Array(rawPublic), algorithm: 'EdDSA', accessTtl: 60, refreshTtl: 60 });
    expect(() => verifier.access()).toThrow(KeyError);
    expect(verifier.verify(issuer.access())).toBe(true);
    const fromSeed = importKey(Buffer.concat([PKCS8_ED25519_PREFIX, seed]), 'EdDSA');
    expect(fromSeed.type).toBe('private');
    expect(exportPem(fromSeed, { includePrivate: true })).toBe(privatePem);
  });

  it('raw bytes for ES256 are the public point (uncompressed or compressed), never a private key', () => {
    const signer = importKey(ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'ES256');
    const spki = ec.publicKey.export({ type: 'spki', format: 'der' });
    const point = new Uint8Array(spki.subarray(spki.length - 65));
    const key = importKey(point, 'ES256');
    expect(key.type).toBe('public');
    expect(verifyJwt(signJwt({ e: 1 }, signer), key, { algorithms: ['ES256'] }).payload.e).toBe(1);
    const compressed = Uint8Array.of(0x02 | (point[64]! & 1), ...point.subarray(1, 33));
    expect(exportJwk(importKey(compressed, 'ES256'))).toEqual(exportJwk(key));
    expect(() => importKey(point.subarray(1, 33), 'ES256')).toThrow(KeyError); // a bare scalar-sized blob
  });

  it('EC and Ed25519 PEM whose DER has trailing bytes or a non-minimal length is refused', () => {
    const ed = generateEd25519Keypair();
    const cases: [string, Algorithm, string][] = [
      [ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'ES256', 'PRIVATE KEY'],
      [ec.publicKey.export({ type: 'spki', format: 'pem' }) as string, 'ES256', 'PUBLIC KEY'],
      [ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string, 'ES256', 'EC PRIVATE KEY'],
      [ed[0], 'EdDSA', 'PRIVATE KEY'],
      [ed[1], 'EdDSA', 'PUBLIC KEY'],
    ];
    const armour = (label: string, der: Uint8Array) =>
      `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64')}\n-----END ${label}-----\n`;
    for (const [pem, alg, label] of cases) {
      const der = new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
      expect(importKey(armour(label, der), alg).algorithm).toBe(alg);
      expect(() => importKey(armour(label, Uint8Array.of(...der, 0x05, 0x00)), alg), `${alg} ${label} trailing`).toThrow(KeyError);
      // The outer SEQUENCE's length in the long form with a leading zero byte: not DER (X.690 §10.1).
      const long = der[1]! & 0x80 ? der[1]! & 0x7f : 0;
      const body = der.subarray(2 + long);
      const padded = Uint8Array.of(0x30, 0x82, body.length >> 8, body.length & 0xff, ...body);
      if (body.length < 0x100) expect(() => importKey(armour(label, padded), alg), `${alg} ${label} non-minimal`).toThrow(KeyError);
    }
  });

  it('a publicKey slot refuses private or secret material', () => {
    const rsaPrivatePem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const ecPrivatePem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const slots: [Algorithm, unknown][] = [
      ['EdDSA', privatePem],
      ['EdDSA', Buffer.concat([PKCS8_ED25519_PREFIX, seed])],
      ['RS256', rsaPrivatePem],
      ['ES256', ecPrivatePem],
      ['HS256', secretKey()],
    ];
    for (const [algorithm, publicKey] of slots) {
      expect(() => new CipherToken(base({ verifyKeys: [{ publicKey: publicKey as string, algorithm }] }))).toThrow(KeyError);
    }
    expect(new CipherToken(base({ verifyKeys: [{ publicKey: publicPem, algorithm: 'EdDSA' }] })).algorithm).toBe('HS256');
  });

  it('the 8 canonical small-order encodings are exactly the torsion points (cross-checked with noble)', () => {
    const canonical = Object.values(SMALL_ORDER).slice(0, 8);
    const points = canonical.map((raw) => ed25519.Point.fromHex(Buffer.from(raw).toString('hex')));
    expect(points.every((point) => point.isSmallOrder())).toBe(true);
    expect(new Set(points.map((point) => point.toHex())).size).toBe(8);
  });

  for (const [name, raw] of Object.entries(SMALL_ORDER)) {
    it(`refuses the small-order public key ${name} as raw bytes, JWK x and SPKI`, () => {
      expect(() => importKey(raw, 'EdDSA')).toThrow(KeyError);
      expect(() => importKey({ kty: 'OKP', crv: 'Ed25519', x: b64u(raw) }, 'EdDSA')).toThrow(KeyError);
      expect(() => importKey(spkiPem(raw), 'EdDSA')).toThrow(KeyError);
      expect(() => new CipherToken({ secret: spkiPem(raw), algorithm: 'EdDSA', accessTtl: 60, refreshTtl: 60 })).toThrow(KeyError);
    });
  }

  it('the identity-key forgery (R = identity, S = 0) cannot be set up', () => {
    const forged = `${b64u(JSON.stringify({ alg: 'EdDSA' }))}.${b64u(JSON.stringify({ sub: 'admin' }))}.${b64u(
      Buffer.concat([le(1n), new Uint8Array(32)]),
    )}`;
    expect(() => verifyJwt(forged, importKey(le(1n), 'EdDSA'), { algorithms: ['EdDSA'] })).toThrow(KeyError);
    expect(() => verifyJwt(forged, importKey(publicPem, 'EdDSA'), { algorithms: ['EdDSA'] })).toThrow(InvalidTokenError);
  });
});

describe('issue 15 item 3: numeric options must be finite and in range (TypeError)', () => {
  const key = importKey(secretKey(), 'HS256');
  // Expired an hour ago and valid only from an hour ahead: no instant accepts it.
  const impossible = signJwt({ exp: NOW - 3600, nbf: NOW + 3600, iat: NOW - 7200 }, key);

  it('verifyJwt throws TypeError on NaN, infinite or negative numeric options', () => {
    const bad: Record<string, unknown>[] = [
      { clockTolerance: Number.NaN },
      { clockTolerance: Number.POSITIVE_INFINITY },
      { clockTolerance: -1 },
      { currentDate: new Date(Number.NaN) },
      { currentDate: 'now' },
      { maxTokenAge: Number.NaN },
      { maxTokenAge: Number.POSITIVE_INFINITY },
      { maxTokenAge: -5 },
      { maxTokenSize: Number.NaN },
      { maxTokenSize: Number.POSITIVE_INFINITY },
      { maxTokenSize: -1 },
      { maxTokenSize: 0 },
      { maxTokenSize: 100.5 },
    ];
    for (const options of bad) {
      expect(() => verifyJwt(impossible, key, { algorithms: ['HS256'], ...options }), JSON.stringify(options)).toThrow(TypeError);
    }
  });

  it('CipherToken and signJwt refuse non-finite or out-of-range numbers', () => {
    const bad: Partial<CipherTokenOptions>[] = [
      { maxTokenSize: Number.NaN },
      { maxTokenSize: Number.POSITIVE_INFINITY },
      { maxTokenSize: -1 },
      { clockTolerance: Number.NaN },
      { accessTtl: Number.NaN },
      { refreshTtl: Number.POSITIVE_INFINITY },
      { accessTtl: 1e15 },
    ];
    for (const options of bad) expect(() => new CipherToken(base(options)), JSON.stringify(options)).toThrow(TypeError);
    expect(() => signJwt({}, key, { maxTokenSize: Number.NaN })).toThrow(TypeError);
    expect(() => createRemoteJwks('https://example.invalid/jwks', { cacheMaxAge: Number.NaN })).toThrow(TypeError);
    expect(() => createRemoteJwks('https://example.invalid/jwks', { timeout: -1 })).toThrow(TypeError);
  });
});

describe('issue 15 item 9: maxTokenAge refuses an iat in the future', () => {
  const key = importKey(secretKey(), 'HS256');

  it('refuses iat beyond now + clockTolerance, accepts it within', () => {
    const future = signJwt({ iat: NOW + 3600, exp: NOW + 7200 }, key);
    expect(() => verifyJwt(future, key, { algorithms: ['HS256'], maxTokenAge: 60 })).toThrow(InvalidTokenError);
    expect(() => verifyJwt(future, key, { algorithms: ['HS256'], maxTokenAge: 60 })).toThrow(/iat/);
    const soon = signJwt({ iat: NOW + 3 }, key);
    expect(verifyJwt(soon, key, { algorithms: ['HS256'], maxTokenAge: 60, clockTolerance: 10 }).payload.iat).toBe(NOW + 3);
  });
});

describe('issue 15 item 11: maxTokenSize is enforced when issuing, before wasm memory is touched', () => {
  const big = { blob: 'x'.repeat(8 * 1024 * 1024) };

  it('CipherToken access/refresh/rotation refuse oversized tokens with TokenTooLargeError, memory unchanged', async () => {
    const ct = new CipherToken(base());
    const refresh = ct.refresh({ u: 1 });
    const before = wasmMemoryBytes();
    expect(() => ct.access(big)).toThrow(TokenTooLargeError);
    expect(() => ct.refresh(big)).toThrow(TokenTooLargeError);
    expect(() => ct.rotation(refresh, big)).toThrow(TokenTooLargeError);
    await expect(ct.accessAsync(big)).rejects.toThrow(TokenTooLargeError);
    await expect(ct.rotationAsync(refresh, big)).rejects.toThrow(TokenTooLargeError);
    expect(wasmMemoryBytes()).toEqual(before);
    try {
      ct.access(big);
    } catch (error) {
      expect((error as TokenTooLargeError).code).toBe('ERR_TOKEN_TOO_LARGE');
    }
    // The instance never issues what it would refuse: the size just under the limit verifies.
    const limited = new CipherToken(base({ maxTokenSize: 1024 }));
    const ok = limited.access({ pad: 'y'.repeat(500) });
    expect(limited.verify(ok)).toBe(true);
    expect(() => limited.access({ pad: 'y'.repeat(1000) })).toThrow(TokenTooLargeError);
  });

  it('signJwt defaults to 16 KiB, takes maxTokenSize, and its estimate is exact for every family', async () => {
    const hmac = importKey(secretKey(), 'HS256');
    const before = wasmMemoryBytes();
    expect(() => signJwt(big, hmac)).toThrow(TokenTooLargeError);
    await expect(signJwtAsync(big, hmac)).rejects.toThrow(TokenTooLargeError);
    expect(wasmMemoryBytes()).toEqual(before);
    expect(() => signJwt({ p: 'z'.repeat(17 * 1024) }, hmac)).toThrow(TokenTooLargeError);
    expect(signJwt({ p: 'z'.repeat(17 * 1024) }, hmac, { maxTokenSize: 64 * 1024 }).length).toBeGreaterThan(16 * 1024);
    const keys = [
      hmac,
      importKey(secretKey() + secretKey(), 'HS512'),
      importKey(generateEd25519Keypair()[0], 'EdDSA'),
      importKey(ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'ES256'),
      importKey(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'PS256'),
    ];
    for (const key of keys) {
      for (const pad of ['', 'a', 'ab', 'abc', 'é€😀', 'x'.repeat(301)]) {
        const claims = { pad, kid: 'k' };
        const length = signJwt(claims, key, { kid: 'k1' }).length;
        expect(signJwt(claims, key, { kid: 'k1', maxTokenSize: length }).length).toBe(length);
        expect(() => signJwt(claims, key, { kid: 'k1', maxTokenSize: length - 1 })).toThrow(TokenTooLargeError);
      }
    }
  });
});

describe('issue 15: a kid that names no key is refused when the keys have kids', () => {
  const a = importKey({ kty: 'oct', k: b64u(crypto.getRandomValues(new Uint8Array(32))), kid: 'a' }, 'HS256');
  const b = importKey({ kty: 'oct', k: b64u(crypto.getRandomValues(new Uint8Array(32))), kid: 'b' }, 'HS256');

  it('verifyJwt with a key array: unknown kid refused, known kid and no kid accepted', () => {
    expect(() => verifyJwt(signJwt({}, a, { kid: 'zzz' }), [a, b], { algorithms: ['HS256'] })).toThrow(InvalidTokenError);
    expect(() => verifyJwt(signJwt({}, a, { kid: 'zzz' }), a, { algorithms: ['HS256'] })).toThrow(InvalidTokenError);
    expect(verifyJwt(signJwt({ v: 1 }, a, { kid: 'a' }), [a, b], { algorithms: ['HS256'] }).payload.v).toBe(1);
    expect(verifyJwt(signJwt({ v: 2 }, b), [a, b], { algorithms: ['HS256'] }).payload.v).toBe(2);
    // Keys without kids (raw material) keep accepting any kid: the verifier named none.
    const plain = importKey(secretKey(), 'HS256');
    expect(verifyJwt(signJwt({ v: 3 }, plain, { kid: 'any' }), [plain], { algorithms: ['HS256'] }).payload.v).toBe(3);
    // PEM and raw material take their id from importKey(…, { kid }); a JWK's own kid must agree.
    const rsaKey = importKey(rsaPublicPem, 'RS256', { kid: 'r1' });
    expect(rsaKey.kid).toBe('r1');
    const rsaSigner = importKey(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'RS256');
    expect(() => verifyJwt(signJwt({}, rsaSigner, { kid: 'r2' }), [rsaKey], { algorithms: ['RS256'] })).toThrow(InvalidTokenError);
    expect(verifyJwt(signJwt({ v: 5 }, rsaSigner, { kid: 'r1' }), [rsaKey], { algorithms: ['RS256'] }).payload.v).toBe(5);
    expect(() => importKey({ ...exportJwk(a, { includePrivate: true }), kid: 'a' }, 'HS256', { kid: 'other' })).toThrow(KeyError);
  });

  it('a local JWKS refuses an unknown kid', () => {
    const jwks = createLocalJwks({
      keys: [exportJwk(a, { includePrivate: true }), exportJwk(b, { includePrivate: true })].map((k, i) => ({ ...k, kid: 'ab'[i] })),
    });
    expect(() => verifyJwt(signJwt({}, a, { kid: 'zzz' }), jwks, { algorithms: ['HS256'] })).toThrow(InvalidTokenError);
    expect(verifyJwt(signJwt({ v: 1 }, a, { kid: 'a' }), jwks, { algorithms: ['HS256'] }).payload.v).toBe(1);
  });

  it('CipherToken verifyKeys: an unknown kid is refused, not tried against every key', () => {
    const oldSecret = secretKey();
    const newSecret = secretKey();
    const current = new CipherToken(
      base({ secret: newSecret, kid: 'new', verifyKeys: [{ secret: oldSecret, algorithm: 'HS256', kid: 'old' }] }),
    );
    const unknownKid = new CipherToken(base({ secret: newSecret, kid: 'nope' }));
    expect(current.verify(unknownKid.access())).toBe(false);
    expect(() => current.decode(unknownKid.access())).toThrow(InvalidTokenError);
    expect(current.verify(new CipherToken(base({ secret: oldSecret, kid: 'old' })).access())).toBe(true);
    expect(current.verify(new CipherToken(base({ secret: oldSecret })).access())).toBe(true);
  });
});
