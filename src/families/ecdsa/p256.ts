/**
 * P-256 (SEC 2 §2.4.2, FIPS 186-5 §3.2.1) as the ECDSA family reads its keys, bound to the p256 wasm module.
 * A module of its own, so that a bundle which never names P-256 drops it and the module's bytes.
 * @module
 */

import { p256Module } from '../../wasm/modules/p256.js';
import type { EcCurve } from './keys.js';

/** P-256: the curve of ES256; its named-curve OID is RFC 5480 §2.1.1.1's. */
export const P256: EcCurve = {
  alg: 'ES256',
  crv: 'P-256',
  len: 32,
  oid: Uint8Array.of(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07), // 1.2.840.10045.3.1.7
  p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
  b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  module: p256Module,
};
