import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CipherToken,
  CipherTokenError,
  days,
  HS256,
  HS384,
  HS512,
  hours,
  InvalidTokenError,
  KeyError,
  minutes,
  now,
  secretKey,
  secretKeyWithSize,
  TokenError,
  TokenExpiredError,
  TokenNotYetValidError,
  TokenTypeError,
  weeks,
  type Algorithm,
} from '../src/index.js';
import * as jwt from '../src/token/jwt.js';
import { generateHmacSecretAsync } from '../src/token/secret.js';

const SECRET = 'k'.repeat(32) + 'very-secret-material-123';
const make = (algorithm: Algorithm = HS256, extra: Partial<ConstructorParameters<typeof CipherToken>[0]> = {}) =>
  new CipherToken({ secret: secretKeyWithSize(64), algorithm, accessTtl: minutes(10), refreshTtl: days(7), ...extra });

/** Re-encodes a token's payload without re-signing it. */
function withPayload(token: string, edit: (claims: Record<string, unknown>) => unknown): string {
  const [h, p, s] = token.split('.');
  const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
  return `${h}.${Buffer.from(JSON.stringify(edit(claims))).toString('base64url')}.${s}`;
}

afterEach(() => vi.useRealTimers());

describe('time and secret helpers', () => {
  it('count whole seconds', () => {
    expect([minutes(10), hours(2), days(7), weeks(1)]).toEqual([600, 7200, 604800, 604800]);
    expect(Math.abs(now() - Date.now() / 1000)).toBeLessThan(1.01);
  });

  it('generate random base64url secrets of the requested size', async () => {
    expect(secretKey()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secretKey()).not.toBe(secretKey());
    expect(Buffer.from(secretKeyWithSize(64), 'base64url')).toHaveLength(64);
    expect(Buffer.from(await generateHmacSecretAsync(48), 'base64url')).toHaveLength(48);
    expect(() => secretKeyWithSize(0)).toThrow(RangeError);
  });
});

describe.each([HS256, HS384, HS512] as const)('CipherToken %s', (alg) => {
  it('issues access and refresh tokens with the documented claims', () => {
    const token = make(alg);
    const before = now();
    const access = token.access({ user_id: 42, role: 'admin' });
    const claims = token.decode(access);
    expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'jti', 'payload', 'token', 'ttl']);
    expect(claims.payload).toEqual({ user_id: 42, role: 'admin' });
    expect(claims.token).toBe('access');
    expect(claims.ttl).toBe(600);
    expect(claims.exp - claims.iat).toBe(600);
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const refresh = token.decode(token.refresh({ user_id: 42 }));
    expect(refresh.token).toBe('refresh');
    expect(refresh.ttl).toBe(days(7));
    expect(token.decode(token.access()).payload).toEqual({});
    const header = JSON.parse(Buffer.from(access.split('.')[0]!, 'base64url').toString());
    expect(header).toEqual({ alg, typ: 'JWT' });
  });

  it('verifies, rotates, inspects and reports remaining time', () => {
    const token = make(alg);
    const access = token.access({ sub: 'user@example.com' });
    const refresh = token.refresh({ sub: 'user@example.com' });
    expect(token.verify(access)).toBe(true);
    expect(token.verify(refresh)).toBe(true);
    const [a2, r2] = token.rotation(refresh);
    expect(token.decode(a2).payload).toEqual({ sub: 'user@example.com' });
    expect(token.decode(r2).token).toBe('refresh');
    const [a3] = token.rotation(refresh, { sub: 'other' });
    expect(token.decode(a3).payload).toEqual({ sub: 'other' });
    const inspected = token.inspect(access);
    expect(inspected.header.alg).toBe(alg);
    expect(inspected.payload).toEqual({ sub: 'user@example.com' });
    expect(token.remainingTime(access)).toBeGreaterThan(595);
    expect(token.remainingTime(access)).toBeLessThanOrEqual(600);
  });

  it('has async twins with the same results', async () => {
    const token = make(alg);
    const access = await token.accessAsync({ n: 1 });
    const refresh = await token.refreshAsync({ n: 1 });
    expect(await token.verifyAsync(access)).toBe(true);
    expect((await token.decodeAsync(access)).payload).toEqual({ n: 1 });
    const [a2, r2] = await token.rotationAsync(refresh);
    expect(token.verify(a2) && token.verify(r2)).toBe(true);
    expect((await token.inspectAsync(access)).token).toBe('access');
    expect(await token.remainingTimeAsync(access)).toBeGreaterThan(595);
    expect(await token.verifyAsync('nope')).toBe(false);
    await expect(token.decodeAsync('nope')).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('CipherToken verification failures', () => {
  const token = make();
  const access = token.access({ user_id: 1 });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an object', {}],
    ['garbage', 'garbage'],
    ['two segments', 'a.b'],
    ['four segments', `${access}.x`],
    ['an empty string', ''],
    ['a 10 MB string', 'a'.repeat(10 * 1024 * 1024)],
    ['non-ASCII', access.slice(0, -2) + 'é'],
    ['a tampered payload', withPayload(access, (c) => ({ ...c, payload: { user_id: 2 } }))],
    ['a truncated signature', access.slice(0, -1)],
    ['a padded signature', `${access}=`],
    ['a token of another key', make().access({ user_id: 1 })],
    ['alg: none', `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${access.split('.')[1]}.`],
    [
      'alg: none with the signature kept',
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${access.split('.')[1]}.${access.split('.')[2]}`,
    ],
    [
      'another HMAC algorithm in the header',
      `${Buffer.from('{"alg":"HS512","typ":"JWT"}').toString('base64url')}.${access.split('.').slice(1).join('.')}`,
    ],
    [
      'crit header',
      `${Buffer.from('{"alg":"HS256","crit":["exp"],"exp":1}').toString('base64url')}.${access.split('.').slice(1).join('.')}`,
    ],
  ])('verify is false and decode throws InvalidTokenError for %s', (_name, input) => {
    expect(token.verify(input as string)).toBe(false);
    expect(() => token.decode(input as string)).toThrow(InvalidTokenError);
  });

  it('refuses tokens over the configured size limit before any work', () => {
    const secret = secretKeyWithSize(64);
    const small = make(HS256, { secret, maxTokenSize: 200 });
    // Issued by a twin with a larger limit: an instance refuses to issue beyond its own (issue 15).
    const big = make(HS256, { secret }).access({ filler: 'x'.repeat(300) });
    expect(small.verify(big)).toBe(false);
    expect(() => small.decode(big)).toThrow(/size limit/);
  });

  it('refuses correctly signed tokens with malformed claims', () => {
    const key = new Uint8Array(32).fill(3);
    const t = new CipherToken({ secret: key, algorithm: HS256, accessTtl: 60, refreshTtl: 120 });
    // Sign arbitrary claims through the same key by going through the JWS layer.
    const sign = (claims: unknown) => {
      const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      const mac = createHmac('sha256', key).update(`${header}.${body}`).digest('base64url');
      return `${header}.${body}.${mac}`;
    };
    const good = { payload: {}, exp: now() + 60, iat: now(), ttl: 60, token: 'access', jti: 'x' };
    expect(t.verify(sign(good))).toBe(true);
    for (const bad of [
      [1, 2],
      'text',
      7,
      { ...good, exp: undefined },
      { ...good, exp: '9999999999' },
      { ...good, token: 'id' },
      { ...good, payload: [1] },
    ]) {
      expect(() => t.decode(sign(bad))).toThrow(InvalidTokenError);
    }
    expect(() => t.decode(sign({ ...good, exp: now() - 1 }))).toThrow(TokenExpiredError);
    expect(() => t.decode(sign({ ...good, nbf: now() + 100 }))).toThrow(TokenNotYetValidError);
    const polluted = sign({ ...JSON.parse('{"__proto__":{"polluted":true}}'), ...good });
    expect(t.verify(polluted)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('expires tokens at exp, with clockTolerance leeway', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const strict = new CipherToken({ secret: SECRET, algorithm: HS256, accessTtl: 60, refreshTtl: 120 });
    const lenient = new CipherToken({ secret: SECRET, algorithm: HS256, accessTtl: 60, refreshTtl: 120, clockTolerance: 30 });
    const a = strict.access();
    const b = lenient.access();
    vi.setSystemTime(new Date('2026-01-01T00:00:59Z'));
    expect(strict.verify(a)).toBe(true);
    expect(strict.remainingTime(a)).toBe(1);
    vi.setSystemTime(new Date('2026-01-01T00:10:00Z'));
    expect(strict.verify(a)).toBe(false);
    expect(() => strict.decode(a)).toThrow(TokenExpiredError);
    expect(strict.remainingTime(a)).toBe(0);
    vi.setSystemTime(new Date('2026-01-01T00:01:29Z'));
    expect(lenient.verify(b)).toBe(true);
    vi.setSystemTime(new Date('2026-01-01T00:01:30Z'));
    expect(lenient.verify(b)).toBe(false);
  });

  it('refuses an access token for rotation', () => {
    expect(() => token.rotation(access)).toThrow(TokenTypeError);
  });

  it('errors carry stable codes and are CipherTokenError (= TokenError)', () => {
    try {
      token.decode('x.y.z');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CipherTokenError);
      expect(error).toBeInstanceOf(TokenError);
      expect((error as CipherTokenError).code).toBe('ERR_TOKEN_INVALID');
      expect((error as Error).name).toBe('InvalidTokenError');
    }
    expect(TokenExpiredError.code).toBe('ERR_TOKEN_EXPIRED');
  });
});

describe('CipherToken issuer, audience, kid and key rotation', () => {
  it('writes iss/aud and enforces them on verify', () => {
    const secret = secretKey();
    const a = new CipherToken({ secret, algorithm: HS256, accessTtl: 60, refreshTtl: 60, issuer: 'auth', audience: ['api', 'web'] });
    const claims = a.decode(a.access());
    expect(claims.iss).toBe('auth');
    expect(claims.aud).toEqual(['api', 'web']);
    const api = new CipherToken({ secret, algorithm: HS256, accessTtl: 60, refreshTtl: 60, issuer: 'auth', audience: 'api' });
    expect(api.verify(a.access())).toBe(true);
    const other = new CipherToken({ secret, algorithm: HS256, accessTtl: 60, refreshTtl: 60, issuer: 'auth', audience: 'billing' });
    expect(() => other.decode(a.access())).toThrow(/audience/);
    const wrongIss = new CipherToken({ secret, algorithm: HS256, accessTtl: 60, refreshTtl: 60, issuer: 'evil' });
    expect(() => wrongIss.decode(a.access())).toThrow(/issuer/);
  });

  it('accepts tokens of every verifyKeys key, picking by kid when present', () => {
    const oldSecret = secretKey();
    const newSecret = secretKey();
    const oldIssuer = new CipherToken({ secret: oldSecret, algorithm: HS256, kid: 'old', accessTtl: 60, refreshTtl: 60 });
    const legacy = new CipherToken({ secret: oldSecret, algorithm: HS256, accessTtl: 60, refreshTtl: 60 });
    const current = new CipherToken({
      secret: newSecret,
      algorithm: HS256,
      kid: 'new',
      accessTtl: 60,
      refreshTtl: 60,
      verifyKeys: [{ secret: oldSecret, algorithm: HS256, kid: 'old' }],
    });
    const fresh = current.access({ v: 2 });
    expect(JSON.parse(Buffer.from(fresh.split('.')[0]!, 'base64url').toString()).kid).toBe('new');
    expect(current.verify(fresh)).toBe(true);
    expect(current.verify(oldIssuer.access({ v: 1 }))).toBe(true);
    expect(current.verify(legacy.access({ v: 1 }))).toBe(true); // no kid: every key is tried
    expect(current.verify(make().access())).toBe(false);
  });

  it('accepts verifyKeys of another HMAC algorithm (and only those algorithms)', () => {
    const s384 = secretKeyWithSize(48);
    const old = new CipherToken({ secret: s384, algorithm: HS384, accessTtl: 60, refreshTtl: 60 });
    const current = new CipherToken({
      secret: secretKey(),
      algorithm: HS256,
      accessTtl: 60,
      refreshTtl: 60,
      verifyKeys: [{ secret: s384, algorithm: HS384 }],
    });
    expect(current.verify(old.access())).toBe(true);
    expect(
      current.verify(new CipherToken({ secret: secretKeyWithSize(64), algorithm: HS512, accessTtl: 60, refreshTtl: 60 }).access()),
    ).toBe(false);
  });
});

describe('CipherToken keys and secret hygiene', () => {
  it('refuses weak, empty, PEM and JWK secrets with KeyError', () => {
    const base = { algorithm: HS256, accessTtl: 60, refreshTtl: 60 } as const;
    expect(() => new CipherToken({ ...base, secret: 'your-strong-secret-key' })).toThrow(KeyError);
    expect(() => new CipherToken({ ...base, secret: '', allowWeakSecret: true })).toThrow(KeyError);
    expect(() => new CipherToken({ ...base, algorithm: HS512, secret: 'x'.repeat(63) })).toThrow(/64 bytes/);
    expect(new CipherToken({ ...base, secret: 'your-strong-secret-key', allowWeakSecret: true }).verify('x')).toBe(false);
    const pem = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE' + 'A'.repeat(80) + '\n-----END PUBLIC KEY-----\n';
    expect(() => new CipherToken({ ...base, secret: pem, allowWeakSecret: true })).toThrow(/PEM or JWK/);
    expect(
      () => new CipherToken({ ...base, secret: JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'a'.repeat(43), y: 'b'.repeat(43) }) }),
    ).toThrow(KeyError);
    expect(() => new CipherToken({ ...base, algorithm: 'RS256', secret: SECRET })).toThrow(KeyError);
    expect(() => new CipherToken({ ...base, secret: SECRET, accessTtl: 0 })).toThrow(TypeError);
  });

  it('masks the secret in the property, JSON.stringify, util.inspect and errors', () => {
    const t = new CipherToken({ secret: SECRET, algorithm: HS256, accessTtl: 60, refreshTtl: 60 });
    expect(t.secret).toBe('********');
    const shown = [JSON.stringify(t), inspect(t, { showHidden: true, depth: 10 }), String(t), inspect(Object.getOwnPropertyDescriptors(t))];
    for (const text of shown) expect(text).not.toContain('very-secret-material');
    let message = '';
    try {
      new CipherToken({ secret: 'very-secret-material', algorithm: HS256, accessTtl: 60, refreshTtl: 60 });
    } catch (error) {
      message = `${(error as Error).message} ${(error as Error).stack} ${JSON.stringify(error)} ${inspect(error)}`;
    }
    expect(message).toContain('KeyError');
    expect(message).not.toContain('very-secret-material');
  });

  it('rejects payloads that are not plain JSON objects', () => {
    const t = make();
    expect(() => t.access([1, 2] as unknown as object)).toThrow(TypeError);
    expect(() => t.access({ n: 1n })).toThrow(/JSON/);
  });
});

describe('ciphertoken/jwt wrappers', () => {
  it('delegate to the instance', async () => {
    const t = make();
    expect(jwt.TOKEN_ACCESS).toBe('access');
    expect(jwt.TOKEN_REFRESH).toBe('refresh');
    expect(t.decode(jwt.access(t, { a: 1 })).token).toBe(jwt.TOKEN_ACCESS);
    const r = jwt.refresh(t, { a: 1 });
    expect(t.decode(r).token).toBe(jwt.TOKEN_REFRESH);
    const [na, nr] = jwt.rotation(t, r, { a: 2 });
    expect(t.decode(na).payload).toEqual({ a: 2 });
    expect(t.verify(nr)).toBe(true);
    expect(t.verify(await jwt.accessAsync(t))).toBe(true);
    const r2 = await jwt.refreshAsync(t, { b: 1 });
    expect((await jwt.rotationAsync(t, r2)).every((x) => t.verify(x))).toBe(true);
  });
});

describe('JSON depth limit', () => {
  it('refuses correctly signed claims nested deeper than 64 levels, counting only real brackets', () => {
    const t = new CipherToken({ secret: 'k'.repeat(40), algorithm: HS256, accessTtl: 60, refreshTtl: 60 });
    const deep = { a: JSON.parse(`${'['.repeat(70)}${']'.repeat(70)}`) };
    expect(() => t.decode(t.access(deep))).toThrow(/not a JSON object/);
    const shallow = { a: JSON.parse(`${'['.repeat(60)}${']'.repeat(60)}`), s: '[[[[[[[[[[{{{{{{{{{{"\\\\'.repeat(20) };
    expect(t.decode(t.access(shallow)).payload).toEqual(shallow);
  });
});
