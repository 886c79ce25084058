/**
 * `SecureTokenManager`: encrypted (Fernet) tokens carrying a user id, permissions and extra data,
 * the TypeScript port of Python's `secure_token.SecureTokenManager` (API.md `ciphertoken/secure`).
 *
 * The 32-byte Fernet key is PBKDF2-HMAC-SHA256(SECRET_KEY, SALT, iterations) (RFC 8018 §5.2),
 * derived once per manager on first use, together with every previous key: synchronously by the
 * wasm PBKDF2, asynchronously by WebCrypto (falling back to wasm where the runtime caps the
 * iteration count). Sync and async methods share every step but the AES call.
 * @module
 */

import { InvalidTokenError, PermissionDeniedError, TokenError, TokenExpiredError } from '../core/errors.js';
import {
  FERNET_MAX_CLOCK_SKEW,
  FERNET_VERSION,
  FernetKey,
  fernetDecrypt,
  fernetDecryptAsync,
  fernetEncrypt,
  fernetEncryptAsync,
} from './fernet.js';
import { parseJsonObject } from '../core/json.js';
import { pbkdf2Sha256Async } from '../webcrypto/pbkdf2.js';
import { loader } from '../wasm/loader.js';
import { pbkdf2Sha256 } from '../wasm/pbkdf2.js';
import { Settings, settingsSecrets, type SettingsInit } from './settings.js';
import { validateExpiresHours, validatePermissions } from './validators.js';

/** What `generateToken` puts in a token. */
export interface GenerateTokenOptions {
  /** Who the token is for: a non-empty string. */
  userId: string;
  /** Permission strings of 2–30 characters; checked with exact matches. Default none. */
  permissions?: readonly string[] | null;
  /** Lifetime, 0 < hours ≤ 8760. Default `settings.DEFAULT_EXPIRATION_HOURS`. */
  expiresInHours?: number | null;
  /** Any JSON object, stored encrypted in the token. */
  additionalData?: Record<string, unknown> | null;
}

/** Options of `refreshToken`. */
export interface RefreshTokenOptions {
  /** Lifetime of the new token; default `settings.DEFAULT_EXPIRATION_HOURS`. */
  newExpiresInHours?: number | null;
}

/** What `getTokenInfo` reports. Times are `Date`s; `timeRemaining` is whole seconds (0 once expired). */
export interface TokenInfo {
  valid: boolean;
  tokenId: string;
  userId: string;
  permissions: string[];
  issuedAt: Date;
  expiresAt: Date;
  timeRemaining: number;
  additionalData: Record<string, unknown>;
}

/** What `validateToken` returns: the token is authentic and unexpired. */
export interface TokenValidation extends TokenInfo {
  valid: true;
}

/** `exportConfig()`: the non-secret configuration (never the key, the salt or derived keys). */
export interface SecureTokenConfig {
  algorithm: 'Fernet';
  /** The Fernet version byte, 0x80. */
  version: number;
  cipher: 'AES-128-CBC';
  mac: 'HMAC-SHA256';
  kdf: 'PBKDF2-HMAC-SHA256';
  iterations: number;
  defaultExpirationHours: number;
  maxClockSkewSeconds: number;
  /** Number of previous secret keys still accepted for validation (key rotation). */
  previousKeys: number;
  secretKeySource: 'settings' | 'environment' | 'default';
  saltSource: 'settings' | 'environment' | 'default';
}

/** Options of `new SecureTokenManager(options)`. */
export interface SecureTokenManagerOptions {
  /**
   * A `Settings`, or the object to build one from (validated the same way). Default:
   * `Settings.fromEnvironment()`, which refuses to run without a `SECRET_KEY`.
   */
  settings?: Settings | SettingsInit;
}

/** The JSON inside a token (field names as in the Python library's token info). */
interface TokenBody {
  token_id: string;
  user_id: string;
  permissions: string[];
  issued_at: number;
  expires_at: number;
  additional_data?: Record<string, unknown>;
}

const INVALID = 'invalid token';
/** Largest JSON body: its Fernet token (4/3 of it plus 89 bytes of framing) stays under 64 KiB. */
const MAX_BODY_BYTES = 32 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * Fernet keys, index 0 the current key, then the previous keys (newest first), all derived at the
 * manager's first use.
 *
 * Why all at once, and then: a Fernet token names no key, so a token that fails under the
 * current key must be tried under every previous one. Deriving a key when a token first needs it
 * let any forged token trigger the whole ring's PBKDF2 runs (16 keys blocked the event loop for
 * 6.1 s). Deriving the ring at the first call, whatever it is, makes the cost independent of the
 * tokens that arrive: a valid first token pays what a hostile one does, and later tokens pay
 * nothing. Not in the constructor: construction stays free (Workers construct before `init()`;
 * async callers derive on WebCrypto, off the event loop). `MAX_PREVIOUS_SECRET_KEYS` bounds the
 * one-time cost at five derivations.
 */
class KeyRing {
  readonly #settings: Settings;
  readonly #keys: (FernetKey | undefined)[];
  readonly #pending: (Promise<FernetKey> | undefined)[];
  readonly getters: readonly (() => FernetKey)[];

  constructor(settings: Settings) {
    this.#settings = settings;
    const count = 1 + settings.previousKeyCount;
    this.#keys = new Array<FernetKey | undefined>(count);
    this.#pending = new Array<Promise<FernetKey> | undefined>(count);
    this.getters = Array.from({ length: count }, (_, i) => () => this.sync(i));
  }

  /** Key `i`; the first call derives every key of the ring by the wasm PBKDF2 (see the class comment). */
  sync(i: number): FernetKey {
    const ready = this.#keys[i];
    if (ready !== undefined) return ready;
    for (let k = 0; k < this.#keys.length; k++) this.#derive(k);
    return this.#keys[i]!;
  }

  /** One synchronous PBKDF2 run for key `k`, unless it is derived already. */
  #derive(k: number): void {
    if (this.#keys[k] !== undefined) return;
    const { secretKeys, salt } = settingsSecrets(this.#settings);
    const raw = pbkdf2Sha256(secretKeys[k]!, salt, this.#settings.PBKDF2_ITERATIONS, 32);
    this.#keys[k] = new FernetKey(raw);
    raw.fill(0);
  }

  /** Derives every key without blocking the event loop where WebCrypto PBKDF2 accepts the count. */
  async all(): Promise<void> {
    await loader.init();
    await Promise.all(this.getters.map((_, i) => this.#async(i)));
  }

  #async(i: number): Promise<FernetKey> {
    const ready = this.#keys[i];
    if (ready !== undefined) return Promise.resolve(ready);
    return (this.#pending[i] ??= (async () => {
      const { secretKeys, salt } = settingsSecrets(this.#settings);
      const raw = await pbkdf2Sha256Async(secretKeys[i]!, salt, this.#settings.PBKDF2_ITERATIONS, 32);
      if (raw === null) {
        this.#derive(i); // e.g. Workers: iteration counts above 100,000 are refused
        return this.#keys[i]!;
      }
      const key = (this.#keys[i] ??= new FernetKey(raw));
      raw.fill(0);
      return key;
    })());
  }
}

/**
 * Encrypted, authenticated tokens with a user id, permissions and extra data (the Python Secure
 * Token library): standard Fernet under a key derived by PBKDF2-HMAC-SHA256 from `SECRET_KEY` and
 * `SALT`. Unlike a JWT, the contents cannot be read without the key.
 *
 * @example
 * ```ts
 * import { SecureTokenManager, generateSalt, generateSecretKey } from 'ciphertoken/secure';
 *
 * const manager = new SecureTokenManager({ settings: { SECRET_KEY: generateSecretKey(), SALT: generateSalt() } });
 * const token = manager.generateToken({ userId: 'user-1', permissions: ['read', 'write'] });
 * manager.checkPermission(token, 'write'); // true, or PermissionDeniedError
 * ```
 */
export class SecureTokenManager {
  readonly #settings: Settings;
  readonly #ring: KeyRing;

  /**
   * `settings` defaults to `Settings.fromEnvironment()`. Without a `SECRET_KEY` there (or in the
   * settings) the constructor throws `TokenError`: no built-in or per-process random key is ever
   * used, because tokens would silently stop validating across restarts and instances.
   * The key is derived on first use, not here.
   */
  constructor(options: SecureTokenManagerOptions = {}) {
    const given = options?.settings;
    let settings: Settings;
    if (given === undefined) settings = Settings.fromEnvironment();
    else if (given instanceof Settings) settings = given;
    else if (typeof given === 'object' && given !== null) settings = new Settings(given);
    else throw new TokenError('settings must be a Settings instance or a settings object');
    this.#settings = settings;
    this.#ring = new KeyRing(settings);
  }

  /** The settings in use (their secrets are masked). */
  get settings(): Settings {
    return this.#settings;
  }

  // ---- shared core: body building and reading; sync and async differ only at the crypto call ----

  #body(options: GenerateTokenOptions, now: number): Uint8Array {
    if (typeof options !== 'object' || options === null) throw new TokenError('generateToken requires { userId }');
    const { userId, additionalData } = options;
    if (typeof userId !== 'string' || userId.length === 0 || userId.length > 1024) {
      throw new TokenError('userId must be a non-empty string of at most 1024 characters');
    }
    const permissions = validatePermissions(options.permissions ?? []);
    const hours = validateExpiresHours(options.expiresInHours ?? this.#settings.DEFAULT_EXPIRATION_HOURS);
    // `null` anywhere means "not given", as Python's None does.
    if (additionalData != null && (typeof additionalData !== 'object' || Array.isArray(additionalData))) {
      throw new TokenError('additionalData must be a plain object');
    }
    const body: TokenBody = {
      token_id: crypto.randomUUID(),
      user_id: userId,
      permissions,
      issued_at: now,
      expires_at: now + Math.round(hours * 3600),
    };
    if (additionalData != null) body.additional_data = additionalData;
    let json: string;
    try {
      json = JSON.stringify(body);
    } catch (cause) {
      throw new TokenError('additionalData must be JSON-serialisable', { cause });
    }
    const bytes = encoder.encode(json);
    // Keeps every token we issue well under the size validation accepts (FERNET_MAX_TOKEN_CHARS).
    if (bytes.length > MAX_BODY_BYTES) throw new TokenError(`token contents must be at most ${MAX_BODY_BYTES} bytes of JSON`);
    return bytes;
  }

  /** Authentic plaintext → info; malformed bodies (another Fernet user of the same key) are invalid. */
  #info(plaintext: Uint8Array, now: number): TokenInfo {
    let text: string;
    try {
      text = decoder.decode(plaintext);
    } catch {
      throw new InvalidTokenError(INVALID);
    }
    const body = parseJsonObject(text);
    if (
      body === undefined ||
      typeof body.token_id !== 'string' ||
      typeof body.user_id !== 'string' ||
      !Array.isArray(body.permissions) ||
      !body.permissions.every((p) => typeof p === 'string') ||
      !Number.isSafeInteger(body.issued_at) ||
      !Number.isSafeInteger(body.expires_at) ||
      (body.additional_data !== undefined &&
        (typeof body.additional_data !== 'object' || body.additional_data === null || Array.isArray(body.additional_data)))
    ) {
      throw new InvalidTokenError(INVALID);
    }
    const expiresAt = body.expires_at as number;
    const remaining = Math.max(0, expiresAt - now);
    return {
      valid: remaining > 0,
      tokenId: body.token_id,
      userId: body.user_id,
      permissions: [...(body.permissions as string[])],
      issuedAt: new Date((body.issued_at as number) * 1000),
      expiresAt: new Date(expiresAt * 1000),
      timeRemaining: remaining,
      additionalData: (body.additional_data as Record<string, unknown> | undefined) ?? {},
    };
  }

  #valid(info: TokenInfo): TokenValidation {
    if (!info.valid) throw new TokenExpiredError('token has expired');
    return info as TokenValidation;
  }

  #permitted(info: TokenValidation, permission: string): true {
    if (typeof permission !== 'string') throw new TokenError('permission must be a string');
    // Exact, case-sensitive string match: no prefixes, wildcards or normalisation.
    if (!info.permissions.includes(permission)) throw new PermissionDeniedError('the token does not grant the required permission');
    return true;
  }

  #refreshed(info: TokenValidation, options: RefreshTokenOptions): GenerateTokenOptions {
    const refreshed: GenerateTokenOptions = { userId: info.userId, permissions: info.permissions, additionalData: info.additionalData };
    if (options.newExpiresInHours != null) refreshed.expiresInHours = options.newExpiresInHours;
    return refreshed;
  }

  // ---- synchronous API (wasm PBKDF2 + HMAC, AES on @noble/ciphers) ----

  /** A new encrypted token under the current key. */
  generateToken(options: GenerateTokenOptions): string {
    const now = nowSeconds();
    const body = this.#body(options, now);
    return fernetEncrypt(this.#ring.sync(0), body, { now });
  }

  /** Info of an authentic token, expired or not (`valid: false`, `timeRemaining: 0` once expired). */
  getTokenInfo(token: string): TokenInfo {
    const now = nowSeconds();
    const { plaintext } = fernetDecrypt(this.#ring.getters, token, { now });
    return this.#info(plaintext, now);
  }

  /** The token's contents; throws `InvalidTokenError` (tampered, truncated, wrong key, malformed) or `TokenExpiredError`. */
  validateToken(token: string): TokenValidation {
    return this.#valid(this.getTokenInfo(token));
  }

  /** `true` when the valid token lists exactly `permission`; otherwise `PermissionDeniedError`. */
  checkPermission(token: string, permission: string): true {
    return this.#permitted(this.validateToken(token), permission);
  }

  /** A new token (new id, new expiry) with the same user, permissions and data, under the current key. */
  refreshToken(token: string, options: RefreshTokenOptions = {}): string {
    return this.generateToken(this.#refreshed(this.validateToken(token), options));
  }

  /** The non-secret configuration: algorithm, version, iterations, expiry. Never the key or salt. */
  exportConfig(): SecureTokenConfig {
    const s = this.#settings;
    return {
      algorithm: 'Fernet',
      version: FERNET_VERSION,
      cipher: 'AES-128-CBC',
      mac: 'HMAC-SHA256',
      kdf: 'PBKDF2-HMAC-SHA256',
      iterations: s.PBKDF2_ITERATIONS,
      defaultExpirationHours: s.DEFAULT_EXPIRATION_HOURS,
      maxClockSkewSeconds: FERNET_MAX_CLOCK_SKEW,
      previousKeys: s.previousKeyCount,
      secretKeySource: s.secretKeySource,
      saltSource: s.saltSource,
    };
  }

  // ---- async twins (WebCrypto PBKDF2 and AES-CBC) ----

  /** Async twin of `generateToken`: derives keys and encrypts on WebCrypto. */
  async generateTokenAsync(options: GenerateTokenOptions): Promise<string> {
    const now = nowSeconds();
    const body = this.#body(options, now);
    await this.#ring.all();
    return fernetEncryptAsync(this.#ring.sync(0), body, { now });
  }

  /** Async twin of `getTokenInfo`. */
  async getTokenInfoAsync(token: string): Promise<TokenInfo> {
    const now = nowSeconds();
    await this.#ring.all();
    const { plaintext } = await fernetDecryptAsync(this.#ring.getters, token, { now });
    return this.#info(plaintext, now);
  }

  /** Async twin of `validateToken`. */
  async validateTokenAsync(token: string): Promise<TokenValidation> {
    return this.#valid(await this.getTokenInfoAsync(token));
  }

  /** Async twin of `checkPermission`. */
  async checkPermissionAsync(token: string, permission: string): Promise<true> {
    return this.#permitted(await this.validateTokenAsync(token), permission);
  }

  /** Async twin of `refreshToken`. */
  async refreshTokenAsync(token: string, options: RefreshTokenOptions = {}): Promise<string> {
    return this.generateTokenAsync(this.#refreshed(await this.validateTokenAsync(token), options));
  }

  /** Async twin of `exportConfig`. */
  async exportConfigAsync(): Promise<SecureTokenConfig> {
    return this.exportConfig();
  }

  /** The masked settings: what `JSON.stringify` and logs show. */
  toJSON(): { settings: Record<string, unknown> } {
    return { settings: this.#settings.toJSON() };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SecureTokenManager ${JSON.stringify(this.exportConfig())}`;
  }
}
