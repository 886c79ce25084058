/**
 * ECDSA over the module's curve (P-256, P-384 or P-521), signatures r ‖ s. https://doi.org/10.6028/NIST.FIPS.186-5
 *
 * FIPS 186-5 §6.4 and SEC 1 §4.1, with deterministic nonces (RFC 6979)
 * and the JWS signature encoding r ‖ s, each CLEN big-endian bytes (RFC 7518 §3.4, IEEE
 * P1363). Signing is constant-time in the private key, the nonce and the message hash; verifying
 * is variable-time on public inputs only.
 * @module
 */

import { baseMul, baseMulX, doubleScalarMulVartime, pointFromAffineBytesVartime, pointToAffineBytes, PT, qTableVartime } from "../curve/weierstrass";
import {
  CLEN, CURVE, FE_STRIDE, HASH_BITS, N_BYTES, fAdd, fFromBytes, fIsZero, fMul, fNeg, fSqr, fSub, fToBytes, fsInvPair,
  sAdd, sFromBytes, sFromBytesPlain, sFromBytesReduce, sFromBytesReducePlain, sFromMont, sInv, sIsZero, sMul, sToBytes, sToBytesPlain,
} from "../field/curve";
import { wipe } from "../util/ct";
import { rfc6979Generate, rfc6979Init, rfc6979Reseed, rfc6979Wipe } from "./rfc6979";

/**
 * 8·CLEN − qlen: the bits RFC 6979 §2.3.2 bits2int drops from a CLEN-byte candidate so that k
 * has qlen bits (7 for P-521, whose order has 521 bits; 0 for P-256 and P-384).
 */
const QLEN_SHIFT: u32 = <u32>((CLEN << 3) - <usize>CURVE);

const FE: usize = FE_STRIDE;
const D: usize = memory.data(<i32>FE);
const E: usize = memory.data(<i32>FE);
const KS: usize = memory.data(<i32>FE);
const KI: usize = memory.data(<i32>FE);
const RS: usize = memory.data(<i32>FE);
const SS: usize = memory.data(<i32>FE);
const BYTES: usize = memory.data(<i32>FE);
const H1: usize = memory.data(<i32>FE);
const XB: usize = memory.data(<i32>FE);
/** x(k·G) as the fraction X/Z (baseMulX), then Z⁻¹. */
const XZ: usize = memory.data(<i32>(FE << 1));
const ZI: usize = memory.data(<i32>FE);
const POINT: usize = memory.data(<i32>PT);

/**
 * Private scalar check: returns 1 when the `curveLen` big-endian bytes at `d` encode 1 ≤ d < n
 * (SEC 1 §3.2.1). Constant-time.
 */
export function ecdsaPrivateValid(d: usize): u32 {
  const ok = sFromBytesPlain(D, d) & (1 - sIsZero(D));
  wipe(D, FE);
  return ok;
}

/**
 * Public key Q = d·G as affine x ‖ y (2·CLEN bytes) for a valid private scalar d (see
 * ecdsaPrivateValid). Constant-time.
 */
export function ecdsaPublicKey(d: usize, out: usize): void {
  baseMul(POINT, d);
  pointToAffineBytes(out, out + CLEN, POINT);
  wipe(POINT, PT);
}

/**
 * Signs the hash `h` (bits2int of the curve's SHA-2 digest as CLEN big-endian bytes, see
 * jws/ecdsa.ts ecdsaHash) with the private scalar `d` (CLEN big-endian bytes, 1 ≤ d < n, checked by
 * the caller), writing r ‖ s to `out`. FIPS 186-5 §6.4.1 with k from RFC 6979 §3.2. Constant-time in d, h and k; the only
 * branches are the §3.2 step h.3 retries on k ∉ [1, n−1], r = 0 or s = 0 (probability < 2^-200).
 */
export function ecdsaSign(d: usize, h: usize, out: usize): void {
  const len = CLEN;
  // The scalars stay plain (the integers, not the Montgomery domain), so s takes four products
  // mod n in all, counting the one inside the inversion.
  sFromBytesPlain(D, d);
  // e = bits2int(h) mod n (RFC 6979 §2.3.2), also bits2octets(h) for the DRBG (§2.3.4).
  sFromBytesReducePlain(E, h);
  sToBytesPlain(H1, E);
  // e·R⁻¹: the scale of the product r·d·R⁻¹ it is added to below.
  sFromMont(E, E);
  rfc6979Init(HASH_BITS, d, H1, len);
  let first = true;
  while (true) {
    if (!first) rfc6979Reseed();
    first = false;
    rfc6979Generate(BYTES, len, QLEN_SHIFT);
    // k ∈ [1, n−1] (RFC 6979 §3.2 step h.3)
    if ((sFromBytesPlain(KS, BYTES) & (1 - sIsZero(KS))) == 0) continue;
    // r = x(k·G) mod n (FIPS 186-5 §6.4.1 steps 6–8), x = X/Z. Z⁻¹ and k⁻¹ are computed together
    // (fsInvPair); k⁻¹ comes as k⁻¹·R², the Montgomery-domain inverse of the plain k.
    baseMulX(XZ, BYTES);
    fsInvPair(ZI, XZ + FE, KI, KS);
    fMul(XZ, XZ, ZI);
    fToBytes(XB, XZ);
    sFromBytesReducePlain(RS, XB);
    if (sIsZero(RS)) continue;
    // s = k⁻¹ (e + r·d) mod n (step 9): (r·d + e)·R⁻¹ times k⁻¹·R² is s itself, plain.
    sMul(SS, RS, D);
    sAdd(SS, SS, E);
    sMul(SS, SS, KI);
    if (sIsZero(SS)) continue;
    sToBytesPlain(out, RS);
    sToBytesPlain(out + len, SS);
    break;
  }
  rfc6979Wipe();
  wipe(D, FE); wipe(E, FE); wipe(KS, FE); wipe(KI, FE); wipe(RS, FE); wipe(SS, FE);
  wipe(BYTES, FE); wipe(H1, FE); wipe(XB, FE); wipe(XZ, FE << 1); wipe(ZI, FE); wipe(POINT, PT);
}

const Q: usize = memory.data(<i32>PT);
const U1: usize = memory.data(<i32>FE);
const U2: usize = memory.data(<i32>FE);
const W: usize = memory.data(<i32>FE);
const T: usize = memory.data(<i32>FE);
const RF: usize = memory.data(<i32>(FE << 1));
const NF: usize = memory.data(<i32>FE);
const PMN: usize = memory.data(<i32>FE);

/** Big-endian comparison a < b over `len` bytes. Variable-time. */
function lessThanVartime(a: usize, b: usize, len: usize): bool {
  for (let i: usize = 0; i < len; i++) {
    const x = load<u8>(a + i), y = load<u8>(b + i);
    if (x != y) return x < y;
  }
  return false;
}

/** Table of one row for one-shot verification (no per-key table): 8 affine points (radix 16, see Q_BITS). */
const ONE_SHOT: usize = memory.data(<i32>(FE << 4));

/**
 * Validates the public key x ‖ y (2·curveLen bytes: on the curve, SEC 1 §3.2.2.1) and writes its
 * verification table of `rows` rows (1 or 8) to `out`. Returns 1 when valid. Variable-time.
 */
export function ecdsaPrecomputeVartime(pub: usize, rows: usize, out: usize): u32 {
  if (pointFromAffineBytesVartime(Q, pub) == 0) return 0;
  qTableVartime(out, Q, rows);
  return 1;
}

/**
 * Checks the signature r ‖ s (`sigLen` bytes, which must be 2·curveLen) over the hash `h`, given
 * the public key's verification table (`rows` rows from ecdsaPrecomputeVartime), or, when
 * `table` is 0, the public key x ‖ y at `pub` (validated here; one-shot table).
 * SEC 1 §4.1.4 / FIPS 186-5 §6.4.2: r, s ∈ [1, n−1] (rejecting r = s = 0, CVE-2022-21449), Q on
 * the curve, R = u1·G + u2·Q not the identity, and x(R) ≡ r (mod n), compared in Jacobian
 * coordinates (X = r·Z², or X = (r + n)·Z² when r + n < p) so no inversion is needed.
 * Returns 1 when valid. Variable-time: public inputs only.
 */
export function ecdsaVerifyVartime(pub: usize, table: usize, rows: usize, h: usize, sig: usize, sigLen: usize): u32 {
  const len = CLEN;
  if (sigLen != 2 * len) return 0;
  if (sFromBytes(RS, sig) == 0 || sIsZero(RS)) return 0;
  if (sFromBytes(SS, sig + len) == 0 || sIsZero(SS)) return 0;
  if (table == 0) {
    if (ecdsaPrecomputeVartime(pub, 1, ONE_SHOT) == 0) return 0;
    table = ONE_SHOT;
    rows = 1;
  }
  sFromBytesReduce(E, h);
  sInv(W, SS);
  sMul(T, E, W);
  sToBytes(U1, T);
  sMul(T, RS, W);
  sToBytes(U2, T);
  if (!doubleScalarMulVartime(POINT, U1, U2, table, rows)) return 0;
  const Z2 = RF + FE;
  fSqr(Z2, POINT + 2 * FE_STRIDE);
  // r as a field element (r < n < p)
  fFromBytes(RF, sig);
  fMul(T, RF, Z2);
  fSub(T, T, POINT);
  if (fIsZero(T)) return 1;
  // x(R) ∈ [n, p) reduces to r = x − n: then X = (r + n)·Z², possible only when r < p − n.
  fFromBytes(NF, N_BYTES());
  fNeg(T, NF);
  fToBytes(PMN, T);
  if (!lessThanVartime(sig, PMN, len)) return 0;
  fAdd(RF, RF, NF);
  fMul(T, RF, Z2);
  fSub(T, T, POINT);
  return fIsZero(T);
}
