/**
 * The common type of JWK sets (RFC 7517 §5), apart from the sets themselves: `verifyJwt` checks
 * for it without importing the JWK-set code, which resolves algorithms from data and so loads
 * every family.
 * @module
 */

import type { Jwk } from '../core/jwk.js';
import type { PreparedKey, ProtectedHeader } from './compact.js';

/**
 * Common type of the key sets `verifyJwt`/`verifyJwtAsync` accept.
 *
 * @example
 * ```ts
 * import { createLocalJwks, verifyJwt, type Jwks } from 'ciphertoken';
 *
 * const keys: Jwks = createLocalJwks({ keys: [publicJwk] });
 * verifyJwt(jwt, keys, { algorithms: ['ES256'] });
 * ```
 */
export abstract class Jwks {
  /** @internal whether the set fetches its keys, so that only `verifyJwtAsync` can use it */
  readonly fetches: boolean = false;
  /** @internal the verification keys for a token header */
  abstract keysFor(header: ProtectedHeader): readonly PreparedKey[] | Promise<readonly PreparedKey[]>;
  /** @internal the set's JWKs, for JWE decryption (jwe.ts imports its keys for JWE algorithms) */
  abstract jwkList(): readonly Jwk[] | Promise<readonly Jwk[]>;
}
