/**
 * ECDH on P-256 and P-384 for JWE's ECDH-ES key agreement (RFC 7518 §4.6): the shared secret Z,
 * the x-coordinate of d·Q (NIST SP 800-56A Rev. 3 §5.7.1.2), computed in the curve's wasm module
 * (assembly/kex/ecdh.ts), constant-time in the private scalar. The peer's point is validated in
 * full first (§5.6.2.3.4), so an invalid-curve point is refused rather than leaking the scalar.
 * @module
 */

import { KeyError } from '../core/errors.js';
import type { EcdhCurveExports } from './modules/curve.js';
import type { WasmModule } from './loader.js';
import { p256Module } from './modules/p256.js';
import { p384Module } from './modules/p384.js';
import { loadKeySlot, wipeKeySlot } from './sha2.js';

/**
 * Z = x(d·Q) as the curve's coordinate length in bytes (32 or 48), for the private scalar `d`
 * (big-endian, that length) and the peer's public point x ‖ y (twice that length, no 0x04 prefix).
 * Throws KeyError when d ∉ [1, n−1], when x ‖ y is not a point of the curve, or when the result is
 * the identity. The messages name no key material.
 */
export function ecdhSharedSecret(curve: 'P-256' | 'P-384', privateScalar: Uint8Array, publicXY: Uint8Array): Uint8Array {
  const module: WasmModule<EcdhCurveExports> | undefined = curve === 'P-256' ? p256Module : curve === 'P-384' ? p384Module : undefined;
  if (module === undefined) throw new KeyError('ECDH needs curve P-256 or P-384');
  const rt = module.runtime;
  const len = rt.exports.ecCoordinateLength();
  if (privateScalar.length !== len) throw new KeyError(`an ${curve} private scalar is ${len} bytes`);
  if (publicXY.length !== 2 * len) throw new KeyError(`an ${curve} public point x ‖ y is ${2 * len} bytes`);
  rt.reserve(3 * len);
  rt.scratch.set(publicXY);
  const out = rt.base + 2 * len;
  let status: number;
  try {
    status = rt.exports.ecdh(loadKeySlot(rt, privateScalar), rt.base, out);
    if (status !== 0) throw new KeyError('ECDH failed: invalid private scalar or public point');
    return rt.u8.slice(out, out + len);
  } finally {
    wipeKeySlot(rt);
    rt.u8.fill(0, out, out + len);
  }
}
