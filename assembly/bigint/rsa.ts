/**
 * The RSA primitives of RFC 8017 on Montgomery arithmetic: RSAVP1 (§5.2.2, public exponent,
 * variable-time) and RSASP1 (§5.2.1, CRT form (ii), constant-time) with base blinding and a check
 * of the signature against the public exponent before it is released (Boneh–DeMillo–Lipton fault
 * attacks on CRT: one faulty half-signature would reveal a prime).
 * @module
 */

import { LIMB_BITS, MAX_LIMBS, addInPlace, bytesFromLimbs, hasSpareBitsVartime, lessThanVartime, limbsFromBytes, modSub, montCanonical, montMul, montNegInv, montReduce, montSqr, montUseModulus, montWipe, mulFull, repackLimbs } from "./mont";
import { ERR_LENGTH, ERR_SIGNATURE } from "../util/status";
import { crt2Wipe, deinterleave, interleave, powSecretPair } from "./crt2";

/** Bytes of one limb buffer (memory.data takes an i32 size). */
const BUFFER_BYTES: i32 = MAX_LIMBS * 4;
const LIMB_BYTES: usize = <usize>BUFFER_BYTES;
const X: usize = memory.data(BUFFER_BYTES);
const Y: usize = memory.data(BUFFER_BYTES);
const Z: usize = memory.data(BUFFER_BYTES);
const WIDE: usize = memory.data(2 * BUFFER_BYTES);
const SP: usize = memory.data(BUFFER_BYTES);
const SQ: usize = memory.data(BUFFER_BYTES);
const ACC: usize = memory.data(BUFFER_BYTES);
/** Pair-layout operands of the side-by-side CRT exponentiation (crt2.ts). */
const PAIR_BUFFER: i32 = 2 * BUFFER_BYTES + 16;
const X2: usize = memory.data(PAIR_BUFFER, 16);
const M2: usize = memory.data(PAIR_BUFFER, 16);
const R22: usize = memory.data(PAIR_BUFFER, 16);
const D2: usize = memory.data(PAIR_BUFFER, 16);
const S2: usize = memory.data(PAIR_BUFFER, 16);

/**
 * r ← x^e mod m, canonical (< m), from x (< m) and its Montgomery form xm ≡ x·R (below 2m), by
 * left-to-right binary exponentiation (RFC 8017 §5.2.2 needs only the public e; e odd, e ≥ 3).
 * The last multiplication takes x itself, so its R⁻¹ also leaves Montgomery form:
 * x^(e−1)·R · x · R⁻¹ = x^e, with no separate conversion (for e = 65537: 16 squarings and
 * 1 multiplication). Variable-time: public inputs only. r must not alias xm or x.
 */
function powPublicVartime(r: usize, xm: usize, x: usize, e: u32, m: usize, n: i32, minv: u32, w: i32): void {
  memory.copy(r, xm, <usize>n << 2);
  for (let bit = 30 - <i32>clz(e); bit >= 1; bit--) {
    montSqr(r, r, m, n, minv, w);
    if ((e >>> bit) & 1) montMul(r, r, xm, m, n, minv, w);
  }
  montSqr(r, r, m, n, minv, w);
  montMul(r, r, x, m, n, minv, w);
  montCanonical(r, m, n, w);
}

/**
 * RSAVP1 (RFC 8017 §5.2.2) on the modulus at `mod` (L limbs of w bits, 4·mod < 2^(wL)) with
 * R² mod n at `r2` (R = 2^(wL)): writes s^e mod n as k big-endian bytes to `out`. w is 27, or 28
 * for L ≤ 127 (a column's 2L products of up to 56 bits then fit in 64 bits: mont.ts montSqr), which
 * means 74 limbs instead of 76 for a 2048-bit modulus. Returns 0, ERR_SIGNATURE when s ≥ n
 * (step 1), or ERR_LENGTH for sizes out of range. Variable-time: public inputs only.
 */
export function rsaPublicVartime(mod: usize, r2: usize, L: i32, e: u32, sig: usize, k: i32, out: usize, w: i32): i32 {
  if (L < 1 || L > MAX_LIMBS || k < 1 || w < LIMB_BITS || w > 28 || (w == 28 && L > 127) || k * 8 > L * w + 7 || (e & 1) == 0 || e < 3) return ERR_LENGTH;
  if (!hasSpareBitsVartime(mod, L, w)) return ERR_LENGTH;
  const minv = montNegInv(load<u32>(mod), w);
  if (!limbsFromBytes(X, sig, k, L, w) || !lessThanVartime(X, mod, L)) return ERR_SIGNATURE;
  montUseModulus(mod, L);
  montMul(Z, X, r2, mod, L, minv, w); // to Montgomery form: x·R
  powPublicVartime(Y, Z, X, e, mod, L, minv, w);
  bytesFromLimbs(out, Y, L, k, w);
  return 0;
}

/**
 * RSASP1 (RFC 8017 §5.2.1, CRT form) on the key blob at `key`, laid out as little-endian arrays
 * of 27-bit limbs: n, R² mod n, A, B (L limbs each), then p, R² mod p, q, R² mod q, dp, dq, qInv
 * (H limbs each, 2H ≥ L; n, p and q each below a quarter of their R, for lazy reduction), then
 * p, R'² mod p, q, R'² mod q (H words each) in the radix of the CRT exponentiations: `pairLimbs`
 * limbs of `pairBits` bits, R' = 2^(pairBits·pairLimbs) with 4p, 4q < R' (27 or 28 bits; 28-bit
 * limbs need pairLimbs ≤ 127: crt2.ts montMulPair). The two half exponentiations run side
 * by side with fixed 5-bit windows and masked table selection (crt2.ts). A = r^e and B = r⁻¹ mod n
 * are the blinding pair; both are squared in place after use (the update of Kocher's blinding, as
 * OpenSSL's BN_BLINDING_update does), so the caller keeps the new pair. Reads the k-byte message
 * representative at `msg`, writes the k-byte signature to `out`. Returns 0; ERR_SIGNATURE when the
 * fault check fails (nothing is written); ERR_LENGTH for sizes out of range or a representative
 * ≥ n. Constant-time in the key and the message.
 */
export function rsaPrivate(key: usize, L: i32, H: i32, e: u32, msg: usize, k: i32, out: usize, pairBits: i32, pairLimbs: i32): i32 {
  if (L < 1 || L > MAX_LIMBS || H < 1 || H > L || 2 * H < L || k < 1 || k * 8 > L * LIMB_BITS + 7 || (e & 1) == 0 || e < 3) return ERR_LENGTH;
  if (pairLimbs < 2 || pairLimbs > H || pairBits < LIMB_BITS || pairBits > 28 || (pairBits == 28 && pairLimbs > 127)) return ERR_LENGTH;
  const lb = <usize>L << 2;
  const hb = <usize>H << 2;
  const mod = key, r2n = key + lb, blindA = key + 2 * lb, blindB = key + 3 * lb;
  const p = key + 4 * lb, r2p = p + hb, q = p + 2 * hb, r2q = p + 3 * hb;
  const dp = p + 4 * hb, dq = p + 5 * hb, qInv = p + 6 * hb;
  const pPair = p + 7 * hb, r2pPair = p + 8 * hb, qPair = p + 9 * hb, r2qPair = p + 10 * hb;
  // The sizes of n, p and q are public (they are the key's size).
  if (!hasSpareBitsVartime(mod, L) || !hasSpareBitsVartime(p, H) || !hasSpareBitsVartime(q, H)) return ERR_LENGTH;
  // 4p, 4q < R' as well (the radix of the paired exponentiations).
  if (!hasSpareBitsVartime(pPair, pairLimbs, pairBits) || !hasSpareBitsVartime(qPair, pairLimbs, pairBits)) return ERR_LENGTH;
  const minvN = montNegInv(load<u32>(mod));
  const minvP = montNegInv(load<u32>(p));
  const minvQ = montNegInv(load<u32>(q));

  // RFC 8017 §5.2.1 step 1; the representative is an encoding of public data.
  if (!limbsFromBytes(X, msg, k, L) || !lessThanVartime(X, mod, L)) return ERR_LENGTH;

  // Blinding: Z ≡ m·A mod n (A = r^e, so Z^d = m^d·r), Z < 2n (lazy reduction, mont.ts).
  montUseModulus(mod, L);
  montMul(Z, X, blindA, mod, L, minvN);
  montMul(Z, Z, r2n, mod, L, minvN);

  // Step 2b (ii): s_p = Z^dp mod p, s_q = Z^dq mod q. Z < 2n = 2p·q < p·R_p (q < R_p/4), so REDC
  // then a multiplication by R² gives a representative of Z mod p below 2p.
  memory.fill(WIDE, 0, hb << 1);
  memory.copy(WIDE, Z, lb);
  montUseModulus(p, H);
  montReduce(Y, WIDE, p, H, minvP); // Z·R⁻¹ mod p
  montMul(SP, Y, r2p, p, H, minvP); // Z mod p
  montUseModulus(q, H);
  montReduce(Y, WIDE, q, H, minvQ);
  montMul(SQ, Y, r2q, q, H, minvQ); // Z mod q
  // Both exponentiations at once, one SIMD lane per prime, in limbs of pairBits bits (fewer limbs
  // than 27-bit ones: crt2.ts); the exponents stay in 27-bit limbs.
  const nb = pairLimbs;
  repackLimbs(Y, pairBits, nb, SP, LIMB_BITS, H);
  repackLimbs(ACC, pairBits, nb, SQ, LIMB_BITS, H);
  interleave(X2, Y, ACC, nb);
  const minvPairP = montNegInv(load<u32>(pPair), pairBits);
  const minvPairQ = montNegInv(load<u32>(qPair), pairBits);
  interleave(M2, pPair, qPair, nb);
  interleave(R22, r2pPair, r2qPair, nb);
  interleave(D2, dp, dq, H);
  powSecretPair(S2, X2, D2, M2, R22, nb, H, minvPairP, minvPairQ, pairBits);
  deinterleave(Y, ACC, S2, nb);
  repackLimbs(SP, LIMB_BITS, H, Y, pairBits, nb);
  repackLimbs(SQ, LIMB_BITS, H, ACC, pairBits, nb);
  montCanonical(SQ, q, H);

  // Garner: h = (s_p − s_q)·qInv mod p; s = s_q + q·h. The halves are below 2p and 2q (lazy);
  // s_q is made canonical first. s_q < q may exceed p, so it enters mod p through
  // montMul(s_q, R²) ≡ s_q·R mod p (valid as s_q·R² < p·R), then canonical for modSub.
  montUseModulus(p, H);
  montMul(Y, SQ, r2p, p, H, minvP);
  montCanonical(Y, p, H);
  montMul(SP, SP, r2p, p, H, minvP);
  montCanonical(SP, p, H);
  modSub(SP, SP, Y, p, H); // (s_p − s_q)·R mod p
  montMul(SP, SP, qInv, p, H, minvP);
  montCanonical(SP, p, H); // h < p
  mulFull(WIDE, SP, q, H); // q·h < q·p, 2H limbs
  memory.fill(SQ + hb, 0, hb);
  addInPlace(WIDE, SQ, 2 * H); // s = s_q + q·h < n: no carry out

  // Unblinding: s·B mod n.
  montUseModulus(mod, L);
  montMul(Z, WIDE, blindB, mod, L, minvN);
  montMul(Z, Z, r2n, mod, L, minvN);
  montCanonical(Z, mod, L);

  // Fault check: s^e must give the message representative back before s leaves (constant-time compare).
  montMul(Y, Z, r2n, mod, L, minvN);
  powPublicVartime(ACC, Y, Z, e, mod, L, minvN, LIMB_BITS);
  let diff: u32 = 0;
  for (let o: usize = 0; o < lb; o += 4) diff |= load<u32>(ACC + o) ^ load<u32>(X + o);

  let status = ERR_SIGNATURE;
  if (diff == 0) {
    bytesFromLimbs(out, Z, L, k);
    status = 0;
  }

  // Blinding update for the next signature: A ← A², B ← B² (still inverse to each other's e-th root).
  montSqr(blindA, blindA, mod, L, minvN);
  montMul(blindA, blindA, r2n, mod, L, minvN);
  montCanonical(blindA, mod, L);
  montSqr(blindB, blindB, mod, L, minvN);
  montMul(blindB, blindB, r2n, mod, L, minvN);
  montCanonical(blindB, mod, L);

  // Wipe everything that held secret-derived values.
  memory.fill(X, 0, LIMB_BYTES);
  memory.fill(Y, 0, LIMB_BYTES);
  memory.fill(Z, 0, LIMB_BYTES);
  memory.fill(WIDE, 0, 2 * LIMB_BYTES);
  memory.fill(SP, 0, LIMB_BYTES);
  memory.fill(SQ, 0, LIMB_BYTES);
  memory.fill(ACC, 0, LIMB_BYTES);
  memory.fill(X2, 0, <usize>PAIR_BUFFER);
  memory.fill(D2, 0, <usize>PAIR_BUFFER);
  memory.fill(S2, 0, <usize>PAIR_BUFFER);
  memory.fill(M2, 0, <usize>PAIR_BUFFER);
  memory.fill(R22, 0, <usize>PAIR_BUFFER);
  montWipe();
  crt2Wipe();
  return status;
}
