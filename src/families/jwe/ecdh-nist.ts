/**
 * The one place ECDH-ES reaches the P-256/P-384 shared-secret operation: the curve modules'
 * `ecdhSharedSecret` (src/wasm/ecdh.ts, constant-time in the scalar, the peer point validated in
 * full first), and the ephemeral key pairs of the sync path.
 * @module
 */

import { KeyError } from '../../core/errors.js';
import { ecdhSharedSecret } from '../../wasm/ecdh.js';
import { type EcCurve, generateEcPoint } from '../ecdsa/keys.js';
import { P256 } from '../ecdsa/p256.js';
import { P384 } from '../ecdsa/p384.js';

export type NistCurve = 'P-256' | 'P-384';

/** A curve as the EC key reader takes it (it checks points on the curve's wasm module). */
export const nistCurve = (crv: NistCurve): EcCurve => (crv === 'P-256' ? P256 : P384);

/** The ECDH shared secret x(d·Q) (SEC 1 §3.3.1); null when the peer point or the result is unusable. */
export function nistSharedSecret(crv: NistCurve, privateScalar: Uint8Array, publicXY: Uint8Array): Uint8Array | null {
  try {
    return ecdhSharedSecret(crv, privateScalar, publicXY);
  } catch (error) {
    if (error instanceof KeyError) return null; // an invalid point: a failed decryption, not a usage error
    throw error;
  }
}

/** A fresh ephemeral key pair on `crv` (the EC family's sampling: generateEcPoint). */
export const nistKeyPair = (crv: NistCurve): { d: Uint8Array; xy: Uint8Array } => generateEcPoint(nistCurve(crv));
