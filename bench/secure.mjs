// Secure Token: PBKDF2-HMAC-SHA256 at the default 600,000 iterations (wasm vs @noble/hashes,
// node:crypto pbkdf2Sync and WebCrypto deriveBits), then Fernet token generate/validate, sync and
// async, against a node:crypto Fernet floor (AES-128-CBC + HMAC-SHA256, no JSON, no checks).
import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual, webcrypto } from 'node:crypto';
import { pbkdf2 as noblePbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { SecureTokenManager, Settings, DEFAULT_PBKDF2_ITERATIONS } from 'ciphertoken/secure';
import { pbkdf2Sha256 } from '../dist/esm/wasm/pbkdf2.js';
import { measure, measureAsync, table } from './harness.mjs';

const C = DEFAULT_PBKDF2_ITERATIONS;
const SECRET = 'Bench#Secret-Key-2026';
const password = new TextEncoder().encode(SECRET);
const salt = randomBytes(16);

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
/** Process CPU ms per call (user + system, all threads), printed under the table: steadier than wall time on a busy machine. */
const cpuMs = [];

/** Wall ns of one call: median of `runs` after one warm-up (each call is long; no calibration needed). */
async function timeLong(name, fn, runs) {
  await fn();
  const times = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start));
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  cpuMs.push([name, median(cpu)]);
  return median(times);
}

const wasmNs = await timeLong('ciphertoken wasm', () => pbkdf2Sha256(password, salt, C, 32), 5);
table(`PBKDF2-HMAC-SHA256, ${C.toLocaleString('en-US')} iterations, 32-byte key (median of 5; 3 for noble)`, [
  ['ciphertoken wasm (sync)', wasmNs],
  ['node:crypto pbkdf2Sync (OpenSSL)', await timeLong('node:crypto pbkdf2Sync', () => pbkdf2Sync(password, salt, C, 32, 'sha256'), 5)],
  [
    'WebCrypto deriveBits (Node, async)',
    await timeLong(
      'WebCrypto deriveBits',
      async () => {
        const base = await webcrypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
        await webcrypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: C }, base, 256);
      },
      5,
    ),
  ],
  [
    '@noble/hashes pbkdf2 (sync, pure JS)',
    await timeLong('@noble/hashes pbkdf2', () => noblePbkdf2(sha256, password, salt, { c: C, dkLen: 32 }), 3),
  ],
]);
console.log(`  CPU ms per derivation: ${cpuMs.map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ')}`);
console.log(`  ciphertoken wasm: ${(wasmNs / C).toFixed(0)} ns per iteration (two SHA-256 compressions)`);

const settings = new Settings({ SECRET_KEY: SECRET, SALT: salt });
const manager = new SecureTokenManager({ settings });
const options = {
  userId: 'user_789',
  permissions: ['read', 'write', 'admin'],
  additionalData: { role: 'administrator', department: 'IT' },
};
const token = manager.generateToken(options); // derives the key (once per manager)
await manager.validateTokenAsync(token);

const raw = pbkdf2Sync(password, salt, C, 32, 'sha256');
const body = JSON.stringify({
  token_id: crypto.randomUUID(),
  user_id: 'user_789',
  permissions: options.permissions,
  issued_at: 0,
  expires_at: 0,
  additional_data: options.additionalData,
});
const floorGenerate = () => {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-cbc', raw.subarray(16), iv);
  const head = Buffer.alloc(9);
  head[0] = 0x80;
  head.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)), 1);
  const signed = Buffer.concat([head, iv, cipher.update(body), cipher.final()]);
  return Buffer.concat([signed, createHmac('sha256', raw.subarray(0, 16)).update(signed).digest()]).toString('base64url');
};
const floorToken = floorGenerate();
const floorValidate = () => {
  const data = Buffer.from(floorToken, 'base64url');
  const mac = createHmac('sha256', raw.subarray(0, 16)).update(data.subarray(0, -32)).digest();
  if (!timingSafeEqual(mac, data.subarray(-32))) throw new Error('mac');
  const decipher = createDecipheriv('aes-128-cbc', raw.subarray(16), data.subarray(9, 25));
  return JSON.parse(Buffer.concat([decipher.update(data.subarray(25, -32)), decipher.final()]).toString());
};

table(`Secure Token generate (${token.length}-char Fernet token, key already derived)`, [
  ['generateToken (sync: noble AES, wasm HMAC)', measure(() => manager.generateToken(options))],
  ['generateTokenAsync (WebCrypto AES, one at a time)', await measureAsync(() => manager.generateTokenAsync(options))],
  ['node:crypto Fernet floor (no validation, no JSON)', measure(floorGenerate)],
]);
table('Secure Token validate', [
  ['validateToken (sync)', measure(() => manager.validateToken(token))],
  ['validateTokenAsync (WebCrypto AES, one at a time)', await measureAsync(() => manager.validateTokenAsync(token))],
  ['node:crypto Fernet floor (MAC + decrypt + JSON)', measure(floorValidate)],
]);
