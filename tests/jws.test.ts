import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalJwks,
  createRemoteJwks,
  decodeJwt,
  decodeProtectedHeader,
  exportJwk,
  importKey,
  InvalidTokenError,
  JwksFetchError,
  jwkThumbprint,
  KeyError,
  signJwt,
  signJwtAsync,
  TokenExpiredError,
  TokenNotYetValidError,
  verifyJwt,
  verifyJwtAsync,
  type Algorithm,
  type VerifyJwtOptions,
} from '../src/index.js';

const secretJwk = (bytes: number, alg: Algorithm, kid?: string) => ({
  kty: 'oct',
  k: Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('base64url'),
  alg,
  ...(kid ? { kid } : {}),
});
const NOW = 1_800_000_000;
const at = (seconds: number) => new Date(seconds * 1000);

describe('signJwt / verifyJwt', () => {
  it.each([
    ['HS256', 32],
    ['HS384', 48],
    ['HS512', 64],
  ] as const)('%s round trip with headers and claims', async (alg, size) => {
    const key = importKey(secretJwk(size, alg), alg);
    const jwt = signJwt({ sub: 'u1', iss: 'me', aud: ['a', 'b'], exp: NOW + 60, iat: NOW }, key, { kid: 'k1', header: { cty: 'x' } });
    expect(decodeProtectedHeader(jwt)).toEqual({ cty: 'x', alg, typ: 'JWT', kid: 'k1' });
    const { payload, protectedHeader } = verifyJwt(jwt, key, {
      algorithms: [alg],
      issuer: 'me',
      audience: 'b',
      subject: 'u1',
      currentDate: at(NOW),
    });
    expect(payload.sub).toBe('u1');
    expect(protectedHeader.kid).toBe('k1');
    expect((await verifyJwtAsync(await signJwtAsync({ a: 1 }, key), key, { algorithms: [alg] })).payload).toEqual({ a: 1 });
  });

  it('requires an algorithms allow-list and never accepts none', () => {
    const key = importKey(secretJwk(32, 'HS256'), 'HS256');
    const jwt = signJwt({ a: 1 }, key);
    expect(() => verifyJwt(jwt, key, {} as VerifyJwtOptions)).toThrow(TypeError);
    expect(() => verifyJwt(jwt, key, { algorithms: [] })).toThrow(TypeError);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${jwt.split('.')[1]}.`;
    expect(() => verifyJwt(none, key, { algorithms: ['none', 'HS256'] })).toThrow(InvalidTokenError);
    expect(() => verifyJwt(jwt, key, { algorithms: ['HS512'] })).toThrow(/not allowed/);
  });

  it('refuses crit headers (including b64) when verifying and signing', () => {
    const key = importKey(secretJwk(32, 'HS256'), 'HS256');
    const forged = signJwt({ a: 1 }, key, { header: { b64: false } });
    expect(verifyJwt(forged, key, { algorithms: ['HS256'] }).payload).toEqual({ a: 1 }); // b64 without crit is just a header member
    expect(() => signJwt({ a: 1 }, key, { header: { crit: ['b64'], b64: false } })).toThrow(TypeError);
    const [, p] = forged.split('.');
    const critHeader = Buffer.from('{"alg":"HS256","crit":["b64"],"b64":false}').toString('base64url');
    expect(() => verifyJwt(`${critHeader}.${p}.AAAA`, key, { algorithms: ['HS256'] })).toThrow(/critical/);
  });

  it('checks typ when asked', () => {
    const key = importKey(secretJwk(32, 'HS256'), 'HS256');
    expect(verifyJwt(signJwt({}, key, { typ: 'at+jwt' }), key, { algorithms: ['HS256'], typ: 'application/at+JWT' }).payload).toEqual({});
    expect(() => verifyJwt(signJwt({}, key), key, { algorithms: ['HS256'], typ: 'at+jwt' })).toThrow(/typ/);
  });

  it('picks the key by kid from several keys and from a local JWKS, and tries every key without kid', () => {
    const jwks = { keys: [secretJwk(32, 'HS256', 'old'), secretJwk(32, 'HS256', 'new'), secretJwk(64, 'HS512', 'big')] };
    const keys = jwks.keys.map((jwk) => importKey(jwk, jwk.alg as Algorithm));
    const set = createLocalJwks(jwks);
    for (const [index, jwk] of jwks.keys.entries()) {
      const withKid = signJwt({ i: index }, keys[index]!, { kid: jwk.kid });
      expect(verifyJwt(withKid, set, { algorithms: ['HS256', 'HS512'] }).payload.i).toBe(index);
      expect(verifyJwt(withKid, keys, { algorithms: ['HS256', 'HS512'] }).payload.i).toBe(index);
      const withoutKid = signJwt({ i: index }, keys[index]!);
      expect(verifyJwt(withoutKid, set, { algorithms: ['HS256', 'HS512'] }).payload.i).toBe(index);
    }
    const stranger = signJwt({}, importKey(secretJwk(32, 'HS256', 'old'), 'HS256'), { kid: 'old' });
    expect(() => verifyJwt(stranger, set, { algorithms: ['HS256'] })).toThrow(/signature/);
    const unknown = signJwt({}, keys[0]!, { kid: 'nope' });
    expect(() => verifyJwt(unknown, set, { algorithms: ['HS256'] })).toThrow(/no key/);
  });

  it('decodes without verifying, with typed errors for malformed input', () => {
    const key = importKey(secretJwk(32, 'HS256'), 'HS256');
    expect(decodeJwt(signJwt({ a: [1] }, key))).toEqual({ a: [1] });
    for (const bad of ['', 'a.b', 'e30.e30', 'e30.W10.x', '!!.e30.x', `${Buffer.from('[1]').toString('base64url')}.e30.x`]) {
      expect(() => decodeJwt(bad)).toThrow(InvalidTokenError);
    }
  });
});

describe('registered claims agree with jose on edge cases', () => {
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const key = importKey(secret, 'HS256');
  const cases: [string, Record<string, unknown>, Partial<VerifyJwtOptions> & jose.JWTVerifyOptions][] = [
    ['valid', { exp: NOW + 10, iat: NOW }, {}],
    ['expired by 1 s', { exp: NOW - 1 }, {}],
    ['expiring now', { exp: NOW }, {}],
    ['expired by 1 s, tolerance 5', { exp: NOW - 1 }, { clockTolerance: 5 }],
    ['nbf in the future', { nbf: NOW + 10 }, {}],
    ['nbf in 3 s, tolerance 5', { nbf: NOW + 3 }, { clockTolerance: 5 }],
    ['nbf now', { nbf: NOW }, {}],
    ['aud array without ours', { aud: ['x', 'y'] }, { audience: 'api' }],
    ['aud array with ours', { aud: ['x', 'api'] }, { audience: 'api' }],
    ['aud missing', {}, { audience: 'api' }],
    ['one of several issuers', { iss: 'b' }, { issuer: ['a', 'b'] }],
    ['wrong issuer', { iss: 'c' }, { issuer: 'a' }],
    ['wrong subject', { sub: 'x' }, { subject: 'y' }],
    ['missing required claim', { a: 1 }, { requiredClaims: ['jti'] }],
    ['present required claim', { jti: 'j' }, { requiredClaims: ['jti'] }],
    ['too old', { iat: NOW - 100 }, { maxTokenAge: 60 }],
    ['young enough', { iat: NOW - 30 }, { maxTokenAge: 60 }],
    ['maxTokenAge without iat', {}, { maxTokenAge: 60 }],
    ['exp as a string', { exp: String(NOW + 100) }, {}],
  ];

  it.each(cases)('%s', async (_name, claims, options) => {
    const jwt = signJwt(claims, key);
    const { maxTokenAge, ...rest } = options;
    const ours = (() => {
      try {
        verifyJwt(jwt, key, { algorithms: ['HS256'], currentDate: at(NOW), ...options });
        return true;
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
        return false;
      }
    })();
    const theirs = await jose
      .jwtVerify(jwt, secret, {
        algorithms: ['HS256'],
        currentDate: at(NOW),
        ...rest,
        ...(maxTokenAge !== undefined ? { maxTokenAge } : {}),
      })
      .then(
        () => true,
        () => false,
      );
    expect(ours).toBe(theirs);
    // Tokens signed by jose give the same answer.
    const joseJwt = await new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    expect(() => verifyJwt(joseJwt, key, { algorithms: ['HS256'], currentDate: at(NOW), ...options })).toSatisfy((fn: () => void) => {
      try {
        fn();
        return ours;
      } catch {
        return !ours;
      }
    });
  });

  it('reports expiry and not-yet-valid with their own error types', () => {
    expect(() => verifyJwt(signJwt({ exp: NOW - 1 }, key), key, { algorithms: ['HS256'], currentDate: at(NOW) })).toThrow(
      TokenExpiredError,
    );
    expect(() => verifyJwt(signJwt({ nbf: NOW + 1 }, key), key, { algorithms: ['HS256'], currentDate: at(NOW) })).toThrow(
      TokenNotYetValidError,
    );
  });
});

describe('keys', () => {
  it('imports oct JWKs and raw secrets, exports JWKs, refuses mismatches', () => {
    const jwk = secretJwk(32, 'HS256');
    const key = importKey(jwk, 'HS256');
    expect(exportJwk(key, { includePrivate: true })).toEqual({ kty: 'oct', k: jwk.k, alg: 'HS256' });
    expect(() => exportJwk(key)).toThrow(KeyError);
    expect(() => importKey(jwk, 'HS512')).toThrow(KeyError);
    expect(() => importKey({ ...jwk, use: 'enc' }, 'HS256')).toThrow(/use/);
    expect(() => importKey({ ...jwk, key_ops: ['encrypt'] }, 'HS256')).toThrow(/key_ops/);
    expect(() => importKey({ ...jwk, k: jwk.k + '=' }, 'HS256')).toThrow(KeyError);
    expect(() => importKey({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }, 'HS256')).toThrow(KeyError);
    expect(() => importKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', 'HS256', { allowWeakSecret: true })).toThrow(
      KeyError,
    );
    expect(JSON.stringify(key)).not.toContain(jwk.k);
  });

  it('computes RFC 7638 thumbprints (§3.1 example) and those of keys', () => {
    const rfc7638 = {
      kty: 'RSA',
      n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
      e: 'AQAB',
      alg: 'RS256',
      kid: '2011-04-29',
    };
    expect(jwkThumbprint(rfc7638)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    const jwk = secretJwk(32, 'HS256');
    expect(jwkThumbprint(importKey(jwk, 'HS256'))).toBe(jwkThumbprint(jwk));
  });
});

describe('remote JWKS (local HTTP server on 127.0.0.1)', () => {
  let server: Server;
  let url = '';
  let requests = 0;
  let mode: 'ok' | 'fail' | 'slow' = 'ok';
  let jwks = { keys: [secretJwk(32, 'HS256', 'one')] };

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      if (mode === 'fail') return res.writeHead(500).end();
      const send = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
      if (mode === 'slow') setTimeout(send, 300);
      else setTimeout(send, 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('shares one fetch between concurrent verifications and caches the set', async () => {
    requests = 0;
    const remote = createRemoteJwks(url);
    const key = importKey(jwks.keys[0]!, 'HS256');
    const jwt = signJwt({ a: 1 }, key, { kid: 'one' });
    const results = await Promise.all(Array.from({ length: 20 }, () => verifyJwtAsync(jwt, remote, { algorithms: ['HS256'] })));
    expect(results.every((r) => r.payload.a === 1)).toBe(true);
    expect(requests).toBe(1);
    await verifyJwtAsync(jwt, remote, { algorithms: ['HS256'] });
    expect(requests).toBe(1);
    expect(() => verifyJwt(jwt, remote, { algorithms: ['HS256'] })).toThrow(/verifyJwtAsync/);
  });

  it('refetches on an unknown kid at most once per cooldown, and keeps the last good set on failure', async () => {
    requests = 0;
    mode = 'ok';
    jwks = { keys: [secretJwk(32, 'HS256', 'one')] };
    const remote = createRemoteJwks(url, { cooldown: 200 });
    const first = importKey(jwks.keys[0]!, 'HS256');
    await verifyJwtAsync(signJwt({}, first, { kid: 'one' }), remote, { algorithms: ['HS256'] });
    const rotatedJwk = secretJwk(32, 'HS256', 'two');
    const rotated = signJwt({ r: 1 }, importKey(rotatedJwk, 'HS256'), { kid: 'two' });
    await expect(verifyJwtAsync(rotated, remote, { algorithms: ['HS256'] })).rejects.toThrow(InvalidTokenError); // within cooldown: no refetch
    expect(requests).toBe(1);
    jwks = { keys: [...jwks.keys, rotatedJwk] };
    await new Promise((r) => setTimeout(r, 250));
    expect((await verifyJwtAsync(rotated, remote, { algorithms: ['HS256'] })).payload.r).toBe(1);
    expect(requests).toBe(2);
    mode = 'fail';
    await new Promise((r) => setTimeout(r, 250));
    const unknown = signJwt({}, importKey(secretJwk(32, 'HS256'), 'HS256'), { kid: 'three' });
    await expect(verifyJwtAsync(unknown, remote, { algorithms: ['HS256'] })).rejects.toThrow(InvalidTokenError);
    expect(requests).toBe(3);
    expect((await verifyJwtAsync(rotated, remote, { algorithms: ['HS256'] })).payload.r).toBe(1); // last good set still used
    mode = 'ok';
  });

  it('times out slow servers and reports a KeyError when no set was ever fetched', async () => {
    mode = 'slow';
    const remote = createRemoteJwks(url, { timeout: 50 });
    const jwt = signJwt({}, importKey(secretJwk(32, 'HS256'), 'HS256'), { kid: 'one' });
    await expect(verifyJwtAsync(jwt, remote, { algorithms: ['HS256'] })).rejects.toThrow(KeyError);
    mode = 'ok';
  });
});

describe('remote JWKS limits (issue 15 item 10; local HTTP servers on 127.0.0.1)', () => {
  let server: Server;
  let other: Server;
  let base = '';
  let otherUrl = '';
  let mode: 'ok' | 'fail' | 'hang' = 'ok';
  let requests = 0;
  let otherRequests = 0;
  let streamed = 0;
  let streamClosed = false;
  const jwk = secretJwk(32, 'HS256', 'one');
  const jwks = { keys: [jwk] };
  const jwt = signJwt({ ok: 1 }, importKey(jwk, 'HS256'), { kid: 'one' });
  const verify = (remote: ReturnType<typeof createRemoteJwks>) => verifyJwtAsync(jwt, remote, { algorithms: ['HS256'] });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const failure = async (promise: Promise<unknown>): Promise<JwksFetchError> => {
    try {
      await promise;
    } catch (error) {
      return error as JwksFetchError;
    }
    throw new Error('expected a failure');
  };
  /** A valid JWKS padded with JSON whitespace to `size` bytes. */
  const padded = (size: number) => {
    const text = JSON.stringify(jwks);
    return text.slice(0, -1) + ' '.repeat(size - text.length) + text.slice(-1);
  };

  beforeAll(async () => {
    other = createServer((_req, res) => {
      otherRequests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (path === '/redirect') return res.writeHead(302, { location: otherUrl }).end();
      if (path === '/stream') {
        // An endless body, written as fast as the client reads it, counting what left the server.
        streamed = 0;
        streamClosed = false;
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        res.writeHead(200, { 'content-type': 'application/json' });
        const pump = () => {
          while (!streamClosed && streamed < 256 * 1024 * 1024) {
            streamed += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
        };
        res.on('close', () => (streamClosed = true));
        return pump();
      }
      if (path === '/declared') {
        // Announces 400 MiB, then sends almost nothing and never finishes.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(400 * 1024 * 1024) });
        return void res.write('{"keys":');
      }
      if (path.startsWith('/padded/')) {
        // Chunked: no Content-Length, so only the streaming cap can stop it.
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(padded(Number(path.slice('/padded/'.length))));
      }
      requests++;
      if (mode === 'fail') return res.writeHead(500).end();
      if (mode === 'hang') return; // never answers: only the client's timeout ends it
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(async () => {
    for (const s of [server, other]) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  });

  it('refuses a redirect, even to a valid JWKS on another origin, and never contacts it', async () => {
    otherRequests = 0;
    const error = await failure(verify(createRemoteJwks(`${base}/redirect`)));
    expect(error).toBeInstanceOf(KeyError);
    expect(error).toBeInstanceOf(JwksFetchError);
    expect(error.reason).toBe('redirect');
    expect(error.code).toBe('ERR_KEY');
    expect(otherRequests).toBe(0);
  });

  it('stops reading an endless body at maxBodySize (1 MiB by default) and cancels the stream', async () => {
    const started = Date.now();
    const error = await failure(verify(createRemoteJwks(`${base}/stream`, { timeout: 20_000 })));
    expect(error.reason).toBe('too-large');
    expect(Date.now() - started).toBeLessThan(5_000);
    await sleep(200);
    expect(streamClosed).toBe(true); // the client cancelled: the server stopped writing
    expect(streamed).toBeLessThan(32 * 1024 * 1024); // 1 MiB read, plus what socket buffers held
  });

  it('applies the cap to a body without Content-Length, and maxBodySize raises it', async () => {
    const size = 1.5 * 1024 * 1024;
    expect((await failure(verify(createRemoteJwks(`${base}/padded/${size}`)))).reason).toBe('too-large');
    expect((await verify(createRemoteJwks(`${base}/padded/${size}`, { maxBodySize: 2 * 1024 * 1024 }))).payload.ok).toBe(1);
  });

  it('refuses a Content-Length above the cap at once, without waiting for the body', async () => {
    const started = Date.now();
    const error = await failure(verify(createRemoteJwks(`${base}/declared`, { timeout: 10_000 })));
    expect(error.reason).toBe('too-large');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('with a stale cache and a hanging endpoint: one fetch per cooldown, shared by waiting callers, last good set served', async () => {
    mode = 'ok';
    requests = 0;
    const remote = createRemoteJwks(`${base}/jwks.json`, { cacheMaxAge: 100, cooldown: 700, timeout: 400 });
    expect((await verify(remote)).payload.ok).toBe(1);
    expect(requests).toBe(1);
    await sleep(800); // stale, and past the cooldown of that fetch
    mode = 'hang';
    let started = Date.now();
    const first = await Promise.all(Array.from({ length: 10 }, () => verify(remote)));
    expect(first.every((r) => r.payload.ok === 1)).toBe(true);
    expect(requests).toBe(2); // ten verifications, one fetch: they waited for it (it timed out)
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    started = Date.now();
    const second = await Promise.all(Array.from({ length: 10 }, () => verify(remote)));
    expect(second.every((r) => r.payload.ok === 1)).toBe(true);
    expect(requests).toBe(2); // within the cooldown: no fetch, no waiting
    expect(Date.now() - started).toBeLessThan(300);
    mode = 'fail';
    await sleep(800); // past the cooldown: the next verification may fetch once more
    expect((await verify(remote)).payload.ok).toBe(1);
    expect(requests).toBe(3);
    mode = 'ok';
  });

  it('past maxStale, a failing endpoint makes verification fail with a typed error', async () => {
    mode = 'ok';
    const remote = createRemoteJwks(`${base}/jwks.json`, { cacheMaxAge: 100, maxStale: 300, cooldown: 0, timeout: 300 });
    expect((await verify(remote)).payload.ok).toBe(1);
    mode = 'fail';
    await sleep(200);
    expect((await verify(remote)).payload.ok).toBe(1); // stale, within maxStale
    await sleep(300);
    const error = await failure(verify(remote));
    expect(error).toBeInstanceOf(JwksFetchError);
    expect(error.reason).toBe('stale');
    expect(error.code).toBe('ERR_KEY');
    mode = 'ok';
    expect((await verify(remote)).payload.ok).toBe(1); // the endpoint is back: a fresh set
  });

  it('refuses option values that are not finite numbers in range', () => {
    for (const options of [{ maxBodySize: 0 }, { maxStale: -1 }, { cooldown: Number.NaN }, { timeout: Number.POSITIVE_INFINITY }]) {
      expect(() => createRemoteJwks(`${base}/jwks.json`, options)).toThrow(TypeError);
    }
  });
});

describe('importKeyAsync', () => {
  it('imports an extractable WebCrypto HMAC key and refuses a non-extractable one', async () => {
    const { importKeyAsync } = await import('../src/jose/keys.js');
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const extractable = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
    const key = await importKeyAsync(extractable, 'HS256');
    expect(verifyJwt(signJwt({ a: 1 }, importKey(raw, 'HS256')), key, { algorithms: ['HS256'] }).payload.a).toBe(1);
    const locked = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    await expect(importKeyAsync(locked, 'HS256')).rejects.toThrow(KeyError);
  });
});

describe('key material limits', () => {
  it('refuses oversized PEM text, bytes and JWK members before parsing', () => {
    expect(() => importKey('x'.repeat(70_000), 'HS256')).toThrow(/size limit/);
    expect(() => importKey(new Uint8Array(70_000), 'HS256')).toThrow(/size limit/);
    expect(() => importKey({ kty: 'oct', k: 'A'.repeat(20_000) }, 'HS256')).toThrow(/size limit/);
  });
});
