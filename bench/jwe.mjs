// JWE (ciphertoken/jwe): decryptJwt and encryptJwt per alg × enc, ours sync and async against jose
// (WebCrypto) in the same process, one call at a time. Targets (issue 19): dir + A256GCM decryptJwt
// sync ≥ 10× jose; ECDH-ES+A256KW on P-256 and X25519 ≥ 1× jose.
// Run after `npm run build`: node bench/jwe.mjs (also part of `npm run bench`). BENCH_QUICK=1 measures shorter.
import { decryptJwt, decryptJwtAsync, encryptJwt, encryptJwtAsync, importJweKey } from 'ciphertoken/jwe';
import * as jose from 'jose';
import { interleaved } from './harness.mjs';

// Fastest of interleaved batches per row (harness.mjs), so every row of one alg × enc sees the same machine.
const timing = process.env.BENCH_QUICK === '1' ? { rounds: 5, batchMs: 3 } : { rounds: 20, batchMs: 4 };
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

console.log(
  '\nJWE: µs per call, one call at a time, fastest of interleaved batches (ratio = jose ÷ ours; above 1: ours is faster). PBES2 at p2c 10,000, RSA 2048-bit.',
);
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
    const encrypting = { alg, enc, ...p2c };
    const rows = [
      ['decrypt sync', () => decryptJwt(token, keys.decrypt, options)],
      ['decrypt async', () => decryptJwtAsync(token, keys.decrypt, options), true],
      ['decrypt jose', () => jose.jwtDecrypt(token, keys.joseDecrypt, options), true],
      ['encrypt sync', () => encryptJwt(claims, keys.encrypt, encrypting)],
      ['encrypt async', () => encryptJwtAsync(claims, keys.encrypt, encrypting), true],
      [
        'encrypt jose',
        () => new jose.EncryptJWT(claims).setProtectedHeader({ alg, enc }).setKeyManagementParameters(p2c).encrypt(keys.joseEncrypt),
        true,
      ],
    ].filter(([name]) => syncWorks || !name.endsWith(' sync'));
    const ns = await interleaved(rows, timing);
    const of = (name) => {
      const k = rows.findIndex(([n]) => n === name);
      return k < 0 ? undefined : ns[k];
    };
    const [decSync, decAsync, decJose, encSync, encAsync, encJose] = [
      'decrypt sync',
      'decrypt async',
      'decrypt jose',
      'encrypt sync',
      'encrypt async',
      'encrypt jose',
    ].map(of);
    const name = crv ? `${alg} (${crv})` : alg;
    console.log(
      `  ${name.padEnd(26)} ${enc.padEnd(14)} ${us(decSync).padStart(12)} ${us(decAsync).padStart(8)} ${us(decJose).padStart(8)} ${ratio(decJose, decSync).padStart(7)} ${ratio(decJose, decAsync).padStart(7)}   ${us(encSync).padStart(12)} ${us(encAsync).padStart(8)} ${us(encJose).padStart(8)} ${ratio(encJose, encSync).padStart(7)}`,
    );
  }
}
