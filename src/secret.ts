/**
 * `ciphertoken/secret`: HMAC secrets and key pairs for every family, from `crypto.getRandomValues`
 * or WebCrypto.
 * @module ciphertoken/secret
 */
// Loads every family where modules run as they are (Node, Bun, Deno), so that `generateEcKeypair('ES384')`
// resolves its name with this entry alone. The package is free of side effects (`sideEffects: false`),
// so a bundler drops this import and keeps only the families whose constants the app imports.
import './algorithms.js';

export * from './token/secret.js';
