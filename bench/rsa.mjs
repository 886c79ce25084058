// RS256 and PS256 (2048-bit) full-token sign (`access`) and verify (`decode`): ours sync (wasm
// big integers) and async (WebCrypto) against jose, fast-jwt and the node:crypto floor.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, constants } from 'node:crypto';
import { CipherToken } from 'ciphertoken';
import { createSigner, createVerifier } from 'fast-jwt';
import * as jose from 'jose';
import { measure, measureAsync, table } from './harness.mjs';

const payload = { user_id: 42, role: 'admin', scopes: ['read', 'write'] };
const claims = () => {
  const iat = Math.floor(Date.now() / 1000);
  return { payload, exp: iat + 600, iat, ttl: 600, token: 'access', jti: randomUUID() };
};
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' });
const publicPem = publicKey.export({ type: 'spki', format: 'pem' });
const fast = { sample: { samples: 5, sampleMs: 200 } };
const summary = [];

for (const alg of ['RS256', 'PS256']) {
  const nodeOptions = alg === 'PS256' ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : {};
  const nodePrivate = { key: createPrivateKey(privatePem), ...nodeOptions };
  const nodePublic = { key: createPublicKey(publicPem), ...nodeOptions };
  const ours = new CipherToken({ secret: privatePem, algorithm: alg, accessTtl: 600, refreshTtl: 3600 });
  const fastSign = createSigner({ key: privatePem, algorithm: alg, noTimestamp: true });
  const fastVerify = createVerifier({ key: publicPem, algorithms: [alg] });
  const token = ours.access(payload);
  const [h, p, s] = token.split('.');
  const input = Buffer.from(`${h}.${p}`);
  const signature = Buffer.from(s, 'base64url');
  const joseKey = createPrivateKey(privatePem);
  const josePublic = createPublicKey(publicPem);

  const signRows = [
    ['ciphertoken access() (sync, wasm)', measure(() => ours.access(payload), fast.sample)],
    ['ciphertoken accessAsync() (WebCrypto)', await measureAsync(() => ours.accessAsync(payload))],
    ['node:crypto sign floor (signature only)', measure(() => sign('sha256', input, nodePrivate), fast.sample)],
    ['fast-jwt createSigner (sync)', measure(() => fastSign(claims()), fast.sample)],
    ['jose SignJWT (async, one at a time)', await measureAsync(() => new jose.SignJWT(claims()).setProtectedHeader({ alg, typ: 'JWT' }).sign(joseKey))],
  ];
  table(`${alg} sign, full token, 2048-bit (${token.length} chars)`, signRows);

  const verifier = new CipherToken({ secret: publicPem, algorithm: alg, accessTtl: 600, refreshTtl: 3600 });
  const verifyRows = [
    ['ciphertoken decode() (sync, wasm)', measure(() => verifier.decode(token), fast.sample)],
    ['ciphertoken decodeAsync() (WebCrypto)', await measureAsync(() => verifier.decodeAsync(token))],
    ['node:crypto verify floor (signature only)', measure(() => verify('sha256', input, nodePublic, signature), fast.sample)],
    ['fast-jwt createVerifier (sync)', measure(() => fastVerify(token), fast.sample)],
    ['jose jwtVerify (async, one at a time)', await measureAsync(() => jose.jwtVerify(token, josePublic, { algorithms: [alg] }))],
  ];
  table(`${alg} verify, full token, 2048-bit`, verifyRows);

  const t = (rows, name) => rows.find(([n]) => n.startsWith(name))[1];
  summary.push(
    [`${alg} async sign: jose ÷ ours (target ≥ 1/1.2 = 0.83)`, t(signRows, 'jose') / t(signRows, 'ciphertoken accessAsync')],
    [`${alg} async verify: jose ÷ ours (target ≥ 0.83)`, t(verifyRows, 'jose') / t(verifyRows, 'ciphertoken decodeAsync')],
    [`${alg} sync verify: fast-jwt ÷ ours (target ≥ 0.25)`, t(verifyRows, 'fast-jwt') / t(verifyRows, 'ciphertoken decode()')],
    [`${alg} sync sign: fast-jwt ÷ ours (target ≥ 0.125)`, t(signRows, 'fast-jwt') / t(signRows, 'ciphertoken access()')],
  );
}

console.log('\nRSA targets (issue 6), same run');
for (const [name, ratio] of summary) console.log(`  ${name.padEnd(58)} ${ratio.toFixed(3)}`);
