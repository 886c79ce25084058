/**
 * `ciphertoken/jws`: JWTs of any issuer — sign, verify against keys or a JWK set, decode
 * (RFC 7515, RFC 7519).
 * @module ciphertoken/jws
 */
export * from './jose/jws.js';
