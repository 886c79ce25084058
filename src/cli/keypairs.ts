/**
 * What `keygen` (and the playground) can make for an algorithm, from its family in the registry:
 * a key pair with its generator, or a shared secret's least size. Nothing here names an algorithm.
 * @module
 */

import type { Algorithm } from '../algorithms.js';
import type { KeyPairGenerator } from '../families/entry.js';
import { findAlgorithm } from '../jose/registry.js';

/** The key-pair generator of `alg`'s family; undefined for shared-secret algorithms. */
export function keypairFamily(alg: Algorithm): KeyPairGenerator | undefined {
  return findAlgorithm(alg)?.family.keyPair;
}

/** The least HMAC secret size in bits (RFC 7518 §3.2); undefined for key-pair algorithms. */
export function hmacSecretBits(alg: Algorithm): number | undefined {
  return findAlgorithm(alg)?.family.secretBits?.(alg);
}
