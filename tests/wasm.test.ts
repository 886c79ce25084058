import { createHash, createHmac, generateKeyPairSync, pbkdf2Sync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import {
  CipherToken,
  init,
  initSync,
  isReady,
  ready,
  secretKey,
  secretKeyWithSize,
  WasmCompileError,
  WasmNotReadyError,
} from '../src/index.js';
import { signJwt, signJwtAsync } from '../src/jose/jws.js';
import { exportJwk, importKey } from '../src/jose/keys.js';
import { generateEcKeypair, generateEd25519Keypair } from '../src/token/secret.js';
import { SecureTokenManager, Settings } from '../src/secure/index.js';
import { pbkdf2Sha256 } from '../src/wasm/pbkdf2.js';
import { hmac, hmacKeyState } from '../src/wasm/sha2.js';
import {
  bigFromBytes,
  ed25519ScalarForms,
  bytesBE,
  findResidues,
  integerForms,
  limbs,
  pairWords,
  reversed,
  scalarForms,
  type Secrets,
  wordBytes,
} from './helpers/residue.js';
import { ED25519_WASM_BYTES, ED25519_WASM_SHA256 } from '../src/wasm/embedded/ed25519.js';
import { GCM_WASM_BYTES, GCM_WASM_SHA256 } from '../src/wasm/embedded/gcm.js';
import { HASH_WASM_BYTES, HASH_WASM_SHA256 } from '../src/wasm/embedded/hash.js';
import { P256_WASM_BYTES, P256_WASM_SHA256 } from '../src/wasm/embedded/p256.js';
import { P384_WASM_BYTES, P384_WASM_SHA256 } from '../src/wasm/embedded/p384.js';
import { P521_WASM_BYTES, P521_WASM_SHA256 } from '../src/wasm/embedded/p521.js';
import { RSA_WASM_BYTES, RSA_WASM_SHA256 } from '../src/wasm/embedded/rsa.js';
import { ecdsaSign, ecPublicKey } from '../src/wasm/ecdsa.js';
import { ed25519PrivateState, ed25519Sign } from '../src/wasm/ed25519.js';
import { loader, type ScratchExports, WasmModule, type WasmModuleName } from '../src/wasm/loader.js';
import { ed25519Module } from '../src/wasm/modules/ed25519.js';
import { gcmModule } from '../src/wasm/modules/gcm.js';
import { hashModule } from '../src/wasm/modules/hash.js';
import { p256Module } from '../src/wasm/modules/p256.js';
import { p384Module } from '../src/wasm/modules/p384.js';
import { p521Module } from '../src/wasm/modules/p521.js';
import { rsaModule } from '../src/wasm/modules/rsa.js';
import { WASM_MODULES } from './helpers/modules.js';
import { withTrap } from './helpers/trap.js';
import { decodeEmbedded } from '../src/wasm/embedding.js';

const built = (name: WasmModuleName): Uint8Array<ArrayBuffer> =>
  new Uint8Array(readFileSync(new URL(`../build/${name}.wasm`, import.meta.url)));
const EMBEDDED = {
  hash: [HASH_WASM_BYTES, HASH_WASM_SHA256, hashModule],
  gcm: [GCM_WASM_BYTES, GCM_WASM_SHA256, gcmModule],
  ed25519: [ED25519_WASM_BYTES, ED25519_WASM_SHA256, ed25519Module],
  p256: [P256_WASM_BYTES, P256_WASM_SHA256, p256Module],
  p384: [P384_WASM_BYTES, P384_WASM_SHA256, p384Module],
  p521: [P521_WASM_BYTES, P521_WASM_SHA256, p521Module],
  rsa: [RSA_WASM_BYTES, RSA_WASM_SHA256, rsaModule],
} as const;
const NAMES = Object.keys(EMBEDDED) as WasmModuleName[];

/** The text Chrome puts in the CompileError when a CSP without 'wasm-unsafe-eval' refuses a compile. */
const CHROME_CSP =
  "WebAssembly.Module(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source of script in the following Content Security Policy directive: \"script-src 'self'\"";
/** The text of older Chrome builds that refuse synchronous compiles over 4 KB on the main thread. */
const CHROME_SYNC_LIMIT =
  'WebAssembly.Module(): Buffer size is over the 4KB limit for synchronous compilation on the main thread; use WebAssembly.compile, or compile on a worker thread';

/** Runs `body` with `new WebAssembly.Module(...)` throwing `error`, as a restricted runtime does. */
function withModuleConstructorThrowing(error: Error, body: () => void | Promise<void>): Promise<void> {
  const real = WebAssembly.Module;
  (WebAssembly as { Module: unknown }).Module = function refused() {
    throw error;
  };
  return (async () => {
    try {
      await body();
    } finally {
      (WebAssembly as { Module: unknown }).Module = real;
    }
  })();
}

describe('wasm modules', () => {
  it.each(NAMES)('%s: embeds exactly the bytes of build/%s.wasm', (name) => {
    const [text, sha256] = EMBEDDED[name];
    expect(createHash('sha256').update(built(name)).digest('hex')).toBe(sha256);
    expect(Buffer.from(decodeEmbedded(text)).equals(built(name))).toBe(true);
    expect(text).toMatch(/^[\x20-\x7e]*$/); // printable ASCII: nothing for a bundler to escape
  });

  it('compiles each module on first use in Node; init/initSync are idempotent', async () => {
    expect(isReady()).toBe(true);
    await ready;
    const runtimes = NAMES.map((name) => EMBEDDED[name][2].runtime);
    await init();
    initSync();
    expect(NAMES.map((name) => EMBEDDED[name][2].runtime)).toEqual(runtimes);
    expect(loader.isReady).toBe(true);
  });

  it('a module is compiled by its first use, not before', () => {
    const fresh = new WasmModule('hash', HASH_WASM_BYTES);
    expect(fresh.isReady).toBe(true); // loadable on first use
    expect(fresh.runtime.exports.keySlotSize()).toBe(384);
    expect(fresh.runtime).toBe(fresh.runtime);
  });

  it('a build without embedded bytes tells a synchronous caller which module to hand to initSync', async () => {
    const fresh = new WasmModule('p256', '');
    expect(fresh.isReady).toBe(false);
    expect(() => fresh.runtime).toThrow(WasmNotReadyError);
    expect(() => fresh.runtime).toThrow('import ciphertoken/wasm/p256.wasm as a module and pass it to initSync({ p256 })');
    await expect(fresh.init()).rejects.toMatchObject({ code: 'ERR_WASM_NOT_READY' });
    fresh.initSync(new WebAssembly.Module(built('p256')));
    expect(fresh.isReady).toBe(true);
    expect(fresh.runtime.exports.keySlotSize()).toBe(384);
  });

  it('a synchronous compile refused by size (older Chrome) says to `await init()`, which then works', async () => {
    const fresh = new WasmModule<ScratchExports>('ed25519', ED25519_WASM_BYTES);
    await withModuleConstructorThrowing(new RangeError(CHROME_SYNC_LIMIT), async () => {
      let error: unknown;
      try {
        void fresh.runtime;
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WasmNotReadyError);
      expect(error).toMatchObject({ code: 'ERR_WASM_NOT_READY', name: 'WasmNotReadyError' });
      expect((error as Error).message).toMatch(/await init\(\)/);
      expect((error as Error).cause).toBeInstanceOf(RangeError);
      expect(fresh.isReady).toBe(false);
      await fresh.init(); // WebAssembly.instantiate compiles off the main thread: allowed
      expect(fresh.isReady).toBe(true);
      expect(fresh.runtime.exports.keySlotSize()).toBe(384);
    });
  });

  it("a compile refused by the Content Security Policy is a WasmCompileError naming 'wasm-unsafe-eval'", async () => {
    const csp = new WebAssembly.CompileError(CHROME_CSP);
    const fresh = new WasmModule('hash', HASH_WASM_BYTES);
    await withModuleConstructorThrowing(csp, () => {
      let error: unknown;
      try {
        void fresh.runtime;
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WasmCompileError);
      expect(error).toMatchObject({ code: 'ERR_WASM_COMPILE', name: 'WasmCompileError', cause: csp });
      expect((error as Error).message).toContain("'wasm-unsafe-eval'");
    });
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = (() => Promise.reject(csp)) as unknown as typeof WebAssembly.instantiate;
    try {
      await expect(fresh.init()).rejects.toMatchObject({
        code: 'ERR_WASM_COMPILE',
        message: expect.stringContaining("'wasm-unsafe-eval'"),
      });
    } finally {
      WebAssembly.instantiate = instantiate;
    }
    await fresh.init(); // a failed init can be retried
    expect(fresh.runtime.exports.keySlotSize()).toBe(384);
  });

  it('initSync accepts a compiled WebAssembly.Module (the Workers path)', () => {
    const fresh = new WasmModule<ScratchExports & { sha2(bits: number, msg: number, len: number, out: number): number }>('hash', '');
    fresh.initSync(new WebAssembly.Module(built('hash')));
    expect(fresh.runtime.exports.sha2(256, 0, 0, fresh.runtime.base)).toBe(32);
  });

  it.each(NAMES)('%s: imports nothing and exports only its own family', (name) => {
    const module = new WebAssembly.Module(built(name));
    expect(WebAssembly.Module.imports(module)).toEqual([]);
    const exports = WebAssembly.Module.exports(module).map((e) => e.name);
    const own = { hash: 'jwsHmacSign', ed25519: 'jwsEd25519Sign', rsa: 'rsaPrivate' };
    for (const [other, marker] of Object.entries(own)) expect(exports.includes(marker)).toBe(other === name);
    expect(exports.includes('jwsEcdsaSign')).toBe(/^p\d+$/.test(name));
    // ECDH (for JWE) lives in the P-256 and P-384 modules only.
    expect(exports.includes('ecdh')).toBe(name === 'p256' || name === 'p384');
    expect(exports).toEqual(
      expect.arrayContaining(['memory', 'scratchBase', 'scratchCapacity', 'scratchReserve', 'keySlot', 'keySlotSize']),
    );
  });

  it('each curve module holds its own curve alone: the curve is chosen at compile time, not dispatched', () => {
    for (const name of ['p256', 'p384', 'p521'] as const) {
      const wat = readFileSync(new URL(`../build/${name}.wat`, import.meta.url), 'utf8');
      const fields = new Set([...wat.matchAll(/\(func \$assembly\/field\/(p\d+)\//g)].map((m) => m[1]));
      expect([...fields], name).toEqual([name]);
    }
  });

  // The curve modules may use SIMD (issue 17: ed25519's and p256's constant-time table scans); the
  // hash module must not, so HMAC tokens run in every browser that has wasm.
  it('only the rsa, ed25519 and p256 modules use SIMD', () => {
    for (const name of NAMES) {
      const wat = readFileSync(new URL(`../build/${name}.wat`, import.meta.url), 'utf8');
      expect(/\bv128\b/.test(wat), name).toBe(name === 'rsa' || name === 'ed25519' || name === 'p256');
    }
  });

  it('hash: allocates nothing per operation: memory size is unchanged after 10,000 sign/verify calls', () => {
    const token = new CipherToken({ secret: secretKey(), algorithm: 'HS256', accessTtl: 600, refreshTtl: 3600 });
    token.verify(token.access({ warm: true }));
    const before = hashModule.runtime.memoryBytes;
    for (let i = 0; i < 10_000; i++) {
      if (!token.verify(token.access({ i, role: 'user' }))) throw new Error('round trip failed');
    }
    expect(hashModule.runtime.memoryBytes).toBe(before);
  });

  it.each([
    ['p256', 'ES256', 5_000],
    ['rsa', 'RS256', 100],
  ] as const)('%s: memory is unchanged after 10,000 operations (%s, %i of them signatures)', (name, alg, signs) => {
    const rsa = () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      return [privateKey.export({ type: 'pkcs8', format: 'pem' }), publicKey.export({ type: 'spki', format: 'pem' })] as [string, string];
    };
    const [privatePem, publicPem] = alg === 'ES256' ? generateEcKeypair(alg) : rsa();
    const issuer = new CipherToken({ secret: privatePem, algorithm: alg, accessTtl: 600, refreshTtl: 3600 });
    const verifier = new CipherToken({ secret: publicPem, algorithm: alg, accessTtl: 600, refreshTtl: 3600 });
    const token = issuer.access({ warm: true });
    verifier.verify(token);
    const module = EMBEDDED[name][2];
    const before = module.runtime.memoryBytes;
    for (let i = 0; i < signs; i++) issuer.access({ i });
    for (let i = signs; i < 10_000; i++) if (!verifier.verify(token)) throw new Error('verification failed');
    expect(module.runtime.memoryBytes).toBe(before);
  });

  it('wipes the key slot after each operation', () => {
    const token = new CipherToken({ secret: secretKeyWithSize(64), algorithm: 'HS512', accessTtl: 600, refreshTtl: 3600 });
    token.verify(token.access());
    const { u8, keySlot, keySlotSize } = hashModule.runtime;
    expect(u8.subarray(keySlot, keySlot + keySlotSize).every((b) => b === 0)).toBe(true);
  });
});

describe('the "workerd" build', () => {
  it('carries no embedded wasm, and says how to load each module instead', async () => {
    const workerd = await import('../dist/workerd/wasm/loader.js');
    for (const name of NAMES) {
      const embedded = (await import(`../dist/workerd/wasm/embedded/${name}.js`)) as Record<string, string>;
      const constant = `${name.toUpperCase()}_WASM`;
      expect(embedded[`${constant}_BYTES`]).toBe('');
      expect(embedded[`${constant}_SHA256`]).toBe(EMBEDDED[name][1]);
      const fresh = new workerd.WasmModule(name, '');
      expect(() => fresh.runtime).toThrow(`initSync({ ${name} })`);
      await expect(fresh.init()).rejects.toMatchObject({ code: 'ERR_WASM_NOT_READY' });
      fresh.initSync(new WebAssembly.Module(built(name)));
      expect(fresh.isReady).toBe(true);
    }
  });
});

/**
 * Issue 15 item 7: after every private operation of every family, no 16-byte window of the secret
 * material — nor of the intermediate secrets the test can recompute — is left anywhere in linear
 * memory (STYLE.md §7; DESIGN.md: key state is held by the TypeScript key object and copied into
 * scratch per operation, so nothing secret persists in wasm memory after a call returns).
 */
describe('no secret residue anywhere in wasm linear memory', () => {
  const b64 = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'base64url'));
  const claims = { sub: 'residue', scope: 'read write' };
  const signingInput = (jwt: string): Buffer => Buffer.from(jwt.slice(0, jwt.lastIndexOf('.')), 'ascii');

  /** The HMAC key, K0⊕ipad, K0⊕opad (RFC 2104 §2) and the inner ‖ outer midstates the key object holds. */
  function hmacSecrets(label: string, bits: 256 | 384 | 512, key: Uint8Array): Secrets {
    const block = bits === 256 ? 64 : 128;
    const k0 = new Uint8Array(block);
    k0.set(key.length > block ? createHash(`sha${bits}`).update(key).digest() : key);
    return {
      [`${label} key`]: key,
      [`${label} K0^ipad`]: k0.map((b) => b ^ 0x36),
      [`${label} K0^opad`]: k0.map((b) => b ^ 0x5c),
      [`${label} midstates`]: hmacKeyState(bits, key),
    };
  }

  it('the scanner finds a secret planted in scratch, in the key slot and in a data-segment buffer', () => {
    const secret = crypto.getRandomValues(new Uint8Array(40));
    for (const module of WASM_MODULES) {
      const rt = module.runtime;
      for (const at of [rt.base + 123, rt.keySlot + 7, 1024]) {
        const saved = rt.u8.slice(at, at + secret.length);
        rt.u8.set(secret.subarray(5, 5 + 16), at);
        expect(findResidues({ planted: secret })).toEqual([`planted@${module.name}:${at}`]);
        rt.u8.set(saved, at);
      }
    }
    expect(findResidues({ planted: secret })).toEqual([]);
  });

  it('HMAC: HS256/384/512 sign (sync and async) and key preparation', async () => {
    for (const [alg, bits, size] of [
      ['HS256', 256, 32],
      ['HS384', 384, 48],
      ['HS512', 512, 64],
      ['HS256', 256, 100], // longer than a block: hashed first (RFC 2104 §2 step 1)
    ] as const) {
      const raw = crypto.getRandomValues(new Uint8Array(size));
      const secrets = hmacSecrets(`${alg}/${size}`, bits, raw);
      const key = importKey(raw, alg);
      expect(findResidues(secrets), `${alg} import`).toEqual([]);
      signJwt(claims, key);
      expect(findResidues(secrets), `${alg} sign`).toEqual([]);
      await signJwtAsync(claims, key);
      expect(findResidues(secrets), `${alg} sign async`).toEqual([]);
      const token = new CipherToken({ secret: raw, algorithm: alg, accessTtl: 600, refreshTtl: 3600 });
      token.verify(token.access({ n: 1 }));
      expect(findResidues(secrets), `${alg} CipherToken access`).toEqual([]);
    }
  });

  it('Ed25519: key generation, import and sign (seed, expanded scalar, nonce prefix, nonce)', async () => {
    const [pem] = generateEd25519Keypair();
    const key = importKey(pem, 'EdDSA');
    const seed = b64(exportJwk(key, { includePrivate: true }).d as string);
    const h = createHash('sha512').update(seed).digest();
    const scalar = Uint8Array.from(h.subarray(0, 32));
    scalar[0]! &= 248; // RFC 8032 §5.1.5 step 2
    scalar[31]! &= 127;
    scalar[31]! |= 64;
    const base: Secrets = {
      seed,
      'SHA-512(seed)': h,
      prefix: h.subarray(32),
      ...ed25519ScalarForms('clamped scalar s', bigFromBytes(Uint8Array.from(scalar).reverse())),
    };
    expect(findResidues(base), 'generate + import').toEqual([]);
    for (const sign of [() => signJwt(claims, key), () => signJwtAsync(claims, key)]) {
      const jwt = await sign();
      // RFC 8032 §5.1.6 step 2: r = SHA-512(prefix ‖ M) mod L, the per-signature secret nonce.
      const L = 2n ** 252n + 27742317777372353535851937790883648493n;
      const digest = createHash('sha512').update(h.subarray(32)).update(signingInput(jwt)).digest();
      const r = bigFromBytes(Uint8Array.from(digest).reverse()) % L;
      // The recomputed nonce is the one the signature used: R = [r]B is its first half (§5.1.6 step 3).
      expect(Buffer.from(ed25519.Point.BASE.multiply(r).toBytes()).toString('base64url')).toBe(
        Buffer.from(b64(jwt.slice(jwt.lastIndexOf('.') + 1)).subarray(0, 32)).toString('base64url'),
      );
      expect(findResidues({ ...base, 'SHA-512(prefix ‖ M)': digest, ...ed25519ScalarForms('nonce r', r) }), 'sign').toEqual([]);
    }
  });

  /** RFC 6979 §3.2 (HMAC-DRBG with the curve's hash; qlen = hlen for P-256/SHA-256 and P-384/SHA-384). */
  function rfc6979(
    d: bigint,
    n: bigint,
    len: number,
    hash: 'sha256' | 'sha384' | 'sha512',
    message: Buffer,
  ): { k: bigint; K: Buffer; V: Buffer } {
    const mac = (key: Buffer, ...parts: Uint8Array[]): Buffer => {
      const m = createHmac(hash, key);
      for (const p of parts) m.update(p);
      return m.digest();
    };
    const qlen = n.toString(2).length;
    const digest = createHash(hash).update(message).digest();
    const x = bytesBE(d, len);
    // bits2int keeps the leftmost qlen bits (§2.3.2); a SHA-512 digest is shorter than P-521's 521.
    const h1 = bytesBE((bigFromBytes(digest) >> BigInt(Math.max(0, 8 * digest.length - qlen))) % n, len);
    let V: Buffer = Buffer.alloc(digest.length, 1);
    let K: Buffer = Buffer.alloc(digest.length, 0);
    K = mac(K, V, Uint8Array.of(0), x, h1);
    V = mac(K, V);
    K = mac(K, V, Uint8Array.of(1), x, h1);
    V = mac(K, V);
    for (;;) {
      let T = Buffer.alloc(0);
      while (8 * T.length < qlen) {
        V = mac(K, V);
        T = Buffer.concat([T, V]);
      }
      const k = bigFromBytes(T) >> BigInt(8 * T.length - qlen);
      if (k >= 1n && k < n) return { k, K, V };
      K = mac(K, V, Uint8Array.of(0));
      V = mac(K, V);
    }
  }

  it('ECDSA: P-256, P-384 and P-521 key generation, import and sign (d, nonce k, k⁻¹, DRBG K and V)', async () => {
    const curves = [
      ['ES256', 32, 'sha256', 9, p256],
      ['ES384', 48, 'sha384', 14, p384],
      ['ES512', 66, 'sha512', 19, p521],
    ] as const;
    for (const [alg, len, hash, limbCount, noble] of curves) {
      const n = noble.Point.Fn.ORDER;
      const [pem] = generateEcKeypair(alg);
      const key = importKey(pem, alg);
      const d = bigFromBytes(b64(exportJwk(key, { includePrivate: true }).d as string));
      const base = scalarForms(`${alg} d`, d, len, n, limbCount);
      expect(findResidues(base), `${alg} generate + import`).toEqual([]);
      for (const sign of [() => signJwt(claims, key), () => signJwtAsync(claims, key)]) {
        const jwt = await sign();
        const { k, K, V } = rfc6979(d, n, len, hash, signingInput(jwt));
        // The recomputed nonce is the one the signature used: r = x([k]G) mod n (FIPS 186-5 §6.4.1).
        const point = noble.Point.BASE.multiply(k).toAffine();
        expect(point.x % n).toBe(bigFromBytes(b64(jwt.slice(jwt.lastIndexOf('.') + 1)).subarray(0, len)));
        let kInv = 1n;
        for (let e = n - 2n, b = k; e > 0n; e >>= 1n, b = (b * b) % n) if (e & 1n) kInv = (kInv * b) % n;
        const secrets = {
          ...base,
          ...scalarForms('nonce k', k, len, n, limbCount),
          ...scalarForms('k⁻¹', kInv, len, n, limbCount),
          'DRBG K': K,
          'DRBG V': V,
        };
        expect(findResidues(secrets), `${alg} sign`).toEqual([]);
      }
    }
  });

  it('RSA: RS256/384/512 and PS256/384/512 sync sign (p, q, d, dp, dq, qi, R² mod p/q in every layout)', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    const [n, p, q, d, dp, dq, qi] = ['n', 'p', 'q', 'd', 'dp', 'dq', 'qi'].map((m) =>
      bigFromBytes(b64(jwk[m as keyof typeof jwk] as string)),
    ) as bigint[];
    const bits = n!.toString(2).length;
    // The limb counts of src/wasm/rsa.ts privateLayout: L for n, H for the CRT halves.
    const L = Math.ceil(bits / 27);
    const H = Math.max(Math.ceil(Math.max(p!.toString(2).length, q!.toString(2).length) / 27), Math.ceil(L / 2));
    const R2 = (m: bigint): bigint => (1n << BigInt(2 * 27 * H)) % m;
    const halves = { p: p!, q: q!, dp: dp!, dq: dq!, qi: qi!, 'R² mod p': R2(p!), 'R² mod q': R2(q!) };
    const secrets: Secrets = { ...integerForms('d', d!, 256) };
    for (const [name, x] of Object.entries(halves)) {
      Object.assign(secrets, integerForms(name, x, 128));
      secrets[`${name} (limbs)`] = wordBytes(limbs(x, H));
      secrets[`${name} (limbs reversed)`] = wordBytes(reversed(limbs(x, H)));
    }
    for (const [a, b] of [
      ['p', 'q'],
      ['dp', 'dq'],
      ['R² mod p', 'R² mod q'],
    ] as const) {
      const pair = pairWords(limbs(halves[a], H), limbs(halves[b], H));
      secrets[`${a}|${b} (pair layout)`] = wordBytes(pair);
      secrets[`${a}|${b} (pairs reversed)`] = wordBytes(reversed(pair, 2));
    }
    // The paired exponentiations run on 28-bit limbs (src/wasm/rsa.ts pairRadix): 37 per prime.
    const P = 37;
    const R2pair = (m: bigint): bigint => (1n << BigInt(2 * 28 * P)) % m;
    const radix28 = { p: p!, q: q!, "R'² mod p": R2pair(p!), "R'² mod q": R2pair(q!) };
    for (const [name, x] of Object.entries(radix28)) {
      secrets[`${name} (28-bit limbs)`] = wordBytes(limbs(x, P, 28));
      secrets[`${name} (28-bit limbs reversed)`] = wordBytes(reversed(limbs(x, P, 28)));
    }
    for (const [a, b] of [
      ['p', 'q'],
      ["R'² mod p", "R'² mod q"],
    ] as const) {
      const pair = pairWords(limbs(radix28[a], P, 28), limbs(radix28[b], P, 28));
      secrets[`${a}|${b} (28-bit pair layout)`] = wordBytes(pair);
      secrets[`${a}|${b} (28-bit pairs reversed)`] = wordBytes(reversed(pair, 2));
    }
    for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const) {
      const key = importKey(jwk, alg);
      signJwt(claims, key);
      expect(findResidues(secrets), `${alg} sign`).toEqual([]);
      signJwt({ ...claims, again: true }, key);
      expect(findResidues(secrets), `${alg} second sign`).toEqual([]);
    }
  });

  it('wipes the key slot and scratch even when the wasm call traps', () => {
    const trapping = <E extends ScratchExports>(module: WasmModule<E>, name: keyof E, operation: () => unknown) =>
      withTrap(module, name, () => expect(operation).toThrow());
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const hs = importKey(raw, 'HS256');
    const secrets: Secrets = { 'HS256 midstates': hmacKeyState(256, raw), 'HS256 key': raw };
    trapping(hashModule, 'jwsHmacSign', () => signJwt(claims, hs));
    trapping(hashModule, 'hmac', () => hmac(256, hmacKeyState(256, raw), new Uint8Array(10)));
    trapping(hashModule, 'hmacKey', () => hmacKeyState(256, raw));
    trapping(hashModule, 'pbkdf2Sha256', () => pbkdf2Sha256(raw, new Uint8Array(16), 1, 32));
    expect.soft(findResidues(secrets), 'HMAC / PBKDF2').toEqual([]);

    const [edPem] = generateEd25519Keypair();
    const ed = importKey(edPem, 'EdDSA');
    const seed = b64(exportJwk(ed, { includePrivate: true }).d as string);
    trapping(ed25519Module, 'jwsEd25519Sign', () => signJwt(claims, ed));
    trapping(ed25519Module, 'ed25519Sign', () => ed25519Sign(ed25519PrivateState(seed), new Uint8Array(10)));
    const h = createHash('sha512').update(seed).digest();
    expect.soft(findResidues({ seed, prefix: h.subarray(32) }), 'Ed25519').toEqual([]);

    const [ecPem] = generateEcKeypair('ES256');
    const ec = importKey(ecPem, 'ES256');
    const d = b64(exportJwk(ec, { includePrivate: true }).d as string);
    trapping(p256Module, 'jwsEcdsaSign', () => signJwt(claims, ec));
    trapping(p256Module, 'ecdsaSign', () => ecdsaSign(p256Module, d, new Uint8Array(10)));
    trapping(p256Module, 'ecPublicKey', () => ecPublicKey(p256Module, d));
    expect.soft(findResidues({ d }), 'ECDSA').toEqual([]);

    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    const rs = importKey(jwk, 'RS256');
    trapping(rsaModule, 'rsaPrivate', () => signJwt(claims, rs));
    const H = 38; // 2048-bit key: 76 limbs for n, 38 per prime (src/wasm/rsa.ts privateLayout)
    const p = bigFromBytes(b64(jwk.p as string));
    const q = bigFromBytes(b64(jwk.q as string));
    expect(findResidues({ 'p (limbs)': wordBytes(limbs(p, H)), 'q (limbs)': wordBytes(limbs(q, H)) }), 'RSA').toEqual([]);
  });

  it('PBKDF2 / Fernet (ciphertoken/secure): password, derived keys and their HMAC midstates', () => {
    const password = 'Residue-Check#2026!x';
    const salt = 'residue test salt, 16+ bytes';
    const iterations = 1_000;
    const manager = new SecureTokenManager({ settings: new Settings({ SECRET_KEY: password, SALT: salt, PBKDF2_ITERATIONS: iterations }) });
    const token = manager.generateToken({ userId: 'u1', permissions: ['read'] });
    manager.validateToken(token);
    const derived = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
    // RFC 8018 §5.2: U_1 = PRF(P, S ‖ INT(1)), U_j = PRF(P, U_{j−1}); the wasm loop keeps U and T as
    // native-endian words (assembly/hash/pbkdf2.ts), so their word-swapped forms are looked for too.
    const prf = (data: Uint8Array) => createHmac('sha256', password).update(data).digest();
    const u1 = prf(Buffer.concat([Buffer.from(salt), Buffer.of(0, 0, 0, 1)]));
    let uc = u1;
    for (let j = 1; j < iterations; j++) uc = prf(uc);
    const swapped = (b: Uint8Array) => Buffer.from(b).swap32();
    const secrets: Secrets = {
      U_1: u1,
      U_c: uc,
      'U_1 (words)': swapped(u1),
      'U_c (words)': swapped(uc),
      'derived key (words)': swapped(derived),
      ...hmacSecrets('password', 256, new TextEncoder().encode(password)),
      'derived key': derived,
      'Fernet signing-key midstates': hmacKeyState(256, derived.subarray(0, 16)),
      'Fernet encryption key ‖ signing key': Buffer.concat([derived.subarray(16), derived.subarray(0, 16)]),
    };
    expect(findResidues(secrets), 'secure manager').toEqual([]);
    pbkdf2Sha256(new TextEncoder().encode(password), new TextEncoder().encode(salt), iterations, 32);
    expect(findResidues(secrets), 'pbkdf2Sha256').toEqual([]);
  });
});
