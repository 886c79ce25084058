// Ed25519 / EdDSA benchmark: raw sign/verify and full-token sign/verify, CipherToken against
// node:crypto (the native floor), jose (async), fast-jwt and @noble/curves, in one process.
// Run: npm run build && node bench/eddsa.mjs   (prints µs/op, median of batches, and ratios)
import { ed25519 } from '@noble/curves/ed25519.js';
import { createSigner, createVerifier } from 'fast-jwt';
import { importPKCS8, importSPKI, jwtVerify, SignJWT } from 'jose';
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { CipherToken, generateEd25519Keypair, importEd25519Key, signEd25519, verifyEd25519 } from 'ciphertoken';

const quick = process.argv.includes('--quick');
const BATCHES = quick ? 3 : 7;

/** Median µs/op over BATCHES batches of `n` calls, after a warm-up of `n` calls. */
function time(n, fn) {
  for (let i = 0; i < n; i++) fn(i);
  const samples = [];
  for (let b = 0; b < BATCHES; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(i);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e3 / n);
  }
  samples.sort((a, c) => a - c);
  return samples[samples.length >> 1];
}

async function timeAsync(n, fn) {
  for (let i = 0; i < n; i++) await fn(i);
  const samples = [];
  for (let b = 0; b < BATCHES; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn(i);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e3 / n);
  }
  samples.sort((a, c) => a - c);
  return samples[samples.length >> 1];
}

const [privatePem, publicPem] = generateEd25519Keypair();
const ourKey = importEd25519Key(privatePem);
const ourPub = importEd25519Key(publicPem);
const nodePriv = createPrivateKey(privatePem);
const nodePub = createPublicKey(publicPem);
const seed = Buffer.from(nodePriv.export({ format: 'jwk' }).d, 'base64url');
const noblePub = ed25519.getPublicKey(seed);
const msg = new Uint8Array(32).map((_, i) => i);

const N = quick ? 300 : 2000;
const NOBLE_N = quick ? 20 : 100;
const rows = [];
const ourSig = signEd25519(ourKey, msg);
const nodeSig = nodeSign(null, msg, nodePriv);
const nobleSig = ed25519.sign(msg, seed);

const raw = {
  sign: {
    ciphertoken: time(N, () => signEd25519(ourKey, msg)),
    'node:crypto': time(N, () => nodeSign(null, msg, nodePriv)),
    '@noble/curves': time(NOBLE_N, () => ed25519.sign(msg, seed)),
  },
  verify: {
    ciphertoken: time(N, () => verifyEd25519(ourPub, msg, ourSig)),
    'node:crypto': time(N, () => nodeVerify(null, msg, nodePub, nodeSig)),
    '@noble/curves': time(NOBLE_N, () => ed25519.verify(nobleSig, msg, noblePub)),
  },
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

const token = {
  sign: {
    ciphertoken: time(N, () => ct.access(payload)),
    'fast-jwt': time(N, () => fastSign({ payload, token: 'access' })),
    jose: await timeAsync(quick ? 100 : 500, () => new SignJWT({ payload }).setProtectedHeader({ alg: 'EdDSA' }).setIssuedAt().setExpirationTime('15m').sign(joseKey)),
  },
  verify: {
    ciphertoken: time(N, () => ct.decode(ctToken)),
    'fast-jwt': time(N, () => fastVerify(fastToken)),
    jose: await timeAsync(quick ? 100 : 500, () => jwtVerify(joseToken, josePub)),
  },
};

function report(title, table) {
  console.log(`\n${title}`);
  for (const [op, results] of Object.entries(table)) {
    const ours = results.ciphertoken;
    for (const [name, us] of Object.entries(results)) {
      const ratio = name === 'ciphertoken' ? '' : `  ciphertoken is ${(us / ours).toFixed(2)}× ${name}'s speed`;
      console.log(`  ${op.padEnd(7)} ${name.padEnd(14)} ${us.toFixed(1).padStart(8)} µs/op${ratio}`);
      rows.push({ title, op, name, us });
    }
  }
}

console.log(`Ed25519 / EdDSA — node ${process.version}, ${new Date().toISOString()}${quick ? ' (quick)' : ''}`);
report('raw Ed25519 (32-byte message)', raw);
report('full token (access issue / decode with claim checks)', token);

const ratio = (a, b) => (b / a).toFixed(2);
console.log('\ntargets (issue 4):');
console.log(`  token sign   vs fast-jwt: ${ratio(token.sign.ciphertoken, token.sign['fast-jwt'])}× (target ≥ 1.3)`);
console.log(`  token verify vs fast-jwt: ${ratio(token.verify.ciphertoken, token.verify['fast-jwt'])}× (target ≥ 0.9)`);
console.log(`  raw sign     vs noble:    ${ratio(raw.sign.ciphertoken, raw.sign['@noble/curves'])}× (target ≥ 15)`);
console.log(`  raw verify   vs noble:    ${ratio(raw.verify.ciphertoken, raw.verify['@noble/curves'])}× (target ≥ 15)`);
if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
