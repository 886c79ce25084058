/**
 * ES512: ECDSA on P-521 with SHA-512 (RFC 7518 §3.4), on the p521 wasm module. A module of its own so
 * that a bundle which never names ES512 drops it, and with it the p521 module's bytes.
 * @module
 */

import { p521Module } from '../../wasm/modules/p521.js';
import { defineAlgorithm } from '../entry.js';
import { ecdsaFamily } from './family.js';

/** ECDSA on P-521 with SHA-512 (RFC 7518 §3.4). */
export const ES512 = defineAlgorithm('ES512', ecdsaFamily(p521Module)).name;
