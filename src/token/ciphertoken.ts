/**
 * `CipherToken`: access and refresh tokens, their verification, rotation and inspection, with a
 * synchronous method and an `…Async` twin for each (API.md). Both twins share one core and differ
 * only in awaiting the wasm module.
 * @module
 */

import { type Algorithm, type AlgorithmEntry, algorithmEntry } from '../families/entry.js';
import {
  CipherTokenError,
  InvalidTokenError,
  KeyError,
  RefreshTokenReusedError,
  StoreError,
  TokenExpiredError,
  TokenRevokedError,
  TokenTypeError,
  WasmNotReadyError,
} from '../core/errors.js';
import { importKeyFor } from '../families/import.js';
import type { Key } from '../core/key.js';
import { buildClaims, claimsJson, TOKEN_ACCESS, TOKEN_REFRESH, validateClaims, type Claims, type TokenKind } from '../jose/claims.js';
import {
  decodeCompact,
  DEFAULT_MAX_TOKEN_SIZE,
  parseClaimsSet,
  prepareKey,
  signCompactJson,
  signCompactJsonAsync,
  verifyCompact,
  verifyCompactAsync,
  type PreparedKey,
  type ProtectedHeader,
  type VerifyCompactOptions,
} from '../jose/compact.js';
import { numberOption, SECONDS, TOKEN_SIZE, TTL_SECONDS } from '../core/options.js';
import { checkTimeClaims } from '../jose/jwt-claims.js';
import { cacheSize, deepFreeze, TokenCache, type VerifyCacheOptions } from '../jose/verify-cache.js';
import type { TokenRef, TokenStore } from './store/types.js';
import { now } from '../core/time.js';
import { type TokenEncryption, type TokenEncryptionOptions, tokenEncryptionFor } from '../jose/token-encryption.js';
import { randomId } from '../core/random-id.js';
import { loader, reportTrap } from '../wasm/loader.js';

export type { Claims, TokenKind, ProtectedHeader };

/** Key material: an HMAC secret as text or bytes, PEM text, a JWK, or an imported `Key`. */
export type KeyMaterial = string | Uint8Array | JsonWebKey | Key;

/** One extra key that a `CipherToken` accepts on verify (`verifyKeys`): how keys rotate without logging anyone out. */
export interface VerifyKeyOptions {
  /** HMAC secret (or private key) accepted on verify. */
  secret?: KeyMaterial;
  /** Public key accepted on verify (asymmetric algorithms); private or secret material is refused. */
  publicKey?: KeyMaterial;
  /** The algorithm this key verifies (its constant, such as `ES256`). */
  algorithm: Algorithm;
  /**
   * Key id: a token whose header names it is verified with this key only. Once any key of the
   * instance has a kid, a token whose kid names none of them is refused (not tried on every key).
   */
  kid?: string;
}

/** What `new CipherToken(options)` takes: one key and one algorithm, the lifetimes, and the optional checks. */
export interface CipherTokenOptions {
  /** The signing key: an HMAC secret, or a private key (PEM, JWK, `Key`); a public key makes a verify-only instance. */
  secret: KeyMaterial;
  /**
   * The only algorithm this instance issues, and (with `verifyKeys`) accepts. Pass its constant
   * (`HS256`): importing it is what loads its family, so a bundle carries the families it names.
   */
  algorithm: Algorithm;
  /** Access-token lifetime in seconds. */
  accessTtl: number;
  /** Refresh-token lifetime in seconds. */
  refreshTtl: number;
  /** `iss` to write on issue and require on verify. */
  issuer?: string;
  /** `aud` to write on issue and require on verify. */
  audience?: string | string[];
  /** Key id to write in the header; name the keys of `verifyKeys` too when rotating. */
  kid?: string;
  /** Extra keys accepted on verify: key rotation. */
  verifyKeys?: VerifyKeyOptions[];
  /** Seconds of leeway for exp/nbf; default 0. */
  clockTolerance?: number;
  /** HMAC secrets shorter than the hash output are refused unless this is true. */
  allowWeakSecret?: boolean;
  /** Tokens longer than this (characters) are refused before any work; default 16 KiB. */
  maxTokenSize?: number;
  /**
   * Makes rotation one-time with reuse detection, and tokens revocable (`ciphertoken/store`).
   * Its checks are async: `verifyAsync`, `decodeAsync`, `rotationAsync`, `revoke`.
   */
  store?: TokenStore;
  /**
   * Seconds after a refresh token was rotated during which presenting it again (a retry, a second
   * tab, a lost response) returns a working pair of the same family and revokes nothing; after
   * it, reuse revokes the family. Default 0: strict one-time rotation (RFC 9700 §4.14.2).
   */
  rotationGrace?: number;
  /**
   * Verified-token cache (opt-in), `{ max }` results: a token verified before skips the signature
   * and claim work on `verify`/`decode` and their async twins; `exp` and `nbf` are checked again
   * on every hit (same clock and clockTolerance), `type` too, and a store is still consulted on
   * every async verify. Failures are not cached; results are deeply frozen (cached or not).
   */
  cache?: VerifyCacheOptions;
  /**
   * Encrypted tokens (needs `ciphertoken/jwe`): every token issued is signed, then encrypted as a
   * nested JWT (RFC 7519 §5.2, `cty: "JWT"`) with `{ key, alg, enc }`, and `decode`/`verify`/
   * `rotation`/`inspect` decrypt before they verify. Everything else, the store included, is unchanged.
   */
  encryption?: TokenEncryptionOptions;
}

/** Which token `verify`/`decode` accept: RFC 8725 §3.12 (mutually exclusive validation rules). */
export type TokenType = 'access' | 'refresh' | 'any';

/** Options of `verify`, `decode` and their async twins. */
export interface VerifyOptions {
  /**
   * `'access'` for every bearer-token check: a refresh token is not a bearer token. Default
   * `'any'` (the Python library's `verify(refresh_token)` is true).
   */
  type?: TokenType;
}

/** Options of `revoke`. */
export interface RevokeOptions {
  /** Also revoke every token of the token's family (a logout of that whole session). */
  family?: boolean;
}

/** What `inspect` returns: the unverified claims with the protected header beside them. */
export type InspectedClaims = Claims & { header: ProtectedHeader };

const MASK = '********';
/** Longest `jti`/`fam` a store is asked about: ours are 36-character UUIDs. */
const MAX_ID_LENGTH = 256;

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;

function toKey(material: KeyMaterial | undefined, algorithm: AlgorithmEntry, allowWeakSecret: boolean): Key {
  if (material === undefined) throw new KeyError('a key is required');
  return importKeyFor(material, algorithm, { allowWeakSecret });
}

/** `VerifyOptions.type` as the claims validator takes it: undefined for `'any'`. */
function requiredKind(options: VerifyOptions | undefined): TokenKind | undefined {
  const type = options?.type ?? 'any';
  if (type === 'any') return undefined;
  if (type === TOKEN_ACCESS || type === TOKEN_REFRESH) return type;
  throw new TypeError("type must be 'access', 'refresh' or 'any'");
}

/** What a failed signing reports: our typed errors and traps as such, anything else is JSON.stringify refusing the payload. */
function signingError(error: unknown): unknown {
  const reported = reportTrap(error);
  if (reported instanceof CipherTokenError) return reported;
  return new TypeError('payload must be JSON-serialisable', { cause: error });
}

function requirePayload(payload: unknown): Record<string, unknown> {
  // `null` is Python's `payload=None`: no payload, like `undefined`.
  if (payload === undefined || payload === null) return {};
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new TypeError('payload must be a plain object');
  return payload as Record<string, unknown>;
}

/**
 * Issues and verifies this service's own access and refresh tokens: one key, one algorithm (the
 * allow-list of one), the Python library's claims (`payload`, `token`, `jti`, `ttl`, `exp`, `iat`),
 * and, with a store, one-time refresh rotation and revocation.
 *
 * @example
 * ```ts
 * import { CipherToken, HS256, minutes, days, secretKey } from 'ciphertoken';
 *
 * const tokens = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: minutes(10), refreshTtl: days(7) });
 * const [access, refresh] = tokens.pair({ user_id: 42 });
 * tokens.decode(access, { type: 'access' }).payload; // { user_id: 42 }
 * const [nextAccess, nextRefresh] = tokens.rotation(refresh);
 * ```
 */
export class CipherToken {
  /** The algorithm's JWS name (`'HS256'`). */
  readonly algorithm: Algorithm;
  /** Access-token lifetime in seconds. */
  readonly accessTtl: number;
  /** Refresh-token lifetime in seconds. */
  readonly refreshTtl: number;
  /** `iss` written on issue and required on verify, when set. */
  readonly issuer: string | undefined;
  /** `aud` written on issue and required on verify, when set. */
  readonly audience: string | string[] | undefined;
  /** Key id written in the header of every token this instance issues. */
  readonly kid: string | undefined;
  /** Seconds of leeway for `exp` and `nbf`. */
  readonly clockTolerance: number;
  /** Longest token (characters) issued or verified. */
  readonly maxTokenSize: number;
  /** Seconds during which a just-rotated refresh token may be presented again (see `rotationAsync`). */
  readonly rotationGrace: number;
  readonly #signer: PreparedKey;
  readonly #verifiers: readonly PreparedKey[];
  /** What `verifyCompact` takes, built once: the options are fixed per instance (measured: a per-call object showed in profiles). */
  readonly #compactOptions: VerifyCompactOptions;
  readonly #store: TokenStore | undefined;
  /** Verified claims by token; one instance has one option set, so only `type` and the clock vary per call. */
  readonly #cache: TokenCache<Claims, undefined> | undefined;
  readonly #encryption: TokenEncryption | undefined;

  constructor(options: CipherTokenOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('CipherToken options are required');
    const allowWeak = options.allowWeakSecret === true;
    // Among the loaded families only: naming a constant costs its family and no other.
    const algorithm = algorithmEntry(options.algorithm);
    this.algorithm = algorithm.name;
    this.accessTtl = numberOption('accessTtl', options.accessTtl, TTL_SECONDS);
    this.refreshTtl = numberOption('refreshTtl', options.refreshTtl, TTL_SECONDS);
    this.issuer = options.issuer;
    this.audience = options.audience;
    this.kid = options.kid;
    this.clockTolerance = numberOption('clockTolerance', options.clockTolerance, SECONDS, 0);
    this.maxTokenSize = numberOption('maxTokenSize', options.maxTokenSize, TOKEN_SIZE, DEFAULT_MAX_TOKEN_SIZE);
    // RFC 9700 §4.14.2 reuse detection, relaxed for retries of the last rotation (API.md).
    this.rotationGrace = numberOption('rotationGrace', options.rotationGrace, SECONDS, 0);
    this.#signer = prepareKey(toKey(options.secret, algorithm, allowWeak), { kid: options.kid });
    const extra = (options.verifyKeys ?? []).map((v) => {
      const entry = algorithmEntry(v.algorithm);
      const key = toKey(v.secret ?? v.publicKey, entry, allowWeak);
      // A slot named publicKey holding a private key or a shared secret is a configuration
      // mistake that would spread signing material to verify-only places: refuse it.
      if (v.secret === undefined && key.type !== 'public') throw new KeyError('verifyKeys publicKey must be a public key');
      // A verifier needs only the public half where the family has one: the private numbers stay with the signer.
      const verifier = key.type === 'private' && entry.family.publicKey ? entry.family.publicKey(key) : key;
      return prepareKey(verifier, { kid: v.kid ?? key.kid });
    });
    this.#verifiers = [this.#signer, ...extra];
    this.#compactOptions = { algorithms: new Set(this.#verifiers.map((v) => v.key.algorithm)), maxTokenSize: this.maxTokenSize };
    const store = options.store;
    const methods = ['consume', 'status', 'revoke', 'revokeFamily'] as const;
    if (store !== undefined && (typeof store !== 'object' || store === null || methods.some((m) => typeof store[m] !== 'function'))) {
      throw new TypeError('store must be a TokenStore (ciphertoken/store)');
    }
    this.#store = store;
    this.#cache = options.cache === undefined ? undefined : new TokenCache(cacheSize(options.cache, 'cache'));
    this.#encryption = options.encryption === undefined ? undefined : tokenEncryptionFor(options.encryption);
  }

  /** Always the mask: the secret never leaves the instance. */
  get secret(): string {
    return MASK;
  }

  /** Issues an access token carrying `payload`. */
  access(payload?: object | null): string {
    return this.#issue(TOKEN_ACCESS, requirePayload(payload), this.accessTtl);
  }

  /**
   * Issues a refresh token carrying `payload`; with a store, it starts a new token family (`fam`).
   * For a login, `pair` also puts the access token in that family.
   */
  refresh(payload?: object | null): string {
    return this.#issue(TOKEN_REFRESH, requirePayload(payload), this.refreshTtl, this.#store === undefined ? undefined : randomId());
  }

  /**
   * A login: `[access, refresh]` sharing one family id (claim `fam`), so that
   * `revoke(either, { family: true })` ends the whole session, and rotations carry it on.
   */
  pair(payload?: object | null): [string, string] {
    const body = requirePayload(payload);
    const family = randomId();
    return [this.#issue(TOKEN_ACCESS, body, this.accessTtl, family), this.#issue(TOKEN_REFRESH, body, this.refreshTtl, family)];
  }

  /**
   * True when `jwt` is a valid, unexpired token of this issuer (of `options.type`, default any);
   * false for any bad input. Bearer-token checks pass `{ type: 'access' }`.
   */
  verify(jwt: string, options?: VerifyOptions): boolean {
    this.#requireStateless('verify');
    const kind = requiredKind(options);
    try {
      this.#verified(jwt, false, kind);
      return true;
    } catch (error) {
      if (error instanceof WasmNotReadyError) throw error;
      return false;
    }
  }

  /**
   * The verified claims of `jwt`; throws a typed `CipherTokenError` on any failure, and
   * `TokenTypeError` when it is not of `options.type` (default any).
   */
  decode(jwt: string, options?: VerifyOptions): Claims {
    this.#requireStateless('decode');
    return this.#verified(jwt, false, requiredKind(options));
  }

  /** Exchanges a valid refresh token for a new `[access, refresh]` pair (payload defaults to the old one). */
  rotation(refreshJwt: string, payload?: object | null): [string, string] {
    this.#requireStateless('rotation');
    const claims = this.#verified(refreshJwt, false, TOKEN_REFRESH);
    const next = payload == null ? claims.payload : requirePayload(payload);
    const family = this.#ref(claims).family;
    return [this.#issue(TOKEN_ACCESS, next, this.accessTtl, family), this.#issue(TOKEN_REFRESH, next, this.refreshTtl, family)];
  }

  /** Header and claims without any signature or expiry check: for debugging only. */
  inspect(jwt: string): InspectedClaims {
    return this.#guard(() => {
      const { header, payload } = decodeCompact(this.#encryption ? this.#encryption.open(jwt, this.maxTokenSize) : jwt, this.maxTokenSize);
      return { ...(payload as unknown as Claims), header };
    });
  }

  /** Whole seconds until `exp` of a correctly signed token, 0 once it has expired. */
  remainingTime(jwt: string): number {
    const claims = this.#verified(jwt, true);
    return Math.max(0, Math.floor(claims.exp - now()));
  }

  /** Async twin of `access`: loads the wasm module itself. */
  async accessAsync(payload?: object | null): Promise<string> {
    await loader.init();
    return this.#issueAsync(TOKEN_ACCESS, requirePayload(payload), this.accessTtl);
  }

  /** Async twin of `refresh`; with a store it also starts a family. */
  async refreshAsync(payload?: object | null): Promise<string> {
    await loader.init();
    return this.#issueAsync(TOKEN_REFRESH, requirePayload(payload), this.refreshTtl, this.#store === undefined ? undefined : randomId());
  }

  /** Async twin of `pair`: the login `[access, refresh]` of one family. */
  async pairAsync(payload?: object | null): Promise<[string, string]> {
    await loader.init();
    const body = requirePayload(payload);
    const family = randomId();
    return [
      await this.#issueAsync(TOKEN_ACCESS, body, this.accessTtl, family),
      await this.#issueAsync(TOKEN_REFRESH, body, this.refreshTtl, family),
    ];
  }

  /** Like `verify`; with a store, a revoked or spent token is false, and an unreachable store throws `StoreError`. */
  async verifyAsync(jwt: string, options?: VerifyOptions): Promise<boolean> {
    const kind = requiredKind(options);
    await loader.init();
    try {
      await this.#decodeChecked(jwt, kind);
      return true;
    } catch (error) {
      // Fail closed, but say why: "the store could not answer" is not "the token is bad".
      if (error instanceof WasmNotReadyError || error instanceof StoreError) throw error;
      return false;
    }
  }

  /** Like `decode`; with a store, a revoked token (or a spent refresh token) throws `TokenRevokedError`. */
  async decodeAsync(jwt: string, options?: VerifyOptions): Promise<Claims> {
    const kind = requiredKind(options);
    await loader.init();
    return this.#decodeChecked(jwt, kind);
  }

  /**
   * Like `rotation`; with a store it is one-time: the old refresh token's `jti` is consumed
   * atomically, and presenting it again throws `RefreshTokenReusedError` after revoking its family
   * (within `rotationGrace` seconds of its rotation it returns a working pair of the family instead).
   */
  async rotationAsync(refreshJwt: string, payload?: object | null): Promise<[string, string]> {
    await loader.init();
    const claims = await this.#verifiedAsync(refreshJwt, false, TOKEN_REFRESH);
    const next = payload == null ? claims.payload : requirePayload(payload);
    const store = this.#store;
    const ref = this.#ref(claims);
    if (store === undefined) {
      return [
        await this.#issueAsync(TOKEN_ACCESS, next, this.accessTtl, ref.family),
        await this.#issueAsync(TOKEN_REFRESH, next, this.refreshTtl, ref.family),
      ];
    }
    // Sign first: a payload that cannot be signed must not burn the caller's refresh token, and
    // the store needs the successor's jti (it becomes the family's current refresh token).
    const successor = buildClaims(TOKEN_REFRESH, next, this.refreshTtl, now(), this, ref.family);
    const pair: [string, string] = [
      await this.#issueAsync(TOKEN_ACCESS, next, this.accessTtl, ref.family),
      await this.#signAsync(successor),
    ];
    const result = await this.#storeCall(() =>
      store.consume(ref, { jti: successor.jti, expiresAt: this.#refusedFrom(successor.exp), grace: this.rotationGrace }),
    );
    if (result === 'consumed') return pair;
    if (typeof result === 'object' && result !== null && result.status === 'grace' && isId(result.current)) {
      // A retry within rotationGrace: the family's current refresh token is issued again (same
      // jti, so whichever copy rotates first moves the family on, and one family entry still
      // describes the session); nothing is revoked. This relaxes RFC 9700 §4.14.2 reuse detection
      // for rotationGrace seconds only, a trade-off the caller opted into (default 0: strict).
      return [pair[0], await this.#signAsync({ ...successor, jti: result.current }, false)];
    }
    if (result === 'revoked') throw new TokenRevokedError('token has been revoked');
    if (result === 'reused') {
      // RFC 9700 §4.14.2: a rotated refresh token presented again means two parties hold it, and
      // the server cannot tell the thief from the victim, so the active tokens of the family are
      // revoked too. Both then have to authenticate again.
      await this.#storeCall(() => store.revokeFamily(ref.family, this.#familyExpiry()));
      throw new RefreshTokenReusedError('refresh token was already used; its token family is revoked');
    }
    throw new StoreError('the token store gave an unexpected answer');
  }

  /**
   * With a store: refuses `jwt` from now on in `verifyAsync`, `decodeAsync` and `rotationAsync`
   * (with `{ family: true }`, every token of its family: given either token of a `pair`, or of a
   * rotation, that ends the whole session — a logout). The signature is checked first, so only
   * this issuer's tokens reach the store; an expired token needs no entry. Without a store it
   * throws `StoreError`: a revocation that cannot be kept must not look done.
   */
  async revoke(jwt: string, options: RevokeOptions = {}): Promise<void> {
    const store = this.#store;
    if (store === undefined) throw new StoreError('revoke() needs a token store: new CipherToken({ store })');
    await loader.init();
    const ref = this.#ref(await this.#verifiedAsync(jwt, true));
    if (options.family === true) await this.#storeCall(() => store.revokeFamily(ref.family, this.#familyExpiry()));
    // Inside a revoked family the store adds no entry for the token (its family's covers it).
    if (ref.expiresAt > now()) await this.#storeCall(() => store.revoke(ref));
  }

  /** Async twin of `inspect`: no signature or expiry check, debugging only. */
  async inspectAsync(jwt: string): Promise<InspectedClaims> {
    await loader.init();
    return this.inspect(jwt);
  }

  /** Async twin of `remainingTime`. */
  async remainingTimeAsync(jwt: string): Promise<number> {
    await loader.init();
    const claims = await this.#verifiedAsync(jwt, true);
    return Math.max(0, Math.floor(claims.exp - now()));
  }

  /** The public settings, with `secret` masked: what `JSON.stringify` and logs show. */
  toJSON(): Record<string, unknown> {
    return {
      algorithm: this.algorithm,
      secret: MASK,
      accessTtl: this.accessTtl,
      refreshTtl: this.refreshTtl,
      issuer: this.issuer,
      audience: this.audience,
      kid: this.kid,
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `CipherToken ${JSON.stringify(this.toJSON())}`;
  }

  #issue(kind: TokenKind, payload: Record<string, unknown>, ttl: number, family?: string): string {
    return this.#sign(buildClaims(kind, payload, ttl, now(), this, family));
  }

  /** Signs claims that `buildClaims` just made (so their `jti` is our own id). */
  #sign(claims: Claims): string {
    try {
      const jws = signCompactJson(this.#signer, claimsJson(claims, true), this.maxTokenSize);
      return this.#encryption ? this.#encryption.seal(jws, this.maxTokenSize) : jws;
    } catch (error) {
      throw signingError(error);
    }
  }

  async #issueAsync(kind: TokenKind, payload: Record<string, unknown>, ttl: number, family?: string): Promise<string> {
    return this.#signAsync(buildClaims(kind, payload, ttl, now(), this, family));
  }

  /** Async twin of `#sign`: RS* and PS* sign on WebCrypto. `ownJti` is false for a jti the store gave. */
  async #signAsync(claims: Claims, ownJti = true): Promise<string> {
    try {
      const jws = await signCompactJsonAsync(this.#signer, claimsJson(claims, ownJti), this.maxTokenSize);
      return this.#encryption ? await this.#encryption.sealAsync(jws, this.maxTokenSize) : jws;
    } catch (error) {
      throw signingError(error);
    }
  }

  #verified(jwt: string, ignoreExpiry: boolean, kind?: TokenKind): Claims {
    const hit = ignoreExpiry ? undefined : this.#cached(jwt, kind);
    if (hit !== undefined) return hit;
    let claims: Claims;
    // #guard's rule, written out: this is the hot path of decode/verify, and a closure per call
    // showed in profiles (measured).
    try {
      const jws = this.#encryption ? this.#encryption.open(jwt, this.maxTokenSize) : jwt;
      claims = this.#claims(verifyCompact(jws, this.#verifiers, this.#compactOptions).payloadText, ignoreExpiry, kind);
    } catch (error) {
      if (error instanceof CipherTokenError) throw error;
      throw new InvalidTokenError('invalid token');
    }
    return ignoreExpiry ? claims : this.#remember(jwt, claims);
  }

  /**
   * The cached claims of `jwt`, after the checks that can change between calls: RFC 7519 §4.1.4
   * exp and §4.1.5 nbf (the very function a fresh verify runs, with the same clock and
   * clockTolerance), then the requested type (RFC 8725 §3.12). Undefined on a miss. Everything
   * else a fresh verify checks depends only on the token and this instance's fixed options.
   */
  #cached(jwt: string, kind: TokenKind | undefined): Claims | undefined {
    const cache = this.#cache;
    if (cache === undefined) return undefined;
    const entry = cache.get(jwt);
    if (entry === undefined) return undefined;
    try {
      checkTimeClaims(entry.value, now(), this.clockTolerance, undefined, false);
    } catch (error) {
      // Expired is final (exp only moves further into the past): free the slot.
      if (error instanceof TokenExpiredError) cache.delete(jwt);
      throw error;
    }
    if (kind !== undefined && entry.value.token !== kind) throw new TokenTypeError(`expected a ${kind} token`);
    return entry.value;
  }

  /** Keeps fully verified claims, frozen so that no caller can change what later calls receive. */
  #remember(jwt: string, claims: Claims): Claims {
    const cache = this.#cache;
    if (cache === undefined) return claims;
    deepFreeze(claims);
    cache.set(jwt, claims, claims, undefined);
    return claims;
  }

  /** Async twin of `#verified`: the same checks; RS* and PS* signatures go to WebCrypto. */
  async #verifiedAsync(jwt: string, ignoreExpiry: boolean, kind?: TokenKind): Promise<Claims> {
    const hit = ignoreExpiry ? undefined : this.#cached(jwt, kind);
    if (hit !== undefined) return hit;
    let payloadText: string;
    try {
      const jws = this.#encryption ? await this.#encryption.openAsync(jwt, this.maxTokenSize) : jwt;
      ({ payloadText } = await verifyCompactAsync(jws, this.#verifiers, this.#compactOptions));
    } catch (error) {
      if (error instanceof CipherTokenError) throw error;
      throw new InvalidTokenError('invalid token');
    }
    const claims = this.#guard(() => this.#claims(payloadText, ignoreExpiry, kind));
    return ignoreExpiry ? claims : this.#remember(jwt, claims);
  }

  #claims(payloadText: string, ignoreExpiry: boolean, kind?: TokenKind): Claims {
    return validateClaims(parseClaimsSet(payloadText), {
      now: now(),
      clockTolerance: this.clockTolerance,
      issuer: this.issuer,
      audience: this.audience,
      ignoreExpiry,
      kind,
    });
  }

  /** The sync methods cannot wait for a store; refusing beats answering without it. */
  #requireStateless(method: string): void {
    if (this.#store !== undefined) {
      throw new StoreError(`${method}() cannot consult the async token store; use await ${method}Async() on an instance with a store`);
    }
  }

  async #decodeChecked(jwt: string, kind?: TokenKind): Promise<Claims> {
    const claims = await this.#verifiedAsync(jwt, false, kind);
    const store = this.#store;
    if (store === undefined) return claims;
    const status = await this.#storeCall(() => store.status(this.#ref(claims)));
    if (status === 'active') return claims;
    if (status === 'revoked') throw new TokenRevokedError('token has been revoked');
    // A rotated refresh token is spent (RFC 9700 §4.14.2): it is no credential any more.
    if (status === 'consumed') throw new TokenRevokedError('refresh token was already used');
    throw new StoreError('the token store gave an unexpected answer');
  }

  /** What the store needs to know about verified claims; ids are bounded so no claim can bloat the store. */
  #ref(claims: Claims): TokenRef {
    const { jti, fam } = claims as { jti: unknown; fam: unknown };
    if (!isId(jti) || (fam !== undefined && !isId(fam))) throw new InvalidTokenError('claim jti or fam is not a usable id');
    // A token from before the store (no fam) is its own family: concurrent rotations of it still
    // share one family key, and the tokens they issue carry it on.
    return { jti, family: fam ?? jti, kind: claims.token, expiresAt: this.#refusedFrom(claims.exp), familyExpiresAt: this.#familyExpiry() };
  }

  /**
   * The first instant a token with this `exp` is refused: validation compares whole seconds
   * (`now() - clockTolerance >= exp`), so a fractional leeway keeps it valid until the ceiling.
   * An entry that went sooner would reopen a replay window.
   */
  #refusedFrom(exp: number): number {
    return Math.ceil(exp + this.clockTolerance);
  }

  /** A family revoked now must outlive every token of it issued until now. */
  #familyExpiry(): number {
    return this.#refusedFrom(now() + Math.max(this.accessTtl, this.refreshTtl));
  }

  /** Store failures become `StoreError` (fail closed); typed errors a store raises pass unchanged. */
  async #storeCall<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof CipherTokenError) throw error;
      throw new StoreError('the token store failed', { cause: error });
    }
  }

  /** Lets typed errors through and turns anything else (a bug or a hostile edge) into InvalidTokenError. */
  #guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof CipherTokenError) throw error;
      throw new InvalidTokenError('invalid token');
    }
  }
}
