/**
 * X25519 (RFC 7748 §5): the Montgomery ladder on Curve25519's u-coordinate over the field of
 * field/fe25519.ts, for JWE ECDH-ES with X25519 keys (RFC 8037 §3.2).
 * https://www.rfc-editor.org/rfc/rfc7748#section-5
 *
 * Constant-time in the scalar: 255 ladder steps whatever its bits, each a fixed sequence of field
 * operations; the conditional swaps are masked selects (feCmov), never branches or indexed loads.
 * @module
 */

import { FE_SIZE, feAdd, feCmov, feCopy, feFromBytes, feInvert, feMul, feOne, feSq, feSub, feToBytes, feWipe, feZero } from "../field/fe25519";
import { wipe } from "../util/ct";
import { curveWipe, P3_SIZE, scalarMulBase } from "./edwards25519";

/** The clamped scalar (RFC 7748 §5 decodeScalar25519). */
const K: usize = memory.data(32);
const X1: usize = memory.data(40);
const X2: usize = memory.data(40);
const Z2: usize = memory.data(40);
const X3: usize = memory.data(40);
const Z3: usize = memory.data(40);
const A: usize = memory.data(40);
const AA: usize = memory.data(40);
const B: usize = memory.data(40);
const BB: usize = memory.data(40);
const E: usize = memory.data(40);
const C: usize = memory.data(40);
const D: usize = memory.data(40);
const DA: usize = memory.data(40);
const CB: usize = memory.data(40);
const T: usize = memory.data(40);
/** a24 = (486662 − 2) / 4 = 121665 (RFC 7748 §5), as a reduced field element: limb 0 only. */
const A24: usize = memory.data<i32>([121665, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

/** The Edwards point k·B of `x25519Base` (X, Y, Z, T at 0, 40, 80, 120). */
const EP: usize = memory.data(160);

/** Swaps f and g when `mask` is −1, leaves them when it is 0 (RFC 7748 §5 cswap). Constant-time. */
function cswap(f: usize, g: usize, mask: i32): void {
  feCopy(T, f);
  feCmov(f, g, mask);
  feCmov(g, T, mask);
}

/**
 * Writes X25519(k, u) (32 bytes, RFC 7748 §5) to `out` from the 32-byte scalar at `scalar` and
 * the 32-byte u-coordinate at `u` (its top bit masked, non-canonical values accepted, as §5
 * requires). Returns 1 when the result is all zeros (a low-order u: RFC 7748 §6.1 says to check
 * it, and RFC 8037 §3.2 callers must refuse it), else 0. Constant-time in the scalar.
 */
export function x25519Ladder(out: usize, scalar: usize, u: usize): i32 {
  memory.copy(K, scalar, 32);
  store<u8>(K, load<u8>(K) & 248);
  store<u8>(K + 31, (load<u8>(K + 31) & 127) | 64);
  feFromBytes(X1, u); // ignores the top bit of byte 31
  feOne(X2);
  feZero(Z2);
  feCopy(X3, X1);
  feOne(Z3);
  let swap: i32 = 0;
  for (let t: i32 = 254; t >= 0; t--) {
    const bit = <i32>((load<u8>(K + <usize>(t >> 3)) >> <u8>(t & 7)) & 1);
    swap ^= bit;
    cswap(X2, X3, -swap);
    cswap(Z2, Z3, -swap);
    swap = bit;
    feAdd(A, X2, Z2);
    feSq(AA, A);
    feSub(B, X2, Z2);
    feSq(BB, B);
    feSub(E, AA, BB);
    feAdd(C, X3, Z3);
    feSub(D, X3, Z3);
    feMul(DA, D, A);
    feMul(CB, C, B);
    feAdd(T, DA, CB);
    feSq(X3, T);
    feSub(T, DA, CB);
    feSq(T, T);
    feMul(Z3, X1, T);
    feMul(X2, AA, BB);
    feMul(T, A24, E);
    feAdd(T, AA, T);
    feMul(Z2, E, T);
  }
  cswap(X2, X3, -swap);
  cswap(Z2, Z3, -swap);
  feInvert(Z2, Z2); // 0 stays 0: the all-zero output below
  feMul(X2, X2, Z2);
  feToBytes(out, X2);
  let acc: u32 = 0;
  for (let i: usize = 0; i < 32; i++) acc |= <u32>load<u8>(out + i);
  wipe(K, 32);
  wipe(X1, FE_SIZE);
  wipe(X2, FE_SIZE);
  wipe(Z2, FE_SIZE);
  wipe(X3, FE_SIZE);
  wipe(Z3, FE_SIZE);
  wipe(A, FE_SIZE);
  wipe(AA, FE_SIZE);
  wipe(B, FE_SIZE);
  wipe(BB, FE_SIZE);
  wipe(E, FE_SIZE);
  wipe(C, FE_SIZE);
  wipe(D, FE_SIZE);
  wipe(DA, FE_SIZE);
  wipe(CB, FE_SIZE);
  wipe(T, FE_SIZE);
  feWipe();
  return <i32>((acc - 1) >>> 31);
}

/**
 * Writes X25519(k, 9), the public key of the scalar at `scalar` (RFC 7748 §6.1), to `out`: k·B on
 * edwards25519 with the fixed-base comb (curve/edwards25519.ts), then the birational map
 * u = (1 + y)/(1 − y) = (Z + Y)/(Z − Y) of RFC 7748 §4.1, which sends B to u = 9. About 4× fewer
 * field operations than the ladder. k·B is never the identity (k is clamped: 2^254 ≤ k < 2^255,
 * a multiple of 8, not a multiple of the order L), so Z − Y ≠ 0. Constant-time in the scalar.
 */
export function x25519BaseMul(out: usize, scalar: usize): void {
  memory.copy(K, scalar, 32);
  store<u8>(K, load<u8>(K) & 248);
  store<u8>(K + 31, (load<u8>(K + 31) & 127) | 64);
  scalarMulBase(EP, K); // a clamped scalar < 2^255 is what scalarMulBase takes
  feAdd(A, EP + 2 * FE_SIZE, EP + FE_SIZE);
  feSub(B, EP + 2 * FE_SIZE, EP + FE_SIZE);
  feInvert(B, B);
  feMul(A, A, B);
  feToBytes(out, A);
  wipe(K, 32);
  wipe(EP, P3_SIZE);
  wipe(A, FE_SIZE);
  wipe(B, FE_SIZE);
  curveWipe();
  feWipe();
}
