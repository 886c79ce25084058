/**
 * The ABI shared by the curve modules p256, p384 and p521 (DESIGN.md "wasm modules"): ECDSA over
 * the module's curve (FIPS 186-5 §6.4, deterministic nonces per RFC 6979) and its fused JWS
 * pipeline (RFC 7518 §3.4). The curve is fixed when the module is compiled (field/curve.ts), so no
 * export takes a curve identifier. Each module links its own SHA-2 and base64url rather than
 * calling the hash module, so it needs no imports and loads on its own. Offsets point into the
 * module's own linear memory; statuses come from util/status.ts.
 * @module
 */

import { ecdsaHash } from "./jws/ecdsa";
import { CLEN } from "./field/curve";
import { ecdsaPrecomputeVartime, ecdsaPrivateValid, ecdsaPublicKey, ecdsaSign as ecSign, ecdsaVerifyVartime as ecVerify } from "./sig/ecdsa";
import { PT, pointFromAffineBytesVartime, qTableLength, QROWS_MAX } from "./curve/weierstrass";
import { ERR_KEY, ERR_SIGNATURE } from "./util/status";

export { jwsEcdsaSign, jwsEcdsaVerifyVartime } from "./jws/ecdsa";
export { keySlot, keySlotSize, scratchBase, scratchCapacity, scratchReserve } from "./util/scratch";
export { nh, nhKey, nhKeyLength, nhOut } from "./hash/nh";

const EC_POINT: usize = memory.data(<i32>PT);

/** Coordinate and scalar length in bytes of the module's curve: 32, 48 or 66. Constant-time. */
export function ecCoordinateLength(): i32 {
  return <i32>CLEN;
}

/**
 * Derives the public key x ‖ y of the private scalar at `d` into `out`. Returns 0, or ERR_KEY when
 * d is not in [1, n−1]. Constant-time in d.
 */
export function ecPublicKey(d: usize, out: usize): i32 {
  if (ecdsaPrivateValid(d) == 0) return ERR_KEY;
  ecdsaPublicKey(d, out);
  return 0;
}

/** Checks that x ‖ y at `pub` is a point of the curve. Returns 0 or ERR_KEY. Variable-time: public input. */
export function ecPublicCheckVartime(pub: usize): i32 {
  return pointFromAffineBytesVartime(EC_POINT, pub) ? 0 : ERR_KEY;
}

/**
 * ECDSA signature r ‖ s of `len` bytes at `msg` (hashed with the curve's SHA-2, RFC 7518 §3.4) with
 * the private scalar at `d`, written to `out`. Returns the signature length or ERR_KEY.
 * Constant-time in d.
 */
export function ecdsaSign(d: usize, msg: usize, len: usize, out: usize): i32 {
  if (ecdsaPrivateValid(d) == 0) return ERR_KEY;
  ecSign(d, ecdsaHash(msg, len), out);
  return <i32>(CLEN << 1);
}

/**
 * Verifies the signature (`sigLen` bytes at `sig`) of `len` bytes at `msg` against the public key's
 * verification table at `table` (ecPrecomputeVartime), or when `table` is 0 against x ‖ y at `pub`.
 * Returns 0 or ERR_SIGNATURE. Variable-time: public inputs only.
 */
export function ecdsaVerifyVartime(pub: usize, table: usize, msg: usize, len: usize, sig: usize, sigLen: usize): i32 {
  return ecVerify(pub, table, QROWS_MAX, ecdsaHash(msg, len), sig, sigLen) ? 0 : ERR_SIGNATURE;
}

/** Byte length of a public key's verification table (see ecPrecomputeVartime). Constant-time (public sizes only). */
export function ecTableLength(): i32 {
  return <i32>qTableLength(QROWS_MAX);
}

/**
 * Validates the public key x ‖ y at `pub` and writes its verification table (512 precomputed
 * multiples, ecTableLength bytes) to `out`, so later verifications with this key need only 6·(T−1)
 * doublings (T = 3 columns for P-256). Returns 0 or ERR_KEY. Variable-time: public input.
 */
export function ecPrecomputeVartime(pub: usize, out: usize): i32 {
  return ecdsaPrecomputeVartime(pub, QROWS_MAX, out) ? 0 : ERR_KEY;
}
