/**
 * `ciphertoken/jwe`: encrypted JWTs and JWE Compact Serialization (RFC 7516, RFC 7518 §4–5,
 * RFC 8037 §3.2), sync and async: key management `dir`, `A128KW`, `A256KW`, `A128GCMKW`,
 * `A256GCMKW`, `ECDH-ES` (+`A128KW`, +`A256KW`) on P-256, P-384 and X25519, `RSA-OAEP`,
 * `RSA-OAEP-256`, `PBES2-HS256+A128KW`, `PBES2-HS512+A256KW`; content encryption `A128GCM`,
 * `A256GCM`, `A128CBC-HS256`, `A256CBC-HS512`. `RSA1_5` and `zip` are refused.
 * @module ciphertoken/jwe
 */
export { A128GCMKW, A128KW, A256GCMKW, A256KW, dir } from './families/jwe/oct.js';
export { ECDH_ES, ECDH_ES_A128KW, ECDH_ES_A256KW } from './families/jwe/ecdh.js';
export { RSA_OAEP, RSA_OAEP_256 } from './families/jwe/rsa-oaep.js';
export { PBES2_HS256_A128KW, PBES2_HS512_A256KW } from './families/jwe/pbes2.js';
export { PBES2_MAX_COUNT, PBES2_MIN_COUNT } from './families/jwe/pbes2-cap.js';
export {
  decryptCompact as decrypt,
  decryptCompactAsync as decryptAsync,
  decryptJwt,
  decryptJwtAsync,
  encryptCompact as encrypt,
  encryptCompactAsync as encryptAsync,
  encryptJwt,
  encryptJwtAsync,
  exportJweKey,
  importJweKey,
} from './jose/jwe.js';
export type {
  ContentEncryptionAlgorithm,
  DecryptedJwe,
  DecryptedJwt,
  DecryptionKeys,
  DecryptJwtOptions,
  DecryptOptions,
  EncryptJwtOptions,
  EncryptOptions,
  JweKeyInput,
  KeyManagementAlgorithm,
} from './jose/jwe.js';
export type { JweHeader } from './families/jwe/entry.js';
export type { TokenEncryptionOptions } from './jose/token-encryption.js';
export { NotSupportedError } from './core/errors.js';

import { tokenEncryption } from './jose/jwe.js';
import { provideTokenEncryption } from './jose/token-encryption.js';

// CipherToken's `encryption` option reaches the JWE code through this (token-encryption.ts).
provideTokenEncryption(tokenEncryption);
