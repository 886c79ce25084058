/**
 * The verified-token cache of `verifyJwt`/`verifyJwtAsync` (`{ cache: createVerifyCache({ max }) }`).
 * `verifyJwt` calls it through the object it is given and never imports this module, so an app
 * pays for the cache only when it creates one.
 * @module
 */

import type { Key } from '../core/key.js';
import { now } from '../core/time.js';
import type { CheckedOptions, VerifiedJwt, VerifyCacheHooks, VerifyJwtOptions } from './jws.js';
import { checkTimeClaims } from './jwt-claims.js';
import type { Jwks } from './key-set.js';
import { cacheSize, deepFreeze, TokenCache, type VerifyCacheOptions } from './verify-cache.js';

export type { VerifyCacheOptions };

/**
 * What a cached result was verified under: the keys (by identity; a key array element by element)
 * and every option that decides acceptance apart from the clock. A hit under anything else is a miss.
 */
interface JwtScope {
  readonly keys: Key | Jwks | readonly Key[];
  readonly algorithms: readonly string[];
  readonly issuer: string | readonly string[] | undefined;
  readonly audience: string | readonly string[] | undefined;
  readonly subject: string | undefined;
  readonly typ: string | undefined;
  readonly requiredClaims: readonly string[] | undefined;
  readonly maxTokenAge: number | undefined;
  readonly maxTokenSize: number;
}

const copyList = <T>(value: T): T => (Array.isArray(value) ? (Object.freeze([...value]) as T) : value);

function sameList(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A snapshot (arrays copied), so mutating an options object later cannot widen a cached scope. */
function scopeOf(keys: Key | readonly Key[] | Jwks, options: VerifyJwtOptions, checked: CheckedOptions): JwtScope {
  return {
    keys: copyList(keys),
    algorithms: Object.freeze([...options.algorithms]),
    issuer: copyList(options.issuer),
    audience: copyList(options.audience),
    subject: options.subject,
    typ: options.typ,
    requiredClaims: options.requiredClaims === undefined ? undefined : Object.freeze([...options.requiredClaims]),
    maxTokenAge: checked.maxTokenAge,
    maxTokenSize: checked.maxTokenSize,
  };
}

function sameScope(scope: JwtScope, keys: Key | readonly Key[] | Jwks, options: VerifyJwtOptions, checked: CheckedOptions): boolean {
  return (
    sameList(scope.keys, keys) &&
    sameList(scope.algorithms, options.algorithms) &&
    sameList(scope.issuer, options.issuer) &&
    sameList(scope.audience, options.audience) &&
    scope.subject === options.subject &&
    scope.typ === options.typ &&
    sameList(scope.requiredClaims, options.requiredClaims) &&
    scope.maxTokenAge === checked.maxTokenAge &&
    scope.maxTokenSize === checked.maxTokenSize
  );
}

/**
 * A verified-token cache for `verifyJwt`/`verifyJwtAsync` (`{ cache }`): at most `max` results,
 * least recently used dropped first. One cache may serve several key sets and option sets; each
 * result answers only for the ones it was verified under. Failures are never cached.
 */
export class VerifyCache implements VerifyCacheHooks {
  readonly #cache: TokenCache<VerifiedJwt, JwtScope>;

  constructor(options: VerifyCacheOptions) {
    this.#cache = new TokenCache(cacheSize(options, 'cache'));
  }

  /** The most results kept. */
  get max(): number {
    return this.#cache.max;
  }

  /** Results kept now. */
  get size(): number {
    return this.#cache.size;
  }

  /** Forgets every result: after withdrawing a key, so no token it signed is answered from memory. */
  clear(): void {
    this.#cache.clear();
  }

  /**
   * @internal The cached result of `jwt` when it was verified under these keys and options, after the clock
   * checks a fresh verify would run (RFC 7519 §4.1.4 exp, §4.1.5 nbf, maxTokenAge), with the same
   * instant and leeway. Throws their typed errors; undefined on a miss.
   */
  lookup(jwt: string, keys: Key | readonly Key[] | Jwks, options: VerifyJwtOptions, checked: CheckedOptions): VerifiedJwt | undefined {
    const entry = this.#cache.get(jwt);
    if (entry === undefined || !sameScope(entry.scope, keys, options, checked)) return undefined;
    checkTimeClaims(entry.time, checked.instant ?? now(), checked.clockTolerance, checked.maxTokenAge, false);
    return entry.value;
  }

  /** @internal Keeps a successful result (frozen, so no caller can alter what later calls receive). */
  remember(
    jwt: string,
    keys: Key | readonly Key[] | Jwks,
    options: VerifyJwtOptions,
    checked: CheckedOptions,
    result: VerifiedJwt,
  ): VerifiedJwt {
    deepFreeze(result);
    this.#cache.set(jwt, result, result.payload, scopeOf(keys, options, checked));
    return result;
  }
}

/** `new VerifyCache({ max })`: pass it as `verifyJwt(token, keys, { algorithms, cache })`. */
export function createVerifyCache(options: VerifyCacheOptions): VerifyCache {
  return new VerifyCache(options);
}
