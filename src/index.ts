/**
 * `ciphertoken`: JSON Web Tokens with a WebAssembly crypto core, sync and async on every runtime.
 * @module
 */

export { CipherToken } from './ciphertoken.js';
export type { CipherTokenOptions, VerifyKeyOptions, KeyMaterial, InspectedClaims, Claims, TokenKind, ProtectedHeader } from './ciphertoken.js';
export * from './errors.js';
export * from './algorithms.js';
export * from './time.js';
export * from './secret.js';
export * from './jwt.js';
export { init, initSync, ready, isReady } from './wasm/index.js';
export { Key } from './keys/key.js';
export { importEd25519Key, importEd25519Jwk, exportEd25519Pem, exportEd25519Jwk, signEd25519, verifyEd25519, type Ed25519Jwk } from './keys/ed25519.js';
