/**
 * ciphertoken/jwe: interop both ways with jose for every alg × enc on random keys, sync and async
 * (each path decrypts the other's output), refusals (RSA1_5, zip, p2c cap), nested JWTs, claims,
 * the invalid-curve epk and key binding.
 */
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import './helpers/jwe.js';
import { NotSupportedError } from '../src/core/errors.js';
import { PBES2_MAX_COUNT } from '../src/families/jwe/pbes2-cap.js';
import { EdDSA, importKey } from '../src/index.js';
import {
  decryptCompact,
  decryptCompactAsync,
  decryptJwt,
  decryptJwtAsync,
  encryptCompact,
  encryptJwt,
  encryptJwtAsync,
  exportJweKey,
  importJweKey,
  type KeyManagementAlgorithm,
} from '../src/jose/jwe.js';
import { generateEd25519PemPair } from '../src/families/eddsa/keys.js';

const ENCS = ['A128GCM', 'A256GCM', 'A128CBC-HS256', 'A256CBC-HS512'] as const;
const ENC_BYTES = { A128GCM: 16, A256GCM: 32, 'A128CBC-HS256': 32, 'A256CBC-HS512': 64 } as const;

type Pair = {
  ours: Parameters<typeof importJweKey>[0];
  oursDecrypt: Parameters<typeof importJweKey>[0];
  jose: Uint8Array | CryptoKey;
  joseDecrypt: Uint8Array | CryptoKey;
};

async function pairFor(alg: KeyManagementAlgorithm, enc: (typeof ENCS)[number]): Promise<Pair> {
  const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
  if (alg === 'dir') {
    const k = random(ENC_BYTES[enc]);
    return { ours: k, oursDecrypt: k, jose: k, joseDecrypt: k };
  }
  if (alg.endsWith('KW') && !alg.startsWith('ECDH') && !alg.startsWith('PBES2')) {
    const k = random(alg.startsWith('A128') ? 16 : 32);
    return { ours: k, oursDecrypt: k, jose: k, joseDecrypt: k };
  }
  if (alg.startsWith('PBES2')) {
    const password = `correct horse ${crypto.randomUUID()}`;
    const bytes = new TextEncoder().encode(password);
    return { ours: password, oursDecrypt: password, jose: bytes, joseDecrypt: bytes };
  }
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true, crv: curveFor.current });
  const pub = (await jose.exportJWK(publicKey)) as Record<string, string>;
  const priv = (await jose.exportJWK(privateKey)) as Record<string, string>;
  return { ours: pub, oursDecrypt: priv, jose: publicKey as CryptoKey, joseDecrypt: privateKey as CryptoKey };
}
const curveFor = { current: undefined as string | undefined };

const SYMMETRIC: KeyManagementAlgorithm[] = [
  'dir',
  'A128KW',
  'A256KW',
  'A128GCMKW',
  'A256GCMKW',
  'PBES2-HS256+A128KW',
  'PBES2-HS512+A256KW',
];
const RSA: KeyManagementAlgorithm[] = ['RSA-OAEP', 'RSA-OAEP-256'];
const ECDH: KeyManagementAlgorithm[] = ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A256KW'];

const claims = () => ({ sub: 'user-1', jti: crypto.randomUUID(), iat: Math.floor(Date.now() / 1000), name: 'Zoë ✓' });

/** Both directions with jose; `sync` says whether our sync functions run too (ours → ours across paths). */
async function roundTrips(alg: KeyManagementAlgorithm, enc: (typeof ENCS)[number], sync: boolean) {
  const pair = await pairFor(alg, enc);
  const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] };
  const decryptKey = importJweKey(pair.oursDecrypt, alg);
  // jose → ours
  const c = claims();
  const fromJose = await new jose.EncryptJWT(c).setProtectedHeader({ alg, enc }).encrypt(pair.jose);
  expect((await decryptJwtAsync(fromJose, decryptKey, options)).payload).toEqual(c);
  if (sync) expect(decryptJwt(fromJose, decryptKey, options).payload).toEqual(c);
  // ours → jose, from both paths; and ours → ours across the paths
  const asyncToken = await encryptJwtAsync(c, pair.ours, { alg, enc });
  expect((await jose.jwtDecrypt(asyncToken, pair.joseDecrypt, options)).payload).toEqual(c);
  if (sync) {
    const syncToken = encryptJwt(c, pair.ours, { alg, enc });
    expect((await jose.jwtDecrypt(syncToken, pair.joseDecrypt, options)).payload).toEqual(c);
    expect((await decryptJwtAsync(syncToken, decryptKey, options)).payload).toEqual(c);
    expect(decryptJwt(asyncToken, decryptKey, options).payload).toEqual(c);
  }
}

describe('interop with jose, both ways, every alg × enc', () => {
  for (const alg of [...SYMMETRIC, ...RSA]) {
    it.each(ENCS)(`${alg} + %s`, async (enc) => roundTrips(alg, enc, true), 20_000);
  }
  for (const crv of ['X25519', 'P-256', 'P-384']) {
    for (const alg of ECDH) {
      it.each(ENCS)(`${alg} (${crv}) + %s`, async (enc) => {
        curveFor.current = crv;
        await roundTrips(alg, enc, true);
      });
    }
  }
});

describe('sync ECDH-ES on P-384 (wasm ECDH of the curve modules)', () => {
  it('encrypts and decrypts', async () => {
    curveFor.current = 'P-384';
    await roundTrips('ECDH-ES+A128KW', 'A128CBC-HS256', true);
  });
});

describe('refusals', () => {
  const key = crypto.getRandomValues(new Uint8Array(32));
  const options = { keyManagementAlgorithms: ['dir', 'A256KW', 'RSA1_5'], contentEncryptionAlgorithms: ['A256GCM'] };

  it('RSA1_5 is refused on import, encryption and decryption (NotSupportedError), even when allow-listed', async () => {
    const { privateKey, publicKey } = await jose.generateKeyPair('RSA-OAEP', { extractable: true });
    const jwk = await jose.exportJWK(publicKey);
    expect(() => importJweKey(jwk, 'RSA1_5' as KeyManagementAlgorithm)).toThrow(NotSupportedError);
    expect(() => encryptJwt({}, jwk, { alg: 'RSA1_5' as KeyManagementAlgorithm, enc: 'A256GCM' })).toThrow(NotSupportedError);
    // A token made by hand: RSA1_5's header with any body.
    const header = Buffer.from(JSON.stringify({ alg: 'RSA1_5', enc: 'A256GCM' })).toString('base64url');
    const token = `${header}.AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`;
    const decryptKey = importJweKey(await jose.exportJWK(privateKey), 'RSA-OAEP');
    expect(() => decryptJwt(token, decryptKey, options)).toThrow(NotSupportedError);
    await expect(decryptJwtAsync(token, decryptKey, options)).rejects.toBeInstanceOf(NotSupportedError);
  });

  it('zip is refused on encryption and decryption (NotSupportedError)', async () => {
    expect(() => encryptJwt({}, key, { alg: 'dir', enc: 'A256GCM', header: { zip: 'DEF' } })).toThrow(NotSupportedError);
    // jose 6 cannot write zip either; the header is spliced in (decryption refuses before the tag).
    const token = encryptJwt({ a: 1 }, key, { alg: 'dir', enc: 'A256GCM' });
    const zipped = [
      Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM', zip: 'DEF' })).toString('base64url'),
      ...token.split('.').slice(1),
    ].join('.');
    const k = importJweKey(key, 'dir');
    expect(() => decryptJwt(zipped, k, options)).toThrow(NotSupportedError);
    await expect(decryptJwtAsync(zipped, k, options)).rejects.toBeInstanceOf(NotSupportedError);
  });

  it(`p2c above the cap (default ${PBES2_MAX_COUNT}) is refused before any derivation; the cap is an option`, async () => {
    const password = 'a password';
    const alg = 'PBES2-HS256+A128KW';
    const opts = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: ['A128GCM'] };
    const big = await new jose.EncryptJWT({ a: 1 })
      .setProtectedHeader({ alg, enc: 'A128GCM' })
      .setKeyManagementParameters({ p2c: PBES2_MAX_COUNT + 1 })
      .encrypt(new TextEncoder().encode(password));
    const k = importJweKey(password, alg);
    expect(() => decryptJwt(big, k, opts)).toThrow('decryption failed');
    await expect(decryptJwtAsync(big, k, opts)).rejects.toThrow('decryption failed');
    expect(decryptJwt(big, k, { ...opts, maxPbes2Count: PBES2_MAX_COUNT + 1 }).payload).toEqual({ a: 1 });
    const atCap = encryptJwt({ b: 2 }, password, { alg, enc: 'A128GCM' });
    expect(decryptJwt(atCap, k, opts).payload).toEqual({ b: 2 });
    expect(() => encryptJwt({}, password, { alg, enc: 'A128GCM', p2c: 10 })).toThrow(TypeError);
  });

  it('crit, unknown algorithms and algorithms outside the allow-lists are refused', () => {
    const token = encryptJwt({ a: 1 }, key, { alg: 'dir', enc: 'A256GCM' });
    const k = importJweKey(key, 'dir');
    expect(() => decryptJwt(token, k, { keyManagementAlgorithms: ['A256KW'], contentEncryptionAlgorithms: ['A256GCM'] })).toThrow(
      'algorithm not allowed',
    );
    expect(() => decryptJwt(token, k, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A128GCM'] })).toThrow(
      'algorithm not allowed',
    );
    expect(() => decryptJwt(token, k, { keyManagementAlgorithms: [], contentEncryptionAlgorithms: ['A256GCM'] })).toThrow(TypeError);
    expect(() => encryptJwt({}, key, { alg: 'dir', enc: 'A256GCM', header: { crit: ['x'] } })).toThrow(NotSupportedError);
  });
});

describe('decryption failures are one error', () => {
  it('a flipped bit anywhere, a wrong key, a wrong tag length: InvalidTokenError', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    for (const enc of ENCS) {
      const token = encryptJwt({ a: 1 }, key, { alg: 'A256KW', enc });
      const k = importJweKey(key, 'A256KW');
      const options = { keyManagementAlgorithms: ['A256KW'], contentEncryptionAlgorithms: [enc] };
      const parts = token.split('.');
      for (const index of [1, 2, 3, 4]) {
        const bytes = Buffer.from(parts[index]!, 'base64url');
        bytes[0]! ^= 1;
        const bad = [...parts];
        bad[index] = bytes.toString('base64url');
        expect(() => decryptCompact(bad.join('.'), k, options), `${enc} part ${index}`).toThrow('decryption failed');
        await expect(decryptCompactAsync(bad.join('.'), k, options)).rejects.toThrow('decryption failed');
      }
      const other = importJweKey(crypto.getRandomValues(new Uint8Array(32)), 'A256KW');
      expect(() => decryptCompact(token, other, options)).toThrow('decryption failed');
    }
  });
});

describe('nested JWTs (RFC 7519 §5.2)', () => {
  const [privatePem, publicPem] = generateEd25519PemPair();
  const signKey = importKey(privatePem, EdDSA);
  const verifyKey = importKey(publicPem, EdDSA);
  const encKey = crypto.getRandomValues(new Uint8Array(32));
  const options = {
    keyManagementAlgorithms: ['A256KW'],
    contentEncryptionAlgorithms: ['A256GCM'],
    verify: { keys: verifyKey, algorithms: ['EdDSA'] },
  };

  it('sign then encrypt (cty JWT); decrypt then verify in one call with both allow-lists; jose agrees', async () => {
    const c = { sub: 'nested', exp: Math.floor(Date.now() / 1000) + 60 };
    for (const token of [
      encryptJwt(c, encKey, { alg: 'A256KW', enc: 'A256GCM', sign: { key: signKey } }),
      await encryptJwtAsync(c, encKey, { alg: 'A256KW', enc: 'A256GCM', sign: { key: signKey } }),
    ]) {
      const k = importJweKey(encKey, 'A256KW');
      const result = decryptJwt(token, k, options);
      expect(result.payload).toEqual(c);
      expect(result.protectedHeader.cty).toBe('JWT');
      expect(result.signedHeader?.alg).toBe('EdDSA');
      expect((await decryptJwtAsync(token, k, options)).payload).toEqual(c);
      // jose decrypts the outer layer and verifies the inner JWS.
      const { plaintext } = await jose.compactDecrypt(token, encKey);
      const spki = await jose.importSPKI(publicPem, 'EdDSA');
      expect((await jose.jwtVerify(new TextDecoder().decode(plaintext), spki)).payload).toEqual(c);
      // Without `verify`, a nested JWT is refused, never returned unverified; a wrong JWS allow-list fails.
      expect(() => decryptJwt(token, k, { keyManagementAlgorithms: ['A256KW'], contentEncryptionAlgorithms: ['A256GCM'] })).toThrow(
        'nested',
      );
      expect(() => decryptJwt(token, k, { ...options, verify: { keys: verifyKey, algorithms: ['ES256'] } })).toThrow();
      // Claims are checked on the inner token.
      expect(() => decryptJwt(token, k, { ...options, subject: 'someone else' })).toThrow();
    }
  });
});

describe('claims and keys', () => {
  it('checks the registered claims like verifyJwt', () => {
    const key = crypto.getRandomValues(new Uint8Array(16));
    const k = importJweKey(key, 'A128KW');
    const base = { keyManagementAlgorithms: ['A128KW'], contentEncryptionAlgorithms: ['A128GCM'] };
    const expired = encryptJwt({ exp: Math.floor(Date.now() / 1000) - 10 }, key, { alg: 'A128KW', enc: 'A128GCM' });
    expect(() => decryptJwt(expired, k, base)).toThrow(/expired/i);
    expect(decryptJwt(expired, k, { ...base, clockTolerance: 60 }).payload.exp).toBeTypeOf('number');
    const issued = encryptJwt({ iss: 'a', aud: 'b' }, key, { alg: 'A128KW', enc: 'A128GCM', kid: 'k1' });
    expect(decryptJwt(issued, k, { ...base, issuer: 'a', audience: 'b', typ: 'JWT' }).protectedHeader.kid).toBe('k1');
    expect(() => decryptJwt(issued, k, { ...base, issuer: 'x' })).toThrow();
  });

  it('a key is bound to its alg; kid selects among keys; JWKs round-trip; public keys cannot decrypt', async () => {
    const a = importJweKey(crypto.getRandomValues(new Uint8Array(32)), 'A256KW', { kid: 'a' });
    const b = importJweKey(crypto.getRandomValues(new Uint8Array(32)), 'A256KW', { kid: 'b' });
    const token = encryptJwt({ x: 1 }, b, { alg: 'A256KW', enc: 'A256GCM', kid: 'b' });
    const options = { keyManagementAlgorithms: ['A256KW'], contentEncryptionAlgorithms: ['A256GCM'] };
    expect(decryptJwt(token, [a, b], options).payload).toEqual({ x: 1 });
    expect(() => encryptJwt({}, a, { alg: 'A128KW', enc: 'A256GCM' })).toThrow('bound to A256KW');
    expect(() => importJweKey(new Uint8Array(16), 'A256KW')).toThrow('256 bits');
    const jwk = exportJweKey(b, { includePrivate: true });
    expect(decryptJwt(token, importJweKey(jwk, 'A256KW'), options).payload).toEqual({ x: 1 });
    const { publicKey } = await jose.generateKeyPair('RSA-OAEP-256', { extractable: true });
    const pub = importJweKey(await jose.exportJWK(publicKey), 'RSA-OAEP-256');
    const rsaToken = encryptJwt({}, pub, { alg: 'RSA-OAEP-256', enc: 'A256GCM' });
    expect(() =>
      decryptJwt(rsaToken, pub, { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] }),
    ).toThrow('public key');
    expect(() => importJweKey({ kty: 'oct', k: 'AAAAAAAAAAAAAAAAAAAAAA', use: 'sig' }, 'A128KW')).toThrow('use');
  });

  it('encrypt/decrypt of bytes (non-JWT payloads)', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const payload = crypto.getRandomValues(new Uint8Array(1000));
    const token = encryptCompact(payload, key, { alg: 'dir', enc: 'A256GCM' });
    const options = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] };
    expect(decryptCompact(token, importJweKey(key, 'dir'), options).plaintext).toEqual(payload);
    expect(new Uint8Array((await jose.compactDecrypt(token, key)).plaintext)).toEqual(payload);
  });
});

describe('ECDH-ES: the invalid-curve attack', () => {
  it('an epk that is not on the recipient curve is refused (P-256, sync and async)', async () => {
    const { publicKey, privateKey } = await jose.generateKeyPair('ECDH-ES+A256KW', { extractable: true, crv: 'P-256' });
    const priv = importJweKey(await jose.exportJWK(privateKey), 'ECDH-ES+A256KW');
    const token = await new jose.EncryptJWT({ a: 1 }).setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM' }).encrypt(publicKey);
    const parts = token.split('.');
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString());
    // A point of another curve (y changed by one: almost surely off P-256), the classic invalid-curve probe.
    const y = Buffer.from(header.epk.y, 'base64url');
    y[31]! ^= 1;
    header.epk.y = y.toString('base64url');
    const forged = [Buffer.from(JSON.stringify(header)).toString('base64url'), ...parts.slice(1)].join('.');
    const options = { keyManagementAlgorithms: ['ECDH-ES+A256KW'], contentEncryptionAlgorithms: ['A256GCM'] };
    await expect(decryptJwtAsync(forged, priv, options)).rejects.toThrow('decryption failed');
    expect(() => decryptJwt(forged, priv, options)).toThrow('decryption failed');
    expect((await decryptJwtAsync(token, priv, options)).payload).toEqual({ a: 1 });
    expect(decryptJwt(token, priv, options).payload).toEqual({ a: 1 });
    // An epk on another curve than the key's is refused too.
    const other = await jose.generateKeyPair('ECDH-ES', { extractable: true, crv: 'P-384' });
    header.epk = await jose.exportJWK(other.publicKey);
    const wrongCurve = [Buffer.from(JSON.stringify(header)).toString('base64url'), ...parts.slice(1)].join('.');
    await expect(decryptJwtAsync(wrongCurve, priv, options)).rejects.toThrow('decryption failed');
    expect(() => decryptJwt(wrongCurve, priv, options)).toThrow('decryption failed');
  });

  it('X25519: a low-order epk (all-zero shared secret) is refused', async () => {
    const { publicKey, privateKey } = await jose.generateKeyPair('ECDH-ES', { extractable: true, crv: 'X25519' });
    const priv = importJweKey(await jose.exportJWK(privateKey), 'ECDH-ES');
    const token = encryptJwt({ a: 1 }, await jose.exportJWK(publicKey), { alg: 'ECDH-ES', enc: 'A256GCM' });
    const parts = token.split('.');
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString());
    header.epk.x = Buffer.alloc(32).toString('base64url'); // u = 0, order 1
    const forged = [Buffer.from(JSON.stringify(header)).toString('base64url'), ...parts.slice(1)].join('.');
    const options = { keyManagementAlgorithms: ['ECDH-ES'], contentEncryptionAlgorithms: ['A256GCM'] };
    expect(() => decryptJwt(forged, priv, options)).toThrow('decryption failed');
    await expect(decryptJwtAsync(forged, priv, options)).rejects.toThrow('decryption failed');
    expect(decryptJwt(token, priv, options).payload).toEqual({ a: 1 });
    expect((await decryptJwtAsync(token, priv, options)).payload).toEqual({ a: 1 });
  });
});

describe('CipherToken with encryption: nested JWE tokens', () => {
  it('access/refresh issue nested JWE; decode/verify/rotation/inspect decrypt them, sync and async', async () => {
    await import('../src/jwe.js'); // provides the JWE code to the option
    const { CipherToken, HS256, secretKey } = await import('../src/index.js');
    const encKey = crypto.getRandomValues(new Uint8Array(32));
    const tokens = new CipherToken({
      secret: secretKey(),
      algorithm: HS256,
      accessTtl: 600,
      refreshTtl: 3600,
      encryption: { key: encKey, alg: 'A256KW', enc: 'A256GCM' },
    });
    const [access, refresh] = tokens.pair({ user_id: 42 });
    expect(access.split('.')).toHaveLength(5);
    expect(tokens.decode(access, { type: 'access' }).payload).toEqual({ user_id: 42 });
    expect(tokens.verify(access)).toBe(true);
    expect(await tokens.verifyAsync(await tokens.accessAsync({ a: 1 }))).toBe(true);
    const [nextAccess] = tokens.rotation(refresh);
    expect((await tokens.decodeAsync(nextAccess)).payload).toEqual({ user_id: 42 });
    expect(tokens.inspect(access).token).toBe('access');
    // jose opens the outer layer; the inner token is the usual signed CipherToken JWT.
    const { plaintext, protectedHeader } = await jose.compactDecrypt(access, encKey);
    expect(protectedHeader.cty).toBe('JWT');
    expect(new TextDecoder().decode(plaintext).split('.')).toHaveLength(3);
    // An instance with another encryption key, or without encryption, refuses these tokens.
    const other = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: 600, refreshTtl: 3600 });
    expect(other.verify(access)).toBe(false);
    expect(tokens.verify(other.access({}))).toBe(false);
  });
});

describe('JWK sets', () => {
  it('decryptJwt takes a local JWKS: kid and kty select the key; RemoteJwks needs the async function', async () => {
    const { createLocalJwks } = await import('../src/jose/jwks.js');
    const { publicKey, privateKey } = await jose.generateKeyPair('RSA-OAEP-256', { extractable: true });
    const priv = { ...(await jose.exportJWK(privateKey)), kid: 'rsa-1', alg: 'RSA-OAEP-256', use: 'enc' };
    const ec = await jose.generateKeyPair('ECDH-ES', { extractable: true, crv: 'X25519' });
    const okp = { ...(await jose.exportJWK(ec.privateKey)), kid: 'x-1' };
    const jwks = createLocalJwks({ keys: [priv, okp] as never });
    const token = await new jose.EncryptJWT({ a: 1 })
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'rsa-1' })
      .encrypt(publicKey);
    const options = { keyManagementAlgorithms: ['RSA-OAEP-256', 'ECDH-ES'], contentEncryptionAlgorithms: ['A256GCM'] };
    expect(decryptJwt(token, jwks, options).payload).toEqual({ a: 1 });
    expect((await decryptJwtAsync(token, jwks, options)).payload).toEqual({ a: 1 });
    const x = await new jose.EncryptJWT({ b: 2 }).setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', kid: 'x-1' }).encrypt(ec.publicKey);
    expect(decryptJwt(x, jwks, options).payload).toEqual({ b: 2 });
    const unknownKid = await new jose.EncryptJWT({ a: 1 })
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'nope' })
      .encrypt(publicKey);
    expect(() => decryptJwt(unknownKid, jwks, options)).toThrow('no key');
  });
});

describe('PBKDF2-HMAC-SHA512 in wasm (PBES2-HS512+A256KW)', () => {
  it('equals node:crypto for passwords, salts and lengths around the block sizes', async () => {
    const { pbkdf2Sync } = await import('node:crypto');
    const { pbkdf2Sha512 } = await import('../src/wasm/pbkdf2.js');
    for (const [pwLen, saltLen, iterations, dkLen] of [
      [0, 8, 1, 32],
      [13, 16, 2, 64],
      [128, 30, 10, 65],
      [200, 1, 1000, 32],
    ] as const) {
      const password = crypto.getRandomValues(new Uint8Array(pwLen));
      const salt = crypto.getRandomValues(new Uint8Array(saltLen));
      const expected = new Uint8Array(pbkdf2Sync(password, salt, iterations, dkLen, 'sha512'));
      expect(pbkdf2Sha512(password, salt, iterations, dkLen)).toEqual(expected);
    }
  });
});

describe('content of 2 KiB and more goes to WebCrypto on the async path', () => {
  it.each(['A128GCM', 'A256GCM', 'A128CBC-HS256', 'A256CBC-HS512'] as const)('%s: 8 KiB sync ↔ async ↔ jose', async (enc) => {
    const key = crypto.getRandomValues(new Uint8Array({ A128GCM: 16, A256GCM: 32, 'A128CBC-HS256': 32, 'A256CBC-HS512': 64 }[enc]));
    const payload = crypto.getRandomValues(new Uint8Array(8192));
    const options = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: [enc], maxTokenSize: 64 * 1024 };
    const k = importJweKey(key, 'dir');
    const { encryptCompactAsync } = await import('../src/jose/jwe.js');
    const fromAsync = await encryptCompactAsync(payload, key, { alg: 'dir', enc });
    const fromSync = encryptCompact(payload, key, { alg: 'dir', enc });
    expect(decryptCompact(fromAsync, k, options).plaintext).toEqual(payload);
    expect((await decryptCompactAsync(fromSync, k, options)).plaintext).toEqual(payload);
    expect(new Uint8Array((await jose.compactDecrypt(fromAsync, key)).plaintext)).toEqual(payload);
    const parts = fromSync.split('.');
    parts[4] = (parts[4]![0] === 'A' ? 'B' : 'A') + parts[4]!.slice(1);
    await expect(decryptCompactAsync(parts.join('.'), k, options)).rejects.toThrow('decryption failed');
  });
});

describe('a remote JWK set (decryptJwtAsync only)', () => {
  it('fetches the set, imports the key for the header alg, and refuses the sync function', async () => {
    const { createServer } = await import('node:http');
    const { createRemoteJwks } = await import('../src/jose/jwks.js');
    const { publicKey, privateKey } = await jose.generateKeyPair('ECDH-ES+A256KW', { extractable: true, crv: 'X25519' });
    const jwk = { ...(await jose.exportJWK(privateKey)), kid: 'remote-1', use: 'enc' };
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const remote = createRemoteJwks(`http://127.0.0.1:${port}/jwks.json`);
      const token = await new jose.EncryptJWT({ r: 1 })
        .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A128GCM', kid: 'remote-1' })
        .encrypt(publicKey);
      const options = { keyManagementAlgorithms: ['ECDH-ES+A256KW'], contentEncryptionAlgorithms: ['A128GCM'] };
      expect((await decryptJwtAsync(token, remote, options)).payload).toEqual({ r: 1 });
      expect(() => decryptJwt(token, remote, options)).toThrow(TypeError);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
