/**
 * Status codes returned by every wasm entry point: 0 or a non-negative length on success, one of
 * these negative values on failure. `src/wasm/status.ts` mirrors this table. AssemblyScript never
 * traps on bad input; TypeScript maps a status to a typed error.
 * @module
 */

/** Input is not strict RFC 4648 §5 base64url (alphabet, `=` padding, length or trailing bits). */
export const ERR_BASE64: i32 = -1;
/** The MAC or signature does not match. */
export const ERR_SIGNATURE: i32 = -2;
/** The algorithm identifier is not one this module implements. */
export const ERR_ALGORITHM: i32 = -3;
/** An offset, a length or a segment boundary is out of range. */
export const ERR_LENGTH: i32 = -4;
/** A key that is not valid for the operation: an Ed25519 public key that is non-canonical or off the
 * curve, an EC scalar outside [1, n−1], an EC point not on the curve. */
export const ERR_KEY: i32 = -5;
