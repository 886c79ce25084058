/**
 * P-384 (SEC 2 §2.5.1, FIPS 186-5 §3.2.1) as the ECDSA family reads its keys, bound to the p384 wasm module.
 * A module of its own, so that a bundle which never names P-384 drops it and the module's bytes.
 * @module
 */

import { p384Module } from '../../wasm/modules/p384.js';
import type { EcCurve } from './keys.js';

/** P-384: the curve of ES384; its named-curve OID is RFC 5480 §2.1.1.1's. */
export const P384: EcCurve = {
  alg: 'ES384',
  crv: 'P-384',
  len: 48,
  oid: Uint8Array.of(0x2b, 0x81, 0x04, 0x00, 0x22), // 1.3.132.0.34
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
  b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
  module: p384Module,
};
