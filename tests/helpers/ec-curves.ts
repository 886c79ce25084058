import type { EcCurve } from '../../src/families/ecdsa/keys.js';
import { P256 } from '../../src/families/ecdsa/p256.js';
import { P384 } from '../../src/families/ecdsa/p384.js';
import { P521 } from '../../src/families/ecdsa/p521.js';

/** The ECDSA family's curves by algorithm, as the EC key reader takes them. */
export const EC_CURVES: Record<'ES256' | 'ES384' | 'ES512', EcCurve> = { ES256: P256, ES384: P384, ES512: P521 };
