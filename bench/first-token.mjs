// Time to first token in a fresh process: import, first sign, first verify (wasm starts in V8's
// baseline tier, so the first calls are slower than steady state). Run as a child by bench/index.mjs.
const which = process.argv[2];
const t0 = performance.now();
if (which === 'ciphertoken') {
  const { CipherToken } = await import('ciphertoken');
  const t1 = performance.now();
  const ct = new CipherToken({ secret: 'x'.repeat(32), algorithm: 'HS256', accessTtl: 600, refreshTtl: 3600 });
  const token = ct.access({ user_id: 1 });
  const t2 = performance.now();
  ct.decode(token);
  const t3 = performance.now();
  console.log(JSON.stringify({ importMs: t1 - t0, signMs: t2 - t1, verifyMs: t3 - t2 }));
} else {
  const jose = await import('jose');
  const t1 = performance.now();
  const key = new TextEncoder().encode('x'.repeat(32));
  const token = await new jose.SignJWT({ user_id: 1 }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('10m').sign(key);
  const t2 = performance.now();
  await jose.jwtVerify(token, key);
  const t3 = performance.now();
  console.log(JSON.stringify({ importMs: t1 - t0, signMs: t2 - t1, verifyMs: t3 - t2 }));
}
