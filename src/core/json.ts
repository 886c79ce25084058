/**
 * JSON parsing for untrusted token segments.
 * @module
 */

/** Deepest nesting of arrays and objects accepted in token JSON: far beyond any real claim set. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether `text` nests arrays/objects deeper than `max` (brackets inside strings do not count).
 * Checked before parsing so hostile input is bounded before any work on it.
 */
function nestsDeeperThan(text: string, max: number): boolean {
  // Depth never exceeds the number of opening brackets; counting those with indexOf is far cheaper
  // than the scan below, which only runs for texts that could possibly be too deep.
  if (countOf(text, '[', max) + countOf(text, '{', max) <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/** Occurrences of `ch` in `text`, counting no further than `limit + 1`. */
function countOf(text: string, ch: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(ch); at !== -1 && count <= limit; at = text.indexOf(ch, at + 1)) count++;
  return count;
}

/**
 * Parses `text` and returns it when it is a JSON object (not an array) nested at most
 * MAX_JSON_DEPTH deep, else undefined.
 * `JSON.parse` defines `__proto__` as an own data property, never as the prototype, so hostile
 * keys cannot reach `Object.prototype` here; callers must not merge the result into other objects.
 */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
