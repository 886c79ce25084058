/**
 * X25519 (RFC 7748 §5) on the ed25519 wasm module (assembly/curve/x25519.ts), for JWE ECDH-ES
 * with X25519 keys (RFC 8037 §3.2). The scalar crosses in the key slot and is wiped after the call.
 * @module
 */

import { loadKeySlot, wipeKeySlot } from './sha2.js';
import { ed25519Module } from './modules/ed25519.js';

/**
 * X25519(scalar, u), 32 bytes; null when the result is all zeros (u of low order: RFC 7748 §6.1,
 * refused by RFC 8037 §3.2 users). Constant-time in the scalar.
 */
export function x25519(scalar: Uint8Array, u: Uint8Array): Uint8Array | null {
  if (scalar.length !== 32 || u.length !== 32) return null;
  const rt = ed25519Module.runtime;
  rt.reserve(64);
  rt.u8.set(u, rt.base);
  let status: number;
  try {
    status = rt.exports.x25519(loadKeySlot(rt, scalar), rt.base, rt.base + 32);
  } finally {
    wipeKeySlot(rt);
  }
  const out = rt.u8.slice(rt.base + 32, rt.base + 64);
  rt.u8.fill(0, rt.base, rt.base + 64);
  return status === 0 ? out : null;
}

/**
 * The public key X25519(scalar, 9) of a 32-byte private scalar (RFC 7748 §6.1), by the Edwards
 * fixed-base comb and the birational map (assembly/curve/x25519.ts). Constant-time in the scalar.
 */
export function x25519PublicKey(scalar: Uint8Array): Uint8Array {
  if (scalar.length !== 32) throw new RangeError('X25519 private key must be 32 bytes');
  const rt = ed25519Module.runtime;
  rt.reserve(32);
  try {
    rt.exports.x25519Base(loadKeySlot(rt, scalar), rt.base);
  } finally {
    wipeKeySlot(rt);
  }
  return rt.u8.slice(rt.base, rt.base + 32);
}
