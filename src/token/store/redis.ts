/**
 * `RedisStore`: a `TokenStore` on Redis, shared by every process that uses it. Each operation is
 * one Lua script, which Redis runs atomically (https://redis.io/docs/latest/develop/interact/programmability/eval-intro/),
 * so concurrent rotations of one refresh token across processes still let exactly one win
 * (RFC 9700 §4.14.2, OAuth 2.0 Security BCP). Keys carry a PX expiry equal to the tokens'.
 * On Redis Cluster every script touches the keys of one family, which share one hash tag, so one
 * slot (https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/#hash-tags).
 * The client library (`ioredis`) is loaded only when a `url` or `cluster` is given, so this module
 * costs nothing on runtimes without sockets.
 * @module
 */

import { base64urlFromBytes } from '../../core/base64url.js';
import { CipherTokenError, StoreError } from '../../core/errors.js';
import { ttlMillis, type ConsumeResult, type Successor, type TokenRef, type TokenStatus, type TokenStore } from './types.js';

/**
 * The part of an `ioredis` client (`Redis` or `Cluster`) this store uses. Declared here rather
 * than imported so the package's types never require `ioredis` to be installed.
 */
export interface RedisClientLike {
  /** Runs a cached script by its SHA-1 (EVALSHA). */
  evalsha(sha1: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  /** Runs a script (EVAL). */
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  /** Closes the connection gracefully. */
  quit(): Promise<unknown>;
  /** Closes the connection at once. */
  disconnect(): void;
}

/** Options of `new RedisStore(options)`: a URL or an existing client, a key prefix and a timeout. */
export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://`); a connection is opened on first use. */
  url?: string;
  /**
   * An existing `ioredis` client to reuse (`Redis` or `Cluster`); `close()` leaves it open. A
   * `Cluster` should be created with `retryDelayOnFailover: 0`: otherwise ioredis sends a command
   * whose connection closed again, and a rotation that had run would then be reported as reuse.
   */
  client?: RedisClientLike;
  /**
   * Redis Cluster: some of its nodes as `redis://[user:password@]host:port` (or `rediss://`); the
   * client discovers the rest. A connection is opened on first use.
   */
  cluster?: readonly string[];
  /** Prepended to every key; default `'ciphertoken:'`. Braces are refused (they pick the cluster slot). */
  prefix?: string;
  /** Milliseconds before an operation fails with `StoreError`; default 2000. */
  timeout?: number;
}

// Keys of family F (all share the hash tag {F}, so each script touches one cluster slot; F and
// jti appear escaped, see `escapeId`):
//   {F}:cur        the family's current refresh jti, once it has rotated
//   {F}:rev        present while the family is revoked
//   {F}:jti:<jti>  present while that token is revoked
//   {F}:prev       the refresh jti rotated last, only during a rotationGrace period (expires with it)
// One key per rotated session, however often it rotates, plus one per revocation; none for a
// token inside a revoked family ({F}:rev covers it).

// Rotation's compare-and-set: the check and the write run inside one script, so no other client
// can run between them and exactly one of any concurrent exchanges of a token succeeds.
// RFC 9700 §4.14.2: a refresh token that is not the family's current one was used before.
// rotationGrace: the token rotated last is kept in {F}:prev for the grace period; presenting it
// again meanwhile answers {'grace', current jti} (the caller re-issues that token) and changes
// nothing but the expiry of cur, which must outlive the re-issued copy.
// KEYS: cur, rev, jti, prev. ARGV: jti, next jti, ttl in ms (never shortening the key's expiry),
// grace in ms (0: strict).
const CONSUME = `
local ttl = tonumber(ARGV[3])
local left = redis.call('PTTL', KEYS[1])
if left > ttl then ttl = left end
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= ARGV[1] then
  if redis.call('GET', KEYS[4]) == ARGV[1] then
    if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then return 'revoked' end
    redis.call('PEXPIRE', KEYS[1], ttl)
    return {'grace', cur}
  end
  return 'reused'
end
if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then return 'revoked' end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
local grace = tonumber(ARGV[4])
if grace > 0 then redis.call('SET', KEYS[4], ARGV[1], 'PX', grace) else redis.call('DEL', KEYS[4]) end
return 'consumed'
`;

// KEYS: cur, rev, jti. ARGV: jti, kind ('access' | 'refresh').
const STATUS = `
if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then return 'revoked' end
if ARGV[2] == 'refresh' then
  local cur = redis.call('GET', KEYS[1])
  if cur and cur ~= ARGV[1] then return 'consumed' end
end
return 'active'
`;

// Revokes one token, unless its family is revoked already: then the family's key covers it, and
// is only lengthened to the token's lifetime (no key per token inside a revoked family).
// KEYS: rev, jti. ARGV: ttl in ms.
const REVOKE = `
local ttl = tonumber(ARGV[1])
local key = KEYS[2]
if redis.call('EXISTS', KEYS[1]) == 1 then key = KEYS[1] end
local left = redis.call('PTTL', key)
if left > ttl then ttl = left end
redis.call('SET', key, '1', 'PX', ttl)
return 'ok'
`;

// Marks KEYS[1] for ARGV[1] ms, keeping a longer expiry it already has: a revocation must
// outlive every token it covers. PTTL is -2 for a missing key, so the new ttl wins then.
const MARK = `
local ttl = tonumber(ARGV[1])
local left = redis.call('PTTL', KEYS[1])
if left > ttl then ttl = left end
redis.call('SET', KEYS[1], '1', 'PX', ttl)
return 'ok'
`;

const DEFAULT_PREFIX = 'ciphertoken:';
const DEFAULT_TIMEOUT_MS = 2000;
/** Kept in a variable so bundlers leave the optional dependency alone. */
const IOREDIS = 'ioredis';

interface Script {
  readonly source: string;
  sha1?: Promise<string>;
}

async function sha1Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Ids that go into keys as they are: every id this library issues (UUIDs) is one of these. */
const PLAIN_ID = /^[A-Za-z0-9_.-]+$/;
const utf8 = new TextEncoder();

/**
 * A `fam` or `jti` as it appears in a key. A hash tag is the text between the first `{` and the
 * next `}` (cluster spec, "Hash tags"): an id with a `}` would end the tag early (a leading one
 * leaves it empty, so each key hashes whole: CROSSSLOT), and one with `:` could spell another
 * family's key (family `x}:jti:y` would own `{x}:jti:y}:cur`). Plain ids stay as they are; any other
 * becomes `~` + base64url of its UTF-8 (RFC 4648 §5), which has neither brace nor colon. Plain ids
 * never contain `~`, so the mapping is one-to-one.
 */
function escapeId(id: string): string {
  return PLAIN_ID.test(id) ? id : `~${base64urlFromBytes(utf8.encode(id))}`;
}

type RedisConstructor = new (
  url: string | undefined,
  options: Record<string, unknown>,
) => RedisClientLike & {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
};

async function openClient(url: string | undefined, timeout: number): Promise<RedisClientLike> {
  let Redis: RedisConstructor | undefined;
  try {
    const mod = (await import(IOREDIS)) as { Redis?: RedisConstructor; default?: RedisConstructor & { Redis?: RedisConstructor } };
    Redis = mod.Redis ?? mod.default?.Redis ?? mod.default;
  } catch (error) {
    throw new StoreError('RedisStore({ url }) needs the ioredis package: npm install ioredis', { cause: error });
  }
  if (typeof Redis !== 'function') throw new StoreError('the ioredis package has no Redis export');
  const client = new Redis(url, {
    connectTimeout: timeout,
    commandTimeout: timeout,
    // Fail closed and fast: a command waits for at most one reconnection, then rejects.
    maxRetriesPerRequest: 1,
    // A command whose reply was lost must not run again after a reconnection: a replayed consume
    // would report the caller's own first use as reuse and revoke a legitimate family.
    autoResendUnfulfilledCommands: false,
  });
  // Failures reach callers through the rejected commands (as StoreError); without a listener,
  // ioredis would also print every reconnection error.
  client.on('error', () => {});
  return client;
}

type ClusterConstructor = new (
  nodes: { host: string; port: number }[],
  options: Record<string, unknown>,
) => RedisClientLike & {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
};

/** Parses the `cluster` option: hosts and ports, and the credentials and TLS every node shares. */
function clusterNodes(urls: readonly string[]): { nodes: { host: string; port: number }[]; redisOptions: Record<string, unknown> } {
  const redisOptions: Record<string, unknown> = {};
  const nodes = urls.map((text) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new TypeError('cluster must list redis:// or rediss:// URLs');
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new TypeError('cluster must list redis:// or rediss:// URLs');
    if (url.username !== '') redisOptions.username = decodeURIComponent(url.username);
    if (url.password !== '') redisOptions.password = decodeURIComponent(url.password);
    if (url.protocol === 'rediss:') redisOptions.tls = {};
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port === '' ? 6379 : Number(url.port) };
  });
  return { nodes, redisOptions };
}

async function openCluster(urls: readonly string[], timeout: number): Promise<RedisClientLike> {
  let Cluster: ClusterConstructor | undefined;
  try {
    const mod = (await import(IOREDIS)) as { Cluster?: ClusterConstructor; default?: { Cluster?: ClusterConstructor } };
    Cluster = mod.Cluster ?? mod.default?.Cluster;
  } catch (error) {
    throw new StoreError('RedisStore({ cluster }) needs the ioredis package: npm install ioredis', { cause: error });
  }
  if (typeof Cluster !== 'function') throw new StoreError('the ioredis package has no Cluster export');
  const { nodes, redisOptions } = clusterNodes(urls);
  const client = new Cluster(nodes, {
    redisOptions: {
      ...redisOptions,
      connectTimeout: timeout,
      commandTimeout: timeout,
      maxRetriesPerRequest: 1,
      // As for a single server: a command whose reply was lost is never sent again.
      autoResendUnfulfilledCommands: false,
    },
    // ioredis sends a command whose connection closed to the slot's (new) master after this
    // delay; 0 turns that off. The command may have run before the connection dropped, and a
    // replayed consume would report the caller's own rotation as reuse and revoke its family.
    // MOVED, ASK, TRYAGAIN and CLUSTERDOWN are still followed: Redis ran nothing then.
    retryDelayOnFailover: 0,
    slotsRefreshTimeout: timeout,
  });
  client.on('error', () => {});
  return client;
}

/**
 * A token store in Redis (through the optional `ioredis` package), shared by every instance of a
 * service: each check-and-write is one Lua script, so concurrent rotations of one token cannot both
 * win. A failure or timeout is a `StoreError`, and the operation is refused.
 *
 * @example
 * ```ts
 * import { CipherToken, HS256 } from 'ciphertoken';
 * import { RedisStore } from 'ciphertoken/store';
 *
 * const store = new RedisStore({ url: process.env.REDIS_URL });
 * const tokens = new CipherToken({ secret: process.env.JWT_SECRET!, algorithm: HS256, accessTtl: 600, refreshTtl: 86_400, store });
 * ```
 */
export class RedisStore implements TokenStore {
  readonly prefix: string;
  readonly timeout: number;
  readonly #url: string | undefined;
  readonly #cluster: readonly string[] | undefined;
  readonly #owned: boolean;
  #client: Promise<RedisClientLike> | undefined;
  #closed = false;
  readonly #scripts = {
    consume: { source: CONSUME } as Script,
    status: { source: STATUS } as Script,
    revoke: { source: REVOKE } as Script,
    mark: { source: MARK } as Script,
  };

  constructor(options: RedisStoreOptions = {}) {
    const prefix = options.prefix ?? DEFAULT_PREFIX;
    if (typeof prefix !== 'string' || /[{}]/.test(prefix)) throw new TypeError('prefix must be a string without { or }');
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeout) || timeout <= 0) throw new TypeError('timeout must be a positive number of milliseconds');
    const sources = [options.client, options.url, options.cluster].filter((x) => x !== undefined).length;
    if (sources > 1) throw new TypeError('pass one of client, url or cluster');
    if (
      options.cluster !== undefined &&
      (!Array.isArray(options.cluster) || options.cluster.length === 0 || !options.cluster.every((u) => typeof u === 'string'))
    ) {
      throw new TypeError('cluster must be a non-empty list of redis:// URLs');
    }
    if (options.cluster !== undefined) clusterNodes(options.cluster);
    if (options.client !== undefined && typeof options.client.evalsha !== 'function')
      throw new TypeError('client must be an ioredis client');
    this.prefix = prefix;
    this.timeout = timeout;
    this.#url = options.url;
    this.#cluster = options.cluster === undefined ? undefined : Object.freeze([...options.cluster]);
    this.#owned = options.client === undefined;
    if (options.client !== undefined) this.#client = Promise.resolve(options.client);
  }

  async consume(ref: TokenRef, next: Successor): Promise<ConsumeResult> {
    const ttl = ttlMillis(Math.max(ref.expiresAt, next.expiresAt), Date.now());
    const grace = next.grace === undefined || next.grace <= 0 ? 0 : Math.ceil(next.grace * 1000);
    const keys = [...this.#keys(ref), `${this.#tag(ref.family)}:prev`];
    const result = await this.#run(this.#scripts.consume, keys, [ref.jti, next.jti, ttl, grace]);
    if (result === 'consumed' || result === 'reused' || result === 'revoked') return result;
    if (Array.isArray(result) && result.length === 2 && result[0] === 'grace' && typeof result[1] === 'string') {
      return { status: 'grace', current: result[1] };
    }
    throw new StoreError('unexpected reply from Redis');
  }

  async status(ref: TokenRef): Promise<TokenStatus> {
    const result = await this.#run(this.#scripts.status, this.#keys(ref), [ref.jti, ref.kind]);
    if (result === 'active' || result === 'consumed' || result === 'revoked') return result;
    throw new StoreError('unexpected reply from Redis');
  }

  async revoke(ref: TokenRef): Promise<void> {
    const [, rev, jti] = this.#keys(ref);
    await this.#run(this.#scripts.revoke, [rev, jti], [ttlMillis(ref.expiresAt, Date.now())]);
  }

  async revokeFamily(family: string, expiresAt: number): Promise<void> {
    await this.#run(this.#scripts.mark, [`${this.#tag(family)}:rev`], [ttlMillis(expiresAt, Date.now())]);
  }

  /** Closes the connection this store opened; a `client` passed in stays open (its owner closes it). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const pending = this.#client;
    if (!this.#owned || pending === undefined) return;
    let client: RedisClientLike;
    try {
      client = await pending;
    } catch {
      return;
    }
    try {
      await this.#withTimeout(client.quit());
    } catch {
      client.disconnect();
    }
  }

  #tag(family: string): string {
    return `${this.prefix}{${escapeId(family)}}`;
  }

  /** cur, rev and jti keys of a token, in the order the scripts take them. */
  #keys(ref: TokenRef): [string, string, string] {
    const tag = this.#tag(ref.family);
    return [`${tag}:cur`, `${tag}:rev`, `${tag}:jti:${escapeId(ref.jti)}`];
  }

  /** Runs a script by its SHA-1 (EVALSHA), loading it with EVAL when Redis does not know it yet. */
  async #run(script: Script, keys: string[], args: (string | number)[]): Promise<unknown> {
    if (this.#closed) throw new StoreError('the token store is closed');
    try {
      return await this.#withTimeout(
        (async () => {
          this.#client ??= this.#cluster === undefined ? openClient(this.#url, this.timeout) : openCluster(this.#cluster, this.timeout);
          const client = await this.#client;
          const sha1 = await (script.sha1 ??= sha1Hex(script.source));
          try {
            return await client.evalsha(sha1, keys.length, ...keys, ...args);
          } catch (error) {
            if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
            return await client.eval(script.source, keys.length, ...keys, ...args);
          }
        })(),
      );
    } catch (error) {
      if (error instanceof CipherTokenError) throw error;
      throw new StoreError('the Redis token store is unavailable', { cause: error });
    }
  }

  #withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreError(`the Redis token store did not answer within ${this.timeout} ms`)), this.timeout);
    });
    return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
  }
}
