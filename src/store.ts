/**
 * `ciphertoken/store`: token stores that make refresh-token rotation one-time and tokens
 * revocable (RFC 9700 §4.14.2).
 * @module ciphertoken/store
 */
export * from './token/store/index.js';
