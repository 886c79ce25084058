/**
 * `ciphertoken/time`: durations and instants in whole seconds, as JWT NumericDate uses
 * (RFC 7519 §2).
 * @module
 */

/** The current Unix time in whole seconds. */
export function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** `n` minutes in seconds: `minutes(10) === 600`. */
export function minutes(n: number): number {
  return Math.round(n * 60);
}

/** `n` hours in seconds. */
export function hours(n: number): number {
  return Math.round(n * 3600);
}

/** `n` days in seconds. */
export function days(n: number): number {
  return Math.round(n * 86_400);
}

/** `n` weeks in seconds. */
export function weeks(n: number): number {
  return Math.round(n * 604_800);
}
