/**
 * `ciphertoken/jwt`: function forms of the common flows, thin wrappers over `CipherToken`.
 * @module
 */
export * from './token/jwt.js';
