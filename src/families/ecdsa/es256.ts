/**
 * ES256: ECDSA on P-256 with SHA-256 (RFC 7518 §3.4), on the p256 wasm module. A module of its own so
 * that a bundle which never names ES256 drops it, and with it the p256 module's bytes.
 * @module
 */

import { defineAlgorithm } from '../entry.js';
import { ecdsaFamily } from './family.js';
import { P256 } from './p256.js';

/** ECDSA on P-256 with SHA-256 (RFC 7518 §3.4). */
export const ES256 = defineAlgorithm('ES256', ecdsaFamily(P256)).name;
