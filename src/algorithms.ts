/**
 * `ciphertoken/algorithms`: the JWS algorithm identifiers of RFC 7518 §3.1 and RFC 8037 §3.1.
 * @module
 */

export const HS256 = 'HS256';
export const HS384 = 'HS384';
export const HS512 = 'HS512';
export const RS256 = 'RS256';
export const RS384 = 'RS384';
export const RS512 = 'RS512';
export const ES256 = 'ES256';
export const ES384 = 'ES384';
export const PS256 = 'PS256';
export const PS384 = 'PS384';
export const PS512 = 'PS512';
/** Ed25519 (RFC 8037): the JWS `alg` value is `EdDSA`. */
export const EdDSA = 'EdDSA';
/**
 * The Python library's name for {@link EdDSA}: the same value.
 * @alias
 */
export const EDDSA = EdDSA;

export type Algorithm =
  | typeof HS256
  | typeof HS384
  | typeof HS512
  | typeof RS256
  | typeof RS384
  | typeof RS512
  | typeof ES256
  | typeof ES384
  | typeof PS256
  | typeof PS384
  | typeof PS512
  | typeof EdDSA;
