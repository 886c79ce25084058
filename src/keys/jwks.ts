/**
 * JSON Web Key Sets (RFC 7517 §5): a local set, and a remote one fetched over HTTP with a cache,
 * a refetch cooldown for unknown `kid`s, one shared in-flight fetch and the last good set kept
 * when a fetch fails.
 * @module
 */

import { KeyError } from '../errors.js';
import { prepareKey, type PreparedKey, type ProtectedHeader } from '../lib/compact.js';
import { MILLISECONDS, numberOption } from '../lib/options.js';
import { familyOf } from './families.js';
import { isJwk, type Jwk } from './jwk.js';
import type { Algorithm } from '../algorithms.js';

/** Common type of the key sets `verifyJwt`/`verifyJwtAsync` accept. */
export abstract class Jwks {
  /** @internal the verification keys for a token header */
  abstract keysFor(header: ProtectedHeader): readonly PreparedKey[] | Promise<readonly PreparedKey[]>;
}

function checkJwks(value: unknown): Jwk[] {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new KeyError('a JWKS needs a keys array');
  return keys.filter(isJwk);
}

/** A JWK set held in memory. Keys are imported on first use for an algorithm, then cached. */
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
    const alg = header.alg as Algorithm;
    let kty: string;
    try {
      kty = familyOf(alg).kty;
    } catch {
      return [];
    }
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
          prepared = prepareKey(familyOf(alg).import(jwk, alg, {}), { kid: jwk.kid });
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
}

export interface RemoteJwksOptions {
  /** How long a fetched set is used before it is fetched again (ms); default 10 min. */
  cacheMaxAge?: number;
  /** Minimum time between fetches triggered by an unknown `kid` (ms); default 30 s. */
  cooldown?: number;
  /** Fetch timeout (ms); default 5 s. */
  timeout?: number;
}

/** A JWK set fetched from `url`; only `verifyJwtAsync` accepts it. */
export class RemoteJwks extends Jwks {
  readonly url: string;
  readonly #options: Required<RemoteJwksOptions>;
  #set: LocalJwks | undefined;
  #fetchedAt = 0;
  #attemptedAt = -Infinity;
  #inflight: Promise<void> | undefined;

  constructor(url: string | URL, { cacheMaxAge = 600_000, cooldown = 30_000, timeout = 5_000 }: RemoteJwksOptions = {}) {
    super();
    this.url = String(url);
    this.#options = {
      cacheMaxAge: numberOption('cacheMaxAge', cacheMaxAge, MILLISECONDS),
      cooldown: numberOption('cooldown', cooldown, MILLISECONDS),
      // A zero timeout aborts every fetch: at least one millisecond.
      timeout: numberOption('timeout', timeout, { ...MILLISECONDS, min: 1 }),
    };
  }

  async keysFor(header: ProtectedHeader): Promise<readonly PreparedKey[]> {
    if (this.#set === undefined || Date.now() - this.#fetchedAt > this.#options.cacheMaxAge) await this.#refresh();
    let keys = this.#set!.keysFor(header);
    // An unknown key may mean the issuer rotated: refetch, but at most once per cooldown.
    if (keys.length === 0 && Date.now() - this.#attemptedAt >= this.#options.cooldown) {
      await this.#refresh();
      keys = this.#set!.keysFor(header);
    }
    return keys;
  }

  /** Fetches the set (one fetch shared by concurrent callers); a failure keeps the last good set. */
  async #refresh(): Promise<void> {
    this.#inflight ??= this.#fetch().finally(() => (this.#inflight = undefined));
    try {
      await this.#inflight;
    } catch (error) {
      if (this.#set === undefined) throw error;
    }
  }

  async #fetch(): Promise<void> {
    this.#attemptedAt = Date.now();
    let body: unknown;
    try {
      const response = await fetch(this.url, {
        signal: AbortSignal.timeout(this.#options.timeout),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch (cause) {
      throw new KeyError('could not fetch the JWKS', { cause });
    }
    this.#set = new LocalJwks(body as { keys: Jwk[] });
    this.#fetchedAt = Date.now();
  }
}

export function createLocalJwks(jwks: { keys: readonly Jwk[] }): LocalJwks {
  return new LocalJwks(jwks);
}

export function createRemoteJwks(url: string | URL, options: RemoteJwksOptions = {}): RemoteJwks {
  return new RemoteJwks(url, options);
}
