/**
 * `CipherToken`: access and refresh tokens, their verification, rotation and inspection, with a
 * synchronous method and an `…Async` twin for each (API.md). Both twins share one core and differ
 * only in awaiting the wasm module.
 * @module
 */

import type { Algorithm } from './algorithms.js';
import { CipherTokenError, InvalidTokenError, KeyError, WasmNotReadyError } from './errors.js';
import { importHmacSecret, Key } from './keys/key.js';
import { importRsaKey, RSA_ALGORITHMS, rsaPublicKey, type RsaJwk } from './keys/rsa.js';
import { buildClaims, TOKEN_ACCESS, TOKEN_REFRESH, validateClaims, type Claims, type TokenKind } from './lib/claims.js';
import { decodeCompact, DEFAULT_MAX_TOKEN_SIZE, parseClaimsSet, prepareKey, signCompact, signCompactAsync, verifyCompact, verifyCompactAsync, type PreparedKey, type ProtectedHeader } from './lib/compact.js';
import { now } from './time.js';
import { loader } from './wasm/loader.js';

export type { Claims, TokenKind, ProtectedHeader };

/**
 * Key material: an HMAC secret as text or bytes; for RS* and PS* a PEM (SPKI, PKCS#8, PKCS#1) or a
 * JWK (object or JSON text); or an imported `Key`.
 */
export type KeyMaterial = string | Uint8Array | Key | RsaJwk;

export interface VerifyKeyOptions {
  /** HMAC secret (or private key) accepted on verify. */
  secret?: KeyMaterial;
  /** Public key accepted on verify (asymmetric algorithms). */
  publicKey?: KeyMaterial;
  algorithm: Algorithm;
  /** Key id: a token whose header names it is verified with this key only. */
  kid?: string;
}

export interface CipherTokenOptions {
  secret: KeyMaterial;
  /** The only algorithm this instance issues, and (with `verifyKeys`) accepts. */
  algorithm: Algorithm;
  /** Access-token lifetime in seconds. */
  accessTtl: number;
  /** Refresh-token lifetime in seconds. */
  refreshTtl: number;
  issuer?: string;
  audience?: string | string[];
  kid?: string;
  /** Extra keys accepted on verify: key rotation. */
  verifyKeys?: VerifyKeyOptions[];
  /** Seconds of leeway for exp/nbf; default 0. */
  clockTolerance?: number;
  /** HMAC secrets shorter than the hash output are refused unless this is true. */
  allowWeakSecret?: boolean;
  /** Tokens longer than this (characters) are refused before any work; default 16 KiB. */
  maxTokenSize?: number;
}

export type InspectedClaims = Claims & { header: ProtectedHeader };

const MASK = '********';

function toKey(material: KeyMaterial | undefined, algorithm: Algorithm, allowWeakSecret: boolean): Key {
  if (material instanceof Key) {
    if (material.algorithm !== algorithm) throw new KeyError(`the key is bound to ${material.algorithm}, not ${algorithm}`);
    return material;
  }
  if (material === undefined) throw new KeyError('a key is required');
  if (RSA_ALGORITHMS[algorithm] !== undefined) return importRsaKey(material, algorithm);
  if (typeof material !== 'string' && !(material instanceof Uint8Array)) throw new KeyError(`${algorithm} requires a secret given as a string or a Uint8Array`);
  return importHmacSecret(material, algorithm, { allowWeakSecret });
}

function requirePositiveSeconds(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new TypeError(`${name} must be a positive whole number of seconds`);
  }
  return value;
}

function requirePayload(payload: unknown): Record<string, unknown> {
  if (payload === undefined) return {};
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new TypeError('payload must be a plain object');
  return payload as Record<string, unknown>;
}

export class CipherToken {
  readonly algorithm: Algorithm;
  readonly accessTtl: number;
  readonly refreshTtl: number;
  readonly issuer: string | undefined;
  readonly audience: string | string[] | undefined;
  readonly kid: string | undefined;
  readonly clockTolerance: number;
  readonly maxTokenSize: number;
  readonly #signer: PreparedKey;
  readonly #verifiers: readonly PreparedKey[];
  readonly #algorithms: ReadonlySet<string>;

  constructor(options: CipherTokenOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('CipherToken options are required');
    const allowWeak = options.allowWeakSecret === true;
    this.algorithm = options.algorithm;
    this.accessTtl = requirePositiveSeconds('accessTtl', options.accessTtl);
    this.refreshTtl = requirePositiveSeconds('refreshTtl', options.refreshTtl);
    this.issuer = options.issuer;
    this.audience = options.audience;
    this.kid = options.kid;
    this.clockTolerance = options.clockTolerance ?? 0;
    if (!Number.isFinite(this.clockTolerance) || this.clockTolerance < 0) throw new TypeError('clockTolerance must be a non-negative number');
    this.maxTokenSize = options.maxTokenSize ?? DEFAULT_MAX_TOKEN_SIZE;
    this.#signer = prepareKey(toKey(options.secret, options.algorithm, allowWeak), options.kid);
    const extra = (options.verifyKeys ?? []).map((v) => {
      const key = toKey(v.secret ?? v.publicKey, v.algorithm, allowWeak);
      // An RSA verifier needs only the public half: the private numbers stay with the signer.
      return prepareKey(key.type === 'private' && RSA_ALGORITHMS[key.algorithm] ? rsaPublicKey(key) : key, v.kid);
    });
    this.#verifiers = [this.#signer, ...extra];
    this.#algorithms = new Set(this.#verifiers.map((v) => v.key.algorithm));
  }

  /** Always the mask: the secret never leaves the instance. */
  get secret(): string {
    return MASK;
  }

  /** Issues an access token carrying `payload`. */
  access(payload?: object): string {
    return this.#issue(TOKEN_ACCESS, requirePayload(payload), this.accessTtl);
  }

  /** Issues a refresh token carrying `payload`. */
  refresh(payload?: object): string {
    return this.#issue(TOKEN_REFRESH, requirePayload(payload), this.refreshTtl);
  }

  /** True when `jwt` is a valid, unexpired token of this issuer; false for any bad input. */
  verify(jwt: string): boolean {
    try {
      this.decode(jwt);
      return true;
    } catch (error) {
      if (error instanceof WasmNotReadyError) throw error;
      return false;
    }
  }

  /** The verified claims of `jwt`; throws a typed `CipherTokenError` on any failure. */
  decode(jwt: string): Claims {
    return this.#verified(jwt, false);
  }

  /** Exchanges a valid refresh token for a new `[access, refresh]` pair (payload defaults to the old one). */
  rotation(refreshJwt: string, payload?: object): [string, string] {
    const claims = this.#verified(refreshJwt, false, TOKEN_REFRESH);
    const next = payload === undefined ? claims.payload : requirePayload(payload);
    return [this.access(next), this.refresh(next)];
  }

  /** Header and claims without any signature or expiry check: for debugging only. */
  inspect(jwt: string): InspectedClaims {
    return this.#guard(() => {
      const { header, payload } = decodeCompact(jwt, this.maxTokenSize);
      return { ...(payload as unknown as Claims), header };
    });
  }

  /** Whole seconds until `exp` of a correctly signed token, 0 once it has expired. */
  remainingTime(jwt: string): number {
    const claims = this.#verified(jwt, true);
    return Math.max(0, Math.floor(claims.exp - now()));
  }

  async accessAsync(payload?: object): Promise<string> {
    await loader.init();
    return this.#issueAsync(TOKEN_ACCESS, requirePayload(payload), this.accessTtl);
  }

  async refreshAsync(payload?: object): Promise<string> {
    await loader.init();
    return this.#issueAsync(TOKEN_REFRESH, requirePayload(payload), this.refreshTtl);
  }

  async verifyAsync(jwt: string): Promise<boolean> {
    try {
      await this.decodeAsync(jwt);
      return true;
    } catch (error) {
      if (error instanceof WasmNotReadyError) throw error;
      return false;
    }
  }

  async decodeAsync(jwt: string): Promise<Claims> {
    await loader.init();
    return this.#verifiedAsync(jwt, false);
  }

  async rotationAsync(refreshJwt: string, payload?: object): Promise<[string, string]> {
    await loader.init();
    const claims = await this.#verifiedAsync(refreshJwt, false, TOKEN_REFRESH);
    const next = payload === undefined ? claims.payload : requirePayload(payload);
    return [await this.accessAsync(next), await this.refreshAsync(next)];
  }

  async inspectAsync(jwt: string): Promise<InspectedClaims> {
    await loader.init();
    return this.inspect(jwt);
  }

  async remainingTimeAsync(jwt: string): Promise<number> {
    await loader.init();
    const claims = await this.#verifiedAsync(jwt, true);
    return Math.max(0, Math.floor(claims.exp - now()));
  }

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

  #issue(kind: TokenKind, payload: Record<string, unknown>, ttl: number): string {
    const claims = buildClaims(kind, payload, ttl, now(), this);
    try {
      return signCompact(this.#signer, claims);
    } catch (error) {
      if (error instanceof CipherTokenError) throw error;
      throw new TypeError('payload must be JSON-serialisable', { cause: error });
    }
  }

  async #issueAsync(kind: TokenKind, payload: Record<string, unknown>, ttl: number): Promise<string> {
    const claims = buildClaims(kind, payload, ttl, now(), this);
    try {
      return await signCompactAsync(this.#signer, claims);
    } catch (error) {
      if (error instanceof CipherTokenError) throw error;
      throw new TypeError('payload must be JSON-serialisable', { cause: error });
    }
  }

  #verified(jwt: string, ignoreExpiry: boolean, kind?: TokenKind): Claims {
    return this.#guard(() => {
      const { payloadText } = verifyCompact(jwt, this.#verifiers, { algorithms: this.#algorithms, maxTokenSize: this.maxTokenSize });
      return this.#claims(payloadText, ignoreExpiry, kind);
    });
  }

  /** Async twin of `#verified`: the same checks; RS* and PS* signatures go to WebCrypto. */
  async #verifiedAsync(jwt: string, ignoreExpiry: boolean, kind?: TokenKind): Promise<Claims> {
    let payloadText: string;
    try {
      ({ payloadText } = await verifyCompactAsync(jwt, this.#verifiers, { algorithms: this.#algorithms, maxTokenSize: this.maxTokenSize }));
    } catch (error) {
      if (error instanceof CipherTokenError) throw error;
      throw new InvalidTokenError('invalid token');
    }
    return this.#guard(() => this.#claims(payloadText, ignoreExpiry, kind));
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

