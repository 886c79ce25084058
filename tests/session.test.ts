/**
 * Sessions (issue 15): a login pair is one family (`pair`), `{ type }` on verify/decode
 * (RFC 8725 §3.12), `rotationGrace` for concurrent or retried rotations (RFC 9700 §4.14.2), and
 * per-family bounds that keep one user from filling a store. Run on MemoryStore and on a real
 * redis-server started here.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CipherToken,
  HS256,
  MemoryStore,
  RedisStore,
  RefreshTokenReusedError,
  StoreError,
  TokenRevokedError,
  TokenTypeError,
  days,
  minutes,
  secretKeyWithSize,
  type CipherTokenOptions,
  type TokenStore,
} from '../src/index.js';
import * as jwt from '../src/token/jwt.js';
import { closeStoresAfterEach, race, redisServersForFile } from './helpers/stores.js';

const SECRET = secretKeyWithSize(32);
const make = (store: TokenStore | undefined, extra: Partial<CipherTokenOptions> = {}) =>
  new CipherToken({ secret: SECRET, algorithm: HS256, accessTtl: minutes(10), refreshTtl: days(7), store, ...extra });

afterEach(() => vi.useRealTimers());

const redis = redisServersForFile();

const track = closeStoresAfterEach();
let prefixes = 0;

const CASES = [
  { name: 'MemoryStore', create: (): TokenStore => track(new MemoryStore()) },
  { name: 'RedisStore', create: (): TokenStore => track(new RedisStore({ url: redis.server.url, prefix: `s${++prefixes}:` })) },
  {
    name: 'RedisStore on Redis Cluster',
    create: (): TokenStore => track(new RedisStore({ cluster: redis.cluster.urls, prefix: `s${++prefixes}:` })),
  },
];

describe('{ type } on verify and decode (RFC 8725 §3.12)', () => {
  const token = make(undefined);
  const access = token.access({ user_id: 1 });
  const refresh = token.refresh({ user_id: 1 });

  it("type: 'access' refuses refresh tokens (TokenTypeError from decode, false from verify)", () => {
    expect(token.decode(access, { type: 'access' }).token).toBe('access');
    expect(token.verify(access, { type: 'access' })).toBe(true);
    expect(() => token.decode(refresh, { type: 'access' })).toThrow(TokenTypeError);
    expect(token.verify(refresh, { type: 'access' })).toBe(false);
    try {
      token.decode(refresh, { type: 'access' });
    } catch (error) {
      expect((error as TokenTypeError).code).toBe('ERR_TOKEN_TYPE');
    }
  });

  it("type: 'refresh' refuses access tokens; 'any' and the default take both (the Python docs verify refresh tokens)", () => {
    expect(token.decode(refresh, { type: 'refresh' }).token).toBe('refresh');
    expect(() => token.decode(access, { type: 'refresh' })).toThrow(TokenTypeError);
    expect(token.verify(access, { type: 'refresh' })).toBe(false);
    for (const t of [access, refresh]) {
      expect(token.verify(t)).toBe(true);
      expect(token.verify(t, { type: 'any' })).toBe(true);
      expect(token.decode(t, { type: 'any' }).jti).toBeTypeOf('string');
    }
  });

  it('the async twins take the same option', async () => {
    expect((await token.decodeAsync(access, { type: 'access' })).token).toBe('access');
    await expect(token.decodeAsync(refresh, { type: 'access' })).rejects.toBeInstanceOf(TokenTypeError);
    expect(await token.verifyAsync(refresh, { type: 'access' })).toBe(false);
    expect(await token.verifyAsync(refresh, { type: 'refresh' })).toBe(true);
    expect(await token.verifyAsync(refresh)).toBe(true);
  });

  it('an unknown type is a programming error: TypeError, even from verify', async () => {
    expect(() => token.verify(access, { type: 'bearer' as 'access' })).toThrow(TypeError);
    expect(() => token.decode(access, { type: 'bearer' as 'access' })).toThrow(TypeError);
    await expect(token.verifyAsync(access, { type: 'bearer' as 'access' })).rejects.toBeInstanceOf(TypeError);
  });

  it('with a store, decodeAsync checks the type before the store is asked', async () => {
    const store = new MemoryStore();
    const status = vi.spyOn(store, 'status');
    const stored = make(store);
    await expect(stored.decodeAsync(stored.refresh(), { type: 'access' })).rejects.toBeInstanceOf(TokenTypeError);
    expect(status).not.toHaveBeenCalled();
  });
});

describe('pair(): a login pair is one session', () => {
  it('pair and pairAsync share one fam between the access and the refresh token', async () => {
    const token = make(undefined);
    for (const [access, refresh] of [token.pair({ user_id: 1 }), await token.pairAsync({ user_id: 1 })]) {
      const a = token.decode(access, { type: 'access' });
      const r = token.decode(refresh, { type: 'refresh' });
      expect(a.fam).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(r.fam).toBe(a.fam);
      expect(a.payload).toEqual({ user_id: 1 });
      expect(r.payload).toEqual({ user_id: 1 });
    }
    expect(token.inspect(token.pair()[0]).fam).not.toBe(token.inspect(token.pair()[0]).fam);
  });

  it('stateless rotation returns a pair of the same family too', async () => {
    const token = make(undefined);
    const [, refresh] = token.pair();
    const fam = token.inspect(refresh).fam;
    for (const [a, r] of [token.rotation(refresh), await token.rotationAsync(refresh)]) {
      expect([token.inspect(a).fam, token.inspect(r).fam]).toEqual([fam, fam]);
    }
  });

  it('function forms in ciphertoken/jwt', async () => {
    const token = make(undefined);
    const [a, r] = jwt.pair(token, { user_id: 2 });
    expect(token.inspect(a).fam).toBe(token.inspect(r).fam);
    const [a2, r2] = await jwt.pairAsync(token);
    expect(token.inspect(a2).fam).toBe(token.inspect(r2).fam);
  });
});

describe.each(CASES)('$name: logout with either token of a pair', ({ create }) => {
  it('revoke(access, { family: true }) ends the session: the login refresh token stops rotating', async () => {
    const token = make(create());
    const [access, refresh] = await token.pairAsync({ user_id: 1 });
    await token.revoke(access, { family: true });
    expect(await token.verifyAsync(access)).toBe(false);
    expect(await token.verifyAsync(refresh)).toBe(false);
    await expect(token.rotationAsync(refresh)).rejects.toBeInstanceOf(TokenRevokedError);
  });

  it('revoke(refresh, { family: true }) ends it too, also after rotations', async () => {
    const token = make(create());
    const [access, refresh] = token.pair();
    const [a2, r2] = await token.rotationAsync(refresh);
    expect(token.inspect(a2).fam).toBe(token.inspect(access).fam);
    await token.revoke(r2, { family: true });
    for (const t of [access, a2, r2]) expect(await token.verifyAsync(t)).toBe(false);
    const other = token.pair();
    expect(await token.verifyAsync(other[0])).toBe(true);
  });
});

describe.each(CASES)('$name: rotationGrace (RFC 9700 §4.14.2 with a retry window)', ({ create }) => {
  it('100 concurrent rotations with grace: all succeed with working pairs, the family stays alive', async () => {
    const token = make(create(), { rotationGrace: 30 });
    const [, refresh] = await token.pairAsync({ user_id: 1 });
    const fam = token.inspect(refresh).fam;
    const { wins, errors } = await race(100, () => token.rotationAsync(refresh));
    expect(errors).toEqual({});
    expect(wins).toHaveLength(100);
    for (const [access, next] of wins) {
      expect([token.inspect(access).fam, token.inspect(next).fam]).toEqual([fam, fam]);
      expect(await token.verifyAsync(access, { type: 'access' })).toBe(true);
      expect(await token.verifyAsync(next, { type: 'refresh' })).toBe(true);
    }
    // Every pair's refresh token is the session's current one: any of them rotates on.
    const [a3, r3] = await token.rotationAsync(wins[57]![1]);
    expect(await token.verifyAsync(a3)).toBe(true);
    expect((await token.rotationAsync(r3)).length).toBe(2);
  });

  it('without grace the race is unchanged: one winner, 99 RefreshTokenReusedError, family revoked', async () => {
    const token = make(create());
    const [, refresh] = await token.pairAsync();
    const { wins, errors } = await race(100, () => token.rotationAsync(refresh));
    expect(wins).toHaveLength(1);
    expect(errors).toEqual({ RefreshTokenReusedError: 99 });
    expect(await token.verifyAsync(wins[0]![0])).toBe(false);
  });

  it('reuse after the grace period revokes the family', async () => {
    const token = make(create(), { rotationGrace: 1 });
    const [, refresh] = await token.pairAsync();
    const [a2, r2] = await token.rotationAsync(refresh);
    const [a2b] = await token.rotationAsync(refresh); // a retry within the grace period
    expect(await token.verifyAsync(a2b)).toBe(true);
    await new Promise((r) => setTimeout(r, 1_200));
    await expect(token.rotationAsync(refresh)).rejects.toBeInstanceOf(RefreshTokenReusedError);
    for (const t of [a2, r2, a2b]) expect(await token.verifyAsync(t)).toBe(false);
  });

  it('grace revives nothing: a revoked family stays revoked, and the spent token is no bearer of anything', async () => {
    const token = make(create(), { rotationGrace: 30 });
    const [access, refresh] = await token.pairAsync();
    await token.rotationAsync(refresh);
    expect(await token.verifyAsync(refresh)).toBe(false); // spent, even within the grace period
    await token.revoke(access, { family: true });
    await expect(token.rotationAsync(refresh)).rejects.toBeInstanceOf(TokenRevokedError);
  });

  it('validates rotationGrace: finite and ≥ 0', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '5', null]) {
      expect(() => make(undefined, { rotationGrace: bad as number })).toThrow(TypeError);
    }
    expect(make(undefined, { rotationGrace: 0 }).rotationGrace).toBe(0);
    expect(make(undefined).rotationGrace).toBe(0);
    expect(make(undefined, { rotationGrace: 2.5 }).rotationGrace).toBe(2.5);
  });
});

describe('MemoryStore: one user cannot fill the store', () => {
  it('a loop of rotationAsync + revoke(newAccess) stays within the per-family cap; other users keep rotating and logging out', async () => {
    const store = new MemoryStore({ maxEntries: 40 });
    const token = make(store);
    const [, attackerRefresh] = await token.pairAsync({ user_id: 'attacker' });
    const [victimAccess, victimRefresh] = await token.pairAsync({ user_id: 'victim' });
    let refresh = attackerRefresh;
    let stoppedAt = -1;
    for (let i = 0; i < 200 && stoppedAt < 0; i++) {
      try {
        const [access, next] = await token.rotationAsync(refresh);
        await token.revoke(access);
        refresh = next;
      } catch (error) {
        // Past the cap the attacker's own session was revoked: the loop cannot go on with it.
        expect(error).toBeInstanceOf(TokenRevokedError);
        stoppedAt = i;
      }
      expect(store.size).toBeLessThanOrEqual(1 + store.maxRevokedPerFamily);
    }
    expect(stoppedAt).toBe(store.maxRevokedPerFamily + 1);
    // The victim's rotation and logout still work and are recorded.
    const [victimAccess2, victimRefresh2] = await token.rotationAsync(victimRefresh);
    await token.revoke(victimAccess2, { family: true });
    for (const t of [victimAccess, victimAccess2, victimRefresh2]) expect(await token.verifyAsync(t)).toBe(false);
    await expect(token.rotationAsync(victimRefresh2)).rejects.toBeInstanceOf(TokenRevokedError);
  });

  it('past the cap a per-token revocation revokes the whole family (fail closed for that session only)', async () => {
    const store = new MemoryStore({ maxRevokedPerFamily: 2 });
    const token = make(store);
    const [a1, r1] = token.pair();
    const [a2, r2] = await token.rotationAsync(r1);
    await token.revoke(a1);
    await token.revoke(a2);
    expect(await token.verifyAsync(r2)).toBe(true);
    const [a3, r3] = await token.rotationAsync(r2);
    await token.revoke(a3);
    expect(await token.verifyAsync(r3)).toBe(false);
    await expect(token.rotationAsync(r3)).rejects.toBeInstanceOf(TokenRevokedError);
    expect(await token.verifyAsync(token.pair()[0])).toBe(true);
  });

  it('adds no per-token entry inside an already revoked family', async () => {
    const store = new MemoryStore();
    const token = make(store);
    const [access, refresh] = token.pair();
    await token.revoke(refresh, { family: true });
    expect(store.size).toBe(1);
    await token.revoke(access);
    await token.revoke(refresh);
    expect(store.size).toBe(1);
    expect(await token.verifyAsync(access)).toBe(false);
  });

  it('validates maxRevokedPerFamily', () => {
    expect(() => new MemoryStore({ maxRevokedPerFamily: 0 })).toThrow(TypeError);
    expect(() => new MemoryStore({ maxRevokedPerFamily: 1.5 })).toThrow(TypeError);
    expect(new MemoryStore().maxRevokedPerFamily).toBe(8);
  });

  it('a full store still refuses (StoreError) rather than forget', async () => {
    const store = new MemoryStore({ maxEntries: 2 });
    const token = make(store);
    await token.rotationAsync(token.pair()[1]);
    await token.rotationAsync(token.pair()[1]);
    await expect(token.rotationAsync(token.pair()[1])).rejects.toBeInstanceOf(StoreError);
  });
});

describe('RedisStore: no key per token inside a revoked family', () => {
  it('revoke(jwt) in a revoked family only lengthens the family key', async () => {
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.server.url);
    try {
      const token = make(track(new RedisStore({ url: redis.server.url, prefix: 'famcap:' })));
      const [access, refresh] = token.pair();
      await token.revoke(refresh, { family: true });
      const keys = async () => (await client.keys('famcap:*')).sort();
      const tag = `famcap:{${token.inspect(access).fam}}`;
      expect(await keys()).toEqual([`${tag}:rev`]);
      await token.revoke(access);
      await token.revoke(refresh);
      expect(await keys()).toEqual([`${tag}:rev`]);
      expect(await token.verifyAsync(access)).toBe(false);
    } finally {
      client.disconnect();
    }
  });
});
