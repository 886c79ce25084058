/**
 * The runtime-neutral conformance suite: exercises the public API through the package's entry
 * points, with the library passed in, so Node, Bun, Deno, workerd and Chromium run the very same
 * checks. No runtime-specific API is used here (no Buffer, no node: modules, no file system).
 * Algorithm issues add their algorithms to ALGORITHM_CASES.
 * @module
 */

import type * as Library from '../../dist/esm/index.js';
import { RSA_TEST_KEY_A, RSA_TEST_KEY_B } from './keys.ts';

export type CipherTokenLibrary = typeof Library;

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

export async function runConformance(lib: CipherTokenLibrary): Promise<ConformanceResult> {
  const check = new Check();
  await lib.init();

  await check.run('wasm module is loaded after init()', () => assert(lib.isReady(), 'not ready'));
  await check.run('time helpers count whole seconds', () => {
    assert(lib.minutes(10) === 600 && lib.hours(2) === 7200 && lib.days(7) === 604800 && lib.weeks(1) === 604800, 'durations');
    assert(Math.abs(lib.now() - Date.now() / 1000) < 1.01, 'now()');
  });
  await check.run('secretKey() is 32 random bytes as base64url', () => {
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
        expectCode(lib, () => new lib.CipherToken({ secret: lib.secretKeyWithSize(64), algorithm: alg, accessTtl: 60, refreshTtl: 60 }), 'ERR_KEY');
        const privateKey = signingKey(lib) as string;
        const signer = new lib.CipherToken({ secret: privateKey, algorithm: alg, accessTtl: 60, refreshTtl: 60 });
        const pkcs8 = Uint8Array.from(atob(privateKey.replace(/-----[A-Z ]+-----|\s/g, '')), (c) => c.charCodeAt(0));
        const cryptoKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign']);
        const { n, e } = (await crypto.subtle.exportKey('jwk', cryptoKey)) as { n: string; e: string };
        const verifier = new lib.CipherToken({ secret: { kty: 'RSA', n, e }, algorithm: alg, accessTtl: 60, refreshTtl: 60 });
        assert(verifier.verify(signer.access()) && (await verifier.verifyAsync(await signer.accessAsync())), 'public JWK verifies sync and async');
        assert(verifier.verify(await signer.accessAsync()) && (await verifier.verifyAsync(signer.access())), 'sync and async cross-verify');
        expectCode(lib, () => verifier.access(), 'ERR_KEY');
      });
    } else await check.run(`${alg} key import: weak and PEM secrets refused with KeyError`, () => {
      expectCode(lib, () => new lib.CipherToken({ secret: 'short', algorithm: alg, accessTtl: 60, refreshTtl: 60 }), 'ERR_KEY');
      const pem = '-----BEGIN PUBLIC KEY-----\n' + 'A'.repeat(120) + '\n-----END PUBLIC KEY-----';
      expectCode(lib, () => new lib.CipherToken({ secret: pem, algorithm: alg, accessTtl: 60, refreshTtl: 60, allowWeakSecret: true }), 'ERR_KEY');
      const bytes = new Uint8Array(64).fill(7);
      const fromBytes = new lib.CipherToken({ secret: bytes, algorithm: alg, accessTtl: 60, refreshTtl: 60 });
      assert(fromBytes.verify(fromBytes.access()), 'Uint8Array secret');
    });
    await check.run(`${alg} secret is masked`, () => {
      assert(token.secret === '********' && JSON.stringify(token).includes('"secret":"********"'), 'mask');
    });
  }

  await check.run('jwt module wrappers and constants', async () => {
    const t = new lib.CipherToken({ secret: lib.secretKeyWithSize(32), algorithm: 'HS256', accessTtl: 60, refreshTtl: 120 });
    assert(lib.TOKEN_ACCESS === 'access' && lib.TOKEN_REFRESH === 'refresh', 'constants');
    const r = lib.refresh(t, { a: 1 });
    const [a2] = lib.rotation(t, r);
    assert(t.decode(lib.access(t)).token === 'access' && t.decode(a2).payload.a === 1, 'sync');
    const [a3] = await lib.rotationAsync(t, await lib.refreshAsync(t, { b: 2 }));
    assert(t.decode(a3).payload.b === 2 && t.verify(await lib.accessAsync(t)), 'async');
  });

  return { passed: check.passed, failed: check.failures.length, failures: check.failures, lines: check.lines };
}

/** The closing line every runner prints last. */
export const summaryLine = (result: ConformanceResult): string => `${result.passed} passed, ${result.failed} failed`;
