/**
 * `ciphertoken/algorithms`: the JWS algorithms of RFC 7518 §3.1 and RFC 8037 §3.1, one constant
 * each. A constant is its registry entry (STYLE.md §11): it prints and serializes as its name, and
 * importing it brings in its family alone, so an app pays only for the algorithms it names.
 * @module ciphertoken/algorithms
 */

// Each family module exports its constants and nothing else: a new member appears here by itself.
export * from './families/eddsa/index.js';
export * from './families/ecdsa/index.js';
export type { Algorithm } from './families/entry.js';
export * from './families/hmac/index.js';
export * from './families/rsa/index.js';
/**
 * The Python library's name for {@link EdDSA}: the same constant.
 */
export { EdDSA as EDDSA } from './families/eddsa/index.js';
