// Async throughput, 64 calls in flight (issue 17): CipherToken's ES256 async methods against jose,
// whose WebCrypto work runs on the runtime's thread pool while ours runs in wasm on the calling
// thread. The sync row is the same work one call at a time, for scale. (EdDSA's rows are in
// bench/eddsa.mjs.)
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { CipherToken, generateEcKeypair } from 'ciphertoken';
import * as jose from 'jose';
import { measure, measureAsync, table } from './harness.mjs';

const IN_FLIGHT = 64;
const payload = { user_id: 42, role: 'admin', scopes: ['read', 'write'] };
const claims = () => {
  const iat = Math.floor(Date.now() / 1000);
  return { payload, exp: iat + 600, iat, ttl: 600, token: 'access', jti: randomUUID() };
};

console.log(`\nasync throughput, ${IN_FLIGHT} calls in flight (${cpus().length} cores; jose spreads WebCrypto over the thread pool)`);
const alg = 'ES256';
const [privatePem, publicPem] = generateEcKeypair(alg);
const ours = new CipherToken({ secret: privatePem, algorithm: alg, accessTtl: 600, refreshTtl: 3600 });
const privateKey = await jose.importPKCS8(privatePem, alg);
const publicKey = await jose.importSPKI(publicPem, alg);
const token = ours.access(payload);
const joseSign = () => new jose.SignJWT(claims()).setProtectedHeader({ alg, typ: 'JWT' }).sign(privateKey);
table(`${alg} sign, ${IN_FLIGHT} in flight`, [
  ['ciphertoken accessAsync()', await measureAsync(() => ours.accessAsync(payload), { inFlight: IN_FLIGHT })],
  ['ciphertoken access() (sync, one at a time)', measure(() => ours.access(payload))],
  ['jose SignJWT', await measureAsync(joseSign, { inFlight: IN_FLIGHT })],
]);
table(`${alg} verify, ${IN_FLIGHT} in flight`, [
  ['ciphertoken decodeAsync()', await measureAsync(() => ours.decodeAsync(token), { inFlight: IN_FLIGHT })],
  ['ciphertoken decode() (sync, one at a time)', measure(() => ours.decode(token))],
  ['jose jwtVerify', await measureAsync(() => jose.jwtVerify(token, publicKey, { algorithms: [alg] }), { inFlight: IN_FLIGHT })],
]);
