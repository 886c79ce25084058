// Time to first token in a fresh process: import, first sign, first verify (wasm starts in V8's
// baseline tier, so the first calls are slower than steady state; ES256 pays for its base-point
// table on the first signature). Run as a child by bench/index.mjs: `node first-token.mjs LIB ALG`,
// with the ES256 key pair (PKCS#8 and SPKI PEM) in the environment as BENCH_PEM and BENCH_PUBLIC_PEM.
const [which, alg] = process.argv.slice(2);
const secret = alg === 'HS256' ? 'x'.repeat(32) : process.env.BENCH_PEM;
const t0 = performance.now();
if (which === 'ciphertoken') {
  const lib = await import('ciphertoken');
  const t1 = performance.now();
  const ct = new lib.CipherToken({ secret, algorithm: lib[alg], accessTtl: 600, refreshTtl: 3600 });
  const token = ct.access({ user_id: 1 });
  const t2 = performance.now();
  ct.decode(token);
  const t3 = performance.now();
  console.log(JSON.stringify({ importMs: t1 - t0, signMs: t2 - t1, verifyMs: t3 - t2 }));
} else {
  const jose = await import('jose');
  const t1 = performance.now();
  const key = alg === 'HS256' ? new TextEncoder().encode(secret) : await jose.importPKCS8(secret, alg);
  const publicKey = alg === 'HS256' ? key : await jose.importSPKI(process.env.BENCH_PUBLIC_PEM, alg);
  const token = await new jose.SignJWT({ user_id: 1 }).setProtectedHeader({ alg }).setExpirationTime('10m').sign(key);
  const t2 = performance.now();
  await jose.jwtVerify(token, publicKey);
  const t3 = performance.now();
  console.log(JSON.stringify({ importMs: t1 - t0, signMs: t2 - t1, verifyMs: t3 - t2 }));
}
