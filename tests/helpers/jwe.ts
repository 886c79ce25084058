/**
 * The JWE functions under test, from the source tree, with every key-management family loaded (as
 * the package entry does): algorithms named by string resolve among the loaded families.
 */
import '../../src/jwe.js';

export { decryptCompact as decryptJwe, decryptCompactAsync as decryptJweAsync, importJweKey } from '../../src/jose/jwe.js';
export { NotSupportedError } from '../../src/core/errors.js';
