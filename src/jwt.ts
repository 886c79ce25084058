/**
 * `ciphertoken/jwt`: function forms of the common flows, thin wrappers over `CipherToken`.
 * @module ciphertoken/jwt
 */
export * from './token/jwt.js';
