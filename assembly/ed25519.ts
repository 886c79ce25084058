/**
 * The `ed25519` wasm module (DESIGN.md "wasm modules"): Ed25519 (RFC 8032 §5.1) and the fused
 * EdDSA JWS pipelines (RFC 8037 §3.1). It links its own SHA-512 and base64url rather than calling
 * the hash module, so it needs no imports and loads on its own. Built with SIMD (the signing table
 * scan of curve/edwards25519.ts), like the rsa module. Its exports are this module's
 * whole ABI (offsets into its own linear memory, i32 statuses from util/status.ts).
 * @module
 */

import {
  ED25519_PUBLIC_SLOT, ED25519_PUBLIC_STATE, ed25519ExpandSeed, ed25519PreparePublic, ed25519SignInto, ed25519VerifyWith,
} from "./sig/eddsa";
import { scReduce64 } from "./field/scalar25519";
import { x25519BaseMul, x25519Ladder } from "./curve/x25519";
import { ERR_KEY } from "./util/status";

export { jwsEd25519Sign, jwsEd25519Verify } from "./jws/eddsa";
export { keySlot, keySlotSize, scratchBase, scratchCapacity, scratchReserve } from "./util/scratch";
export { nh, nhKey, nhKeyLength, nhOut } from "./hash/nh";

/** Writes the 96-byte private key state of the 32-byte seed at `seed` to `state`. Constant-time. Returns 0. */
export function ed25519KeyFromSeed(seed: usize, state: usize): i32 {
  ed25519ExpandSeed(state, seed);
  return 0;
}

/**
 * Writes the verification state (`ed25519PublicStateSize()` bytes) of the 32-byte public key at
 * `pub` to `state`; returns 0, or ERR_KEY for an encoding that is non-canonical or off the curve.
 * Variable-time: public inputs only.
 */
export function ed25519PublicKeyState(pub: usize, state: usize): i32 {
  return ed25519PreparePublic(state, pub);
}

/** Size of a public key state. */
export function ed25519PublicStateSize(): usize {
  return ED25519_PUBLIC_STATE;
}

/** Offset of the slot where the public key state in use stays between verifications. */
export function ed25519PublicSlot(): usize {
  return ED25519_PUBLIC_SLOT;
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

/**
 * X25519 (RFC 7748 §5) of the 32-byte scalar at `scalar` and u-coordinate at `u`, 32 bytes to
 * `out`: 0, or ERR_KEY when the result is all zeros (a low-order point, RFC 7748 §6.1), which the
 * caller must refuse. Constant-time in the scalar.
 */
export function x25519(scalar: usize, u: usize, out: usize): i32 {
  return x25519Ladder(out, scalar, u) == 0 ? 0 : ERR_KEY;
}

/** The X25519 public key X25519(k, 9) of the 32-byte scalar at `scalar`, 32 bytes to `out` (RFC 7748 §6.1). Constant-time. Returns 0. */
export function x25519Base(scalar: usize, out: usize): i32 {
  x25519BaseMul(out, scalar);
  return 0;
}
