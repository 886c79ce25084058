/**
 * ES384: ECDSA on P-384 with SHA-384 (RFC 7518 §3.4), on the p384 wasm module. A module of its own so
 * that a bundle which never names ES384 drops it, and with it the p384 module's bytes.
 * @module
 */

import { p384Module } from '../../wasm/modules/p384.js';
import { defineAlgorithm } from '../entry.js';
import { ecdsaFamily } from './family.js';

/** ECDSA on P-384 with SHA-384 (RFC 7518 §3.4). */
export const ES384 = defineAlgorithm('ES384', ecdsaFamily(p384Module)).name;
