/**
 * The verified-token cache (issue 18): `new CipherToken({ cache: { max } })` and
 * `verifyJwt(…, { cache: createVerifyCache({ max }) })`. A cached result is never used past `exp`
 * or before `nbf` (RFC 7519 §4.1.4, §4.1.5, same clock and leeway as a fresh verify), nor after a
 * revocation (the store is still asked), nor under other options; failures are not cached; results
 * are frozen. A hit is recognised by identity: a fresh verify parses a new object every time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CipherToken,
  HS256,
  InvalidTokenError,
  MemoryStore,
  TokenExpiredError,
  TokenNotYetValidError,
  TokenRevokedError,
  TokenTypeError,
  secretKeyWithSize,
  type CipherTokenOptions,
} from '../src/index.js';
import { createVerifyCache, signJwt, verifyJwt, verifyJwtAsync, type VerifyJwtOptions } from '../src/jws.js';
import { importKey } from '../src/keys.js';

const SECRET = secretKeyWithSize(32);
const T0 = new Date('2026-12-01T12:00:00Z');
const T0S = T0.getTime() / 1000;
const make = (extra: Partial<CipherTokenOptions> = {}) =>
  new CipherToken({ secret: SECRET, algorithm: HS256, accessTtl: 60, refreshTtl: 3600, cache: { max: 100 }, ...extra });

afterEach(() => {
  vi.useRealTimers();
});

describe('CipherToken cache option', () => {
  it('refuses a max that is not a whole number of entries', () => {
    for (const max of [Number.NaN, -1, 0, 1.5, Number.POSITIVE_INFINITY, '10', undefined]) {
      expect(() => make({ cache: { max } as never })).toThrow(TypeError);
    }
    expect(() => make({ cache: 10 as never })).toThrow(TypeError);
    expect(() => make({ cache: { max: 1 } })).not.toThrow();
  });

  it('answers a repeated token from the cache with the same frozen claims', () => {
    const ct = make();
    const token = ct.access({ role: 'user', tags: ['a'] });
    const first = ct.decode(token);
    expect(ct.decode(token)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.payload) && Object.isFrozen(first.payload.tags)).toBe(true);
    // A caller cannot poison later results.
    expect(() => {
      (first.payload as Record<string, unknown>).role = 'admin';
    }).toThrow(TypeError);
    expect(() => (first.payload.tags as string[]).push('b')).toThrow(TypeError);
    expect(ct.decode(token).payload).toEqual({ role: 'user', tags: ['a'] });
    expect(ct.verify(token)).toBe(true);
  });

  it('leaves results of an instance without a cache as they were: new, mutable objects', () => {
    const ct = make({ cache: undefined });
    const token = ct.access({ role: 'user' });
    const first = ct.decode(token);
    expect(ct.decode(token)).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(false);
  });

  it('never uses a cached result on or after exp, with the same clockTolerance as a fresh verify', () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    for (const clockTolerance of [0, 5]) {
      const ct = make({ clockTolerance });
      const fresh = make({ clockTolerance, cache: undefined });
      const token = ct.access({ n: clockTolerance });
      vi.setSystemTime(T0);
      const first = ct.decode(token);
      // exp = T0 + 60: still valid one second before exp + leeway, and answered from the cache.
      vi.setSystemTime((T0S + 60 + clockTolerance - 1) * 1000);
      expect(ct.decode(token)).toBe(first);
      expect(fresh.verify(token)).toBe(true);
      vi.setSystemTime((T0S + 60 + clockTolerance) * 1000);
      expect(fresh.verify(token)).toBe(false);
      expect(() => ct.decode(token)).toThrow(TokenExpiredError);
      expect(ct.verify(token)).toBe(false);
      // Back in time (a clock step): the expired entry was dropped, a fresh verify answers again.
      vi.setSystemTime(T0);
      const again = ct.decode(token);
      expect(again).not.toBe(first);
      expect(again).toEqual(first);
    }
  });

  it('checks the type option on every hit (RFC 8725 §3.12)', async () => {
    const ct = make();
    const [access, refresh] = ct.pair({ u: 1 });
    const claims = ct.decode(refresh);
    expect(ct.decode(refresh, { type: 'any' })).toBe(claims);
    expect(() => ct.decode(refresh, { type: 'access' })).toThrow(TokenTypeError);
    expect(ct.verify(refresh, { type: 'access' })).toBe(false);
    await expect(ct.decodeAsync(refresh, { type: 'access' })).rejects.toThrow(TokenTypeError);
    expect(ct.decode(refresh, { type: 'refresh' })).toBe(claims);
    ct.decode(access, { type: 'access' });
    expect(() => ct.decode(access, { type: 'refresh' })).toThrow(TokenTypeError);
  });

  it('does not cache failures: a token refused once is verified again next time', () => {
    const other = new CipherToken({ secret: secretKeyWithSize(32), algorithm: HS256, accessTtl: 60, refreshTtl: 60 });
    const ct = make();
    const foreign = other.access({});
    expect(() => ct.decode(foreign)).toThrow(InvalidTokenError);
    expect(() => ct.decode(foreign)).toThrow(InvalidTokenError);
    // A refused type does not store the token either: the next call parses it afresh.
    const [, refresh] = ct.pair({});
    expect(() => ct.decode(refresh, { type: 'access' })).toThrow(TokenTypeError);
    const first = ct.decode(refresh);
    expect(ct.decode(refresh)).toBe(first);
  });

  it('refuses a token that differs from a cached one in any character', () => {
    const ct = make();
    const token = ct.access({ role: 'user' });
    ct.decode(token);
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(() => ct.decode(token.slice(0, -1) + last)).toThrow(InvalidTokenError);
    expect(() => ct.decode(`${token}A`)).toThrow(InvalidTokenError);
    expect(() => ct.decode(token.slice(0, -1))).toThrow(InvalidTokenError);
    // Hostile inputs that the hash refuses (not text, not ASCII) still get a typed refusal.
    expect(() => ct.decode(`${token}é`)).toThrow(InvalidTokenError);
    expect(() => ct.decode(42 as never)).toThrow(InvalidTokenError);
  });

  it('keeps at most max results and drops the least recently used', () => {
    const ct = make({ cache: { max: 2 } });
    const [a, b, c] = [ct.access({ i: 1 }), ct.access({ i: 2 }), ct.access({ i: 3 })];
    const ca = ct.decode(a);
    const cb = ct.decode(b);
    expect(ct.decode(a)).toBe(ca); // a is now the most recent
    ct.decode(c); // evicts b
    expect(ct.decode(a)).toBe(ca);
    expect(ct.decode(b)).not.toBe(cb);
  });

  it('verifies tokens too long to cache every time, and correctly', () => {
    const ct = make({ maxTokenSize: 64 * 1024 });
    const token = ct.access({ blob: 'x'.repeat(9000) });
    expect(token.length).toBeGreaterThan(8192);
    const first = ct.decode(token);
    expect(ct.decode(token)).not.toBe(first);
    expect(ct.decode(token).payload).toEqual(first.payload);
  });

  it('still asks the store on every async verify: revocation, family revocation and rotation win over the cache', async () => {
    const store = new MemoryStore();
    const ct = make({ store });
    const [access, refresh] = await ct.pairAsync({ u: 1 });
    const claims = await ct.decodeAsync(access);
    expect(await ct.decodeAsync(access)).toBe(claims);
    await ct.revoke(access);
    await expect(ct.decodeAsync(access)).rejects.toThrow(TokenRevokedError);
    expect(await ct.verifyAsync(access)).toBe(false);

    const [access2, refresh2] = await ct.pairAsync({ u: 2 });
    expect(await ct.verifyAsync(access2)).toBe(true);
    await ct.revoke(refresh2, { family: true });
    await expect(ct.decodeAsync(access2)).rejects.toThrow(TokenRevokedError);

    // A rotated refresh token is spent, although its verification is cached.
    expect(await ct.verifyAsync(refresh)).toBe(true);
    await ct.rotationAsync(refresh);
    await expect(ct.decodeAsync(refresh)).rejects.toThrow(TokenRevokedError);
    await store.close();
  });
});

describe('verifyJwt cache option', () => {
  const key = importKey(SECRET, 'HS256');
  const otherKey = importKey(secretKeyWithSize(32), 'HS256');
  const claims = { sub: 'u1', iss: 'https://issuer', aud: ['api', 'web'], iat: T0S - 10, nbf: T0S, exp: T0S + 60, scope: 'read' };
  const token = signJwt(claims, key);
  const at = (seconds: number) => new Date(seconds * 1000);

  it('is created by createVerifyCache with a validated max, and only such a cache is accepted', () => {
    for (const max of [Number.NaN, -3, 2.5, '1']) expect(() => createVerifyCache({ max } as never)).toThrow(TypeError);
    const cache = createVerifyCache({ max: 5 });
    expect(cache.max).toBe(5);
    expect(() => verifyJwt(token, key, { algorithms: ['HS256'], cache: { max: 5 } as never })).toThrow(TypeError);
  });

  it('answers a repeat from the cache, frozen, and re-checks exp and nbf with the call’s instant and leeway', () => {
    const cache = createVerifyCache({ max: 10 });
    const options = (currentDate: Date, clockTolerance = 0): VerifyJwtOptions => ({
      algorithms: ['HS256'],
      cache,
      currentDate,
      clockTolerance,
    });
    const first = verifyJwt(token, key, options(at(T0S + 1)));
    expect(cache.size).toBe(1);
    expect(Object.isFrozen(first.payload) && Object.isFrozen(first.protectedHeader)).toBe(true);
    expect(verifyJwt(token, key, options(at(T0S + 59)))).toBe(first);
    // RFC 7519 §4.1.5: before nbf, even though the result is cached.
    expect(() => verifyJwt(token, key, options(at(T0S - 1)))).toThrow(TokenNotYetValidError);
    expect(verifyJwt(token, key, options(at(T0S - 1), 1))).toBe(first);
    // RFC 7519 §4.1.4: on or after exp.
    expect(() => verifyJwt(token, key, options(at(T0S + 60)))).toThrow(TokenExpiredError);
    expect(verifyJwt(token, key, options(at(T0S + 60), 2))).toBe(first);
    expect(() => verifyJwt(token, key, options(at(T0S + 62), 2))).toThrow(TokenExpiredError);
    // maxTokenAge is a clock check too (iat = T0 - 10).
    const aged = (now: number): VerifyJwtOptions => ({ algorithms: ['HS256'], cache, currentDate: at(now), maxTokenAge: 30 });
    const young = verifyJwt(token, key, aged(T0S + 10));
    expect(verifyJwt(token, key, aged(T0S + 20))).toBe(young);
    expect(() => verifyJwt(token, key, aged(T0S + 21))).toThrow(TokenExpiredError);
  });

  it('answers only for the keys and options a result was verified under', async () => {
    const cache = createVerifyCache({ max: 10 });
    const base: VerifyJwtOptions = { algorithms: ['HS256', 'HS384'], cache, currentDate: at(T0S + 1) };
    const first = verifyJwt(token, key, { ...base, audience: 'api', issuer: 'https://issuer', subject: 'u1' });
    const refused: [string, VerifyJwtOptions, unknown][] = [
      ['allow-list', { ...base, algorithms: ['HS384'] }, InvalidTokenError],
      ['audience', { ...base, audience: 'admin' }, InvalidTokenError],
      ['issuer', { ...base, issuer: 'https://other' }, InvalidTokenError],
      ['subject', { ...base, subject: 'u2' }, InvalidTokenError],
      ['typ', { ...base, typ: 'at+jwt' }, InvalidTokenError],
      ['required claims', { ...base, requiredClaims: ['jti'] }, InvalidTokenError],
      ['maxTokenAge', { ...base, maxTokenAge: 5 }, TokenExpiredError],
    ];
    for (const [, options, error] of refused) {
      expect(() => verifyJwt(token, key, options)).toThrow(error as never);
      await expect(verifyJwtAsync(token, key, options)).rejects.toThrow(error as never);
    }
    // Keys: cached under `key` with exactly these options, refused under any other key set.
    expect(verifyJwt(token, key, base).payload).toEqual(claims);
    expect(() => verifyJwt(token, otherKey, base)).toThrow(InvalidTokenError);
    expect(() => verifyJwt(token, [otherKey], base)).toThrow(InvalidTokenError);
    expect(() => verifyJwt(token, [otherKey, otherKey], base)).toThrow(InvalidTokenError);
    const cachedForList = verifyJwt(token, [otherKey, key], base);
    expect(verifyJwt(token, [otherKey, key], base)).toBe(cachedForList);
    // One entry per token: the last success replaced `first`. The same options again (new
    // objects, equal values) hit once verified again.
    const again = verifyJwt(token, key, { ...base, audience: 'api', issuer: 'https://issuer', subject: 'u1' });
    expect(again).toEqual(first);
    expect(verifyJwt(token, key, { ...base, audience: 'api', issuer: 'https://issuer', subject: 'u1' })).toBe(again);
    expect(await verifyJwtAsync(token, key, { ...base, audience: 'api', issuer: 'https://issuer', subject: 'u1' })).toBe(again);
  });

  it('snapshots option arrays: mutating them after a hit cannot widen what the cache answers for', () => {
    const cache = createVerifyCache({ max: 10 });
    const audience = ['api'];
    const options: VerifyJwtOptions = { algorithms: ['HS256'], audience, cache, currentDate: at(T0S + 1) };
    const first = verifyJwt(token, key, options);
    expect(verifyJwt(token, key, options)).toBe(first);
    audience[0] = 'admin';
    expect(() => verifyJwt(token, key, options)).toThrow(InvalidTokenError);
  });

  it('does not cache failures, and clear() forgets every result', () => {
    const cache = createVerifyCache({ max: 10 });
    const options: VerifyJwtOptions = { algorithms: ['HS256'], cache, currentDate: at(T0S + 1) };
    expect(() => verifyJwt(token, otherKey, options)).toThrow(InvalidTokenError);
    expect(() => verifyJwt(token, key, { ...options, audience: 'admin' })).toThrow(InvalidTokenError);
    expect(() => verifyJwt(token, key, { ...options, currentDate: at(T0S + 61) })).toThrow(TokenExpiredError);
    expect(cache.size).toBe(0);
    const first = verifyJwt(token, key, options);
    expect(cache.size).toBe(1);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(verifyJwt(token, key, options)).not.toBe(first);
  });
});
