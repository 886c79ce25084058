/**
 * Ed25519 (PureEdDSA over edwards25519 with SHA-512), RFC 8032 §5.1.5–§5.1.7.
 * https://www.rfc-editor.org/rfc/rfc8032#section-5.1
 *
 * Key states, prepared once per key and copied into the key slot per operation:
 * - private (96 bytes): clamped scalar s ‖ prefix (second half of SHA-512(seed)) ‖ encoded A;
 * - public (30,752 bytes): encoded A ‖ the odd multiples 1·(−A), 3·(−A), …, 63·(−A) of each of
 *   2^(32k)·(−A), k < 8, as affine points (decoded, checked and precomputed once; public data,
 *   kept in ED25519_PUBLIC_SLOT while it is the key in use).
 *
 * Verification rules (RFC 8032 §5.1.7), stated here because implementations differ:
 * - the signature is exactly 64 bytes and S must be below L (rejects malleable S + L);
 * - A must decode strictly: canonical y < p, on the curve, and not x = 0 with the sign bit set;
 *   small-order A is accepted (RFC 8032 does not exclude it, nor do OpenSSL or WebCrypto);
 * - cofactorless equation: R must equal, byte for byte, the canonical encoding of [S]B − [k]A.
 *   R is never decoded, so a non-canonical or off-curve R can never match. This is what OpenSSL
 *   (hence node:crypto and WebCrypto in Node), BoringSSL and @noble/curves (zip215: false) do, and
 *   it is what Wycheproof's ed25519_test.json expects; a cofactored check ([8][S]B = [8]R + [8][k]A)
 *   would accept some signatures those verifiers reject, so two verifiers could disagree.
 * @module
 */

import { sha512Compress, sha512Finish, sha512Init, sha512Output, sha512Wipe } from "../hash/sha512";
import { scIsCanonicalVartime, scMulAdd, scReduce64 } from "../field/scalar25519";
import {
  curveWipe, decodePointVartime, doubleScalarMulBaseVartime, encodePoint, ODD_P_TABLES_SIZE, oddMultiples, p3Neg,
  scalarMulBase,
} from "../curve/edwards25519";
import { ctEqual, wipe } from "../util/ct";
import { ERR_KEY, ERR_SIGNATURE } from "../util/status";

const ED25519_PRIVATE_STATE: usize = 96;
export const ED25519_PUBLIC_STATE: usize = 32 + ODD_P_TABLES_SIZE;
/**
 * Where a public key state stays between verifications: the caller copies a state in only when it
 * is not the one already there (public data, so it is never wiped; 30 KiB per copy otherwise).
 */
export const ED25519_PUBLIC_SLOT: usize = memory.data(<i32>ED25519_PUBLIC_STATE);
export const ED25519_SIGNATURE: usize = 64;

const HSTATE: usize = memory.data(64);
const BLOCK: usize = memory.data(128);
const DIGEST: usize = memory.data(64);
const NONCE: usize = memory.data(32);
const K: usize = memory.data(32);
const RA: usize = memory.data(64);
const POINT: usize = memory.data(160);
const CHECK: usize = memory.data(32);
const NEG_A: usize = memory.data(160);

/**
 * out = SHA-512(pre ‖ msg) for preLen ≤ 128, streaming msg in place (no copy of the message).
 * Constant-time in the contents; branches only on the public lengths.
 */
function sha512Prefixed(out: usize, pre: usize, preLen: usize, msg: usize, msgLen: usize): void {
  sha512Init(HSTATE, 512);
  const room: usize = 128 - preLen;
  memory.copy(BLOCK, pre, preLen);
  if (msgLen < room) {
    memory.copy(BLOCK + preLen, msg, msgLen);
    sha512Finish(HSTATE, BLOCK, preLen + msgLen, 0);
  } else {
    memory.copy(BLOCK + preLen, msg, room);
    sha512Compress(HSTATE, BLOCK);
    sha512Finish(HSTATE, msg + room, msgLen - room, 128);
  }
  sha512Output(HSTATE, out, 64);
}

/** Wipes every buffer that held secret-derived data. */
function wipeSecrets(): void {
  wipe(HSTATE, 64);
  wipe(BLOCK, 128);
  wipe(DIGEST, 64);
  wipe(NONCE, 32);
  wipe(POINT, 160);
  sha512Wipe();
  curveWipe();
}

/**
 * Writes the private key state of the 32-byte seed at `seed` to `state` (RFC 8032 §5.1.5):
 * h = SHA-512(seed), s = clamp(h[0..32]), prefix = h[32..64], A = [s]B. Constant-time.
 */
export function ed25519ExpandSeed(state: usize, seed: usize): void {
  sha512Prefixed(DIGEST, seed, 32, seed, 0);
  // §5.1.5 step 2: clear the 3 low bits (a multiple of the cofactor 8), clear bit 255, set bit 254.
  store<u8>(DIGEST, load<u8>(DIGEST) & 248);
  store<u8>(DIGEST + 31, (load<u8>(DIGEST + 31) & 127) | 64);
  memory.copy(state, DIGEST, 64);
  scalarMulBase(POINT, state);
  encodePoint(state + 64, POINT);
  wipeSecrets();
}

/**
 * Writes the public key state of the 32-byte encoded key at `pub` to `state`, or returns ERR_KEY
 * when it does not decode strictly (RFC 8032 §5.1.3). Variable-time: public inputs only.
 */
export function ed25519PreparePublic(state: usize, pub: usize): i32 {
  if (!decodePointVartime(POINT, pub)) return ERR_KEY;
  memory.copy(state, pub, 32);
  p3Neg(NEG_A, POINT);
  oddMultiples(state + 32, NEG_A);
  return 0;
}

/**
 * Signs `len` bytes at `msg` with the private state at `state`, writing R ‖ S (64 bytes) to `sig`
 * (RFC 8032 §5.1.6). `sig` must not overlap `msg`. Constant-time in the key and the nonce.
 */
export function ed25519SignInto(sig: usize, state: usize, msg: usize, len: usize): void {
  // Step 2: r = SHA-512(prefix ‖ M) mod L. Step 3: R = [r]B.
  sha512Prefixed(DIGEST, state + 32, 32, msg, len);
  scReduce64(NONCE, DIGEST);
  scalarMulBase(POINT, NONCE);
  encodePoint(sig, POINT);
  // Step 4: k = SHA-512(R ‖ A ‖ M) mod L. Step 5: S = (r + k·s) mod L.
  memory.copy(RA, sig, 32);
  memory.copy(RA + 32, state + 64, 32);
  sha512Prefixed(DIGEST, RA, 64, msg, len);
  scReduce64(K, DIGEST);
  scMulAdd(sig + 32, K, state, NONCE);
  wipeSecrets();
}

/**
 * Verifies the 64-byte signature at `sig` on `len` bytes at `msg` under the public state at
 * `state` (RFC 8032 §5.1.7, rules in the module comment). Returns 0 or ERR_SIGNATURE.
 * Variable-time: public inputs only.
 */
export function ed25519VerifyWith(state: usize, msg: usize, len: usize, sig: usize): i32 {
  // Step 1: S < L.
  if (!scIsCanonicalVartime(sig + 32)) return ERR_SIGNATURE;
  // Step 2: k = SHA-512(R ‖ A ‖ M) mod L, with R and A as encoded.
  memory.copy(RA, sig, 32);
  memory.copy(RA + 32, state, 32);
  sha512Prefixed(DIGEST, RA, 64, msg, len);
  scReduce64(K, DIGEST);
  // Step 3 (cofactorless): encode([S]B + [k](−A)) must equal R.
  doubleScalarMulBaseVartime(POINT, sig + 32, K, state + 32);
  encodePoint(CHECK, POINT);
  return ctEqual(CHECK, sig, 32) ? 0 : ERR_SIGNATURE;
}
