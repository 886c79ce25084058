/**
 * Secure Token utilities and validators (the Python `secure_token` helpers, API.md
 * `ciphertoken/secure`): random secret keys and salts, permission lists and expiry hours.
 * Randomness comes from `crypto.getRandomValues` on every runtime.
 * @module
 */

import { TokenError } from '../core/errors.js';

/** Special characters a SECRET_KEY must contain one of (API.md "SECRET_KEY rules"). */
export const SECRET_KEY_SPECIALS = '@$!%*?&#';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const KEY_ALPHABET = UPPER + LOWER + DIGITS + SECRET_KEY_SPECIALS;

export const SECRET_KEY_MIN_LENGTH = 16;
/**
 * Distinct characters a SECRET_KEY needs: half the minimum length. Four character classes alone
 * admit `Aa1!Aa1!Aa1!Aa1!`, four characters repeated.
 */
export const SECRET_KEY_MIN_DISTINCT = 8;
export const PERMISSION_MIN_LENGTH = 2;
export const PERMISSION_MAX_LENGTH = 30;
export const MAX_EXPIRES_HOURS = 8760;

/** Uniform index below `n` (n ≤ 256) by rejection sampling: no modulo bias. */
function randomIndices(count: number, n: number): number[] {
  const limit = 256 - (256 % n);
  const out: number[] = [];
  while (out.length < count) {
    for (const byte of crypto.getRandomValues(new Uint8Array(count * 2))) {
      if (byte < limit && out.length < count) out.push(byte % n);
    }
  }
  return out;
}

/** Unicode general category Cc: C0 controls (NUL, tab, newline…), DEL and the C1 controls. */
const CONTROL = /\p{Cc}/u;

/** True when `key` is one shorter sequence repeated (a period of at most half its length). */
function isRepeated(key: readonly string[]): boolean {
  for (let period = 1; period <= key.length / 2; period++) {
    let i = period;
    while (i < key.length && key[i] === key[i - period]) i++;
    if (i === key.length) return true;
  }
  return false;
}

/**
 * The SECRET_KEY rule the key breaks, or undefined when it is acceptable. Never echoes the key.
 *
 * The rules are a floor that refuses obvious mistakes, not a strength meter: `Password#2024abc`
 * passes and is guessable. Use `generateSecretKey()`. In order: a string; no control characters
 * (NUL padding or a stray newline would be part of the key and invisible); at least 16
 * characters; upper case, lower case, a digit and one of `@$!%*?&#`; at least 8 distinct
 * characters; not one shorter sequence repeated.
 */
export function secretKeyProblem(key: unknown, name = 'SECRET_KEY'): string | undefined {
  if (typeof key !== 'string') return `${name} must be a string`;
  if (CONTROL.test(key)) return `${name} must not contain control characters`;
  if (key.length < SECRET_KEY_MIN_LENGTH) return `${name} must be at least ${SECRET_KEY_MIN_LENGTH} characters long`;
  if (!/[A-Z]/.test(key)) return `${name} must contain at least one uppercase letter`;
  if (!/[a-z]/.test(key)) return `${name} must contain at least one lowercase letter`;
  if (!/[0-9]/.test(key)) return `${name} must contain at least one digit`;
  if (![...SECRET_KEY_SPECIALS].some((c) => key.includes(c))) {
    return `${name} must contain at least one special character (${SECRET_KEY_SPECIALS})`;
  }
  // Code points, so a key of astral characters is judged by its characters, not UTF-16 halves.
  const chars = [...key];
  if (new Set(chars).size < SECRET_KEY_MIN_DISTINCT) return `${name} must contain at least ${SECRET_KEY_MIN_DISTINCT} distinct characters`;
  if (isRepeated(chars)) return `${name} must not be one shorter sequence repeated`;
  return undefined;
}

/**
 * A random secret key of `length` characters (default 32) drawn uniformly from letters, digits and
 * `@$!%*?&#`, redrawn until it passes every `secretKeyProblem` rule, so it always passes
 * `Settings` validation (a redraw is rare: 16 characters from 70 almost never repeat or fall
 * below 8 distinct).
 * 32 characters carry about 195 bits of entropy.
 *
 * @example
 * ```ts
 * import { generateSecretKey } from 'ciphertoken/secure';
 *
 * const SECRET_KEY = generateSecretKey(); // 32 characters that pass the SECRET_KEY rules
 * ```
 */
export function generateSecretKey(length = 32): string {
  if (!Number.isInteger(length) || length < SECRET_KEY_MIN_LENGTH || length > 1024) {
    throw new TokenError(`secret key length must be an integer from ${SECRET_KEY_MIN_LENGTH} to 1024`);
  }
  // Rejection sampling over whole keys keeps the distribution uniform among the valid ones.
  for (;;) {
    const key = randomIndices(length, KEY_ALPHABET.length)
      .map((i) => KEY_ALPHABET[i])
      .join('');
    if (secretKeyProblem(key) === undefined) return key;
  }
}

/**
 * `length` random bytes (default 32) for `Settings({ SALT })`; at least 16 (NIST SP 800-132 §5.1).
 *
 * @example
 * ```ts
 * import { generateSalt } from 'ciphertoken/secure';
 *
 * const SALT = generateSalt(); // 32 random bytes
 * ```
 */
export function generateSalt(length = 32): Uint8Array {
  if (!Number.isInteger(length) || length < 16 || length > 1024)
    throw new TokenError('salt length must be an integer from 16 to 1024 bytes');
  return crypto.getRandomValues(new Uint8Array(length));
}

/**
 * Checks a permission list: an array of strings of 2–30 characters each. Returns the list (a copy)
 * or throws `TokenError`. Permission checks elsewhere are exact, case-sensitive string matches.
 *
 * @example
 * ```ts
 * import { validatePermissions } from 'ciphertoken/secure';
 *
 * validatePermissions(['read', 'write']); // ['read', 'write']
 * ```
 */
export function validatePermissions(permissions: unknown): string[] {
  if (!Array.isArray(permissions)) throw new TokenError('permissions must be a list of strings');
  if (permissions.length > 1000) throw new TokenError('at most 1000 permissions are allowed');
  for (const permission of permissions) {
    if (typeof permission !== 'string') throw new TokenError('each permission must be a string');
    if (permission.length < PERMISSION_MIN_LENGTH || permission.length > PERMISSION_MAX_LENGTH) {
      throw new TokenError(`permission length must be between ${PERMISSION_MIN_LENGTH} and ${PERMISSION_MAX_LENGTH} characters`);
    }
  }
  return [...(permissions as string[])];
}

/**
 * Checks an expiry in hours: a finite number with 0 < hours ≤ 8760 (one year). Returns it.
 *
 * @example
 * ```ts
 * import { validateExpiresHours } from 'ciphertoken/secure';
 *
 * validateExpiresHours(24); // 24; 0 or 9000 throw TokenError
 * ```
 */
export function validateExpiresHours(hours: unknown): number {
  if (typeof hours !== 'number' || !Number.isFinite(hours)) throw new TokenError('expiration hours must be a finite number');
  if (hours <= 0) throw new TokenError('expiration hours must be greater than 0');
  if (hours > MAX_EXPIRES_HOURS) throw new TokenError(`expiration hours must be at most ${MAX_EXPIRES_HOURS} (one year)`);
  return hours;
}
