/**
 * `ciphertoken/jws`: JWTs of any issuer — sign, verify against keys or a JWK set, decode
 * (RFC 7515, RFC 7519).
 * @module ciphertoken/jws
 */
export { decodeJwt, decodeProtectedHeader, signJwt, signJwtAsync, verifyJwt, verifyJwtAsync } from './jose/jws.js';
export type { ProtectedHeader, SignJwtOptions, VerifiedJwt, VerifyCacheHooks, VerifyJwtOptions } from './jose/jws.js';
export * from './jose/jwt-cache.js';
