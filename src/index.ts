/**
 * `ciphertoken`: JSON Web Tokens with a WebAssembly crypto core, sync and async on every runtime.
 * @module
 */

export { CipherToken } from './ciphertoken.js';
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
} from './ciphertoken.js';
export * from './errors.js';
export * from './algorithms.js';
export * from './time.js';
export * from './secret.js';
export * from './jwt.js';
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
export * from './jws/index.js';
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
} from './keys/index.js';
export type { Jwk, ImportOptions, RemoteJwksOptions } from './keys/index.js';
export { Key } from './keys/index.js';
export { signEd25519, verifyEd25519 } from './families/eddsa/keys.js';
export * from './store/index.js';
