/**
 * JSON Web Key Sets (RFC 7517 §5): a local set, and a remote one fetched over HTTP with a cache,
 * a cooldown between fetches, one shared in-flight fetch, the last good set kept (up to
 * `maxStale`) when a fetch fails, no redirects and a capped body.
 * @module
 */

import { JwksFetchError, KeyError } from '../core/errors.js';
import { prepareKey, type PreparedKey, type ProtectedHeader } from './compact.js';
import { MILLISECONDS, numberOption } from '../core/options.js';
import { findAlgorithm } from './registry.js';
import { importKeyFor } from '../families/import.js';
import { isJwk, type Jwk } from '../core/jwk.js';
import { Jwks } from './key-set.js';

export { Jwks };

function checkJwks(value: unknown): Jwk[] {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new KeyError('a JWKS needs a keys array');
  return keys.filter(isJwk);
}

/**
 * A JWK set held in memory. Keys are imported on first use for an algorithm, then cached.
 *
 * @example
 * ```ts
 * import { createLocalJwks } from 'ciphertoken';
 *
 * const jwks = createLocalJwks({ keys: [{ ...publicJwk, kid: 'k1', alg: 'ES256' }] });
 * ```
 */
export class LocalJwks extends Jwks {
  readonly #jwks: readonly Jwk[];
  readonly #imported = new Map<string, PreparedKey | null>();

  constructor(jwks: { keys: readonly Jwk[] }) {
    super();
    this.#jwks = checkJwks(jwks);
    // A set mixing shared secrets with public keys invites algorithm confusion (an attacker picks
    // `alg: HS256` and a public key as the secret): refuse it outright.
    const secret = this.#jwks.filter((jwk) => jwk.kty === 'oct').length;
    if (secret > 0 && secret < this.#jwks.length) throw new KeyError('a JWKS must not mix secret (oct) and public keys');
  }

  /**
   * RFC 7515 §4.1.4 and RFC 7517 §4: the keys whose `kid` equals the header's (when it has one),
   * whose `kty` fits the algorithm, whose `alg` (if any) is it, and whose `use`/`key_ops` allow
   * verification. Keys that fail to import are skipped.
   */
  keysFor(header: ProtectedHeader): readonly PreparedKey[] {
    const alg = header.alg;
    const entry = findAlgorithm(alg);
    if (entry === undefined) return [];
    const kty = entry.family.kty;
    const matching = this.#jwks.filter(
      (jwk) => (header.kid === undefined || jwk.kid === header.kid) && jwk.kty === kty && (jwk.alg === undefined || jwk.alg === alg),
    );
    // RFC 7517 §4.5: a kid identifies one key; two keys under the header's kid are ambiguous.
    if (header.kid !== undefined && matching.length > 1) throw new KeyError('several keys of the JWKS have this kid');
    const selected: PreparedKey[] = [];
    for (const jwk of matching) {
      const cacheKey = `${this.#jwks.indexOf(jwk)}:${alg}`;
      if (!this.#imported.has(cacheKey)) {
        let prepared: PreparedKey | null;
        try {
          prepared = prepareKey(importKeyFor(jwk, entry), { kid: jwk.kid });
        } catch {
          prepared = null;
        }
        this.#imported.set(cacheKey, prepared);
      }
      const prepared = this.#imported.get(cacheKey);
      if (prepared) selected.push(prepared);
    }
    return selected;
  }

  /** @internal the set's JWKs, for JWE decryption (jwe.ts imports them for JWE algorithms) */
  jwkList(): readonly Jwk[] {
    return this.#jwks;
  }
}

/** Options of `createRemoteJwks`: cache lifetime, fetch limits and staleness; every duration in milliseconds. */
export interface RemoteJwksOptions {
  /** How long a fetched set is used before it is fetched again (ms); default 10 min. */
  cacheMaxAge?: number;
  /**
   * Minimum time between two fetches (ms), whatever triggered them — an unknown `kid`, an expired
   * cache, a failed fetch; default 30 s (so a `cacheMaxAge` below it acts as the cooldown).
   * Verifications that arrive while a fetch is in flight wait for that one fetch.
   */
  cooldown?: number;
  /** Fetch timeout (ms), body included; default 5 s. */
  timeout?: number;
  /**
   * Largest response body read (bytes); default 1 MiB. A larger `Content-Length` is refused before
   * the body is read, and a body that grows past the limit is cancelled there.
   */
  maxBodySize?: number;
  /**
   * How long past `cacheMaxAge` the last good set is still used while the endpoint fails (ms), as
   * HTTP's `max-stale`; default 24 h. Past it, verification fails with `JwksFetchError` (`stale`).
   */
  maxStale?: number;
}

/** Default `maxBodySize`: real key sets are a few KiB; 1 MiB leaves room for hundreds of RSA keys. */
const JWKS_MAX_BODY_SIZE = 1024 * 1024;

/**
 * A JWK set fetched from `url`; only `verifyJwtAsync` accepts it.
 *
 * Limits (README "Security notes"): redirects are refused (a 3xx is a failed fetch, as in jose:
 * the set must come from the configured URL, never from wherever it points); the body is read up
 * to `maxBodySize`; at most one fetch starts per `cooldown`, and callers share the one in flight;
 * while the endpoint fails the last good set serves until `maxStale` past its expiry.
 *
 * @example
 * ```ts
 * import { createRemoteJwks, verifyJwtAsync } from 'ciphertoken';
 *
 * const jwks = createRemoteJwks('https://auth.example/.well-known/jwks.json', { cacheMaxAge: 300_000 });
 * await verifyJwtAsync(idToken, jwks, { algorithms: ['RS256'] });
 * ```
 */
export class RemoteJwks extends Jwks {
  override readonly fetches = true;
  readonly url: string;
  readonly #options: Required<RemoteJwksOptions>;
  #set: LocalJwks | undefined;
  #fetchedAt = 0;
  #attemptedAt = -Infinity;
  #lastError: JwksFetchError | undefined;
  #inflight: Promise<void> | undefined;

  constructor(
    url: string | URL,
    {
      cacheMaxAge = 600_000,
      cooldown = 30_000,
      timeout = 5_000,
      maxBodySize = JWKS_MAX_BODY_SIZE,
      maxStale = 86_400_000,
    }: RemoteJwksOptions = {},
  ) {
    super();
    this.url = String(url);
    this.#options = {
      cacheMaxAge: numberOption('cacheMaxAge', cacheMaxAge, MILLISECONDS),
      cooldown: numberOption('cooldown', cooldown, MILLISECONDS),
      // A zero timeout aborts every fetch: at least one millisecond.
      timeout: numberOption('timeout', timeout, { ...MILLISECONDS, min: 1 }),
      maxBodySize: numberOption('maxBodySize', maxBodySize, { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true }),
      maxStale: numberOption('maxStale', maxStale, MILLISECONDS),
    };
  }

  async keysFor(header: ProtectedHeader): Promise<readonly PreparedKey[]> {
    if (this.#set === undefined || Date.now() - this.#fetchedAt > this.#options.cacheMaxAge) await this.#refresh();
    let keys = this.#usableSet().keysFor(header);
    // An unknown key may mean the issuer rotated: refetch, but at most once per cooldown.
    if (keys.length === 0 && (this.#inflight !== undefined || this.#coolingDown() === false)) {
      await this.#refresh();
      keys = this.#usableSet().keysFor(header);
    }
    return keys;
  }

  #coolingDown(): boolean {
    return Date.now() - this.#attemptedAt < this.#options.cooldown;
  }

  /** The set to verify with: the last good one unless it is past `cacheMaxAge + maxStale`. */
  /** @internal */
  async jwkList(): Promise<readonly Jwk[]> {
    if (this.#set === undefined || Date.now() - this.#fetchedAt > this.#options.cacheMaxAge) await this.#refresh();
    return this.#usableSet().jwkList();
  }

  #usableSet(): LocalJwks {
    const set = this.#set;
    if (set === undefined) throw this.#lastError ?? new JwksFetchError('network', 'could not fetch the JWKS');
    if (Date.now() - this.#fetchedAt > this.#options.cacheMaxAge + this.#options.maxStale) {
      throw new JwksFetchError('stale', 'the JWKS could not be refreshed and its last good copy is older than maxStale', {
        cause: this.#lastError,
      });
    }
    return set;
  }

  /**
   * Joins the fetch in flight, or starts one unless the last attempt is younger than the cooldown
   * (then the caller works with what it has: the last good set, or the last error). A failure
   * keeps the last good set; `#usableSet` decides whether it may still be used.
   */
  async #refresh(): Promise<void> {
    if (this.#inflight === undefined && this.#coolingDown()) return;
    this.#inflight ??= this.#fetch().finally(() => (this.#inflight = undefined));
    try {
      await this.#inflight;
    } catch {
      // Recorded in #lastError; #usableSet reports it when no usable set remains.
    }
  }

  async #fetch(): Promise<void> {
    this.#attemptedAt = Date.now();
    try {
      const body = await this.#download();
      let set: LocalJwks;
      try {
        set = new LocalJwks(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as { keys: Jwk[] });
      } catch (cause) {
        throw new JwksFetchError('invalid', 'the JWKS response is not a valid JWK set', { cause });
      }
      this.#set = set;
      this.#fetchedAt = Date.now();
      this.#lastError = undefined;
    } catch (error) {
      this.#lastError =
        error instanceof JwksFetchError ? error : new JwksFetchError('network', 'could not fetch the JWKS', { cause: error });
      throw this.#lastError;
    }
  }

  /** The response body, at most `maxBodySize` bytes, from the configured URL only. */
  async #download(): Promise<Uint8Array> {
    const { timeout, maxBodySize } = this.#options;
    const response = await fetch(this.url, {
      signal: AbortSignal.timeout(timeout),
      headers: { accept: 'application/json' },
      // No redirects: a 3xx (or, in browsers, an opaque redirect) is a failure, never followed.
      redirect: 'manual',
    });
    const refuse = async (error: JwksFetchError): Promise<never> => {
      await response.body?.cancel().catch(() => {});
      throw error;
    };
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      return refuse(new JwksFetchError('redirect', 'the JWKS endpoint redirected; redirects are not followed'));
    }
    if (!response.ok) return refuse(new JwksFetchError('status', `the JWKS endpoint answered HTTP ${response.status}`));
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    const tooLarge = () => new JwksFetchError('too-large', `the JWKS response exceeds maxBodySize (${maxBodySize} bytes)`);
    if (declared > maxBodySize) return refuse(tooLarge());
    if (response.body === null) return new Uint8Array(0);
    // Stream, so an oversized body is cut off at the limit instead of being buffered whole.
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBodySize) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
    const body = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.length;
    }
    return body;
  }
}

/**
 * A JWK set held in memory, for `verifyJwt` and `verifyJwtAsync`: the header's `kid` picks the key,
 * and a set mixing secret (`oct`) and public keys is refused.
 *
 * @example
 * ```ts
 * import { createLocalJwks, verifyJwt } from 'ciphertoken';
 *
 * const jwks = createLocalJwks({ keys: [{ ...publicJwk, kid: 'k1', alg: 'ES256' }] });
 * const { payload } = verifyJwt(jwt, jwks, { algorithms: ['ES256'] });
 * ```
 */
export function createLocalJwks(jwks: { keys: readonly Jwk[] }): LocalJwks {
  return new LocalJwks(jwks);
}

/**
 * A remote JWK set for `verifyJwtAsync`. Limits (see RemoteJwksOptions): no redirects, a body of
 * at most `maxBodySize` (1 MiB), one fetch per `cooldown` (30 s) shared by concurrent callers, the
 * last good set used for up to `maxStale` (24 h) past `cacheMaxAge` while the endpoint fails.
 * Failures are `JwksFetchError` (a `KeyError`) with a stable `reason`.
 *
 * @example
 * ```ts
 * import { createRemoteJwks, verifyJwtAsync } from 'ciphertoken';
 *
 * const jwks = createRemoteJwks('https://auth.example/.well-known/jwks.json');
 * const { payload } = await verifyJwtAsync(idToken, jwks, { algorithms: ['RS256'], issuer: 'https://auth.example' });
 * ```
 */
export function createRemoteJwks(url: string | URL, options: RemoteJwksOptions = {}): RemoteJwks {
  return new RemoteJwks(url, options);
}
