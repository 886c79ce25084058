/**
 * The wasm ABI: these exports are the whole interface between TypeScript and AssemblyScript.
 * Pointers and lengths are byte offsets into linear memory; results are written to caller-chosen
 * offsets; functions that can fail return an i32 status (see util/status.ts).
 * @module
 */

import { base64urlDecode as decode, base64urlEncode as encode } from "./encoding/base64url";
import { digestLength, shaFinish, shaInit, shaOutput } from "./hash/sha2";
import { hmacCompute, hmacPrepareKey, hmacStateLength } from "./hash/hmac";
import { pbkdf2HmacSha256 } from "./hash/pbkdf2";
import { ctEqual, wipe } from "./util/ct";
import { ERR_ALGORITHM, ERR_LENGTH, ERR_SIGNATURE } from "./util/status";

export { jwsHmacSign, jwsHmacVerify } from "./jws/hmac";
export { jwsEd25519Sign, jwsEd25519Verify } from "./jws/eddsa";
export { rsaPublicVartime, rsaPrivate } from "./bigint/rsa";
export { scratchBase, scratchCapacity, scratchReserve } from "./util/scratch";
import { KEY_SLOT, KEY_SLOT_SIZE } from "./util/scratch";

/** Offset of the key-state slot. */
export function keySlot(): usize {
  return KEY_SLOT;
}

/** Size of the key-state slot. */
export function keySlotSize(): usize {
  return KEY_SLOT_SIZE;
}

const HASH_STATE: usize = memory.data(64);

/** SHA-`bits` digest of `len` bytes at `msg`, written to `out`. Returns the digest length or ERR_ALGORITHM. */
export function sha2(bits: i32, msg: usize, len: usize, out: usize): i32 {
  const n = digestLength(bits);
  if (n == 0) return ERR_ALGORITHM;
  shaInit(bits, HASH_STATE);
  shaFinish(bits, HASH_STATE, msg, len, 0);
  shaOutput(bits, HASH_STATE, out);
  return <i32>n;
}

/** Length of an HMAC key state for SHA-`bits`, or ERR_ALGORITHM. */
export function hmacKeyStateLength(bits: i32): i32 {
  const n = hmacStateLength(bits);
  return n == 0 ? ERR_ALGORITHM : <i32>n;
}

/** Pre-processes an HMAC key into its midstates at `state`. Constant-time. Returns 0 or ERR_ALGORITHM. */
export function hmacKey(bits: i32, key: usize, keyLen: usize, state: usize): i32 {
  if (digestLength(bits) == 0) return ERR_ALGORITHM;
  hmacPrepareKey(bits, key, keyLen, state);
  return 0;
}

/** HMAC of `len` bytes at `msg` under the key state at `state`, written to `out`. Returns the tag length. */
export function hmac(bits: i32, state: usize, msg: usize, len: usize, out: usize): i32 {
  const n = digestLength(bits);
  if (n == 0) return ERR_ALGORITHM;
  hmacCompute(bits, state, msg, len, out);
  return <i32>n;
}

const MAC: usize = memory.data(64);

/**
 * Checks a tag of `tagLen` bytes (a truncated tag compares its prefix, RFC 2104 §5) in constant
 * time. Returns 0 when it matches, ERR_SIGNATURE otherwise, ERR_LENGTH for a tag longer than the digest.
 */
export function hmacVerify(bits: i32, state: usize, msg: usize, len: usize, tag: usize, tagLen: usize): i32 {
  const n = digestLength(bits);
  if (n == 0) return ERR_ALGORITHM;
  if (tagLen == 0 || tagLen > n) return ERR_LENGTH;
  hmacCompute(bits, state, msg, len, MAC);
  const ok = ctEqual(MAC, tag, tagLen);
  memory.fill(MAC, 0, 64);
  return ok ? 0 : ERR_SIGNATURE;
}

/** base64url-encodes `len` bytes at `src` into `dst`; returns the character count. */
export function base64urlEncode(src: usize, len: usize, dst: usize): i32 {
  return <i32>encode(src, len, dst);
}

/** Strictly decodes `len` base64url characters at `src` into `dst`; returns the byte count or ERR_BASE64. */
export function base64urlDecode(src: usize, len: usize, dst: usize): i32 {
  return decode(src, len, dst);
}

// ---- Ed25519 (RFC 8032) ----------------------------------------------------------------------
import { ed25519ExpandSeed, ed25519PreparePublic, ed25519SignInto, ed25519VerifyWith } from "./sig/eddsa";
import { scReduce64 } from "./field/scalar25519";

/** Writes the 96-byte private key state of the 32-byte seed at `seed` to `state`. Constant-time. Returns 0. */
export function ed25519KeyFromSeed(seed: usize, state: usize): i32 {
  ed25519ExpandSeed(state, seed);
  return 0;
}

/**
 * Writes the 3,872-byte verification state of the 32-byte public key at `pub` to `state`; returns
 * 0, or ERR_KEY for an encoding that is non-canonical or off the curve. Variable-time: public inputs only.
 */
export function ed25519PublicKeyState(pub: usize, state: usize): i32 {
  return ed25519PreparePublic(state, pub);
}

/** Ed25519 signature (64 bytes to `sig`) of `len` bytes at `msg` under a private state. Constant-time. Returns 64. */
export function ed25519Sign(state: usize, msg: usize, len: usize, sig: usize): i32 {
  ed25519SignInto(sig, state, msg, len);
  return 64;
}

/** Checks a 64-byte signature under a public state: 0 or ERR_SIGNATURE. Variable-time: public inputs only. */
export function ed25519Verify(state: usize, msg: usize, len: usize, sig: usize): i32 {
  return ed25519VerifyWith(state, msg, len, sig);
}

/** 32-byte (64-byte little-endian number at `src` mod L) to `out`; exposed for differential tests. Constant-time. */
export function ed25519ScalarReduce(src: usize, out: usize): void {
  scReduce64(out, src);
}

// ---- ECDSA P-256 / P-384 (ES256, ES384): curve 0 = P-256, 1 = P-384 ----

export { jwsEcdsaSign, jwsEcdsaVerifyVartime } from "./jws/ecdsa";
import { ecdsaHash } from "./jws/ecdsa";
import { curveKnown, curveLen } from "./field/nist";
import { ecdsaPrecomputeVartime, ecdsaPrivateValid, ecdsaPublicKey, ecdsaSign as ecSign, ecdsaVerifyVartime as ecVerify } from "./sig/ecdsa";
import { pointFromAffineBytesVartime, qTableLength, QROWS_MAX } from "./curve/weierstrass";
import { ERR_KEY } from "./util/status";

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

const PBKDF2_KEY_STATE: usize = memory.data(64);

/**
 * PBKDF2-HMAC-SHA256 (RFC 8018 §5.2): derives `dkLen` bytes into `out` from the password at
 * `password` and the salt at `salt`, which must have 4 bytes of room after it (workspace for
 * INT(i)). Constant-time in the password and salt. Returns `dkLen`, or ERR_LENGTH when
 * `iterations` or `dkLen` is 0.
 */
export function pbkdf2Sha256(password: usize, passwordLen: usize, salt: usize, saltLen: usize, iterations: u32, out: usize, dkLen: usize): i32 {
  if (iterations == 0 || dkLen == 0 || dkLen > 0x7fffffff) return ERR_LENGTH;
  hmacPrepareKey(256, password, passwordLen, PBKDF2_KEY_STATE);
  pbkdf2HmacSha256(PBKDF2_KEY_STATE, salt, saltLen, iterations, out, dkLen);
  wipe(PBKDF2_KEY_STATE, 64);
  return <i32>dkLen;
}
