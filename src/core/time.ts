/**
 * `ciphertoken/time`: durations and instants in whole seconds, as JWT NumericDate uses
 * (RFC 7519 §2).
 * @module
 */

/**
 * The current Unix time in whole seconds.
 *
 * @example
 * ```ts
 * import { now } from 'ciphertoken/time';
 *
 * const exp = now() + 600;
 * ```
 */
export function now(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * `n` minutes in seconds: `minutes(10) === 600`.
 *
 * @example
 * ```ts
 * import { minutes } from 'ciphertoken/time';
 *
 * minutes(10); // 600
 * ```
 */
export function minutes(n: number): number {
  return Math.round(n * 60);
}

/**
 * `n` hours in seconds.
 *
 * @example
 * ```ts
 * import { hours } from 'ciphertoken/time';
 *
 * hours(2); // 7200
 * ```
 */
export function hours(n: number): number {
  return Math.round(n * 3600);
}

/**
 * `n` days in seconds.
 *
 * @example
 * ```ts
 * import { days } from 'ciphertoken/time';
 *
 * days(7); // 604800
 * ```
 */
export function days(n: number): number {
  return Math.round(n * 86_400);
}

/**
 * `n` weeks in seconds.
 *
 * @example
 * ```ts
 * import { weeks } from 'ciphertoken/time';
 *
 * weeks(1); // 604800
 * ```
 */
export function weeks(n: number): number {
  return Math.round(n * 604_800);
}
