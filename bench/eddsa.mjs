// Ed25519 / EdDSA benchmark: raw sign/verify and full-token sign/verify, CipherToken against
// node:crypto (the native floor), jose (async), fast-jwt and @noble/curves, in one process.
// Run: npm run build && node bench/eddsa.mjs   (prints µs/op, median of batches, and ratios)
import { ed25519 } from '@noble/curves/ed25519.js';
import { createSigner, createVerifier } from 'fast-jwt';
import { importPKCS8, importSPKI, jwtVerify, SignJWT } from 'jose';
import { createPrivateKey, createPublicKey, randomUUID, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { CipherToken, generateEd25519Keypair, importKey, signEd25519, verifyEd25519 } from 'ciphertoken';
import { measureAsync, table } from './harness.mjs';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 4 : 25;

/**
 * Interleaved rounds: each round times one batch of every contender in turn, so load from other
 * processes (this machine is shared) hits all of them alike. Reports µs/op of the fastest batch
 * (closest to the uncontended cost) and the median batch.
 */
async function compare(contenders) {
  const samples = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (const [, { n, fn }] of Object.entries(contenders)) for (let i = 0; i < n; i++) await fn(i); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, { n, fn, sync }] of Object.entries(contenders)) {
      const t0 = process.hrtime.bigint();
      if (sync) for (let i = 0; i < n; i++) fn(i);
      else for (let i = 0; i < n; i++) await fn(i);
      samples[name].push(Number(process.hrtime.bigint() - t0) / 1e3 / n);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, xs]) => {
      xs.sort((a, b) => a - b);
      return [name, { best: xs[0], median: xs[xs.length >> 1] }];
    }),
  );
}
const sync = (n, fn) => ({ n, fn, sync: true });
const async_ = (n, fn) => ({ n, fn, sync: false });

const [privatePem, publicPem] = generateEd25519Keypair();
const ourKey = importKey(privatePem, 'EdDSA');
const ourPub = importKey(publicPem, 'EdDSA');
const nodePriv = createPrivateKey(privatePem);
const nodePub = createPublicKey(publicPem);
const seed = Buffer.from(nodePriv.export({ format: 'jwk' }).d, 'base64url');
const noblePub = ed25519.getPublicKey(seed);
const msg = new Uint8Array(32).map((_, i) => i);

const N = quick ? 100 : 200;
const NOBLE_N = quick ? 5 : 20;
const rows = [];
const ourSig = signEd25519(ourKey, msg);
const nodeSig = nodeSign(null, msg, nodePriv);
const nobleSig = ed25519.sign(msg, seed);

const raw = {
  sign: await compare({
    ciphertoken: sync(N, () => signEd25519(ourKey, msg)),
    'node:crypto': sync(N, () => nodeSign(null, msg, nodePriv)),
    '@noble/curves': sync(NOBLE_N, () => ed25519.sign(msg, seed)),
  }),
  verify: await compare({
    ciphertoken: sync(N, () => verifyEd25519(ourPub, msg, ourSig)),
    'node:crypto': sync(N, () => nodeVerify(null, msg, nodePub, nodeSig)),
    '@noble/curves': sync(NOBLE_N, () => ed25519.verify(nobleSig, msg, noblePub)),
  }),
};

// Full tokens: every peer signs the claim set CipherToken builds (same shape, same UUID cost).
const payload = { user_id: 42, role: 'admin', scopes: ['read', 'write'] };
const claims = () => {
  const iat = Math.floor(Date.now() / 1000);
  return { payload, exp: iat + 900, iat, ttl: 900, token: 'access', jti: randomUUID() };
};
const ct = new CipherToken({ secret: privatePem, algorithm: 'EdDSA', accessTtl: 900, refreshTtl: 86400 });
const ctToken = ct.access(payload);
const fastSign = createSigner({ key: privatePem, algorithm: 'EdDSA', noTimestamp: true });
const fastVerify = createVerifier({ key: publicPem, algorithms: ['EdDSA'] });
const fastToken = fastSign(claims());
const joseKey = await importPKCS8(privatePem, 'EdDSA');
const josePub = await importSPKI(publicPem, 'EdDSA');
const joseSign = () => new SignJWT(claims()).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' }).sign(joseKey);
const joseToken = await joseSign();

const JOSE_N = quick ? 50 : 100;
const token = {
  sign: await compare({
    ciphertoken: sync(N, () => ct.access(payload)),
    'fast-jwt': sync(N, () => fastSign(claims())),
    jose: async_(JOSE_N, joseSign),
  }),
  verify: await compare({
    ciphertoken: sync(N, () => ct.decode(ctToken)),
    'fast-jwt': sync(N, () => fastVerify(fastToken)),
    jose: async_(JOSE_N, () => jwtVerify(joseToken, josePub)),
  }),
};

// Async throughput (issue 17): 64 calls in flight. jose's WebCrypto calls run on libuv's thread
// pool (two cores here); ours run the wasm signer on the calling thread, so calls in flight do not
// overlap: this row measures what a server gains from many concurrent async calls.
const ctVerifier = new CipherToken({ secret: publicPem, algorithm: 'EdDSA', accessTtl: 900, refreshTtl: 86400 });
const FLIGHT = { inFlight: 64, samples: quick ? 3 : 5 };
const inFlight = {
  sign: [
    ['ciphertoken accessAsync() (64 in flight)', await measureAsync(() => ct.accessAsync(payload), FLIGHT)],
    ['jose SignJWT (64 in flight)', await measureAsync(joseSign, FLIGHT)],
  ],
  verify: [
    ['ciphertoken decodeAsync() (64 in flight)', await measureAsync(() => ctVerifier.decodeAsync(ctToken), FLIGHT)],
    ['jose jwtVerify (64 in flight)', await measureAsync(() => jwtVerify(joseToken, josePub), FLIGHT)],
  ],
};

const LABELS = {
  ciphertoken: 'ciphertoken (sync, wasm)',
  'node:crypto': 'node:crypto sign/verify (OpenSSL, native floor)',
  '@noble/curves': '@noble/curves ed25519 (pure JS)',
  'fast-jwt': 'fast-jwt createSigner/createVerifier (sync)',
  jose: 'jose SignJWT/jwtVerify (async, one at a time)',
};

/** One harness table per operation, from the fastest interleaved batch (medians in parentheses). */
function report(title, results) {
  table(
    title,
    Object.entries(results).map(([name, { best }]) => [LABELS[name], best * 1000]),
  );
  console.log(
    `  medians µs/op: ${Object.entries(results)
      .map(([name, { median }]) => `${name} ${median.toFixed(1)}`)
      .join(', ')}`,
  );
  for (const [name, r] of Object.entries(results)) rows.push({ title, name, ...r });
}

console.log(
  `\nEd25519 / EdDSA — node ${process.version}, ${new Date().toISOString()}${quick ? ' (quick)' : ''}; fastest of ${ROUNDS} interleaved batches`,
);
report('Ed25519 raw sign, 32-byte message', raw.sign);
report('Ed25519 raw verify, 32-byte message', raw.verify);
report(`EdDSA sign, full token (${ctToken.length} chars): access() / fast-jwt / jose`, token.sign);
report('EdDSA verify, full token: decode() / fast-jwt / jose', token.verify);

table('EdDSA sign, async throughput, 64 in flight', inFlight.sign);
table('EdDSA verify, async throughput, 64 in flight', inFlight.verify);

const ratio = (ours, peer) => (peer.best / ours.best).toFixed(2);
console.log('\ntargets (issues 4 and 17), on fastest batches:');
console.log(`  token sign   vs fast-jwt: ${ratio(token.sign.ciphertoken, token.sign['fast-jwt'])}× (target ≥ 1.3)`);
console.log(`  token verify vs fast-jwt: ${ratio(token.verify.ciphertoken, token.verify['fast-jwt'])}× (target ≥ 1.3)`);
console.log(`  raw sign     vs noble:    ${ratio(raw.sign.ciphertoken, raw.sign['@noble/curves'])}× (target ≥ 20)`);
console.log(`  raw verify   vs noble:    ${ratio(raw.verify.ciphertoken, raw.verify['@noble/curves'])}× (target ≥ 20)`);
const flight = (rows) => (rows[1][1] / rows[0][1]).toFixed(2);
console.log(`  async 64 in flight vs jose: sign ${flight(inFlight.sign)}×, verify ${flight(inFlight.verify)}× (target ≥ 1)`);
console.log(
  `  raw sign/verify vs node:crypto: ${ratio(raw.sign.ciphertoken, raw.sign['node:crypto'])}× / ${ratio(raw.verify.ciphertoken, raw.verify['node:crypto'])}×`,
);
if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
