/**
 * `ciphertoken/keys`: import and export of keys (raw, PEM, DER, JWK), RFC 7638 thumbprints and
 * JWK sets.
 * @module
 */
export * from './jose/keys.js';
