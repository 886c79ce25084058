/**
 * Byte helpers shared by the layers above.
 * @module
 */

/** A big-endian unsigned integer (RFC 8017 §4.2 OS2IP) as a bigint; 0 for no bytes. Variable-time: key set-up only. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/** `parts` joined into one new array. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Equality of two byte strings whose lengths are public (a tag, a key's public half): no early
 * exit on the first differing byte, so the time says nothing about where they differ.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
