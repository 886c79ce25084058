/**
 * `ciphertoken/secret`: HMAC secrets and key pairs for every family, from `crypto.getRandomValues`
 * or WebCrypto.
 * @module
 */
export * from './token/secret.js';
