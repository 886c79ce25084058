/**
 * ES384: ECDSA on P-384 with SHA-384 (RFC 7518 §3.4), on the p384 wasm module. A module of its own so
 * that a bundle which never names ES384 drops it, and with it the p384 module's bytes.
 * @module
 */

import { defineAlgorithm } from '../entry.js';
import { ecdsaFamily } from './family.js';
import { P384 } from './p384.js';

/** ECDSA on P-384 with SHA-384 (RFC 7518 §3.4). */
export const ES384 = defineAlgorithm('ES384', ecdsaFamily(P384)).name;
