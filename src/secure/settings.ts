/**
 * `Settings` for the Secure Token manager (API.md `ciphertoken/secure`; the Python `Settings`):
 * validated once at construction, secrets held out of reach of enumeration, `JSON.stringify` and
 * `util.inspect`. `Settings.fromEnvironment()` reads `SECRET_KEY`, `SALT`,
 * `DEFAULT_EXPIRATION_HOURS` and `PBKDF2_ITERATIONS` where the runtime has environment variables
 * (Node, Bun, Deno with `--allow-env`); Workers construct `Settings` explicitly.
 * @module
 */

import { TokenError } from '../core/errors.js';
import { secretKeyProblem, validateExpiresHours } from './validators.js';

/** OWASP Password Storage Cheat Sheet (2023): 600,000 iterations for PBKDF2-HMAC-SHA256. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;
/** RFC 8018 §4.2: "A minimum of 1,000 iterations is recommended." */
export const MIN_PBKDF2_ITERATIONS = 1_000;
/**
 * Upper bound: every key is derived synchronously by the sync API (about 0.6 µs per iteration,
 * measured: 345 ms for 600,000), so 10,000,000 is some 6 s per key, and 2^32 - 1 was 40 minutes.
 */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
export const DEFAULT_EXPIRATION_HOURS = 24;
/**
 * At most this many previous keys are kept for rotation. Each costs one PBKDF2 run (345 ms at the
 * default count, measured), and a Fernet token names no key, so all are derived: 16 took 6.1 s.
 */
export const MAX_PREVIOUS_SECRET_KEYS = 4;
/**
 * Salt used when none is configured: public, fixed domain separation (NIST SP 800-132 §5.1 asks
 * for a random salt; set `SALT`, e.g. from `generateSalt()`, so that precomputation against one
 * deployment does not carry over to another). `exportConfig()` reports which one is in use.
 */
const DEFAULT_SALT = 'ciphertoken/secure v1 default salt';
const MASK = '********';

/** The fields of `new Settings(init)`, named as in the Python library and its environment variables. */
export interface SettingsInit {
  /** ≥ 16 characters with upper case, lower case, a digit and one of `@$!%*?&#`. */
  SECRET_KEY: string;
  /** KDF salt, UTF-8 text or bytes, ≥ 16 bytes. Default: a fixed public salt (see exportConfig). */
  SALT?: string | Uint8Array;
  /** Default token lifetime, 0 < hours ≤ 8760. Default 24. */
  DEFAULT_EXPIRATION_HOURS?: number;
  /** PBKDF2-HMAC-SHA256 iteration count, 1,000 to 10,000,000. Default 600,000 (OWASP 2023). */
  PBKDF2_ITERATIONS?: number;
  /**
   * Earlier secret keys, newest first: tokens made under any of them still validate, new tokens
   * use `SECRET_KEY` (key rotation, like Python's `MultiFernet`). Same `SALT` and iterations.
   * At most 4.
   */
  PREVIOUS_SECRET_KEYS?: readonly string[];
}

/** Where a setting came from: passed in, read from the environment, or the built-in default. */
export type SettingSource = 'settings' | 'environment' | 'default';

interface SettingsSecrets {
  readonly secretKeys: readonly Uint8Array[];
  readonly salt: Uint8Array;
}

/** Secret material lives here, not on the object, so nothing that walks a `Settings` reaches it. */
const secrets = new WeakMap<Settings, SettingsSecrets>();
const encoder = new TextEncoder();

/** @internal the secret key bytes (current first) and the salt of `settings`. */
export function settingsSecrets(settings: Settings): SettingsSecrets {
  const found = secrets.get(settings);
  if (found === undefined) throw new TokenError('not a Settings instance');
  return found;
}

/** An environment variable where the runtime exposes them, else undefined (never throws). */
function readEnv(name: string): string | undefined {
  const g = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get(key: string): string | undefined } };
  };
  for (const read of [() => g.process?.env?.[name], () => g.Deno?.env?.get(name)]) {
    try {
      const value = read();
      if (typeof value === 'string' && value !== '') return value;
    } catch {
      // Deno without --allow-env, or an embedder that forbids access: treated as unset.
    }
  }
  return undefined;
}

function parseEnvNumber(name: string, text: string): number {
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text)) throw new TokenError(`${name} must be a number`);
  return Number(text);
}

/**
 * Validated Secure Token settings: the secret key (and earlier keys still accepted), salt, PBKDF2
 * iteration count and default lifetime. Secrets are kept off the object and print masked.
 *
 * @example
 * ```ts
 * import { SecureTokenManager, Settings } from 'ciphertoken/secure';
 *
 * const settings = new Settings({ SECRET_KEY: process.env.SECRET_KEY!, SALT: process.env.SALT!, DEFAULT_EXPIRATION_HOURS: 8 });
 * const manager = new SecureTokenManager({ settings });
 * ```
 */
export class Settings {
  /** Lifetime of a token made without `expiresInHours`. */
  readonly DEFAULT_EXPIRATION_HOURS: number;
  /** PBKDF2-HMAC-SHA256 iteration count of the key derivation. */
  readonly PBKDF2_ITERATIONS: number;
  /** Where SECRET_KEY and SALT came from (reported by `exportConfig`, never the values). */
  readonly secretKeySource: SettingSource;
  /** Where SALT came from. */
  readonly saltSource: SettingSource;
  /** How many earlier secret keys are still accepted. */
  readonly previousKeyCount: number;

  /** Validates every field; throws `TokenError` (code `ERR_CIPHERTOKEN`) naming the rule broken. */
  constructor(init: SettingsInit, sources: { secretKey?: SettingSource; salt?: SettingSource } = {}) {
    if (typeof init !== 'object' || init === null) throw new TokenError('Settings requires an object with SECRET_KEY');
    if (init.SECRET_KEY === undefined || init.SECRET_KEY === '') {
      throw new TokenError(
        'SECRET_KEY is required: pass new Settings({ SECRET_KEY }) or set the SECRET_KEY environment variable (generateSecretKey() makes one)',
      );
    }
    const problem = secretKeyProblem(init.SECRET_KEY);
    if (problem !== undefined) throw new TokenError(problem);
    const previous = init.PREVIOUS_SECRET_KEYS ?? [];
    if (!Array.isArray(previous)) throw new TokenError('PREVIOUS_SECRET_KEYS must be a list of strings');
    if (previous.length > MAX_PREVIOUS_SECRET_KEYS)
      throw new TokenError(`at most ${MAX_PREVIOUS_SECRET_KEYS} PREVIOUS_SECRET_KEYS are allowed`);
    for (const key of previous) {
      const issue = secretKeyProblem(key, 'each of PREVIOUS_SECRET_KEYS');
      if (issue !== undefined) throw new TokenError(issue);
    }

    let salt: Uint8Array;
    if (init.SALT === undefined) salt = encoder.encode(DEFAULT_SALT);
    else if (typeof init.SALT === 'string') salt = encoder.encode(init.SALT);
    else if (init.SALT instanceof Uint8Array) salt = init.SALT.slice();
    else throw new TokenError('SALT must be a string or a Uint8Array');
    if (salt.length < 16) throw new TokenError('SALT must be at least 16 bytes long');
    if (salt.length > 1024) throw new TokenError('SALT must be at most 1024 bytes long');

    const iterations = init.PBKDF2_ITERATIONS ?? DEFAULT_PBKDF2_ITERATIONS;
    if (!Number.isInteger(iterations) || iterations < MIN_PBKDF2_ITERATIONS || iterations > MAX_PBKDF2_ITERATIONS) {
      throw new TokenError(`PBKDF2_ITERATIONS must be an integer from ${MIN_PBKDF2_ITERATIONS} to ${MAX_PBKDF2_ITERATIONS}`);
    }

    this.DEFAULT_EXPIRATION_HOURS = validateExpiresHours(init.DEFAULT_EXPIRATION_HOURS ?? DEFAULT_EXPIRATION_HOURS);
    this.PBKDF2_ITERATIONS = iterations;
    this.secretKeySource = sources.secretKey ?? 'settings';
    this.saltSource = init.SALT === undefined ? 'default' : (sources.salt ?? 'settings');
    this.previousKeyCount = previous.length;
    secrets.set(this, { secretKeys: [init.SECRET_KEY, ...previous].map((k) => encoder.encode(k)), salt });
    Object.freeze(this);
  }

  /**
   * Settings from the environment: `SECRET_KEY` (required: without it this throws `TokenError`
   * rather than fall back to any built-in or random key), `SALT`, `DEFAULT_EXPIRATION_HOURS`,
   * `PBKDF2_ITERATIONS`. Node, Bun and Deno (with `--allow-env`); elsewhere there is nothing to read.
   */
  static fromEnvironment(): Settings {
    const init: { -readonly [K in keyof SettingsInit]: SettingsInit[K] } = { SECRET_KEY: readEnv('SECRET_KEY') ?? '' };
    const salt = readEnv('SALT');
    if (salt !== undefined) init.SALT = salt;
    const hours = readEnv('DEFAULT_EXPIRATION_HOURS');
    if (hours !== undefined) init.DEFAULT_EXPIRATION_HOURS = parseEnvNumber('DEFAULT_EXPIRATION_HOURS', hours);
    const iterations = readEnv('PBKDF2_ITERATIONS');
    if (iterations !== undefined) init.PBKDF2_ITERATIONS = parseEnvNumber('PBKDF2_ITERATIONS', iterations);
    return new Settings(init, { secretKey: 'environment', salt: 'environment' });
  }

  /** Always `'********'`: the key is never readable back from a `Settings`. */
  get SECRET_KEY(): string {
    return MASK;
  }

  /** Always `'********'`. */
  get SALT(): string {
    return MASK;
  }

  /** The settings with `SECRET_KEY`, `SALT` and earlier keys masked. */
  toJSON(): Record<string, unknown> {
    return {
      SECRET_KEY: MASK,
      SALT: MASK,
      DEFAULT_EXPIRATION_HOURS: this.DEFAULT_EXPIRATION_HOURS,
      PBKDF2_ITERATIONS: this.PBKDF2_ITERATIONS,
      PREVIOUS_SECRET_KEYS: this.previousKeyCount,
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Settings ${JSON.stringify(this.toJSON())}`;
  }
}
