/**
 * The one place ECDH-ES reaches the P-256/P-384 shared-secret operation on the sync path: the
 * signature `ecdhSharedSecret(curve, privateScalar, publicXY)` of the per-curve wasm modules'
 * binding (src/wasm/, the `curves` work). Until that binding is in this tree, sync ECDH-ES on
 * the NIST curves is refused with a KeyError that points to the async functions, which use
 * WebCrypto ECDH; X25519 is unaffected.
 * @module
 */

import { KeyError } from '../../core/errors.js';
import type { EcCurveId } from '../../wasm/ecdsa.js';

/** Whether this build computes P-256/P-384 ECDH in wasm (the sync path). */
export const hasWasmEcdh = false;

/**
 * The ECDH shared secret x(d·Q) (SEC 1 §3.3.1), `publicXY` already checked to be on the curve; null
 * for the point at infinity.
 */
export function ecdhSharedSecret(_curve: EcCurveId, _privateScalar: Uint8Array, _publicXY: Uint8Array): Uint8Array | null {
  throw new KeyError('synchronous ECDH-ES on P-256 and P-384 is not available in this build: use encryptJwtAsync / decryptJwtAsync');
}
