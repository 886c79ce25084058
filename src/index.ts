/**
 * `ciphertoken`: JSON Web Tokens with a WebAssembly crypto core, sync and async on every runtime.
 * @module ciphertoken
 */

export { CipherToken } from './token/ciphertoken.js';
export type {
  CipherTokenOptions,
  VerifyKeyOptions,
  KeyMaterial,
  InspectedClaims,
  Claims,
  TokenKind,
  ProtectedHeader,
  RevokeOptions,
  TokenType,
  VerifyOptions,
} from './token/ciphertoken.js';
export * from './core/errors.js';
export * from './algorithms.js';
export * from './core/time.js';
export * from './token/secret.js';
export * from './token/jwt.js';
export {
  SecureTokenManager,
  Settings,
  generateSecretKey,
  generateSalt,
  validatePermissions,
  validateExpiresHours,
} from './secure/index.js';
export type {
  GenerateTokenOptions,
  RefreshTokenOptions,
  SecureTokenConfig,
  SecureTokenManagerOptions,
  TokenInfo,
  TokenValidation,
  SettingsInit,
} from './secure/index.js';
export { init, initSync, ready, isReady } from './wasm/index.js';
export * from './jws.js';
export {
  importKey,
  importKeyAsync,
  exportJwk,
  exportPem,
  jwkThumbprint,
  createLocalJwks,
  createRemoteJwks,
  Jwks,
  LocalJwks,
  RemoteJwks,
} from './jose/keys.js';
export type { Jwk, ImportOptions, RemoteJwksOptions } from './jose/keys.js';
export { Key } from './jose/keys.js';
export { signEd25519, verifyEd25519 } from './families/eddsa/keys.js';
export * from './token/store/index.js';
