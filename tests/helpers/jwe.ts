/** The JWE functions under test, from the source tree. */
export { decryptCompact as decryptJwe, decryptCompactAsync as decryptJweAsync, importJweKey } from '../../src/jose/jwe.js';
export { NotSupportedError } from '../../src/core/errors.js';
