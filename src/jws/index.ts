/**
 * `ciphertoken/jws`: standard JWTs (RFC 7519) as JWS compact serialization (RFC 7515) for tokens
 * of any issuer — sign, verify against keys or a JWK set, decode without verifying.
 * @module
 */

import { CipherTokenError, InvalidTokenError } from '../errors.js';
import { Key } from '../keys/key.js';
import { Jwks, RemoteJwks } from '../keys/jwks.js';
import { checkRegisteredClaims } from '../lib/jwt-claims.js';
import {
  decodeCompact,
  parseClaimsSet,
  prepareKey,
  signCompact,
  verifyCompact,
  verifyCompactAsync,
  type AsyncKeySource,
  type KeySource,
  type PreparedKey,
  type ProtectedHeader,
  type VerifiedCompact,
} from '../lib/compact.js';
import { now } from '../time.js';
import { loader } from '../wasm/loader.js';

export type { ProtectedHeader };

export interface SignJwtOptions {
  kid?: string;
  /** `typ` header; default `JWT`. */
  typ?: string;
  /** Further protected header parameters (`alg` always comes from the key; `crit` is refused). */
  header?: Record<string, unknown>;
}

export interface VerifyJwtOptions {
  /** Required allow-list of `alg` values. */
  algorithms: readonly string[];
  issuer?: string | readonly string[];
  audience?: string | readonly string[];
  subject?: string;
  /** Seconds of leeway for exp/nbf/maxTokenAge; default 0. */
  clockTolerance?: number;
  /** Maximum age in seconds since `iat`. */
  maxTokenAge?: number;
  requiredClaims?: readonly string[];
  /** Required `typ` header. */
  typ?: string;
  /** Verify as of this instant instead of now. */
  currentDate?: Date;
  /** Tokens longer than this are refused before any work; default 16 KiB. */
  maxTokenSize?: number;
}

export interface VerifiedJwt {
  payload: Record<string, unknown>;
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

/** Signs `claims` with `key`; the header `alg` is the key's algorithm. */
export function signJwt(claims: object, key: Key, options: SignJwtOptions = {}): string {
  if (!(key instanceof Key)) throw new TypeError('signJwt needs a Key (see importKey)');
  const useCached = options.kid === undefined && options.typ === undefined && options.header === undefined;
  return signCompact(useCached ? prepared(key) : prepareKey(key, options), requirePlainObject(claims));
}

export async function signJwtAsync(claims: object, key: Key, options: SignJwtOptions = {}): Promise<string> {
  await loader.init();
  return signJwt(claims, key, options);
}

function keySource(keys: Key | readonly Key[] | Jwks): AsyncKeySource {
  if (keys instanceof Jwks) return (header) => keys.keysFor(header);
  const list = Array.isArray(keys) ? keys : [keys];
  if (!list.every((k) => k instanceof Key)) throw new TypeError('verifyJwt needs Key objects or a JWKS');
  return list.map(prepared);
}

function checkOptions(options: VerifyJwtOptions): ReadonlySet<string> {
  if (!options || !Array.isArray(options.algorithms) || options.algorithms.length === 0) {
    throw new TypeError('verifyJwt requires an algorithms allow-list');
  }
  return new Set(options.algorithms.filter((alg) => alg !== 'none'));
}

function claimsOf(verified: VerifiedCompact, options: VerifyJwtOptions): VerifiedJwt {
  const payload = parseClaimsSet(verified.payloadText);
  const instant = options.currentDate ? Math.floor(options.currentDate.getTime() / 1000) : now();
  checkRegisteredClaims(payload, { ...options, now: instant });
  return { payload, protectedHeader: verified.header };
}

/** Non-library failures on hostile input become InvalidTokenError; typed errors pass through. */
function typed(error: unknown): never {
  if (error instanceof CipherTokenError || error instanceof TypeError) throw error;
  throw new InvalidTokenError('invalid token');
}

/**
 * Verifies `jwt` against a key, several keys (tried by kid, then each of the header's algorithm)
 * or a local JWKS, then the registered claims. Throws the typed errors.
 */
export function verifyJwt(jwt: string, keys: Key | readonly Key[] | Jwks, options: VerifyJwtOptions): VerifiedJwt {
  const algorithms = checkOptions(options);
  if (keys instanceof RemoteJwks) throw new TypeError('a remote JWKS needs verifyJwtAsync');
  try {
    const verified = verifyCompact(jwt, keySource(keys) as KeySource, { algorithms, typ: options.typ, maxTokenSize: options.maxTokenSize });
    return claimsOf(verified, options);
  } catch (error) {
    return typed(error);
  }
}

/** Async twin of `verifyJwt`; the only one that accepts a remote JWKS. */
export async function verifyJwtAsync(jwt: string, keys: Key | readonly Key[] | Jwks, options: VerifyJwtOptions): Promise<VerifiedJwt> {
  const algorithms = checkOptions(options);
  await loader.init();
  try {
    const verified = await verifyCompactAsync(jwt, keySource(keys), { algorithms, typ: options.typ, maxTokenSize: options.maxTokenSize });
    return claimsOf(verified, options);
  } catch (error) {
    return typed(error);
  }
}

/** The claims of `jwt` without any verification. Throws InvalidTokenError when malformed. */
export function decodeJwt(jwt: string): Record<string, unknown> {
  return decodeCompact(jwt).payload;
}

/** The protected header of `jwt` without any verification. Throws InvalidTokenError when malformed. */
export function decodeProtectedHeader(jwt: string): ProtectedHeader {
  return decodeCompact(jwt).header;
}
