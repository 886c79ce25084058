/**
 * ES512: ECDSA on P-521 with SHA-512 (RFC 7518 §3.4), on the p521 wasm module. A module of its own so
 * that a bundle which never names ES512 drops it, and with it the p521 module's bytes.
 * @module
 */

import { defineAlgorithm } from '../entry.js';
import { ecdsaFamily } from './family.js';
import { P521 } from './p521.js';

/** ECDSA on P-521 with SHA-512 (RFC 7518 §3.4). */
export const ES512 = defineAlgorithm('ES512', ecdsaFamily(P521)).name;
