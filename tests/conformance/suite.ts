/**
 * The runtime-neutral conformance suite: exercises the public API through the package's entry
 * points, with the library passed in, so Node, Bun, Deno, workerd and Chromium run the very same
 * checks. No runtime-specific API is used here (no Buffer, no node: modules, no file system).
 * Algorithm issues add their algorithms to ALGORITHM_CASES.
 * @module
 */

import type * as Library from '../../dist/esm/index.js';
import type * as JweLibrary from '../../dist/esm/jwe.js';
import { RSA_TEST_KEY_A, RSA_TEST_KEY_B } from './keys.ts';

export type CipherTokenLibrary = typeof Library;
/** `ciphertoken/jwe`, passed beside the main entry (it is a separate entry point). */
export type CipherTokenJwe = typeof JweLibrary;

export interface ConformanceResult {
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly string[];
  /** Every check's name and outcome, in order. */
  readonly lines: readonly string[];
}

interface AlgorithmCase {
  readonly alg: Library.Algorithm;
  /** Key material for a signing instance (fresh per call, so each case gets its own key). */
  readonly signingKey: (lib: CipherTokenLibrary) => string | Uint8Array;
}

const ALGORITHM_CASES: readonly AlgorithmCase[] = [
  { alg: 'HS256', signingKey: (lib) => lib.secretKeyWithSize(32) },
  { alg: 'HS384', signingKey: (lib) => lib.secretKeyWithSize(48) },
  { alg: 'HS512', signingKey: (lib) => lib.secretKeyWithSize(64) },
  // Ed25519 (RFC 8037): a fresh PKCS#8 PEM per call, generated in wasm.
  { alg: 'EdDSA', signingKey: (lib) => lib.generateEd25519Keypair()[0] },
  // ECDSA (RFC 7518 §3.4): a fresh PKCS#8 PEM per call, the public key derived in wasm.
  { alg: 'ES256', signingKey: (lib) => lib.generateEcKeypair('ES256')[0] },
  { alg: 'ES384', signingKey: (lib) => lib.generateEcKeypair('ES384')[0] },
  // generateEcKeypair's declared type (src/token/secret.ts) lists ES256 and ES384; the ECDSA family
  // it calls generates ES512 (P-521) pairs too.
  { alg: 'ES512', signingKey: (lib) => lib.generateEcKeypair('ES512')[0] },
  ...(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const).map((alg) => ({ alg, signingKey: rsaTestKey })),
];

/** Alternates the two embedded RSA keys, so consecutive instances (the "other key" check) differ. */
let rsaKeyTurn = 0;
function rsaTestKey(): string {
  return rsaKeyTurn++ % 2 === 0 ? RSA_TEST_KEY_A : RSA_TEST_KEY_B;
}

const encoder = new TextEncoder();
const b64url = (text: string): string => {
  let binary = '';
  for (const byte of encoder.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const fromB64url = (segment: string): unknown => {
  const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
};

class Check {
  readonly lines: string[] = [];
  readonly failures: string[] = [];
  passed = 0;

  async run(name: string, fn: () => void | Promise<void>): Promise<void> {
    try {
      await fn();
      this.passed++;
      this.lines.push(`ok   ${name}`);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.failures.push(`${name} — ${reason}`);
      this.lines.push(`FAIL ${name} — ${reason}`);
    }
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function expectCode(lib: CipherTokenLibrary, fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    assert(error instanceof lib.CipherTokenError, `expected a CipherTokenError, got ${String(error)}`);
    assert(error.code === code, `expected ${code}, got ${error.code}`);
    return;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

async function expectCodeAsync(lib: CipherTokenLibrary, fn: () => Promise<unknown>, code: string): Promise<void> {
  try {
    await fn();
  } catch (error) {
    assert(error instanceof lib.CipherTokenError, `expected a CipherTokenError, got ${String(error)}`);
    assert(error.code === code, `expected ${code}, got ${error.code}`);
    return;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

/** Runs `fn` with the wall clock moved by `offsetMs` (tokens issued "in the past"). */
function atClockOffset<T>(offsetMs: number, fn: () => T): T {
  const realNow = Date.now;
  Date.now = () => realNow() + offsetMs;
  try {
    return fn();
  } finally {
    Date.now = realNow;
  }
}

export async function runConformance(lib: CipherTokenLibrary, jwe?: CipherTokenJwe): Promise<ConformanceResult> {
  const check = new Check();
  await lib.init();

  await check.run('wasm module is loaded after init()', () => assert(lib.isReady(), 'not ready'));
  await check.run('time helpers count whole seconds', () => {
    assert(lib.minutes(10) === 600 && lib.hours(2) === 7200 && lib.days(7) === 604800 && lib.weeks(1) === 604800, 'durations');
    assert(Math.abs(lib.now() - Date.now() / 1000) < 1.01, 'now()');
  });
  await check.run('secretKey() is 32 random bytes as base64url', () => {
    // biome-ignore lint/suspicious/noSelfCompare: two calls, two random keys
    assert(/^[A-Za-z0-9_-]{43}$/.test(lib.secretKey()) && lib.secretKey() !== lib.secretKey(), 'secretKey');
  });

  for (const { alg, signingKey } of ALGORITHM_CASES) {
    const make = (extra: Partial<Library.CipherTokenOptions> = {}) =>
      new lib.CipherToken({ secret: signingKey(lib), algorithm: alg, accessTtl: lib.minutes(10), refreshTtl: lib.days(7), ...extra });
    const token = make();
    const access = token.access({ user_id: 42, role: 'admin', name: 'Zoë ✓' });
    const refresh = token.refresh({ user_id: 42 });

    await check.run(`${alg} access/verify/decode (sync)`, () => {
      assert(token.verify(access), 'verify');
      const claims = token.decode(access);
      assert(claims.token === 'access' && claims.ttl === 600 && claims.exp - claims.iat === 600, 'claims');
      assert(claims.payload.name === 'Zoë ✓' && claims.payload.user_id === 42, 'payload');
      assert(/^[0-9a-f-]{36}$/.test(claims.jti), 'jti');
      const header = fromB64url(access.split('.')[0]!) as Record<string, unknown>;
      assert(header.alg === alg && header.typ === 'JWT', 'header');
    });
    await check.run(`${alg} refresh/rotation/inspect/remainingTime (sync)`, () => {
      assert(token.decode(refresh).token === 'refresh', 'refresh type');
      const [a2, r2] = token.rotation(refresh);
      assert(token.decode(a2).payload.user_id === 42 && token.decode(r2).token === 'refresh', 'rotation');
      const inspected = token.inspect(access);
      assert(inspected.header.alg === alg && inspected.token === 'access', 'inspect');
      const left = token.remainingTime(access);
      assert(left > 590 && left <= 600, `remainingTime ${left}`);
    });
    await check.run(`${alg} async twins`, async () => {
      const a = await token.accessAsync({ n: 1 });
      const r = await token.refreshAsync({ n: 1 });
      assert(await token.verifyAsync(a), 'verifyAsync');
      assert((await token.decodeAsync(a)).payload.n === 1, 'decodeAsync');
      const [a2, r2] = await token.rotationAsync(r, { n: 2 });
      assert((await token.decodeAsync(a2)).payload.n === 2 && token.verify(r2), 'rotationAsync');
      assert((await token.inspectAsync(a)).token === 'access', 'inspectAsync');
      assert((await token.remainingTimeAsync(a)) > 590, 'remainingTimeAsync');
      await expectCodeAsync(lib, () => token.decodeAsync('x.y.z'), 'ERR_TOKEN_INVALID');
    });
    await check.run(`${alg} rejects a tampered payload`, () => {
      const [h, , s] = access.split('.');
      const forged = `${h}.${b64url(JSON.stringify({ payload: { user_id: 1 }, exp: 9e9, iat: 0, ttl: 1, token: 'access', jti: 'x' }))}.${s}`;
      assert(!token.verify(forged), 'verify');
      expectCode(lib, () => token.decode(forged), 'ERR_TOKEN_INVALID');
    });
    await check.run(`${alg} rejects a flipped signature and another key's token`, () => {
      const last = access.at(-1) === 'A' ? 'Q' : 'A';
      assert(!token.verify(access.slice(0, -1) + last), 'flipped');
      assert(!token.verify(make().access()), 'other key');
    });
    await check.run(`${alg} rejects alg:none and a swapped algorithm`, () => {
      const [, p, s] = access.split('.');
      for (const header of [{ alg: 'none', typ: 'JWT' }, { alg: 'none' }, { alg: alg === 'HS256' ? 'HS512' : 'HS256', typ: 'JWT' }]) {
        for (const sig of ['', s]) {
          const forged = `${b64url(JSON.stringify(header))}.${p}.${sig}`;
          assert(!token.verify(forged), `verify ${header.alg}`);
          expectCode(lib, () => token.decode(forged), 'ERR_TOKEN_INVALID');
        }
      }
    });
    await check.run(`${alg} expired token: verify false, TokenExpiredError, remainingTime 0`, () => {
      const old = atClockOffset(-3_600_000, () => token.access({ user_id: 42 }));
      assert(!token.verify(old), 'verify');
      expectCode(lib, () => token.decode(old), 'ERR_TOKEN_EXPIRED');
      assert(token.remainingTime(old) === 0, 'remainingTime');
    });
    await check.run(`${alg} wrong token type for rotation: TokenTypeError`, () => {
      expectCode(lib, () => token.rotation(access), 'ERR_TOKEN_TYPE');
    });
    await check.run(`${alg} garbage never throws from verify`, () => {
      for (const bad of ['', 'a', 'a.b', 'a.b.c.d', '...', 'é.é.é', 'x'.repeat(100_000), null, 42, {}]) {
        assert(token.verify(bad as string) === false, `verify(${String(bad).slice(0, 10)})`);
      }
    });
    if (alg.startsWith('RS') || alg.startsWith('PS')) {
      await check.run(`${alg} key import: HMAC secrets refused, public key verifies only, sync and async agree`, async () => {
        expectCode(
          lib,
          () => new lib.CipherToken({ secret: lib.secretKeyWithSize(64), algorithm: alg, accessTtl: 60, refreshTtl: 60 }),
          'ERR_KEY',
        );
        const privateKey = signingKey(lib) as string;
        const signer = new lib.CipherToken({ secret: privateKey, algorithm: alg, accessTtl: 60, refreshTtl: 60 });
        const pkcs8 = Uint8Array.from(atob(privateKey.replace(/-----[A-Z ]+-----|\s/g, '')), (c) => c.charCodeAt(0));
        const cryptoKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign']);
        const { n, e } = (await crypto.subtle.exportKey('jwk', cryptoKey)) as { n: string; e: string };
        const verifier = new lib.CipherToken({ secret: { kty: 'RSA', n, e }, algorithm: alg, accessTtl: 60, refreshTtl: 60 });
        assert(
          verifier.verify(signer.access()) && (await verifier.verifyAsync(await signer.accessAsync())),
          'public JWK verifies sync and async',
        );
        assert(verifier.verify(await signer.accessAsync()) && (await verifier.verifyAsync(signer.access())), 'sync and async cross-verify');
        expectCode(lib, () => verifier.access(), 'ERR_KEY');
      });
    } else
      await check.run(`${alg} key import: weak and PEM secrets refused with KeyError`, () => {
        expectCode(lib, () => new lib.CipherToken({ secret: 'short', algorithm: alg, accessTtl: 60, refreshTtl: 60 }), 'ERR_KEY');
        const pem = '-----BEGIN PUBLIC KEY-----\n' + 'A'.repeat(120) + '\n-----END PUBLIC KEY-----';
        expectCode(
          lib,
          () => new lib.CipherToken({ secret: pem, algorithm: alg, accessTtl: 60, refreshTtl: 60, allowWeakSecret: true }),
          'ERR_KEY',
        );
        // HS*: any secret of at least the hash size; EdDSA: 32 raw bytes are the public key
        // (WebCrypto `raw`), a verify-only instance, and a seed travels as PKCS#8 DER (RFC 8410 §7);
        // ES*: PEM or JWK only, so raw bytes are refused too.
        const bytes = new Uint8Array(64).fill(7);
        if (alg.startsWith('ES')) {
          expectCode(lib, () => new lib.CipherToken({ secret: bytes, algorithm: alg, accessTtl: 60, refreshTtl: 60 }), 'ERR_KEY');
        } else if (alg === 'EdDSA') {
          const pem = lib.generateEd25519Keypair()[0];
          const der = Uint8Array.from(atob(pem.replace(/-----[A-Z ]+-----|\s/g, '')), (c) => c.charCodeAt(0));
          const fromDer = new lib.CipherToken({ secret: der, algorithm: alg, accessTtl: 60, refreshTtl: 60 });
          const x = lib.exportJwk(lib.importKey(pem, alg)).x as string;
          const raw = Uint8Array.from(atob(x.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
          const verifier = new lib.CipherToken({ secret: raw, algorithm: alg, accessTtl: 60, refreshTtl: 60 });
          assert(verifier.verify(fromDer.access()), 'raw public key verifies the PKCS#8 DER signer');
          expectCode(lib, () => verifier.access(), 'ERR_KEY');
        } else {
          const fromBytes = new lib.CipherToken({ secret: bytes, algorithm: alg, accessTtl: 60, refreshTtl: 60 });
          assert(fromBytes.verify(fromBytes.access()), 'Uint8Array secret');
        }
      });
    await check.run(`${alg} secret is masked`, () => {
      assert(token.secret === '********' && JSON.stringify(token).includes('"secret":"********"'), 'mask');
    });
  }

  // Token store (ciphertoken/store): one-time rotation and revocation, MemoryStore only (no sockets here).
  const storeToken = (store: Library.TokenStore, extra: Partial<Library.CipherTokenOptions> = {}) =>
    new lib.CipherToken({ secret: lib.secretKeyWithSize(32), algorithm: 'HS256', accessTtl: 60, refreshTtl: 120, store, ...extra });

  await check.run('store: 200 concurrent rotationAsync on one refresh token, exactly one wins, family revoked', async () => {
    const t = storeToken(new lib.MemoryStore());
    const refresh = t.refresh({ user_id: 1 });
    const settled = await Promise.allSettled(Array.from({ length: 200 }, () => t.rotationAsync(refresh)));
    const wins = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    assert(wins.length === 1, `${wins.length} winners`);
    const reused = settled.filter(
      (s) => s.status === 'rejected' && s.reason instanceof lib.RefreshTokenReusedError && s.reason.code === 'ERR_REFRESH_REUSED',
    );
    assert(reused.length === 199, `${reused.length} RefreshTokenReusedError`);
    const [a, r] = wins[0]!;
    assert(t.inspect(r).fam === t.inspect(refresh).fam && typeof t.inspect(refresh).fam === 'string', 'family id kept');
    assert(!(await t.verifyAsync(a)) && !(await t.verifyAsync(r)), 'the family is revoked');
    await expectCodeAsync(lib, () => t.rotationAsync(r), 'ERR_TOKEN_REVOKED');
  });
  await check.run('store: rotation chain, then reuse of an old token revokes the newest pair', async () => {
    const t = storeToken(new lib.MemoryStore());
    const r1 = t.refresh();
    const [, r2] = await t.rotationAsync(r1);
    const [a3, r3] = await t.rotationAsync(r2);
    assert(await t.verifyAsync(a3), 'active before reuse');
    await expectCodeAsync(lib, () => t.rotationAsync(r1), 'ERR_REFRESH_REUSED');
    assert(!(await t.verifyAsync(a3)) && !(await t.verifyAsync(r3)), 'revoked after reuse');
  });
  await check.run('store: revoke makes verifyAsync false and decodeAsync throw TokenRevokedError', async () => {
    const t = storeToken(new lib.MemoryStore());
    const access = t.access({ n: 1 });
    const other = t.access({ n: 2 });
    await t.revoke(access);
    assert(!(await t.verifyAsync(access)) && (await t.verifyAsync(other)), 'verifyAsync');
    await expectCodeAsync(lib, () => t.decodeAsync(access), 'ERR_TOKEN_REVOKED');
    const refresh = t.refresh();
    await t.revoke(refresh);
    await expectCodeAsync(lib, () => t.rotationAsync(refresh), 'ERR_TOKEN_REVOKED');
  });
  await check.run('store: sync verify/decode/rotation throw StoreError naming the async method', () => {
    const t = storeToken(new lib.MemoryStore());
    const refresh = t.refresh();
    for (const [method, call] of [
      ['verify', () => t.verify(refresh)],
      ['decode', () => t.decode(refresh)],
      ['rotation', () => t.rotation(refresh)],
    ] as const) {
      expectCode(lib, call, 'ERR_STORE');
      try {
        call();
      } catch (error) {
        assert((error as Error).message.includes(`${method}Async()`), `${method} names ${method}Async`);
      }
    }
    assert(t.inspect(t.access()).token === 'access', 'issuing and inspect stay sync');
  });
  await check.run('store: MemoryStore entries expire with their tokens; maxEntries bounds it', async () => {
    const store = new lib.MemoryStore({ maxEntries: 2 });
    const t = storeToken(store);
    const refresh = t.refresh();
    const [access] = await t.rotationAsync(refresh);
    await t.revoke(access);
    assert(store.size === 2, `size ${store.size}`);
    await expectCodeAsync(lib, () => t.revoke(t.access()), 'ERR_STORE');
    assert(atClockOffset(61_000, () => store.size) === 1, 'access entry gone after 60 s');
    assert(atClockOffset(121_000, () => store.size) === 0, 'refresh entry gone after 120 s');
  });
  await check.run('store: fail closed — a failing store gives StoreError, never a success', async () => {
    const down = () => Promise.reject(new Error('store down'));
    const t = storeToken({ consume: down, status: down, revoke: down, revokeFamily: down, close: async () => {} });
    const refresh = t.refresh();
    await expectCodeAsync(lib, () => t.rotationAsync(refresh), 'ERR_STORE');
    await expectCodeAsync(lib, () => t.verifyAsync(refresh), 'ERR_STORE');
    await expectCodeAsync(lib, () => t.decodeAsync(refresh), 'ERR_STORE');
    await expectCodeAsync(lib, () => t.revoke(refresh), 'ERR_STORE');
  });
  await check.run('store: without a store tokens carry no fam, rotation is stateless, revoke refuses', async () => {
    const t = new lib.CipherToken({ secret: lib.secretKeyWithSize(32), algorithm: 'HS256', accessTtl: 60, refreshTtl: 120 });
    const refresh = t.refresh();
    assert(t.decode(refresh).fam === undefined, 'no fam');
    t.rotation(refresh);
    await t.rotationAsync(refresh);
    assert(t.verify(refresh), 'still valid');
    await expectCodeAsync(lib, () => t.revoke(refresh), 'ERR_STORE');
  });

  await check.run('jwt module wrappers and constants', async () => {
    const t = new lib.CipherToken({ secret: lib.secretKeyWithSize(32), algorithm: 'HS256', accessTtl: 60, refreshTtl: 120 });
    assert(lib.TOKEN_ACCESS === 'access' && lib.TOKEN_REFRESH === 'refresh', 'constants');
    const r = lib.refresh(t, { a: 1 });
    const [a2] = lib.rotation(t, r);
    assert(t.decode(lib.access(t)).token === 'access' && t.decode(a2).payload.a === 1, 'sync');
    const [a3] = await lib.rotationAsync(t, await lib.refreshAsync(t, { b: 2 }));
    assert(t.decode(a3).payload.b === 2 && t.verify(await lib.accessAsync(t)), 'async');
  });

  for (const { alg, signingKey } of ALGORITHM_CASES) {
    await check.run(`${alg} jws: importKey, signJwt, verifyJwt (sync and async), local JWKS by kid`, async () => {
      const key = lib.importKey(signingKey(lib), alg);
      const jwt = lib.signJwt({ sub: 'u', aud: ['a', 'b'], exp: lib.now() + 60 }, key, { kid: 'k1' });
      assert(lib.decodeProtectedHeader(jwt).kid === 'k1' && lib.decodeJwt(jwt).sub === 'u', 'decode');
      assert(lib.verifyJwt(jwt, key, { algorithms: [alg], audience: 'b', subject: 'u' }).payload.sub === 'u', 'verifyJwt');
      assert((await lib.verifyJwtAsync(await lib.signJwtAsync({ n: 1 }, key), [key], { algorithms: [alg] })).payload.n === 1, 'async');
      expectCode(lib, () => lib.verifyJwt(jwt, key, { algorithms: [alg], audience: 'c' }), 'ERR_TOKEN_INVALID');
      expectCode(lib, () => lib.verifyJwt(lib.signJwt({ exp: lib.now() - 1 }, key), key, { algorithms: [alg] }), 'ERR_TOKEN_EXPIRED');
      if (alg.startsWith('HS')) {
        const jwks = lib.createLocalJwks({ keys: [{ ...lib.exportJwk(key, { includePrivate: true }), kid: 'k1' }] });
        assert(lib.verifyJwt(jwt, jwks, { algorithms: [alg] }).payload.sub === 'u', 'jwks');
        assert(/^[A-Za-z0-9_-]{43}$/.test(lib.jwkThumbprint(key)), 'thumbprint');
      }
      if (alg === 'EdDSA' || alg.startsWith('ES')) {
        // A public JWK verifies (RFC 8037 §2, RFC 7518 §6.2) but cannot sign; PEM round-trips.
        const publicJwk = lib.exportJwk(key);
        const [kty, crv] = alg === 'EdDSA' ? ['OKP', 'Ed25519'] : ['EC', { ES256: 'P-256', ES384: 'P-384' }[alg as string] ?? 'P-521'];
        assert(publicJwk.kty === kty && publicJwk.crv === crv && publicJwk.d === undefined, 'public JWK');
        const jwks = lib.createLocalJwks({ keys: [{ ...publicJwk, kid: 'k1' }] });
        assert(lib.verifyJwt(jwt, jwks, { algorithms: [alg] }).payload.sub === 'u', 'jwks');
        const verifier = new lib.CipherToken({ secret: lib.exportPem(key), algorithm: alg, accessTtl: 60, refreshTtl: 60 });
        const issuer = new lib.CipherToken({
          secret: lib.exportPem(key, { includePrivate: true }),
          algorithm: alg,
          accessTtl: 60,
          refreshTtl: 60,
        });
        assert(verifier.decode(issuer.access({ v: 1 })).payload.v === 1, 'public PEM verifies');
        expectCode(lib, () => verifier.access(), 'ERR_KEY');
        assert(/^[A-Za-z0-9_-]{43}$/.test(lib.jwkThumbprint(key)), 'thumbprint');
      }
    });
  }

  await check.run('Secure Token: Fernet round trip, permissions, async twins, errors (few PBKDF2 iterations)', async () => {
    const settings = new lib.Settings({ SECRET_KEY: lib.generateSecretKey(32), SALT: lib.generateSalt(16), PBKDF2_ITERATIONS: 1000 });
    const manager = new lib.SecureTokenManager({ settings });
    const token = manager.generateToken({ userId: 'user_789', permissions: ['read', 'write'], additionalData: { name: 'Zoë ✓' } });
    assert(/^gAAAAA[A-Za-z0-9_-]+=*$/.test(token) && token.length % 4 === 0, 'Fernet token shape');
    const result = manager.validateToken(token);
    assert(result.valid && result.userId === 'user_789' && result.additionalData.name === 'Zoë ✓', 'validateToken');
    assert(result.timeRemaining > 24 * 3600 - 5 && result.timeRemaining <= 24 * 3600, 'timeRemaining');
    assert(manager.checkPermission(token, 'write') === true, 'checkPermission');
    expectCode(lib, () => manager.checkPermission(token, 'Write'), 'ERR_PERMISSION_DENIED');
    const viaAsync = await manager.generateTokenAsync({ userId: 'async', permissions: ['read'] });
    assert(manager.validateToken(viaAsync).userId === 'async', 'sync reads async');
    assert((await manager.validateTokenAsync(token)).userId === 'user_789', 'async reads sync');
    assert(manager.validateToken(manager.refreshToken(token)).permissions.join() === 'read,write', 'refreshToken');
    assert((await manager.getTokenInfoAsync(await manager.refreshTokenAsync(viaAsync))).valid, 'refreshTokenAsync');
    const tampered = token.slice(0, 30) + (token[30] === 'A' ? 'B' : 'A') + token.slice(31);
    expectCode(lib, () => manager.validateToken(tampered), 'ERR_TOKEN_INVALID');
    await expectCodeAsync(lib, () => manager.validateTokenAsync(tampered), 'ERR_TOKEN_INVALID');
    const other = new lib.SecureTokenManager({
      settings: new lib.Settings({ SECRET_KEY: lib.generateSecretKey(), PBKDF2_ITERATIONS: 1000 }),
    });
    expectCode(lib, () => other.validateToken(token), 'ERR_TOKEN_INVALID');
    const old = atClockOffset(-3 * 3_600_000, () => manager.generateToken({ userId: 'u', expiresInHours: 1 }));
    expectCode(lib, () => manager.validateToken(old), 'ERR_TOKEN_EXPIRED');
    assert(manager.getTokenInfo(old).valid === false, 'getTokenInfo on expired');
    expectCode(lib, () => new lib.Settings({ SECRET_KEY: 'weak' }), 'ERR_CIPHERTOKEN');
    const config = JSON.stringify(manager.exportConfig());
    assert(config.includes('"algorithm":"Fernet"') && config.includes('"iterations":1000') && !config.includes('SECRET'), 'exportConfig');
    try {
      new lib.SecureTokenManager(); // from the environment, where the runtime has one
    } catch (error) {
      assert(error instanceof lib.CipherTokenError, `environment settings failed with ${String(error)}`);
    }
  });

  if (jwe !== undefined) await jweConformance(check, lib, jwe);
  return { passed: check.passed, failed: check.failures.length, failures: check.failures, lines: check.lines };
}

const bytesB64url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const fromHex = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g)!, (h) => Number.parseInt(h, 16));

/** Alice's X25519 key pair of RFC 7748 §6.1, as an RFC 8037 §2 JWK. */
const X25519_JWK = {
  kty: 'OKP',
  crv: 'X25519',
  d: bytesB64url(fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a')),
  x: bytesB64url(fromHex('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a')),
};

const JWE_ENCS = ['A128GCM', 'A256GCM', 'A128CBC-HS256', 'A256CBC-HS512'] as const;
const ENC_BYTES: Record<(typeof JWE_ENCS)[number], number> = { A128GCM: 16, A256GCM: 32, 'A128CBC-HS256': 32, 'A256CBC-HS512': 64 };

/**
 * JWE (RFC 7516): for every alg × enc, sync encryption opened by the async path and the reverse
 * (WebCrypto against wasm and @noble/ciphers on each runtime); refusals; nested JWTs; CipherToken's
 * encryption option. P-256 ECDH-ES runs on the async path (WebCrypto).
 */
async function jweConformance(check: Check, lib: CipherTokenLibrary, jwe: CipherTokenJwe): Promise<void> {
  const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
  const keysFor = (alg: JweLibrary.KeyManagementAlgorithm, enc: (typeof JWE_ENCS)[number]): [unknown, unknown, boolean] => {
    if (alg === 'dir') {
      const k = random(ENC_BYTES[enc]);
      return [k, k, true];
    }
    if (alg.startsWith('PBES2')) return ['correct horse battery staple', 'correct horse battery staple', true];
    if (alg.startsWith('RSA')) return [RSA_TEST_KEY_A, RSA_TEST_KEY_A, true];
    if (alg.startsWith('ECDH')) return [X25519_JWK, X25519_JWK, true];
    const k = random(alg.startsWith('A128') ? 16 : 32);
    return [k, k, true];
  };
  const algs: JweLibrary.KeyManagementAlgorithm[] = [
    'dir',
    'A128KW',
    'A256KW',
    'A128GCMKW',
    'A256GCMKW',
    'PBES2-HS256+A128KW',
    'PBES2-HS512+A256KW',
    'RSA-OAEP',
    'RSA-OAEP-256',
    'ECDH-ES',
    'ECDH-ES+A128KW',
    'ECDH-ES+A256KW',
  ];
  for (const alg of algs) {
    await check.run(`JWE ${alg} × every enc: sync → async and async → sync`, async () => {
      for (const enc of JWE_ENCS) {
        const [encryptWith, decryptWith] = keysFor(alg, enc);
        const key = jwe.importJweKey(decryptWith as Uint8Array, alg);
        const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] };
        const claims = { sub: 'conformance', name: 'Zoë ✓', enc };
        const fromSync = jwe.encryptJwt(claims, encryptWith as Uint8Array, { alg, enc });
        assert((await jwe.decryptJwtAsync(fromSync, key, options)).payload.name === 'Zoë ✓', `${enc} sync → async`);
        const fromAsync = await jwe.encryptJwtAsync(claims, encryptWith as Uint8Array, { alg, enc });
        assert(jwe.decryptJwt(fromAsync, key, options).payload.enc === enc, `${enc} async → sync`);
        const parts = fromSync.split('.');
        parts[4] = parts[4]!.startsWith('A') ? `B${parts[4]!.slice(1)}` : `A${parts[4]!.slice(1)}`;
        expectCode(lib, () => jwe.decryptJwt(parts.join('.'), key, options), 'ERR_TOKEN_INVALID');
      }
    });
  }
  await check.run('JWE content of 8 KiB (WebCrypto on the async path) × every enc: sync ↔ async', async () => {
    for (const enc of JWE_ENCS) {
      const k = random(ENC_BYTES[enc]);
      const key = jwe.importJweKey(k, 'dir');
      const payload = random(8192);
      const options = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: [enc], maxTokenSize: 65536 };
      const fromAsync = await jwe.encryptAsync(payload, k, { alg: 'dir', enc });
      const opened = jwe.decrypt(fromAsync, key, options).plaintext;
      assert(opened.length === 8192 && opened.every((byte, i) => byte === payload[i]), `${enc} async → sync`);
      const fromSync = jwe.encrypt(payload, k, { alg: 'dir', enc });
      const back = (await jwe.decryptAsync(fromSync, key, options)).plaintext;
      assert(back.length === 8192 && back.every((byte, i) => byte === payload[i]), `${enc} sync → async`);
    }
  });
  await check.run('JWE ECDH-ES+A256KW on P-256 and P-384: wasm (sync) ↔ WebCrypto (async)', async () => {
    for (const alg of ['ES256', 'ES384'] as const) {
      const [privatePem] = lib.generateEcKeypair(alg);
      const key = jwe.importJweKey(privatePem, 'ECDH-ES+A256KW');
      const options = { keyManagementAlgorithms: ['ECDH-ES+A256KW'], contentEncryptionAlgorithms: ['A256GCM'] };
      const fromAsync = await jwe.encryptJwtAsync({ a: 1 }, key, { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' });
      assert(jwe.decryptJwt(fromAsync, key, options).payload.a === 1, `${alg} async → sync`);
      const fromSync = jwe.encryptJwt({ a: 2 }, key, { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' });
      assert((await jwe.decryptJwtAsync(fromSync, key, options)).payload.a === 2, `${alg} sync → async`);
    }
  });
  await check.run('JWE refuses RSA1_5 and zip (ERR_NOT_SUPPORTED) and caps p2c', async () => {
    const k = random(32);
    const key = jwe.importJweKey(k, 'dir');
    const options = { keyManagementAlgorithms: ['dir', 'RSA1_5'], contentEncryptionAlgorithms: ['A256GCM'] };
    const parts = jwe.encryptJwt({ a: 1 }, k, { alg: 'dir', enc: 'A256GCM' }).split('.');
    const zipped = [b64url(JSON.stringify({ alg: 'dir', enc: 'A256GCM', zip: 'DEF' })), ...parts.slice(1)].join('.');
    expectCode(lib, () => jwe.decryptJwt(zipped, key, options), 'ERR_NOT_SUPPORTED');
    const rsa15 = [b64url(JSON.stringify({ alg: 'RSA1_5', enc: 'A256GCM' })), ...parts.slice(1)].join('.');
    await expectCodeAsync(lib, () => jwe.decryptJwtAsync(rsa15, key, options), 'ERR_NOT_SUPPORTED');
    expectCode(lib, () => jwe.importJweKey(RSA_TEST_KEY_A, 'RSA1_5' as JweLibrary.KeyManagementAlgorithm), 'ERR_NOT_SUPPORTED');
    const pbes = jwe.importJweKey('pw', 'PBES2-HS256+A128KW');
    const token = jwe.encryptJwt({ a: 1 }, pbes, { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: jwe.PBES2_MAX_COUNT + 1 });
    const pbesOptions = { keyManagementAlgorithms: ['PBES2-HS256+A128KW'], contentEncryptionAlgorithms: ['A128GCM'] };
    expectCode(lib, () => jwe.decryptJwt(token, pbes, pbesOptions), 'ERR_TOKEN_INVALID');
    assert(jwe.decryptJwt(token, pbes, { ...pbesOptions, maxPbes2Count: jwe.PBES2_MAX_COUNT + 1 }).payload.a === 1, 'raised cap');
  });
  await check.run('JWE nested JWT: sign then encrypt, decrypt then verify', async () => {
    const [privatePem, publicPem] = lib.generateEd25519Keypair();
    const k = random(32);
    const token = await jwe.encryptJwtAsync({ sub: 'n' }, k, {
      alg: 'A256KW',
      enc: 'A256GCM',
      sign: { key: lib.importKey(privatePem, 'EdDSA') },
    });
    const options = {
      keyManagementAlgorithms: ['A256KW'],
      contentEncryptionAlgorithms: ['A256GCM'],
      verify: { keys: lib.importKey(publicPem, 'EdDSA'), algorithms: ['EdDSA'] },
    };
    const result = jwe.decryptJwt(token, jwe.importJweKey(k, 'A256KW'), options);
    assert(result.payload.sub === 'n' && result.signedHeader?.alg === 'EdDSA' && result.protectedHeader.cty === 'JWT', 'nested');
  });
  await check.run('CipherToken encryption option: nested JWE tokens, sync and async', async () => {
    const token = new lib.CipherToken({
      secret: lib.secretKey(),
      algorithm: 'HS256',
      accessTtl: 600,
      refreshTtl: 3600,
      encryption: { key: random(32), alg: 'A256KW', enc: 'A256GCM' },
    });
    const [access, refresh] = token.pair({ user_id: 1 });
    assert(access.split('.').length === 5 && token.decode(access).payload.user_id === 1, 'decode');
    const [next] = await token.rotationAsync(refresh);
    assert((await token.decodeAsync(next)).payload.user_id === 1, 'rotation');
  });
}

/** The closing line every runner prints last. */
export const summaryLine = (result: ConformanceResult): string => `${result.passed} passed, ${result.failed} failed`;
