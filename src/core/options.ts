/**
 * Validation of numeric options (durations, sizes, instants). A NaN compares false with
 * everything, so an unchecked `clockTolerance: NaN` turns every `now - leeway >= exp` into "not
 * expired": options are checked once, at the API boundary, and a bad one throws `TypeError`
 * (as jose does) instead of failing open. RFC 7519 §4.1.4 leaves leeway "small"; the ranges below
 * are generous sanity bounds, not policy.
 * @module
 */

/** A century in seconds: no lifetime, leeway or maximum age is longer. */
export const MAX_SECONDS = 100 * 366 * 86_400;

/** Largest `maxTokenSize` (characters): far beyond any bearer token, still a safe allocation. */
export const MAX_TOKEN_SIZE_LIMIT = 64 * 1024 * 1024;

export interface NumberRange {
  /** Smallest accepted value (inclusive). */
  readonly min: number;
  /** Largest accepted value (inclusive). */
  readonly max: number;
  /** Whole numbers only. */
  readonly integer?: boolean;
}

/**
 * `value` when it is a finite number within `range`; `fallback` when it is undefined and a
 * fallback is given; otherwise a `TypeError` naming the option (never its value's contents).
 */
export function numberOption(name: string, value: unknown, range: NumberRange, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < range.min ||
    value > range.max ||
    (range.integer === true && !Number.isInteger(value))
  ) {
    const kind = range.integer === true ? 'a whole number' : 'a finite number';
    throw new TypeError(`${name} must be ${kind} from ${range.min} to ${range.max}`);
  }
  return value;
}

/** Seconds of leeway or age: 0 to a century. */
export const SECONDS: NumberRange = { min: 0, max: MAX_SECONDS };
/** A token lifetime: 1 second to a century, whole seconds (RFC 7519 §2 NumericDate). */
export const TTL_SECONDS: NumberRange = { min: 1, max: MAX_SECONDS, integer: true };
/** A token size limit in characters. */
export const TOKEN_SIZE: NumberRange = { min: 1, max: MAX_TOKEN_SIZE_LIMIT, integer: true };
/** Milliseconds for caches, cooldowns and timeouts: 0 to a year. */
export const MILLISECONDS: NumberRange = { min: 0, max: 366 * 86_400_000 };

/** The Unix time in whole seconds of a `currentDate` option, which must be a valid `Date`. */
export function instantOption(name: string, value: unknown): number {
  if (!(value instanceof Date)) throw new TypeError(`${name} must be a Date`);
  const ms = value.getTime();
  if (!Number.isFinite(ms)) throw new TypeError(`${name} must be a valid Date`);
  return Math.floor(ms / 1000);
}

/** Entries of a bounded cache: 1 to ten million, whole numbers. */
export const CACHE_ENTRIES: NumberRange = { min: 1, max: 10_000_000, integer: true };
