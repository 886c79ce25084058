// Ed25519 / EdDSA benchmark: raw sign/verify and full-token sign/verify, CipherToken against
// node:crypto (the native floor), jose (async), fast-jwt and @noble/curves, in one process.
// Run: npm run build && node bench/eddsa.mjs   (prints µs/op, median of batches, and ratios)
import { ed25519 } from '@noble/curves/ed25519.js';
import { createSigner, createVerifier } from 'fast-jwt';
import { importPKCS8, importSPKI, jwtVerify, SignJWT } from 'jose';
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { CipherToken, generateEd25519Keypair, importKey, signEd25519, verifyEd25519 } from 'ciphertoken';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 4 : 12;

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

const N = quick ? 200 : 500;
const NOBLE_N = quick ? 10 : 30;
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

// Full tokens: a small claim set, as an access token would carry.
const payload = { sub: 'user-1234', role: 'admin', scope: ['read', 'write'] };
const ct = new CipherToken({ secret: privatePem, algorithm: 'EdDSA', accessTtl: 900, refreshTtl: 86400 });
const ctToken = ct.access(payload);
const fastSign = createSigner({ key: privatePem, algorithm: 'EdDSA' });
const fastVerify = createVerifier({ key: publicPem, algorithms: ['EdDSA'] });
const fastToken = fastSign({ payload, token: 'access' });
const joseKey = await importPKCS8(privatePem, 'EdDSA');
const josePub = await importSPKI(publicPem, 'EdDSA');
const joseToken = await new SignJWT({ payload }).setProtectedHeader({ alg: 'EdDSA' }).setIssuedAt().setExpirationTime('15m').sign(joseKey);

const JOSE_N = quick ? 50 : 200;
const token = {
  sign: await compare({
    ciphertoken: sync(N, () => ct.access(payload)),
    'fast-jwt': sync(N, () => fastSign({ payload, token: 'access' })),
    jose: async_(JOSE_N, () => new SignJWT({ payload }).setProtectedHeader({ alg: 'EdDSA' }).setIssuedAt().setExpirationTime('15m').sign(joseKey)),
  }),
  verify: await compare({
    ciphertoken: sync(N, () => ct.decode(ctToken)),
    'fast-jwt': sync(N, () => fastVerify(fastToken)),
    jose: async_(JOSE_N, () => jwtVerify(joseToken, josePub)),
  }),
};

function report(title, table) {
  console.log(`\n${title}   (µs/op: fastest batch / median batch)`);
  for (const [op, results] of Object.entries(table)) {
    const ours = results.ciphertoken.best;
    for (const [name, { best, median }] of Object.entries(results)) {
      const ratio = name === 'ciphertoken' ? '' : `  ciphertoken ${(best / ours).toFixed(2)}× faster than ${name}`;
      console.log(`  ${op.padEnd(7)} ${name.padEnd(14)} ${best.toFixed(1).padStart(8)} / ${median.toFixed(1).padStart(7)}${ratio}`);
      rows.push({ title, op, name, best, median });
    }
  }
}

console.log(`Ed25519 / EdDSA — node ${process.version}, ${new Date().toISOString()}${quick ? ' (quick)' : ''}`);
report('raw Ed25519 (32-byte message)', raw);
report('full token (CipherToken access/decode, fast-jwt signer/verifier, jose SignJWT/jwtVerify)', token);

const ratio = (ours, peer) => (peer.best / ours.best).toFixed(2);
console.log('\ntargets (issue 4), on fastest batches:');
console.log(`  token sign   vs fast-jwt: ${ratio(token.sign.ciphertoken, token.sign['fast-jwt'])}× (target ≥ 1.3)`);
console.log(`  token verify vs fast-jwt: ${ratio(token.verify.ciphertoken, token.verify['fast-jwt'])}× (target ≥ 0.9)`);
console.log(`  raw sign     vs noble:    ${ratio(raw.sign.ciphertoken, raw.sign['@noble/curves'])}× (target ≥ 15)`);
console.log(`  raw verify   vs noble:    ${ratio(raw.verify.ciphertoken, raw.verify['@noble/curves'])}× (target ≥ 15)`);
console.log(`  raw sign/verify vs node:crypto: ${ratio(raw.sign.ciphertoken, raw.sign['node:crypto'])}× / ${ratio(raw.verify.ciphertoken, raw.verify['node:crypto'])}×`);
if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
