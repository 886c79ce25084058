/**
 * Key material for the commands: read from a file or an environment variable (never from the
 * command line, never printed), then imported with the library's `importKey` for whichever
 * algorithms it fits. Nothing here knows a particular algorithm: the list comes from
 * the registry and the fit from `importKey`.
 * @module
 */

import { readFileSync } from 'node:fs';
import type { Algorithm } from '../algorithms.js';
import { ALGORITHMS as ENTRIES } from '../jose/registry.js';
import { CipherTokenError } from '../core/errors.js';
import { importKey, type Key } from '../jose/keys.js';
import type { Context } from './context.js';
import { IoError, KeyInputError, UsageError } from './errors.js';
import { classifyMaterial, type Material } from './material.js';

export type { Material };

/** Every JWS algorithm name, from the registry. */
export const ALGORITHMS: readonly Algorithm[] = ENTRIES.map((entry) => entry.name);

/** Matches `hs256`, `HS256`, `eddsa`, … to the identifier; UsageError otherwise. */
export function parseAlgorithm(text: string): Algorithm {
  const alg = ALGORITHMS.find((a) => a.toLowerCase() === text.toLowerCase());
  if (alg === undefined) throw new UsageError(`unknown algorithm ${JSON.stringify(text.slice(0, 24))}: one of ${ALGORITHMS.join(', ')}`);
  return alg;
}

export function readKeyFile(path: string): Material {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new KeyInputError(`cannot read key file ${path}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { cause });
  }
  if (text.trim() === '') throw new KeyInputError(`key file ${path} is empty`);
  return classifyMaterial(text, `key file ${path}`);
}

export function readSecretEnv(name: string, ctx: Context): Material {
  const text = ctx.env[name];
  if (text === undefined || text === '') throw new KeyInputError(`environment variable ${name} is not set or empty`);
  return classifyMaterial(text, `environment variable ${name}`);
}

/** The key material named by `--key FILE` or `--secret-env VAR` (exactly one). */
export function materialFromOptions(keyFile: string | undefined, secretEnv: string | undefined, ctx: Context, command: string): Material {
  if (keyFile !== undefined && secretEnv !== undefined)
    throw new UsageError(`pass either --key or --secret-env, not both (see ciphertoken ${command} --help)`);
  if (keyFile !== undefined) return readKeyFile(keyFile);
  if (secretEnv !== undefined) return readSecretEnv(secretEnv, ctx);
  throw new UsageError(`a key is required: --key FILE or --secret-env VAR (see ciphertoken ${command} --help)`);
}

/** The library's KeyError messages never hold key material; anything else is summarised. */
function keyFailure(error: unknown, alg: Algorithm): KeyInputError {
  if (error instanceof CipherTokenError) {
    return new KeyInputError(`${alg}: ${error.message.replace('pass allowWeakSecret: true', 'pass --allow-weak-secret')}`, {
      cause: error,
    });
  }
  return new KeyInputError(`${alg}: the key cannot be used`, { cause: error });
}

export interface ImportSettings {
  readonly allowWeakSecret?: boolean;
}

/** Imports single-key material for `alg`; KeyInputError when it does not fit. */
export function importMaterial(material: Material, alg: Algorithm, settings: ImportSettings = {}): Key {
  if (material.kind === 'jwks') throw new KeyInputError('a JWK set was given where one key is expected (use --jwks to verify with a set)');
  try {
    return importKey(material.kind === 'jwk' ? material.jwk : material.text, alg, { allowWeakSecret: settings.allowWeakSecret === true });
  } catch (error) {
    throw keyFailure(error, alg);
  }
}

/** Every algorithm of `candidates` that `material` imports for, with its key. */
export function importForEach(material: Material, candidates: readonly Algorithm[], settings: ImportSettings = {}): Map<Algorithm, Key> {
  const keys = new Map<Algorithm, Key>();
  for (const alg of candidates) {
    try {
      keys.set(alg, importMaterial(material, alg, settings));
    } catch {
      // Not this algorithm's key type: try the next.
    }
  }
  return keys;
}

/** The `alg` member of a JWK, when it names a known algorithm. */
export function jwkAlgorithm(material: Material): Algorithm | undefined {
  if (material.kind !== 'jwk') return undefined;
  return ALGORITHMS.find((a) => a === material.jwk.alg);
}

export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new IoError(`cannot read ${what} ${path}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { cause });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new IoError(`${what} ${path} is not valid JSON`);
  }
}
