// JWE (ciphertoken/jwe): decryptJwt and encryptJwt per alg × enc, ours sync and async against jose
// (WebCrypto) in the same process, one call at a time. Targets (issue 19): dir + A256GCM decryptJwt
// sync ≥ 10× jose; ECDH-ES+A256KW on P-256 and X25519 ≥ 1× jose.
// Run after `npm run build`: node bench/jwe.mjs (also part of `npm run bench`). BENCH_QUICK=1 measures shorter.
import { decryptJwt, decryptJwtAsync, encryptJwt, encryptJwtAsync, importJweKey } from 'ciphertoken/jwe';
import * as jose from 'jose';
import { measure, measureAsync } from './harness.mjs';

const quick = process.env.BENCH_QUICK === '1';
const timing = quick ? { samples: 3, sampleMs: 20 } : { samples: 5, sampleMs: 60 };
const ENCS = ['A128GCM', 'A256GCM', 'A128CBC-HS256', 'A256CBC-HS512'];
const ENC_BYTES = { A128GCM: 16, A256GCM: 32, 'A128CBC-HS256': 32, 'A256CBC-HS512': 64 };
const claims = { sub: 'user-1', role: 'admin', scopes: ['read', 'write'], iat: Math.floor(Date.now() / 1000) };

/** Keys for one row: what we encrypt to and decrypt with, and jose's equivalents. */
async function keysFor(alg, enc, crv) {
  const random = (n) => crypto.getRandomValues(new Uint8Array(n));
  if (alg === 'dir' || /^A\d+(GCM)?KW$/.test(alg)) {
    const k = random(alg === 'dir' ? ENC_BYTES[enc] : alg.startsWith('A128') ? 16 : 32);
    return { encrypt: k, decrypt: importJweKey(k, alg), joseEncrypt: k, joseDecrypt: k };
  }
  if (alg.startsWith('PBES2')) {
    const password = 'correct horse battery staple';
    return {
      encrypt: password,
      decrypt: importJweKey(password, alg),
      joseEncrypt: new TextEncoder().encode(password),
      joseDecrypt: new TextEncoder().encode(password),
    };
  }
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true, ...(crv && { crv }) });
  const priv = importJweKey(await jose.exportJWK(privateKey), alg);
  return { encrypt: importJweKey(await jose.exportJWK(publicKey), alg), decrypt: priv, joseEncrypt: publicKey, joseDecrypt: privateKey };
}

const ROWS = [
  ...['dir', 'A128KW', 'A256KW', 'A128GCMKW', 'A256GCMKW', 'PBES2-HS256+A128KW', 'PBES2-HS512+A256KW', 'RSA-OAEP', 'RSA-OAEP-256'].map(
    (alg) => [alg],
  ),
  ...['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A256KW'].flatMap((alg) => [
    [alg, 'X25519'],
    [alg, 'P-256'],
  ]),
];

const us = (ns) => (ns === undefined ? 'n/a' : (ns / 1000).toFixed(1));
const ratio = (peer, ours) => (ours === undefined ? '' : `${(peer / ours).toFixed(2)}×`);

console.log('\nJWE: µs per call, one call at a time (ratio = jose ÷ ours; above 1: ours is faster). PBES2 at p2c 10,000, RSA 2048-bit.');
console.log(
  `  ${'alg'.padEnd(26)} ${'enc'.padEnd(14)} ${'decrypt sync'.padStart(12)} ${'async'.padStart(8)} ${'jose'.padStart(8)} ${'sync×'.padStart(7)} ${'async×'.padStart(7)}   ${'encrypt sync'.padStart(12)} ${'async'.padStart(8)} ${'jose'.padStart(8)} ${'sync×'.padStart(7)}`,
);
for (const [alg, crv] of ROWS) {
  for (const enc of ENCS) {
    const keys = await keysFor(alg, enc, crv);
    const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] };
    const p2c = alg.startsWith('PBES2') ? { p2c: 10_000 } : {};
    const token = await new jose.EncryptJWT(claims)
      .setProtectedHeader({ alg, enc })
      .setKeyManagementParameters(p2c)
      .encrypt(keys.joseEncrypt);
    // Sync ECDH-ES on P-256 needs the wasm NIST ECDH (the curves work): n/a until then.
    let syncWorks = true;
    try {
      decryptJwt(token, keys.decrypt, options);
    } catch {
      syncWorks = false;
    }
    const decSync = syncWorks ? measure(() => decryptJwt(token, keys.decrypt, options), timing) : undefined;
    const decAsync = await measureAsync(() => decryptJwtAsync(token, keys.decrypt, options), timing);
    const decJose = await measureAsync(() => jose.jwtDecrypt(token, keys.joseDecrypt, options), timing);
    const encSync = syncWorks ? measure(() => encryptJwt(claims, keys.encrypt, { alg, enc, ...p2c }), timing) : undefined;
    const encAsync = await measureAsync(() => encryptJwtAsync(claims, keys.encrypt, { alg, enc, ...p2c }), timing);
    const encJose = await measureAsync(
      () => new jose.EncryptJWT(claims).setProtectedHeader({ alg, enc }).setKeyManagementParameters(p2c).encrypt(keys.joseEncrypt),
      timing,
    );
    const name = crv ? `${alg} (${crv})` : alg;
    console.log(
      `  ${name.padEnd(26)} ${enc.padEnd(14)} ${us(decSync).padStart(12)} ${us(decAsync).padStart(8)} ${us(decJose).padStart(8)} ${ratio(decJose, decSync).padStart(7)} ${ratio(decJose, decAsync).padStart(7)}   ${us(encSync).padStart(12)} ${us(encAsync).padStart(8)} ${us(encJose).padStart(8)} ${ratio(encJose, encSync).padStart(7)}`,
    );
  }
}
