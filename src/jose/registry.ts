/**
 * Every algorithm by name (STYLE.md §11): for what only knows a name — a JWK's `alg`, a JWKS, a
 * token header, `importKey(x, 'ES256')`, the CLI. Importing this module brings in every family;
 * code that names its algorithm with a constant does not need it.
 * @module
 */

import { type AlgorithmEntry, algorithmEntry } from '../families/entry.js';
import * as ecdsa from '../families/ecdsa/index.js';
import * as eddsa from '../families/eddsa/index.js';
import * as hmac from '../families/hmac/index.js';
import * as rsa from '../families/rsa/index.js';

/** Every algorithm, each once: the constants each family module exports (adding one needs no edit here). */
export const ALGORITHMS: readonly AlgorithmEntry[] = [hmac, rsa, ecdsa, eddsa].flatMap((family) =>
  Object.values(family).map(algorithmEntry),
);

const byName: ReadonlyMap<string, AlgorithmEntry> = new Map(ALGORITHMS.map((entry) => [entry.name, entry]));

/** The entry of `name`, or undefined when it names no algorithm we implement. */
export function findAlgorithm(name: unknown): AlgorithmEntry | undefined {
  return typeof name === 'string' ? byName.get(name) : undefined;
}

/** The entry of an algorithm name, from every family; KeyError for anything else. */
export function resolveAlgorithm(alg: unknown): AlgorithmEntry {
  return findAlgorithm(alg) ?? algorithmEntry(alg);
}
