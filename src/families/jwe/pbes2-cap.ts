/**
 * The PBES2 iteration bounds (RFC 7518 §4.8.1.2), apart from the PBES2 family so that decryption
 * can check its `maxPbes2Count` option without loading the family (which only an app that names
 * a PBES2 algorithm pays for). jwcrypto's CVE-2023-6681 was an unbounded `p2c`.
 * @module
 */

/**
 * The largest `p2c` accepted from a token by default, and the count used when encrypting:
 * 10,000 iterations, about 5 ms of SHA-256 PBKDF2 in wasm (measured), so a flood of hostile
 * tokens costs at most that much per token. RFC 7518 §4.8.1.2 recommends at least 1,000.
 */
export const PBES2_MAX_COUNT = 10_000;
/** The least `p2c` `encryptJwt` writes (RFC 7518 §4.8.1.2). */
export const PBES2_MIN_COUNT = 1_000;

/** Checks a `maxPbes2Count` option: a whole number from 1 to 10,000,000. */
export function pbes2CapOption(value: unknown): number {
  if (value === undefined) return PBES2_MAX_COUNT;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 10_000_000) {
    throw new TypeError('maxPbes2Count must be a whole number from 1 to 10000000');
  }
  return value;
}
