/**
 * JSON parsing for untrusted token segments.
 * @module
 */

/**
 * Parses `text` and returns it when it is a JSON object (not an array), else undefined.
 * `JSON.parse` defines `__proto__` as an own data property, never as the prototype, so hostile
 * keys cannot reach `Object.prototype` here; callers must not merge the result into other objects.
 */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
