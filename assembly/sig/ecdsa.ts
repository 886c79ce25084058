/**
 * ECDSA over P-256 and P-384, signatures r ‖ s. https://doi.org/10.6028/NIST.FIPS.186-5
 *
 * FIPS 186-5 §6.4 and SEC 1 §4.1, with deterministic nonces (RFC 6979)
 * and the JWS signature encoding r ‖ s, each `curveLen` big-endian bytes (RFC 7518 §3.4, IEEE
 * P1363). Signing is constant-time in the private key, the nonce and the message hash; verifying
 * is variable-time on public inputs only.
 * @module
 */

import { baseMul, doubleScalarMulVartime, pointFromAffineBytesVartime, pointToAffineBytes, PT, qTableVartime } from "../curve/weierstrass";
import {
  curveLen, FE_STRIDE, fAdd, fFromBytes, fIsZero, fMul, fNeg, fSqr, fSub, fToBytes,
  sAdd, sFromBytes, sFromBytesReduce, sInv, sIsZero, sMul, sToBytes, curveHashBits,
} from "../field/nist";
import { wipe } from "../util/ct";
import { rfc6979Generate, rfc6979Init, rfc6979Reseed, rfc6979Wipe } from "./rfc6979";

const D: usize = memory.data(64);
const E: usize = memory.data(64);
const KS: usize = memory.data(64);
const KI: usize = memory.data(64);
const RS: usize = memory.data(64);
const SS: usize = memory.data(64);
const BYTES: usize = memory.data(64);
const H1: usize = memory.data(64);
const XB: usize = memory.data(64);
const POINT: usize = memory.data(3 * 64);

/**
 * Private scalar check: returns 1 when the `curveLen` big-endian bytes at `d` encode 1 ≤ d < n
 * (SEC 1 §3.2.1). Constant-time.
 */
export function ecdsaPrivateValid(c: i32, d: usize): u32 {
  const ok = sFromBytes(c, D, d) & (1 - sIsZero(c, D));
  wipe(D, 64);
  return ok;
}

/**
 * Public key Q = d·G as affine x ‖ y (2·curveLen bytes) for a valid private scalar d (see
 * ecdsaPrivateValid). Constant-time.
 */
export function ecdsaPublicKey(c: i32, d: usize, out: usize): void {
  baseMul(c, POINT, d);
  pointToAffineBytes(c, out, out + curveLen(c), POINT);
  wipe(POINT, PT);
}

/**
 * Signs the hash `h` (curveLen bytes: SHA-256 for P-256, SHA-384 for P-384) with the private
 * scalar `d` (curveLen big-endian bytes, 1 ≤ d < n, checked by the caller), writing r ‖ s to
 * `out`. FIPS 186-5 §6.4.1 with k from RFC 6979 §3.2. Constant-time in d, h and k; the only
 * branches are the §3.2 step h.3 retries on k ∉ [1, n−1], r = 0 or s = 0 (probability < 2^-200).
 */
export function ecdsaSign(c: i32, d: usize, h: usize, out: usize): void {
  const len = curveLen(c);
  sFromBytes(c, D, d);
  // e = bits2int(h) mod n (hlen = qlen, RFC 6979 §2.3.2), also bits2octets(h) for the DRBG (§2.3.4).
  sFromBytesReduce(c, E, h);
  sToBytes(c, H1, E);
  rfc6979Init(curveHashBits(c), d, H1);
  let first = true;
  while (true) {
    if (!first) rfc6979Reseed();
    first = false;
    rfc6979Generate(BYTES);
    // k ∈ [1, n−1] (RFC 6979 §3.2 step h.3)
    if ((sFromBytes(c, KS, BYTES) & (1 - sIsZero(c, KS))) == 0) continue;
    // r = x(k·G) mod n (FIPS 186-5 §6.4.1 steps 6–8)
    baseMul(c, POINT, BYTES);
    pointToAffineBytes(c, XB, 0, POINT);
    sFromBytesReduce(c, RS, XB);
    if (sIsZero(c, RS)) continue;
    // s = k⁻¹ (e + r·d) mod n (step 9); all values in the Montgomery domain
    sMul(c, SS, RS, D);
    sAdd(c, SS, SS, E);
    sInv(c, KI, KS);
    sMul(c, SS, SS, KI);
    if (sIsZero(c, SS)) continue;
    sToBytes(c, out, RS);
    sToBytes(c, out + len, SS);
    break;
  }
  rfc6979Wipe();
  wipe(D, 64); wipe(E, 64); wipe(KS, 64); wipe(KI, 64); wipe(RS, 64); wipe(SS, 64);
  wipe(BYTES, 64); wipe(H1, 64); wipe(XB, 64); wipe(POINT, PT);
}

const Q: usize = memory.data(3 * 64);
const U1: usize = memory.data(64);
const U2: usize = memory.data(64);
const W: usize = memory.data(64);
const T: usize = memory.data(64);
const RF: usize = memory.data(128);
const NF: usize = memory.data(64);
const PMN: usize = memory.data(64);

/** Big-endian comparison a < b over `len` bytes. Variable-time. */
function lessThanVartime(a: usize, b: usize, len: usize): bool {
  for (let i: usize = 0; i < len; i++) {
    const x = load<u8>(a + i), y = load<u8>(b + i);
    if (x != y) return x < y;
  }
  return false;
}

/** Table of one row for one-shot verification (no per-key table): 8 affine points. */
const ONE_SHOT: usize = memory.data(8 * 2 * 56);

/**
 * Validates the public key x ‖ y (2·curveLen bytes: on the curve, SEC 1 §3.2.2.1) and writes its
 * verification table of `rows` rows (1 or 8) to `out`. Returns 1 when valid. Variable-time.
 */
export function ecdsaPrecomputeVartime(c: i32, pub: usize, rows: usize, out: usize): u32 {
  if (pointFromAffineBytesVartime(c, Q, pub) == 0) return 0;
  qTableVartime(c, out, Q, rows);
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
export function ecdsaVerifyVartime(c: i32, pub: usize, table: usize, rows: usize, h: usize, sig: usize, sigLen: usize): u32 {
  const len = curveLen(c);
  if (sigLen != 2 * len) return 0;
  if (sFromBytes(c, RS, sig) == 0 || sIsZero(c, RS)) return 0;
  if (sFromBytes(c, SS, sig + len) == 0 || sIsZero(c, SS)) return 0;
  if (table == 0) {
    if (ecdsaPrecomputeVartime(c, pub, 1, ONE_SHOT) == 0) return 0;
    table = ONE_SHOT;
    rows = 1;
  }
  sFromBytesReduce(c, E, h);
  sInv(c, W, SS);
  sMul(c, T, E, W);
  sToBytes(c, U1, T);
  sMul(c, T, RS, W);
  sToBytes(c, U2, T);
  if (!doubleScalarMulVartime(c, POINT, U1, U2, table, rows)) return 0;
  const Z2 = RF + 64;
  fSqr(c, Z2, POINT + 2 * FE_STRIDE);
  // r as a field element (r < n < p)
  fFromBytes(c, RF, sig);
  fMul(c, T, RF, Z2);
  fSub(c, T, T, POINT);
  if (fIsZero(c, T)) return 1;
  // x(R) ∈ [n, p) reduces to r = x − n: then X = (r + n)·Z², possible only when r < p − n.
  fFromBytes(c, NF, nBytes(c));
  fNeg(c, T, NF);
  fToBytes(c, PMN, T);
  if (!lessThanVartime(sig, PMN, len)) return 0;
  fAdd(c, RF, RF, NF);
  fMul(c, T, RF, Z2);
  fSub(c, T, T, POINT);
  return fIsZero(c, T);
}

/** The group orders n as big-endian bytes (SP 800-186 §3.2.1.3–4). */
const P256_N_BYTES: usize = memory.data<u8>([
  0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
]);
const P384_N_BYTES: usize = memory.data<u8>([
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf,
  0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
]);

// @ts-ignore: decorator
@inline function nBytes(c: i32): usize {
  return c == 0 ? P256_N_BYTES : P384_N_BYTES;
}
