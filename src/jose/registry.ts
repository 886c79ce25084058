/**
 * Every algorithm by name (STYLE.md §11): for what only knows a name — a JWK's `alg`, a JWKS, a
 * token header, `importKey(x, 'ES256')`, the CLI. Importing this module brings in every family;
 * code that names its algorithm with a constant does not need it.
 * @module
 */

import { type AlgorithmEntry, algorithmEntry } from '../families/entry.js';
import { EdDSA } from '../families/eddsa/index.js';
import { ES256, ES384 } from '../families/ecdsa/index.js';
import { HS256, HS384, HS512 } from '../families/hmac/index.js';
import { PS256, PS384, PS512, RS256, RS384, RS512 } from '../families/rsa/index.js';

/** Every algorithm, each once, in RFC 7518 §3.1 order (then RFC 8037). */
export const ALGORITHMS: readonly AlgorithmEntry[] = [
  HS256,
  HS384,
  HS512,
  RS256,
  RS384,
  RS512,
  ES256,
  ES384,
  PS256,
  PS384,
  PS512,
  EdDSA,
].map(algorithmEntry);

const byName: ReadonlyMap<string, AlgorithmEntry> = new Map(ALGORITHMS.map((entry) => [entry.name, entry]));

/** The entry of `name`, or undefined when it names no algorithm we implement. */
export function findAlgorithm(name: unknown): AlgorithmEntry | undefined {
  return typeof name === 'string' ? byName.get(name) : undefined;
}

/** The entry of an algorithm name, from every family; KeyError for anything else. */
export function resolveAlgorithm(alg: unknown): AlgorithmEntry {
  return findAlgorithm(alg) ?? algorithmEntry(alg);
}
