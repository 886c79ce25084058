/**
 * `ciphertoken/keys`: import and export of keys (raw, PEM, DER, JWK), RFC 7638 thumbprints and
 * JWK sets.
 * @module ciphertoken/keys
 */
export * from './jose/keys.js';
