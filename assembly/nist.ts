/**
 * The `nist` wasm module (DESIGN.md "wasm modules"): ECDSA over P-256 and P-384 (FIPS 186-5 §6.4,
 * deterministic nonces per RFC 6979) and the fused ES256/ES384 JWS pipelines (RFC 7518 §3.4).
 * Curve 0 = P-256, 1 = P-384. It links its own SHA-256/384 and base64url rather than calling the
 * hash module, so it needs no imports and loads on its own. Its exports are this module's whole
 * ABI (offsets into its own linear memory, i32 statuses from util/status.ts).
 * @module
 */

import { ecdsaHash } from "./jws/ecdsa";
import { curveKnown, curveLen } from "./field/nist";
import { ecdsaPrecomputeVartime, ecdsaPrivateValid, ecdsaPublicKey, ecdsaSign as ecSign, ecdsaVerifyVartime as ecVerify } from "./sig/ecdsa";
import { pointFromAffineBytesVartime, qTableLength, QROWS_MAX } from "./curve/weierstrass";
import { ERR_ALGORITHM, ERR_KEY, ERR_SIGNATURE } from "./util/status";

export { jwsEcdsaSign, jwsEcdsaVerifyVartime } from "./jws/ecdsa";
export { keySlot, keySlotSize, scratchBase, scratchCapacity, scratchReserve } from "./util/scratch";

const EC_POINT: usize = memory.data(3 * 64);

/**
 * Derives the public key x ‖ y of the private scalar at `d` into `out`. Returns 0, ERR_KEY when d
 * is not in [1, n−1], or ERR_ALGORITHM. Constant-time in d.
 */
export function ecPublicKey(curve: i32, d: usize, out: usize): i32 {
  if (!curveKnown(curve)) return ERR_ALGORITHM;
  if (ecdsaPrivateValid(curve, d) == 0) return ERR_KEY;
  ecdsaPublicKey(curve, d, out);
  return 0;
}

/** Checks that x ‖ y at `pub` is a point of the curve. Returns 0 or ERR_KEY. Variable-time: public input. */
export function ecPublicCheckVartime(curve: i32, pub: usize): i32 {
  if (!curveKnown(curve)) return ERR_ALGORITHM;
  return pointFromAffineBytesVartime(curve, EC_POINT, pub) ? 0 : ERR_KEY;
}

/**
 * ECDSA signature r ‖ s of `len` bytes at `msg` (hashed with the curve's SHA-2, RFC 7518 §3.4) with
 * the private scalar at `d`, written to `out`. Returns the signature length, ERR_KEY or
 * ERR_ALGORITHM. Constant-time in d.
 */
export function ecdsaSign(curve: i32, d: usize, msg: usize, len: usize, out: usize): i32 {
  if (!curveKnown(curve)) return ERR_ALGORITHM;
  if (ecdsaPrivateValid(curve, d) == 0) return ERR_KEY;
  ecSign(curve, d, ecdsaHash(curve, msg, len), out);
  return <i32>(curveLen(curve) << 1);
}

/**
 * Verifies the signature (`sigLen` bytes at `sig`) of `len` bytes at `msg` against the public key's
 * verification table at `table` (ecPrecomputeVartime), or when `table` is 0 against x ‖ y at `pub`.
 * Returns 0 or ERR_SIGNATURE. Variable-time: public inputs only.
 */
export function ecdsaVerifyVartime(curve: i32, pub: usize, table: usize, msg: usize, len: usize, sig: usize, sigLen: usize): i32 {
  if (!curveKnown(curve)) return ERR_ALGORITHM;
  return ecVerify(curve, pub, table, QROWS_MAX, ecdsaHash(curve, msg, len), sig, sigLen) ? 0 : ERR_SIGNATURE;
}

/** Byte length of a public key's verification table (see ecPrecomputeVartime). Constant-time (public sizes only). */
export function ecTableLength(curve: i32): i32 {
  if (!curveKnown(curve)) return ERR_ALGORITHM;
  return <i32>qTableLength(curve, QROWS_MAX);
}

/**
 * Validates the public key x ‖ y at `pub` and writes its verification table (64 precomputed
 * multiples, ecTableLength bytes) to `out`, so later verifications with this key need only 4·(T−1)
 * doublings. Returns 0 or ERR_KEY. Variable-time: public input.
 */
export function ecPrecomputeVartime(curve: i32, pub: usize, out: usize): i32 {
  if (!curveKnown(curve)) return ERR_ALGORITHM;
  return ecdsaPrecomputeVartime(curve, pub, QROWS_MAX, out) ? 0 : ERR_KEY;
}
