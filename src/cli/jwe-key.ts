/**
 * Key text for JWE, as the CLI's `encrypt`/`decrypt` and the playground read it: shared keys
 * (`dir`, `A*KW`, `A*GCMKW`) as base64url text or an `oct` JWK, PBES2 passwords as text, RSA-OAEP
 * and ECDH-ES keys as PEM or a JWK. Pure (no I/O, no library import): the playground shares it.
 * @module
 */

import { bytesFromBase64url } from '../core/base64url.js';
import type { Jwk } from '../jose/keys.js';
import { KeyInputError } from './errors.js';
import type { Material } from './material.js';

/** Whether `alg` takes a shared symmetric key (RFC 7518 §4.4, §4.5, §4.7). */
const sharedKey = (alg: string): boolean => alg === 'dir' || /^A\d+(GCM)?KW$/.test(alg);

/** What `importJweKey(…, alg)` takes for this key text; KeyInputError when it cannot be one. */
export function jweKeyInput(material: Material, alg: string): string | Uint8Array | Jwk {
  if (material.kind === 'jwks') throw new KeyInputError('a JWK set was given where one key is expected');
  if (material.kind === 'jwk') return material.jwk;
  if (!sharedKey(alg)) return material.text;
  const bytes = bytesFromBase64url(material.text.trim());
  if (bytes === null) throw new KeyInputError(`${alg} takes the key as base64url text or an oct JWK`);
  return bytes;
}
