// ES256 / ES384 / ES512: raw ECDSA sign/verify and full-token sign (`access`) / verify (`decode`) against
// node:crypto (the native OpenSSL floor), fast-jwt, jose and @noble/curves, all in one process.
// Run after `npm run build`: node bench/ecdsa.mjs (also part of `npm run bench`); BENCH_ALGS=ES512 runs one curve.
import { createPrivateKey, createPublicKey, randomUUID, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { CipherToken } from 'ciphertoken';
import { createSigner, createVerifier } from 'fast-jwt';
import * as jose from 'jose';
import { ecState, generateEcPemPair, importEcKey } from '../dist/esm/families/ecdsa/keys.js';
import { P256 } from '../dist/esm/families/ecdsa/p256.js';
import { P384 } from '../dist/esm/families/ecdsa/p384.js';
import { P521 } from '../dist/esm/families/ecdsa/p521.js';
import { ecdsaSign, ecdsaVerify, ecVerificationTable } from '../dist/esm/wasm/ecdsa.js';
import { interleaved, table } from './harness.mjs';

/** One table of rows measured interleaved (harness.mjs `interleaved`). */
async function compare(title, rows, options) {
  const ns = await interleaved(rows, options);
  table(
    title,
    rows.map(([name], k) => [name, ns[k]]),
  );
}

console.log(
  `\nECDSA tables: ${process.env.BENCH_STAT === 'median' ? 'median' : 'fastest'} of 40 interleaved ~4 ms batches per row (wall clock)`,
);

const payload = { user_id: 42, role: 'admin', scopes: ['read', 'write'] };
const claims = () => {
  const iat = Math.floor(Date.now() / 1000);
  return { payload, exp: iat + 600, iat, ttl: 600, token: 'access', jti: randomUUID() };
};

for (const [alg, ecCurve, noble, hash] of [
  ['ES256', P256, p256, 'sha256'],
  ['ES384', P384, p384, 'sha384'],
  ['ES512', P521, p521, 'sha512'],
]) {
  const curve = ecCurve.module;
  if (process.env.BENCH_ALGS && !process.env.BENCH_ALGS.split(',').includes(alg)) continue;
  const [privatePem, publicPem] = generateEcPemPair(ecCurve);
  const key = importEcKey(privatePem, ecCurve);
  const { d, xy } = ecState(key);
  const nodePriv = createPrivateKey(privatePem);
  const nodePub = createPublicKey(publicPem);
  const noblePub = Uint8Array.of(4, ...xy);
  const message = new Uint8Array(207).fill(0x61);
  const sig = ecdsaSign(curve, d, message);
  const nobleOpts = { prehash: true, lowS: false };

  await compare(`${alg} raw sign, 207-byte message (hash included)`, [
    ['ciphertoken wasm (RFC 6979)', () => ecdsaSign(curve, d, message)],
    ['node:crypto sign (native floor)', () => nodeSign(hash, message, { key: nodePriv, dsaEncoding: 'ieee-p1363' })],
    ['@noble/curves sign', () => noble.sign(message, d, nobleOpts)],
  ]);
  const qTable = ecVerificationTable(curve, xy);
  await compare(`${alg} raw verify, 207-byte message`, [
    ['ciphertoken wasm, per-key table (vartime)', () => ecdsaVerify(curve, xy, message, sig, qTable)],
    ['ciphertoken wasm, one-shot key (vartime)', () => ecdsaVerify(curve, xy, message, sig)],
    ['node:crypto verify (native floor)', () => nodeVerify(hash, message, { key: nodePub, dsaEncoding: 'ieee-p1363' }, sig)],
    ['@noble/curves verify', () => noble.verify(sig, message, noblePub, nobleOpts)],
  ]);

  const ours = new CipherToken({ secret: privatePem, algorithm: alg, accessTtl: 600, refreshTtl: 3600 });
  const oursPublic = new CipherToken({ secret: publicPem, algorithm: alg, accessTtl: 600, refreshTtl: 3600 });
  const fastSign = createSigner({ key: privatePem, algorithm: alg, noTimestamp: true });
  const fastVerify = createVerifier({ key: publicPem, algorithms: [alg] });
  const josePriv = await jose.importPKCS8(privatePem, alg);
  const josePub = await jose.importSPKI(publicPem, alg);
  const token = ours.access(payload);
  const joseSign = () => new jose.SignJWT(claims()).setProtectedHeader({ alg, typ: 'JWT' }).sign(josePriv);
  const joseVerify = () => jose.jwtVerify(token, josePub, { algorithms: [alg] });

  await compare(`${alg} sign, full token (${token.length} chars)`, [
    ['ciphertoken access() (sync, wasm)', () => ours.access(payload)],
    ['fast-jwt createSigner (sync, node:crypto)', () => fastSign(claims())],
    ['jose SignJWT (async, one at a time)', joseSign, true],
  ]);
  await compare(`${alg} verify, full token`, [
    ['ciphertoken decode() (sync, wasm)', () => oursPublic.decode(token)],
    ['fast-jwt createVerifier (sync, node:crypto)', () => fastVerify(token)],
    ['jose jwtVerify (async, one at a time)', joseVerify, true],
  ]);
}
