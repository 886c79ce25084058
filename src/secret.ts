/**
 * `ciphertoken/secret`: HMAC secrets and key pairs for every family, from `crypto.getRandomValues`
 * or WebCrypto.
 * @module ciphertoken/secret
 */
export * from './token/secret.js';
