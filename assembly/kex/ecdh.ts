/**
 * Elliptic-curve Diffie–Hellman on the module's curve: the shared secret Z = x(d·Q) of NIST
 * SP 800-56A Rev. 3 §5.7.1.2 (ECC CDH; the cofactor of P-256 and P-384 is 1), as JWE's ECDH-ES
 * uses it (RFC 7518 §4.6). The peer's point is fully validated first (§5.6.2.3.4: coordinates
 * below p, on the curve; with cofactor 1 that also places it in the prime-order group), which
 * defeats invalid-curve attacks. https://doi.org/10.6028/NIST.SP.800-56Ar3
 * @module
 */

import { pointFromAffineBytesVartime, pointMul, pointToAffineBytes, PT } from "../curve/weierstrass";
import { ecdsaPrivateValid } from "../sig/ecdsa";
import { wipe } from "../util/ct";
import { ERR_KEY } from "../util/status";

const PEER: usize = memory.data(<i32>PT);
const SHARED: usize = memory.data(<i32>PT);

/**
 * Writes x(d·Q) (CLEN big-endian bytes) to `out` for the private scalar at `d` (CLEN bytes) and the
 * peer's public point x ‖ y at `pub`. Returns 0, or ERR_KEY when d ∉ [1, n−1], when x ‖ y is not a
 * point of the curve, or when the product is the identity (SP 800-56A §5.7.1.2 step 2).
 * Constant-time in d; the checks of the public point are variable-time (public input).
 */
export function ecdh(d: usize, pub: usize, out: usize): i32 {
  if (ecdsaPrivateValid(d) == 0) return ERR_KEY;
  if (pointFromAffineBytesVartime(PEER, pub) == 0) return ERR_KEY;
  pointMul(SHARED, PEER, d);
  const ok = pointToAffineBytes(out, 0, SHARED);
  wipe(SHARED, PT);
  return ok != 0 ? 0 : ERR_KEY;
}
