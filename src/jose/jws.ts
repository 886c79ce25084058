/**
 * `ciphertoken/jws`: standard JWTs (RFC 7519) as JWS compact serialization (RFC 7515) for tokens
 * of any issuer — sign, verify against keys or a JWK set, decode without verifying.
 * @module
 */

import { CipherTokenError, InvalidTokenError } from '../core/errors.js';
import { Key } from '../core/key.js';
import { Jwks } from './key-set.js';
import { checkRegisteredClaims } from './jwt-claims.js';
import {
  decodeCompact,
  DEFAULT_MAX_TOKEN_SIZE,
  parseClaimsSet,
  prepareKey,
  signCompact,
  signCompactAsync,
  verifyCompact,
  verifyCompactAsync,
  type AsyncKeySource,
  type KeySource,
  type PreparedKey,
  type ProtectedHeader,
  type VerifiedCompact,
} from './compact.js';
import { instantOption, numberOption, SECONDS, TOKEN_SIZE } from '../core/options.js';
import { now } from '../core/time.js';
import { loader, reportTrap } from '../wasm/loader.js';

export type { ProtectedHeader };

/** Options of `signJwt` and `signJwtAsync`. */
export interface SignJwtOptions {
  /** Key id for the header. Pass it explicitly: a key's own `kid` (from its JWK or `importKey`) is not written by default. */
  kid?: string;
  /** `typ` header; default `JWT`. */
  typ?: string;
  /** Further protected header parameters (`alg` always comes from the key; `crit` is refused). */
  header?: Record<string, unknown>;
  /**
   * Longest token issued (characters); default 16 KiB, the verify default, so a token signed with
   * the defaults also verifies with them. A longer one throws `TokenTooLargeError` before any work.
   */
  maxTokenSize?: number;
}

/** Options of `verifyJwt` and `verifyJwtAsync`: `algorithms` is required, every other check is opt-in. */
export interface VerifyJwtOptions {
  /** Required allow-list of `alg` values. */
  algorithms: readonly string[];
  /** Required `iss`: one value or any of several. */
  issuer?: string | readonly string[];
  /** Required `aud`: the token must name this audience (or one of these). */
  audience?: string | readonly string[];
  /** Required `sub`. */
  subject?: string;
  /** Seconds of leeway for exp/nbf/maxTokenAge; default 0. */
  clockTolerance?: number;
  /** Maximum age in seconds since `iat`. */
  maxTokenAge?: number;
  /** Claims that must be present (their values are checked only where an option says so). */
  requiredClaims?: readonly string[];
  /** Required `typ` header. */
  typ?: string;
  /** Verify as of this instant instead of now. */
  currentDate?: Date;
  /** Tokens longer than this are refused before any work; default 16 KiB. */
  maxTokenSize?: number;
  /**
   * A verified-token cache from `createVerifyCache` (opt-in): a token verified before under the
   * same keys and options skips the signature and claim work; `exp`, `nbf` and `maxTokenAge` are
   * checked again on every hit. Results are then deeply frozen (cached or not).
   */
  cache?: VerifyCacheHooks;
}

/** What `verifyJwt` returns once the signature and the claims have been checked. */
export interface VerifiedJwt {
  /** The verified claims. */
  payload: Record<string, unknown>;
  /** The protected header the signature covered. */
  protectedHeader: ProtectedHeader;
}

/** Prepared keys for a plain `Key`, cached so verification never re-imports or re-encodes. */
const preparedKeys = new WeakMap<Key, PreparedKey>();
const prepared = (key: Key): PreparedKey => {
  let entry = preparedKeys.get(key);
  if (entry === undefined) preparedKeys.set(key, (entry = prepareKey(key)));
  return entry;
};

function requirePlainObject(claims: unknown): object {
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new TypeError('JWT claims must be a plain object');
  return claims;
}

/** The checked arguments of signJwt and its async twin, which differ only at the crypto call. */
function signing(claims: unknown, key: unknown, options: SignJwtOptions): [PreparedKey, object, number] {
  if (!(key instanceof Key)) throw new TypeError('signJwt needs a Key (see importKey)');
  const maxTokenSize = numberOption('maxTokenSize', options.maxTokenSize, TOKEN_SIZE, DEFAULT_MAX_TOKEN_SIZE);
  const useCached = options.kid === undefined && options.typ === undefined && options.header === undefined;
  return [useCached ? prepared(key) : prepareKey(key, options), requirePlainObject(claims), maxTokenSize];
}

/**
 * Signs `claims` with `key`; the header `alg` is the key's algorithm.
 *
 * @example
 * ```ts
 * import { HS256, importKey, secretKey, signJwt, verifyJwt } from 'ciphertoken';
 *
 * const key = importKey(secretKey(), HS256);
 * const jwt = signJwt({ sub: 'user-1', exp: Math.floor(Date.now() / 1000) + 600 }, key, { kid: 'k1' });
 * ```
 */
export function signJwt(claims: object, key: Key, options: SignJwtOptions = {}): string {
  const args = signing(claims, key, options);
  try {
    return signCompact(...args);
  } catch (error) {
    throw reportTrap(error);
  }
}

/**
 * Async twin of `signJwt`: RS* and PS* sign on WebCrypto, off the wasm thread.
 *
 * @example
 * ```ts
 * import { RS256, importKey, signJwtAsync } from 'ciphertoken';
 * import { generateRsaKeypair } from 'ciphertoken/secret';
 *
 * const [privatePem] = await generateRsaKeypair();
 * const jwt = await signJwtAsync({ sub: 'user-1' }, importKey(privatePem, RS256));
 * ```
 */
export async function signJwtAsync(claims: object, key: Key, options: SignJwtOptions = {}): Promise<string> {
  await loader.init();
  return signCompactAsync(...signing(claims, key, options));
}

/** Verification keys carry their `kid` (from the JWK or importKey), which selects among them. */
const verifierKeys = new WeakMap<Key, PreparedKey>();
const verifier = (key: Key): PreparedKey => {
  let entry = verifierKeys.get(key);
  if (entry === undefined) verifierKeys.set(key, (entry = key.kid === undefined ? prepared(key) : prepareKey(key, { kid: key.kid })));
  return entry;
};

function keySource(keys: Key | readonly Key[] | Jwks): AsyncKeySource {
  if (keys instanceof Jwks) return (header) => keys.keysFor(header);
  const list = Array.isArray(keys) ? keys : [keys];
  if (!list.every((k) => k instanceof Key)) throw new TypeError('verifyJwt needs Key objects or a JWKS');
  return list.map(verifier);
}

/** The options after validation: every number finite and in range (or the call threw TypeError). */
/**
 * What `verifyJwt` asks of a verified-token cache: `createVerifyCache` (jwt-cache.ts) makes one.
 * The cache is reached only through the object passed in, so an app without one never bundles it.
 */
export interface VerifyCacheHooks {
  /** @internal a result verified before under these keys and options, after the clock checks */
  lookup(jwt: string, keys: Key | readonly Key[] | Jwks, options: VerifyJwtOptions, checked: CheckedOptions): VerifiedJwt | undefined;
  /** @internal keeps a successful result */
  remember(
    jwt: string,
    keys: Key | readonly Key[] | Jwks,
    options: VerifyJwtOptions,
    checked: CheckedOptions,
    result: VerifiedJwt,
  ): VerifiedJwt;
}

/** The options after their checks, as the verification and the cache read them. */
export interface CheckedOptions {
  readonly algorithms: ReadonlySet<string>;
  readonly clockTolerance: number;
  readonly maxTokenAge: number | undefined;
  readonly maxTokenSize: number;
  /** Unix seconds of `currentDate`, when given. */
  readonly instant: number | undefined;
  readonly cache: VerifyCacheHooks | undefined;
}

function checkOptions(options: VerifyJwtOptions): CheckedOptions {
  if (!options || !Array.isArray(options.algorithms) || options.algorithms.length === 0) {
    throw new TypeError('verifyJwt requires an algorithms allow-list');
  }
  return {
    algorithms: new Set(options.algorithms.filter((alg) => alg !== 'none')),
    clockTolerance: numberOption('clockTolerance', options.clockTolerance, SECONDS, 0),
    maxTokenAge: options.maxTokenAge === undefined ? undefined : numberOption('maxTokenAge', options.maxTokenAge, SECONDS),
    maxTokenSize: numberOption('maxTokenSize', options.maxTokenSize, TOKEN_SIZE, DEFAULT_MAX_TOKEN_SIZE),
    instant: options.currentDate === undefined ? undefined : instantOption('currentDate', options.currentDate),
    cache: cacheOption(options.cache),
  };
}

function cacheOption(cache: unknown): VerifyCacheHooks | undefined {
  if (cache === undefined) return undefined;
  // Known by shape, not by class: verifyJwt must not import the cache code, which an app pays for
  // only when it creates a cache (jwt-cache.ts).
  if (typeof cache !== 'object' || cache === null || typeof (cache as VerifyCacheHooks).lookup !== 'function') {
    throw new TypeError('cache must come from createVerifyCache({ max })');
  }
  return cache as VerifyCacheHooks;
}

function claimsOf(verified: VerifiedCompact, options: VerifyJwtOptions, checked: CheckedOptions): VerifiedJwt {
  const payload = parseClaimsSet(verified.payloadText);
  checkRegisteredClaims(payload, {
    ...options,
    clockTolerance: checked.clockTolerance,
    maxTokenAge: checked.maxTokenAge,
    now: checked.instant ?? now(),
  });
  return { payload, protectedHeader: verified.header };
}

/** Non-library failures on hostile input become InvalidTokenError; typed errors pass through. */
function typed(error: unknown): never {
  if (error instanceof CipherTokenError || error instanceof TypeError) throw error;
  throw new InvalidTokenError('invalid token');
}

/**
 * Verifies `jwt` against a key, several keys or a local JWKS, then the registered claims. A header
 * `kid` selects among keys that have ids (from their JWK or `importKey(…, { kid })`) and is refused
 * when it names none of them; keys without ids are each tried. Throws the typed errors.
 *
 * @example
 * ```ts
 * import { HS256, importKey, secretKey, signJwt, verifyJwt } from 'ciphertoken';
 *
 * const key = importKey(secretKey(), HS256);
 * const jwt = signJwt({ sub: 'user-1', iss: 'https://auth.example' }, key);
 * const { payload } = verifyJwt(jwt, key, { algorithms: ['HS256'], issuer: 'https://auth.example' });
 * ```
 */
export function verifyJwt(jwt: string, keys: Key | readonly Key[] | Jwks, options: VerifyJwtOptions): VerifiedJwt {
  const checked = checkOptions(options);
  if (keys instanceof Jwks && keys.fetches) throw new TypeError('a remote JWKS needs verifyJwtAsync');
  const hit = checked.cache?.lookup(jwt, keys, options, checked);
  if (hit !== undefined) return hit;
  try {
    const { algorithms, maxTokenSize } = checked;
    const verified = verifyCompact(jwt, keySource(keys) as KeySource, { algorithms, typ: options.typ, maxTokenSize });
    const result = claimsOf(verified, options, checked);
    return checked.cache ? checked.cache.remember(jwt, keys, options, checked, result) : result;
  } catch (error) {
    return typed(error);
  }
}

/**
 * Async twin of `verifyJwt`; the only one that accepts a remote JWKS.
 *
 * @example
 * ```ts
 * import { createRemoteJwks, verifyJwtAsync } from 'ciphertoken';
 *
 * const jwks = createRemoteJwks('https://auth.example/.well-known/jwks.json');
 * const { payload } = await verifyJwtAsync(idToken, jwks, { algorithms: ['ES256'], issuer: 'https://auth.example' });
 * ```
 */
export async function verifyJwtAsync(jwt: string, keys: Key | readonly Key[] | Jwks, options: VerifyJwtOptions): Promise<VerifiedJwt> {
  const checked = checkOptions(options);
  await loader.init();
  // After init: the cache's hash runs on the hash module, which a browser may refuse to compile synchronously.
  const hit = checked.cache?.lookup(jwt, keys, options, checked);
  if (hit !== undefined) return hit;
  try {
    const { algorithms, maxTokenSize } = checked;
    const verified = await verifyCompactAsync(jwt, keySource(keys), { algorithms, typ: options.typ, maxTokenSize });
    const result = claimsOf(verified, options, checked);
    return checked.cache ? checked.cache.remember(jwt, keys, options, checked, result) : result;
  } catch (error) {
    return typed(error);
  }
}

/**
 * The claims of `jwt` without any verification. Throws InvalidTokenError when malformed.
 *
 * @example
 * ```ts
 * import { decodeJwt } from 'ciphertoken';
 *
 * const claims = decodeJwt(jwt); // unverified: never trust it for access decisions
 * ```
 */
export function decodeJwt(jwt: string): Record<string, unknown> {
  return decodeCompact(jwt).payload;
}

/**
 * The protected header of `jwt` without any verification. Throws InvalidTokenError when malformed.
 *
 * @example
 * ```ts
 * import { decodeProtectedHeader } from 'ciphertoken';
 *
 * const { alg, kid } = decodeProtectedHeader(jwt); // unverified: to pick a key, not to trust
 * ```
 */
export function decodeProtectedHeader(jwt: string): ProtectedHeader {
  return decodeCompact(jwt).header;
}
