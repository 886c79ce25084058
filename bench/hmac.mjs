// HS256/384/512 full-token sign (`access`) and verify (`decode`) against jose, fast-jwt,
// jsonwebtoken and the node:crypto HMAC floor; raw HMAC and base64url against node:crypto/Buffer.
import { createHmac, randomUUID } from 'node:crypto';
import { CipherToken, secretKeyWithSize } from 'ciphertoken';
import { createSigner, createVerifier } from 'fast-jwt';
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { hmac, hmacKeyState } from '../dist/esm/wasm/sha2.js';
import { base64urlDecode, base64urlEncode } from '../dist/esm/wasm/base64url.js';
import { measure, measureAsync, table } from './harness.mjs';

const payload = { user_id: 42, role: 'admin', scopes: ['read', 'write'] };
/** The claims CipherToken builds, so every peer signs the same shape and pays for the same UUID. */
const claims = () => {
  const iat = Math.floor(Date.now() / 1000);
  return { payload, exp: iat + 600, iat, ttl: 600, token: 'access', jti: randomUUID() };
};

for (const [alg, size, hash] of [
  ['HS256', 32, 'sha256'],
  ['HS384', 48, 'sha384'],
  ['HS512', 64, 'sha512'],
]) {
  const secret = secretKeyWithSize(size);
  const key = new TextEncoder().encode(secret);
  const ours = new CipherToken({ secret, algorithm: alg, accessTtl: 600, refreshTtl: 3600 });
  const fastSign = createSigner({ key: secret, algorithm: alg, noTimestamp: true });
  const fastVerify = createVerifier({ key: secret, algorithms: [alg] });
  const token = ours.access(payload);
  const [h, p] = token.split('.');
  const signingInput = `${h}.${p}`;
  const joseSign = () => new jose.SignJWT(claims()).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);

  table(`${alg} sign, full token (${token.length} chars)`, [
    ['ciphertoken access() (sync, wasm)', measure(() => ours.access(payload))],
    ['node:crypto createHmac floor (MAC only)', measure(() => createHmac(hash, secret).update(signingInput).digest('base64url'))],
    ['fast-jwt createSigner (sync)', measure(() => fastSign(claims()))],
    ['jsonwebtoken sign (sync)', measure(() => jsonwebtoken.sign(claims(), secret, { algorithm: alg, noTimestamp: true }))],
    ['jose SignJWT (async, one at a time)', await measureAsync(joseSign)],
    ['jose SignJWT (async, 64 in flight)', await measureAsync(joseSign, { inFlight: 64 })],
  ]);

  const joseVerify = () => jose.jwtVerify(token, key, { algorithms: [alg] });
  table(`${alg} verify, full token`, [
    ['ciphertoken decode() (sync, wasm)', measure(() => ours.decode(token))],
    ['node:crypto createHmac floor (MAC only)', measure(() => createHmac(hash, secret).update(signingInput).digest('base64url'))],
    ['fast-jwt createVerifier (sync)', measure(() => fastVerify(token))],
    ['jsonwebtoken verify (sync)', measure(() => jsonwebtoken.verify(token, secret, { algorithms: [alg] }))],
    ['jose jwtVerify (async, one at a time)', await measureAsync(joseVerify)],
    ['jose jwtVerify (async, 64 in flight)', await measureAsync(joseVerify, { inFlight: 64 })],
  ]);
}

const message = new Uint8Array(207).fill(0x61);
const state = hmacKeyState(256, new Uint8Array(32).fill(7));
const nodeKey = new Uint8Array(32).fill(7);
table('HMAC-SHA256 of 207 bytes (raw MAC, key prepared once)', [
  ['ciphertoken wasm hmac', measure(() => hmac(256, state, message))],
  ['node:crypto createHmac', measure(() => createHmac('sha256', nodeKey).update(message).digest())],
]);

for (const size of [32, 1024 * 1024]) {
  const bytes = new Uint8Array(size).map((_, i) => i * 13);
  const text = Buffer.from(bytes).toString('base64url');
  const label = size === 32 ? '32 B' : '1 MB';
  table(`base64url encode, ${label}`, [
    ['ciphertoken wasm', measure(() => base64urlEncode(bytes))],
    ['Buffer.toString("base64url")', measure(() => Buffer.from(bytes.buffer, bytes.byteOffset, size).toString('base64url'))],
  ]);
  table(`base64url decode (strict), ${label}`, [
    ['ciphertoken wasm', measure(() => base64urlDecode(text))],
    ['Buffer.from(text, "base64url") (lenient)', measure(() => Buffer.from(text, 'base64url'))],
  ]);
}
