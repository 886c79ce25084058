/**
 * Token stores: one-time rotation with reuse detection and revocation (RFC 9700 §4.14.2), on
 * MemoryStore and on a real redis-server started here (127.0.0.1, free port, stopped afterwards).
 */
import { Redis, type Cluster } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CipherToken,
  HS256,
  InvalidTokenError,
  MemoryStore,
  RedisStore,
  RefreshTokenReusedError,
  StoreError,
  TokenExpiredError,
  TokenRevokedError,
  TokenTypeError,
  days,
  minutes,
  secretKeyWithSize,
  type CipherTokenOptions,
  type RedisClientLike,
  type TokenRef,
  type TokenStore,
} from '../src/index.js';
import { closeStoresAfterEach, race, redisServersForFile } from './helpers/stores.js';
import { startRedisServer } from './helpers/redis-server.js';

const SECRET = secretKeyWithSize(32);
const make = (store: TokenStore | undefined, extra: Partial<CipherTokenOptions> = {}) =>
  new CipherToken({ secret: SECRET, algorithm: HS256, accessTtl: minutes(10), refreshTtl: days(7), store, ...extra });

const ref = (jti: string, family = `fam-${jti}`, seconds = 60, kind: TokenRef['kind'] = 'refresh'): TokenRef => ({
  jti,
  family,
  kind,
  expiresAt: Date.now() / 1000 + seconds,
});
const next = (jti: string, seconds = 60) => ({ jti, expiresAt: Date.now() / 1000 + seconds });

afterEach(() => vi.useRealTimers());

const redis = redisServersForFile();

interface StoreCase {
  readonly name: string;
  /** A fresh store (and, for Redis, a fresh prefix) per test. */
  readonly create: () => TokenStore;
}

const track = closeStoresAfterEach();
let prefixes = 0;

const CASES: StoreCase[] = [
  { name: 'MemoryStore', create: () => track(new MemoryStore()) },
  { name: 'RedisStore', create: () => track(new RedisStore({ url: redis.server.url, prefix: `t${++prefixes}:` })) },
  // Three masters: families spread over every node, each script on its family's slot.
  { name: 'RedisStore on Redis Cluster', create: () => track(new RedisStore({ cluster: redis.cluster.urls, prefix: `t${++prefixes}:` })) },
];

describe.each(CASES)('$name: the TokenStore operations', ({ create }) => {
  it('consume makes the successor current; the consumed token (and any older one) is then reused', async () => {
    const store = create();
    const r1 = ref('r1', 'F');
    const r2 = ref('r2', 'F');
    expect(await store.status(r1)).toBe('active');
    expect(await store.consume(r1, next('r2'))).toBe('consumed');
    expect(await store.consume(r1, next('x'))).toBe('reused');
    expect(await store.status(r1)).toBe('consumed');
    expect(await store.status(r2)).toBe('active');
    expect(await store.consume(r2, next('r3'))).toBe('consumed');
    expect(await store.consume(r2, next('y'))).toBe('reused');
    expect(await store.consume(r1, next('z'))).toBe('reused');
    expect(await store.status(ref('r3', 'F'))).toBe('active');
    // An access token of the family is never "consumed": only refresh tokens rotate.
    expect(await store.status(ref('a1', 'F', 60, 'access'))).toBe('active');
  });

  it('revoke refuses one jti; revokeFamily refuses every jti of the family', async () => {
    const store = create();
    await store.revoke(ref('b'));
    expect(await store.status(ref('b'))).toBe('revoked');
    expect(await store.consume(ref('b'), next('b2'))).toBe('revoked');
    expect(await store.status(ref('c', 'shared'))).toBe('active');
    await store.revokeFamily('shared', Date.now() / 1000 + 60);
    expect(await store.status(ref('c', 'shared'))).toBe('revoked');
    expect(await store.status(ref('c2', 'shared', 60, 'access'))).toBe('revoked');
    expect(await store.consume(ref('d', 'shared'), next('d2'))).toBe('revoked');
    expect(await store.status(ref('e', 'other'))).toBe('active');
  });

  it('a spent token stays "reused" after its family is revoked (every replay is reported)', async () => {
    const store = create();
    const r = ref('f', 'fam-f');
    await store.consume(r, next('f2'));
    await store.revokeFamily('fam-f', r.expiresAt);
    expect(await store.consume(r, next('f3'))).toBe('reused');
    expect(await store.status(r)).toBe('revoked');
    expect(await store.consume(ref('f2', 'fam-f'), next('f4'))).toBe('revoked');
  });

  it('200 concurrent consume calls: exactly one wins', async () => {
    const store = create();
    const r = ref('g');
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => store.consume(r, next(`g-next-${i}`))));
    expect(results.filter((x) => x === 'consumed')).toHaveLength(1);
    expect(results.filter((x) => x === 'reused')).toHaveLength(199);
  });

  it('rejects with StoreError once closed', async () => {
    const store = create();
    await store.close();
    await expect(store.status(ref('h'))).rejects.toBeInstanceOf(StoreError);
    await expect(store.consume(ref('h'), next('h2'))).rejects.toBeInstanceOf(StoreError);
  });
});

describe.each(CASES)('$name: CipherToken({ store })', ({ create }) => {
  it('refresh tokens carry a family id (fam) that rotation keeps; access tokens of a rotation too', async () => {
    const token = make(create());
    const r1 = token.refresh({ user_id: 7 });
    const fam = token.inspect(r1).fam;
    expect(fam).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(token.inspect(token.access()).fam).toBeUndefined();
    const [a2, r2] = await token.rotationAsync(r1);
    expect(token.inspect(a2).fam).toBe(fam);
    expect(token.inspect(r2).fam).toBe(fam);
    expect(token.inspect(token.refresh()).fam).not.toBe(fam);
    const [a3, r3] = await token.rotationAsync(r2, { user_id: 8 });
    expect((await token.decodeAsync(a3)).payload).toEqual({ user_id: 8 });
    expect(token.inspect(r3).fam).toBe(fam);
  });

  it('200 concurrent rotationAsync on one refresh token: one wins, 199 RefreshTokenReusedError, family revoked', async () => {
    const token = make(create());
    const refresh = token.refresh({ user_id: 1 });
    const { wins, errors } = await race(200, () => token.rotationAsync(refresh));
    expect(wins).toHaveLength(1);
    expect(errors).toEqual({ RefreshTokenReusedError: 199 });
    // The winner's new pair died with its family (RFC 9700 §4.14.2: thief and victim both lose).
    const [access, next] = wins[0]!;
    expect(await token.verifyAsync(access)).toBe(false);
    expect(await token.verifyAsync(next)).toBe(false);
    await expect(token.decodeAsync(access)).rejects.toBeInstanceOf(TokenRevokedError);
    await expect(token.rotationAsync(next)).rejects.toBeInstanceOf(TokenRevokedError);
    // A new login starts a new family, untouched.
    const fresh = token.refresh({ user_id: 1 });
    expect(await token.rotationAsync(fresh)).toHaveLength(2);
  });

  it("reuse of a rotated token later in the chain revokes the whole family, the victim's newest pair included", async () => {
    const token = make(create());
    const stolen = token.refresh({ user_id: 2 });
    const [, r2] = await token.rotationAsync(stolen);
    const [a3, r3] = await token.rotationAsync(r2);
    expect(await token.verifyAsync(a3)).toBe(true);
    const reuse = await token.rotationAsync(stolen).catch((e: unknown) => e);
    expect(reuse).toBeInstanceOf(RefreshTokenReusedError);
    expect((reuse as RefreshTokenReusedError).code).toBe('ERR_REFRESH_REUSED');
    expect(await token.verifyAsync(a3)).toBe(false);
    await expect(token.rotationAsync(r3)).rejects.toBeInstanceOf(TokenRevokedError);
    await expect(token.rotationAsync(r2)).rejects.toBeInstanceOf(RefreshTokenReusedError);
  });

  it('revoking a spent refresh token keeps reuse detection: its replay still revokes the family', async () => {
    const token = make(create());
    const r1 = token.refresh();
    const [a2] = await token.rotationAsync(r1);
    await token.revoke(r1);
    await expect(token.rotationAsync(r1)).rejects.toBeInstanceOf(RefreshTokenReusedError);
    expect(await token.verifyAsync(a2)).toBe(false);
  });

  it('with a fractional clockTolerance the used jti lasts as long as the token is accepted', async () => {
    const token = make(create(), { refreshTtl: 60, clockTolerance: 0.5 });
    vi.useFakeTimers({ toFake: ['Date'] });
    const refresh = token.refresh();
    const { exp } = token.inspect(refresh);
    vi.setSystemTime(exp * 1000 + 700); // past exp, inside the leeway (whole-second comparison)
    expect(await token.rotationAsync(refresh)).toHaveLength(2);
    await expect(token.rotationAsync(refresh)).rejects.toBeInstanceOf(RefreshTokenReusedError);
  });

  it('a spent refresh token no longer decodes (TokenRevokedError), and verifyAsync says false', async () => {
    const token = make(create());
    const r1 = token.refresh();
    await token.rotationAsync(r1);
    expect(await token.verifyAsync(r1)).toBe(false);
    await expect(token.decodeAsync(r1)).rejects.toBeInstanceOf(TokenRevokedError);
  });

  it('revoke(jwt): verifyAsync false, decodeAsync TokenRevokedError; other tokens unaffected', async () => {
    const token = make(create());
    const access = token.access({ user_id: 3 });
    const other = token.access({ user_id: 3 });
    const refresh = token.refresh({ user_id: 3 });
    expect(await token.verifyAsync(access)).toBe(true);
    await token.revoke(access);
    expect(await token.verifyAsync(access)).toBe(false);
    const error = await token.decodeAsync(access).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRevokedError);
    expect((error as TokenRevokedError).code).toBe('ERR_TOKEN_REVOKED');
    expect(await token.verifyAsync(other)).toBe(true);
    await token.revoke(refresh);
    await expect(token.rotationAsync(refresh)).rejects.toBeInstanceOf(TokenRevokedError);
    await token.revoke(refresh); // idempotent
  });

  it('revoke(jwt, { family: true }) ends the session: every token of the family', async () => {
    const token = make(create());
    const [a2] = await token.rotationAsync(token.refresh());
    const [a4, r4] = await token.rotationAsync(token.refresh());
    await token.revoke(a4, { family: true });
    expect(await token.verifyAsync(a4)).toBe(false);
    expect(await token.verifyAsync(r4)).toBe(false);
    await expect(token.rotationAsync(r4)).rejects.toBeInstanceOf(TokenRevokedError);
    expect(await token.verifyAsync(a2)).toBe(true); // another family
  });

  it('revoke checks the signature first: forged or foreign tokens never reach the store', async () => {
    const store = create();
    const spy = vi.spyOn(store, 'revoke');
    const token = make(store);
    const foreign = make(undefined, { secret: secretKeyWithSize(32) }).access();
    await expect(token.revoke(foreign)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(token.revoke('a.b.c')).rejects.toBeInstanceOf(InvalidTokenError);
    expect(spy).not.toHaveBeenCalled();
  });

  it('rotationAsync still refuses expired and access tokens before touching the store', async () => {
    const store = create();
    const spy = vi.spyOn(store, 'consume');
    const token = make(store, { refreshTtl: 60 });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 3_600_000);
    const old = token.refresh();
    vi.useRealTimers();
    await expect(token.rotationAsync(old)).rejects.toBeInstanceOf(TokenExpiredError);
    await expect(token.rotationAsync(token.access())).rejects.toBeInstanceOf(TokenTypeError);
    expect(spy).not.toHaveBeenCalled();
  });

  it('sync verify/decode/rotation throw a StoreError naming the async method; issuing stays sync', () => {
    const token = make(create());
    const access = token.access();
    const refresh = token.refresh();
    expect(() => token.verify(access)).toThrow(/verifyAsync\(\)/);
    expect(() => token.decode(access)).toThrow(/decodeAsync\(\)/);
    expect(() => token.rotation(refresh)).toThrow(/rotationAsync\(\)/);
    expect(() => token.verify(access)).toThrow(StoreError);
    expect(token.inspect(access).token).toBe('access');
    expect(token.remainingTime(access)).toBeGreaterThan(590);
  });

  it('a payload that cannot be signed does not burn the refresh token', async () => {
    const token = make(create());
    const refresh = token.refresh();
    await expect(token.rotationAsync(refresh, { n: 1n } as object)).rejects.toBeInstanceOf(TypeError);
    expect(await token.rotationAsync(refresh)).toHaveLength(2);
  });

  it('a refresh token issued without a store rotates once, becoming its own family', async () => {
    const token = make(create());
    const legacy = make(undefined).refresh({ user_id: 9 });
    expect(token.inspect(legacy).fam).toBeUndefined();
    const [, next] = await token.rotationAsync(legacy);
    expect(token.inspect(next).fam).toBe(token.inspect(legacy).jti);
    await expect(token.rotationAsync(legacy)).rejects.toBeInstanceOf(RefreshTokenReusedError);
    expect(await token.verifyAsync(next)).toBe(false);
  });
});

describe('CipherToken without a store stays stateless', () => {
  it('no fam claim, rotation repeatable, revoke refused with StoreError', async () => {
    const token = make(undefined);
    const refresh = token.refresh();
    expect(Object.keys(token.decode(refresh)).sort()).toEqual(['exp', 'iat', 'jti', 'payload', 'token', 'ttl']);
    token.rotation(refresh);
    token.rotation(refresh);
    await token.rotationAsync(refresh);
    expect(token.verify(refresh)).toBe(true);
    await expect(token.revoke(refresh)).rejects.toBeInstanceOf(StoreError);
  });

  it('refuses something that is not a TokenStore', () => {
    expect(() => make({} as TokenStore)).toThrow(TypeError);
  });
});

describe('fail closed: a failing store refuses with StoreError', () => {
  const broken = (): TokenStore => ({
    consume: () => Promise.reject(new Error('ECONNREFUSED')),
    status: () => Promise.reject(new Error('ECONNREFUSED')),
    revoke: () => Promise.reject(new Error('ECONNREFUSED')),
    revokeFamily: () => Promise.reject(new Error('ECONNREFUSED')),
    close: () => Promise.resolve(),
  });

  it('rotationAsync, verifyAsync, decodeAsync and revoke throw StoreError (with the cause)', async () => {
    const token = make(broken());
    const refresh = token.refresh();
    const error = await token.rotationAsync(refresh).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('ERR_STORE');
    expect(((error as StoreError).cause as Error).message).toBe('ECONNREFUSED');
    await expect(token.verifyAsync(refresh)).rejects.toBeInstanceOf(StoreError);
    await expect(token.decodeAsync(refresh)).rejects.toBeInstanceOf(StoreError);
    await expect(token.revoke(refresh)).rejects.toBeInstanceOf(StoreError);
    // Bad input is still just false: the store is asked only about verified tokens.
    expect(await token.verifyAsync('garbage')).toBe(false);
  });

  it('an unexpected answer from a store is a StoreError, never a success', async () => {
    const odd = { ...broken(), consume: () => Promise.resolve('yes'), status: () => Promise.resolve(undefined) } as unknown as TokenStore;
    const token = make(odd);
    await expect(token.rotationAsync(token.refresh())).rejects.toBeInstanceOf(StoreError);
    await expect(token.verifyAsync(token.access())).rejects.toBeInstanceOf(StoreError);
  });

  it('no message carries key material', async () => {
    const token = make(broken());
    const error = (await token.rotationAsync(token.refresh()).catch((e: unknown) => e)) as Error;
    expect(`${error.message} ${String(error.cause)}`).not.toContain(SECRET);
  });
});

describe('MemoryStore bounds and expiry', () => {
  it('entries expire with their tokens and are swept', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const store = new MemoryStore();
    const token = make(store, { accessTtl: 60, refreshTtl: 120 });
    const refresh = token.refresh();
    const [access] = await token.rotationAsync(refresh);
    await token.revoke(access);
    expect(store.size).toBe(2);
    vi.advanceTimersByTime(61_000);
    expect(store.size).toBe(1); // the access token's revocation went with the access token
    vi.advanceTimersByTime(60_000);
    expect(store.size).toBe(0); // and the consumed refresh jti with the refresh token
    await expect(token.rotationAsync(refresh)).rejects.toBeInstanceOf(TokenExpiredError);
  });

  it('holds one entry per session however often it rotates', async () => {
    const store = new MemoryStore();
    const token = make(store);
    let refresh = token.refresh();
    for (let i = 0; i < 500; i++) [, refresh] = await token.rotationAsync(refresh);
    expect(store.size).toBe(1);
  });

  it('is bounded: a full store refuses new entries (StoreError) rather than forget one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const store = new MemoryStore({ maxEntries: 3 });
    for (const id of ['a', 'b', 'c']) await store.revoke(ref(id, id, 10));
    await expect(store.revoke(ref('d', 'd', 10))).rejects.toBeInstanceOf(StoreError);
    expect(await store.status(ref('a', 'a'))).toBe('revoked');
    const token = make(store);
    await expect(token.rotationAsync(token.refresh())).rejects.toBeInstanceOf(StoreError);
    vi.advanceTimersByTime(11_000);
    await store.revoke(ref('d', 'd', 10));
    expect(store.size).toBe(1);
  });

  it('a revocation is never shortened by a later, shorter one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const store = new MemoryStore();
    await store.revokeFamily('f', Date.now() / 1000 + 100);
    await store.revokeFamily('f', Date.now() / 1000 + 10);
    vi.advanceTimersByTime(50_000);
    expect(await store.status(ref('x', 'f'))).toBe('revoked');
    vi.advanceTimersByTime(51_000);
    expect(await store.status(ref('x', 'f'))).toBe('active');
  });

  it('stays bounded under churn (heap rebuilds keep stale items in check)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const store = new MemoryStore({ maxEntries: 50 });
    for (let i = 0; i < 5_000; i++) {
      await store.revokeFamily(`f${i % 40}`, Date.now() / 1000 + 1 + (i % 7));
      if (i % 100 === 0) vi.advanceTimersByTime(500);
    }
    expect(store.size).toBeLessThanOrEqual(40);
    vi.advanceTimersByTime(10_000);
    expect(store.size).toBe(0);
  });

  it('validates maxEntries', () => {
    expect(() => new MemoryStore({ maxEntries: 0 })).toThrow(TypeError);
    expect(() => new MemoryStore({ maxEntries: 1.5 })).toThrow(TypeError);
  });
});

describe('RedisStore on a real redis-server', () => {
  const keysOf = async (client: Redis, prefix: string) => (await client.keys(`${prefix}*`)).sort();

  it('uses the configured prefix, and key TTLs match token expiry', async () => {
    const client = new Redis(redis.server.url);
    try {
      const store = track(new RedisStore({ url: redis.server.url, prefix: 'ttl-test:' }));
      const token = make(store, { accessTtl: 300, refreshTtl: 3600 });
      const refresh = token.refresh();
      const { fam } = token.inspect(refresh);
      const [access, next] = await token.rotationAsync(refresh);
      await token.revoke(access);
      const accessClaims = token.inspect(access);
      const tag = `ttl-test:{${fam}}`;
      expect(await keysOf(client, 'ttl-test:')).toEqual([`${tag}:cur`, `${tag}:jti:${accessClaims.jti}`].sort());
      expect(await client.get(`${tag}:cur`)).toBe(token.inspect(next).jti);
      const pttl = (key: string) => client.pttl(key);
      // The family's current jti: until the newest refresh token's exp.
      expect(Math.abs((await pttl(`${tag}:cur`)) - (token.inspect(next).exp * 1000 - Date.now()))).toBeLessThan(2_000);
      // A revoked access jti: until the access token's exp.
      expect(Math.abs((await pttl(`${tag}:jti:${accessClaims.jti}`)) - (accessClaims.exp * 1000 - Date.now()))).toBeLessThan(2_000);
      await token.rotationAsync(refresh).catch(() => {}); // reuse: revokes the family
      // The revoked family: until the newest token it could contain expires (now + the longest ttl).
      expect(Math.abs((await pttl(`${tag}:rev`)) - 3_600_000)).toBeLessThan(2_000);
      // Rotating 50 times more keeps one key for the session.
      let r = token.refresh();
      for (let i = 0; i < 50; i++) [, r] = await token.rotationAsync(r);
      expect(await keysOf(client, `ttl-test:{${token.inspect(r).fam}}`)).toHaveLength(1);
    } finally {
      client.disconnect();
    }
  });

  it('entries vanish from Redis when the tokens expire', async () => {
    const client = new Redis(redis.server.url);
    try {
      const store = track(new RedisStore({ url: redis.server.url, prefix: 'expiry-test:' }));
      const token = make(store, { accessTtl: 1, refreshTtl: 1 });
      await token.rotationAsync(token.refresh());
      expect(await keysOf(client, 'expiry-test:')).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 2_100));
      expect(await keysOf(client, 'expiry-test:')).toHaveLength(0);
    } finally {
      client.disconnect();
    }
  });

  it('200 concurrent rotations spread over 4 connections: exactly one wins', async () => {
    const stores = Array.from({ length: 4 }, () => track(new RedisStore({ url: redis.server.url, prefix: 'multi:' })));
    const tokens = stores.map((store) => make(store));
    const refresh = tokens[0]!.refresh();
    let i = 0;
    const { wins, errors } = await race(200, () => tokens[i++ % 4]!.rotationAsync(refresh));
    expect(wins).toHaveLength(1);
    expect(errors).toEqual({ RefreshTokenReusedError: 199 });
    expect(await tokens[3]!.verifyAsync(wins[0]![1])).toBe(false);
  });

  it('reuses a client passed in, and close() leaves it open', async () => {
    const client = new Redis(redis.server.url);
    try {
      const store = new RedisStore({ client, prefix: 'client-test:' });
      const token = make(store);
      await token.rotationAsync(token.refresh());
      await store.close();
      expect(await client.ping()).toBe('PONG');
      await expect(store.status(ref('x'))).rejects.toBeInstanceOf(StoreError);
    } finally {
      client.disconnect();
    }
  });

  it('reloads its scripts after SCRIPT FLUSH (EVALSHA falls back to EVAL)', async () => {
    const client = new Redis(redis.server.url);
    try {
      const store = track(new RedisStore({ url: redis.server.url, prefix: 'flush-test:' }));
      const token = make(store);
      const [, r2] = await token.rotationAsync(token.refresh());
      await client.script('FLUSH');
      expect(await token.rotationAsync(r2)).toHaveLength(2);
    } finally {
      client.disconnect();
    }
  });

  it('accepts ioredis Redis and Cluster clients (type-checked)', () => {
    const accepts = (client: RedisClientLike) => client;
    expect(typeof accepts).toBe('function');
    // Compile-time only: both ioredis client classes satisfy RedisClientLike.
    void ((redisClient: Redis, cluster: Cluster) => [accepts(redisClient), accepts(cluster)]);
  });

  it('validates its options', () => {
    expect(() => new RedisStore({ prefix: 'a{b}' })).toThrow(TypeError);
    expect(() => new RedisStore({ timeout: 0 })).toThrow(TypeError);
    expect(() => new RedisStore({ url: redis.server.url, client: {} as never })).toThrow(TypeError);
  });

  it('an unreachable Redis is a StoreError within the timeout', async () => {
    const { freePort } = await import('./helpers/redis-server.js');
    const store = track(new RedisStore({ url: `redis://127.0.0.1:${await freePort()}`, timeout: 500 }));
    const token = make(store);
    const started = Date.now();
    await expect(token.rotationAsync(token.refresh())).rejects.toBeInstanceOf(StoreError);
    await expect(token.verifyAsync(token.access())).rejects.toBeInstanceOf(StoreError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('Redis killed mid-run', () => {
  it('every rotation either succeeds before the kill or fails with StoreError; none succeeds while Redis is down; it recovers', async () => {
    const server = await startRedisServer();
    try {
      const store = track(new RedisStore({ url: server.url, timeout: 1_000 }));
      const token = make(store);
      let killed = false;
      const outcomes: { ok: boolean; afterKill: boolean; name?: string }[] = [];
      // Ten independent sessions rotate in a loop while the server is killed under them.
      const session = async () => {
        let refresh = token.refresh();
        for (let step = 0; step < 400 && outcomes.length < 4_000; step++) {
          const startedAfterKill = killed;
          try {
            [, refresh] = await token.rotationAsync(refresh);
            outcomes.push({ ok: true, afterKill: startedAfterKill });
          } catch (error) {
            outcomes.push({ ok: false, afterKill: startedAfterKill, name: (error as Error).name });
            if (startedAfterKill) return;
          }
        }
      };
      const sessions = Array.from({ length: 10 }, session);
      // Kill once rotations are flowing (not after a fixed delay: CI machines are slow and shared).
      for (const deadline = Date.now() + 20_000; outcomes.filter((o) => o.ok).length < 50 && Date.now() < deadline; ) {
        await new Promise((r) => setTimeout(r, 5));
      }
      await server.kill();
      killed = true;
      await Promise.all(sessions);
      const before = outcomes.filter((o) => !o.afterKill);
      const after = outcomes.filter((o) => o.afterKill);
      expect(before.filter((o) => o.ok).length).toBeGreaterThan(10);
      expect(after.length).toBeGreaterThanOrEqual(10);
      expect(after.filter((o) => o.ok)).toEqual([]);
      expect(new Set(after.map((o) => o.name))).toEqual(new Set(['StoreError']));
      // Calls in flight at the kill either finished or failed closed; no other error escaped.
      expect(new Set(before.filter((o) => !o.ok).map((o) => o.name)).size <= 1).toBe(true);
      for (const o of before.filter((x) => !x.ok)) expect(o.name).toBe('StoreError');
      await expect(token.verifyAsync(token.access())).rejects.toBeInstanceOf(StoreError);
      await expect(token.revoke(token.access())).rejects.toBeInstanceOf(StoreError);
      // Back up (empty: no persistence): the same store works again without being recreated.
      await server.restart();
      const deadline = Date.now() + 10_000;
      for (;;) {
        try {
          expect(await token.rotationAsync(token.refresh())).toHaveLength(2);
          break;
        } catch (error) {
          if (!(error instanceof StoreError) || Date.now() > deadline) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      await server.stop();
    }
  }, 60_000);
});
