/**
 * Ed25519 on the wasm core (assembly/sig/eddsa.ts, assembly/jws/eddsa.ts): key states, raw
 * signatures and the fused JWS pipelines (RFC 8032 §5.1, RFC 8037 §3.1).
 *
 * Key states are prepared once per key and copied into the key slot per operation (wiped after):
 * the private state (96 bytes) holds the clamped scalar, the nonce prefix and the encoded public
 * key. The public state (30,752 bytes) holds the encoded key and 32 precomputed affine odd
 * multiples of each of 2^(32k) times its negated point, k < 8; it is public
 * data, so it is not wiped: it stays in the module's public slot while it is the key in use and is
 * copied in again only when another key verifies.
 * @module
 */

import type { WasmRuntime } from './loader.js';
import { type Ed25519Exports, ed25519Module } from './modules/ed25519.js';
import { loadKeySlot, wipeKeySlot } from './sha2.js';
import { readUtf8 } from './text.js';
import { stageSigningInput, stageToken } from './jws.js';

export const ED25519_PRIVATE_STATE = 96;
export const ED25519_SEED = 32;
export const ED25519_PUBLIC_KEY = 32;
export const ED25519_SIGNATURE = 64;

/**
 * The private key state of a 32-byte seed (RFC 8032 §5.1.5). Constant-time in wasm. Works in the
 * key slot, not the scratch region, so it can run lazily while a token is staged; wiped after.
 */
export function ed25519PrivateState(seed: Uint8Array): Uint8Array {
  const rt = ed25519Module.runtime;
  const seedPtr = rt.keySlot;
  const out = seedPtr + ED25519_SEED;
  rt.u8.set(seed, seedPtr);
  try {
    rt.exports.ed25519KeyFromSeed(seedPtr, out);
    return rt.u8.slice(out, out + ED25519_PRIVATE_STATE);
  } finally {
    rt.u8.fill(0, seedPtr, out + ED25519_PRIVATE_STATE);
  }
}

/** The encoded public key inside a private state. */
export function publicKeyOfState(state: Uint8Array): Uint8Array {
  return state.slice(64, 96);
}

/**
 * The verification state of an encoded public key, or null when it does not decode strictly
 * (RFC 8032 §5.1.3). Uses the scratch region: call it before staging a token there.
 */
export function ed25519PublicState(publicKey: Uint8Array): Uint8Array | null {
  if (publicKey.length !== ED25519_PUBLIC_KEY) return null;
  const rt = ed25519Module.runtime;
  const size = rt.exports.ed25519PublicStateSize();
  rt.reserve(ED25519_PUBLIC_KEY + size);
  const pub = rt.base;
  const out = pub + ED25519_PUBLIC_KEY;
  rt.u8.set(publicKey, pub);
  if (rt.exports.ed25519PublicKeyState(pub, out) !== 0) return null;
  return rt.u8.slice(out, out + size);
}

/** The public state last copied into the module's public slot, and that module's runtime. */
let resident: { rt: WasmRuntime<Ed25519Exports>; state: Uint8Array } | undefined;

/**
 * The offset of `publicState` in the module's public slot, copied there unless it is already the
 * resident state (the same array object: states are never modified after they are made).
 */
function residentPublicState(rt: WasmRuntime<Ed25519Exports>, publicState: Uint8Array): number {
  const slot = rt.exports.ed25519PublicSlot();
  if (resident?.rt !== rt || resident.state !== publicState) {
    rt.u8.set(publicState, slot);
    resident = { rt, state: publicState };
  }
  return slot;
}

/** The 64-byte signature of `message` under a private state. */
export function ed25519Sign(state: Uint8Array, message: Uint8Array): Uint8Array {
  const rt = ed25519Module.runtime;
  rt.reserve(message.length + ED25519_SIGNATURE);
  rt.u8.set(message, rt.base);
  const sig = rt.base + message.length;
  try {
    rt.exports.ed25519Sign(loadKeySlot(rt, state), rt.base, message.length, sig);
  } finally {
    wipeKeySlot(rt);
  }
  return rt.u8.slice(sig, sig + ED25519_SIGNATURE);
}

/** Whether `signature` is a valid Ed25519 signature of `message` under a public state (rules: assembly/sig/eddsa.ts). */
export function ed25519Verify(publicState: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE) return false; // RFC 8032 §5.1.7: exactly 64 bytes
  const rt = ed25519Module.runtime;
  const state = residentPublicState(rt, publicState);
  rt.reserve(message.length + ED25519_SIGNATURE);
  rt.u8.set(message, rt.base);
  const sig = rt.base + message.length;
  rt.u8.set(signature, sig);
  return rt.exports.ed25519Verify(state, rt.base, message.length, sig) === 0;
}

/** A 64-byte little-endian number reduced mod L (exposed for differential tests of the scalar code). */
export function ed25519ScalarReduce(wide: Uint8Array): Uint8Array {
  const rt = ed25519Module.runtime;
  rt.reserve(96);
  rt.u8.set(wide, rt.base);
  rt.exports.ed25519ScalarReduce(rt.base, rt.base + 64);
  return rt.u8.slice(rt.base + 64, rt.base + 96);
}

/** Signs: `header.b64url(payloadJson).b64url(Ed25519 signature)` from the encoded header's ASCII. */
export function signEd25519Jws(state: Uint8Array, header: Uint8Array, payloadJson: string): string {
  const rt = ed25519Module.runtime;
  const { payloadLen, headerPtr, out } = stageSigningInput(rt, header, payloadJson, 1 + 86);
  let n: number;
  try {
    n = rt.exports.jwsEd25519Sign(loadKeySlot(rt, state), headerPtr, header.length, rt.base, payloadLen, out);
  } finally {
    wipeKeySlot(rt);
  }
  return readUtf8(rt, out, n);
}

/**
 * Checks the Ed25519 signature of `token` (dots at `dot1` and `dot2`) under a public state and
 * returns its decoded payload text, or null when the token is not ASCII or its signature or payload
 * encoding is bad. Throws TypeError when the signed payload is not UTF-8.
 */
export function verifyEd25519Jws(publicState: Uint8Array, token: string, dot1: number, dot2: number): string | null {
  const rt = ed25519Module.runtime;
  const state = residentPublicState(rt, publicState);
  // Token, then room for its decoded payload.
  const out = stageToken(rt, token);
  if (out < 0) return null;
  const n = rt.exports.jwsEd25519Verify(state, rt.base, token.length, dot1, dot2, out);
  return n < 0 ? null : readUtf8(rt, out, n);
}
