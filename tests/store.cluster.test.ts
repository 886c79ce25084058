/**
 * RedisStore on a real Redis Cluster (three masters on 127.0.0.1, started and stopped here):
 * hostile `fam`/`jti` values cannot move a key out of its family's slot (cluster spec, hash tags)
 * nor spell another family's key; an ioredis `Cluster` passed in works; and when a master dies
 * mid-storm every rotation succeeds once or fails with StoreError — nothing is accepted twice.
 * The suites shared with standalone Redis (one winner of 200, reuse, rotationGrace) run on the
 * cluster in store.test.ts and session.test.ts.
 */
import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import {
  CipherToken,
  HS256,
  MemoryStore,
  RedisStore,
  RefreshTokenReusedError,
  StoreError,
  days,
  minutes,
  secretKeyWithSize,
  type TokenRef,
  type TokenStore,
} from '../src/index.js';
import { closeStoresAfterEach, redisServersForFile } from './helpers/stores.js';

const SECRET = secretKeyWithSize(32);
const make = (store: TokenStore) =>
  new CipherToken({ secret: SECRET, algorithm: HS256, accessTtl: minutes(10), refreshTtl: days(7), store });

const redis = redisServersForFile();

const track = closeStoresAfterEach();
let prefixes = 0;

const ref = (jti: string, family: string): TokenRef => ({ jti, family, kind: 'refresh', expiresAt: Date.now() / 1000 + 60 });
const next = (jti: string) => ({ jti, expiresAt: Date.now() / 1000 + 60 });

/** Family ids that end a hash tag early, leave it empty, open another, or spell other keys. */
const HOSTILE = ['}', '}x', '{', '{}', '', 'a}b', 'a{b}c', ':', 'x}:jti:y', 'x}:cur', '~', '~fQ', 'fam\u00e9\u{1f511}', ' {x} '];

describe.each([
  { name: 'Redis Cluster', create: () => track(new RedisStore({ cluster: redis.cluster.urls, prefix: `h${++prefixes}:` })) },
  { name: 'standalone Redis', create: () => track(new RedisStore({ url: redis.server.url, prefix: `h${++prefixes}:` })) },
  { name: 'MemoryStore', create: () => track(new MemoryStore()) },
])('$name: hostile family and token ids', ({ create }) => {
  it('every operation works on ids with {, } and : (no CROSSSLOT), and each id keeps its own keys', async () => {
    const store = create();
    for (const family of HOSTILE) {
      for (const jti of ['j1', '}', 'a:b{c}']) {
        const fam = `${family}/${jti}`; // a fresh family per pair
        expect(await store.status(ref(jti, fam))).toBe('active');
        expect(await store.consume(ref(jti, fam), next(`${jti}-next`))).toBe('consumed');
        expect(await store.consume(ref(jti, fam), next('again'))).toBe('reused');
        await store.revoke(ref(`${jti}-next`, fam));
        expect(await store.status(ref(`${jti}-next`, fam))).toBe('revoked');
      }
      await store.revokeFamily(family, Date.now() / 1000 + 60);
      expect(await store.status(ref('other', family))).toBe('revoked');
    }
  });

  it("no id spells another family's key: revoking jti 'y}:cur' of family 'x' leaves family 'x}:jti:y' alone", async () => {
    const store = create();
    // Unescaped, both would be `{x}:jti:y}:cur`: the revocation would read as a rotated family.
    await store.revoke(ref('y}:cur', 'x'));
    expect(await store.consume(ref('first', 'x}:jti:y'), next('second'))).toBe('consumed');
    // And the other way round: a family's current jti is not a revocation of a token of 'x'.
    expect(await store.status(ref('y}:prev', 'x'))).toBe('active');
    expect(await store.consume(ref('p1', 'x}:jti:y}:prev'), next('p2'))).toBe('consumed');
    expect(await store.status(ref('y}:prev', 'x'))).toBe('active');
  });
});

describe('RedisStore with an ioredis Cluster passed in', () => {
  it('rotates, detects reuse and leaves the client open on close()', async () => {
    const client = new Cluster(
      redis.cluster.ports.map((port) => ({ host: '127.0.0.1', port })),
      { retryDelayOnFailover: 0 },
    );
    try {
      const store = new RedisStore({ client, prefix: 'passed:' });
      const token = make(store);
      const refresh = token.refresh();
      const [access] = await token.rotationAsync(refresh);
      await expect(token.rotationAsync(refresh)).rejects.toBeInstanceOf(RefreshTokenReusedError);
      expect(await token.verifyAsync(access)).toBe(false);
      await store.close();
      expect(await client.ping()).toBe('PONG');
      // The family's keys are in the cluster.
      const nodes = redis.cluster.ports.map((port) => new Redis(port));
      try {
        const perNode = await Promise.all(nodes.map((node) => node.keys('passed:*')));
        expect(perNode.flat().length).toBeGreaterThan(0);
      } finally {
        for (const node of nodes) node.disconnect();
      }
    } finally {
      client.disconnect();
    }
  });

  it('validates the cluster option', () => {
    expect(() => new RedisStore({ cluster: [] })).toThrow(TypeError);
    expect(() => new RedisStore({ cluster: ['http://127.0.0.1:1'] })).toThrow(TypeError);
    expect(() => new RedisStore({ cluster: ['not a url'] })).toThrow(TypeError);
    expect(() => new RedisStore({ cluster: redis.cluster.urls, url: redis.server.url })).toThrow(TypeError);
  });
});

describe('a master killed mid-storm (its slots become unavailable)', () => {
  it('every rotation succeeds once or fails with StoreError; no token is accepted twice; the other slots keep working', async () => {
    const store = track(new RedisStore({ cluster: redis.cluster.urls, timeout: 1_000, prefix: 'storm:' }));
    const token = make(store);
    let killed = false;
    const accepted: string[] = [];
    const outcomes: { ok: boolean; afterKill: boolean; name?: string }[] = [];
    // 60 sessions (families hash to all three masters) rotate in a loop while one master dies.
    const session = async () => {
      let refresh = token.refresh();
      let stepsAfterKill = 0;
      for (let step = 0; step < 2_000 && stepsAfterKill < 10; step++) {
        const afterKill = killed;
        if (afterKill) stepsAfterKill++;
        try {
          const [, successor] = await token.rotationAsync(refresh);
          accepted.push(refresh);
          refresh = successor;
          outcomes.push({ ok: true, afterKill });
        } catch (error) {
          outcomes.push({ ok: false, afterKill, name: (error as Error).name });
          if (afterKill) return;
        }
      }
    };
    const sessions = Array.from({ length: 60 }, session);
    for (const deadline = Date.now() + 15_000; outcomes.filter((o) => o.ok).length < 200 && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await redis.cluster.kill(redis.cluster.ports[0]!);
    killed = true;
    await Promise.all(sessions);

    const names = new Set(outcomes.filter((o) => !o.ok).map((o) => o.name));
    expect([...names]).toEqual(['StoreError']);
    const after = outcomes.filter((o) => o.afterKill);
    expect(after.some((o) => o.ok)).toBe(true); // the two live masters' families go on
    expect(after.some((o) => !o.ok)).toBe(true); // the dead master's families fail closed
    // Each accepted token was accepted exactly once, and presenting it again never succeeds.
    expect(new Set(accepted).size).toBe(accepted.length);
    const replays = await Promise.allSettled(accepted.slice(-300).map((t) => token.rotationAsync(t)));
    for (const r of replays) {
      expect(r.status).toBe('rejected');
      if (r.status === 'rejected') expect([RefreshTokenReusedError, StoreError].some((E) => r.reason instanceof E)).toBe(true);
    }
    expect(replays.some((r) => r.status === 'rejected' && r.reason instanceof RefreshTokenReusedError)).toBe(true);
  }, 30_000);
});
