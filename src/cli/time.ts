/**
 * Durations for `--ttl`/`--leeway` and human relative times ("expires in 9 m 12 s",
 * "expired 2 h ago").
 * @module
 */

import { UsageError } from './errors.js';

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const DURATION = /^(?:\d+[smhdw]?)+$/;

/** Parses `90`, `30s`, `10m`, `2h`, `7d`, `1w` or sums such as `1h30m` into whole seconds. */
export function parseDuration(text: string, option: string): number {
  if (!DURATION.test(text)) throw new UsageError(`${option} takes a duration such as 90, 30s, 10m, 2h, 7d or 1h30m`);
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([smhdw]?)/g)) total += Number(amount) * UNIT_SECONDS[unit || 's']!;
  if (!Number.isSafeInteger(total)) throw new UsageError(`${option} is too large`);
  return total;
}

const SPANS: readonly [string, number][] = [
  ['d', 86_400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/** A span of seconds in its two most significant units: `9 m 12 s`, `2 h`, `3 d 4 h`, `0 s`. */
export function formatSpan(seconds: number): string {
  let rest = Math.floor(Math.abs(seconds));
  const parts: string[] = [];
  for (const [unit, size] of SPANS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count} ${unit}`);
    if (parts.length === 2) break;
  }
  if (parts.length === 2 && parts[1]!.startsWith('0 ')) parts.pop();
  return parts.length === 0 ? '0 s' : parts.join(' ');
}

/** `expires in 9 m 12 s` or `expired 2 h ago` for an `exp` claim, relative to `now` (Unix seconds). */
export function describeExpiry(exp: number, now: number): string {
  return exp > now ? `expires in ${formatSpan(exp - now)}` : `expired ${formatSpan(now - exp)} ago`;
}

/** `in 5 m` / `3 h ago` / `now` for any instant. */
export function describeInstant(instant: number, now: number): string {
  if (instant === now) return 'now';
  return instant > now ? `in ${formatSpan(instant - now)}` : `${formatSpan(now - instant)} ago`;
}

/** ISO 8601 text of a NumericDate, or undefined when it is not a representable instant. */
export function isoDate(seconds: number): string | undefined {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
