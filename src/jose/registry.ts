/**
 * Every algorithm by name (STYLE.md §11): for what learns its algorithm from data — a JWK set's
 * keys and a token header's `alg` — and for the CLI. Importing this module brings in every family;
 * code that names its algorithms with their constants does not need it.
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
