/**
 * P-521 (SEC 2 §2.6.1, FIPS 186-5 §3.2.1) as the ECDSA family reads its keys, bound to the p521 wasm module.
 * A module of its own, so that a bundle which never names P-521 drops it and the module's bytes.
 * @module
 */

import { p521Module } from '../../wasm/modules/p521.js';
import type { EcCurve } from './keys.js';

/** P-521: the curve of ES512; its named-curve OID is RFC 5480 §2.1.1.1's. */
export const P521: EcCurve = {
  alg: 'ES512',
  crv: 'P-521',
  len: 66, // ⌈521/8⌉ (RFC 7518 §6.2.1.2: the full length, so the top byte holds one bit)
  oid: Uint8Array.of(0x2b, 0x81, 0x04, 0x00, 0x23), // 1.3.132.0.35
  p: (1n << 521n) - 1n,
  b: 0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
  module: p521Module,
};
