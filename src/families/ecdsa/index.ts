/**
 * The ECDSA family's algorithm constants (RFC 7518 §3.4), one module each (es256.ts, es384.ts,
 * es512.ts), so a bundle keeps the curves whose constants it imports.
 * @module
 */

export { ES256 } from './es256.js';
export { ES384 } from './es384.js';
export { ES512 } from './es512.js';
