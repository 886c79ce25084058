/**
 * Key-management families for JWE (RFC 7516 §4.1.1, RFC 7518 §4.1): the parallel of the JWS
 * `Family` (../entry.ts) for `alg` values that wrap, agree on or derive a content-encryption key
 * instead of signing. Each family module defines its entries; the constants users pass (`A256KW`,
 * `RSA-OAEP-256`, …) are the names those definitions return, so importing one brings in its
 * family alone.
 * @module
 */

import { KeyError } from '../../core/errors.js';
import type { Jwk } from '../../core/jwk.js';
import type { Key, KeyManagementAlgorithm } from '../../core/key.js';
import type { ImportOptions } from '../entry.js';
import type { ContentEncryption } from './content.js';

export type { KeyManagementAlgorithm };

/** A JWE protected header as the key-management step reads and extends it (RFC 7516 §4). */
export type JweHeader = Record<string, unknown> & { alg: string; enc: string };

/** Per-call options of the wrapping step. */
export interface WrapOptions {
  /** PBES2 iteration count `p2c` (RFC 7518 §4.8.1.2). */
  readonly p2c?: number | undefined;
}

/** Per-call options of the unwrapping step. */
export interface UnwrapOptions {
  /** Largest PBES2 `p2c` accepted from a token (RFC 7518 §4.8.1.2; see pbes2.ts). */
  readonly maxPbes2Count: number;
}

/** The content-encryption key and its JWE Encrypted Key (empty for `dir` and `ECDH-ES`). */
export interface WrappedKey {
  readonly cek: Uint8Array;
  readonly encryptedKey: Uint8Array;
}

/**
 * One key-management family. `wrap` runs RFC 7516 §5.1 steps 2–6 and adds the header parameters
 * its algorithm defines (`epk`, `iv`/`tag`, `p2s`/`p2c`) to `header` before it is encoded; `unwrap`
 * runs §5.2 step 10 and returns null when the key cannot be recovered, never saying why.
 */
export interface KeyManagementFamily {
  /** The JWK key types its keys have (RFC 7517 §4.1). */
  readonly kty: readonly ('oct' | 'EC' | 'OKP' | 'RSA')[];
  /** Imports raw bytes, a password, PEM/DER text or a JWK for `alg` (a member of this family). */
  import(material: string | Uint8Array | Jwk, alg: KeyManagementEntry, options: ImportOptions): Key;
  exportJwk(key: Key, includePrivate: boolean): Jwk;
  wrap(key: Key, enc: ContentEncryption, header: JweHeader, options: WrapOptions): WrappedKey;
  unwrap(key: Key, enc: ContentEncryption, header: JweHeader, encryptedKey: Uint8Array, options: UnwrapOptions): Uint8Array | null;
  /** Async twins (WebCrypto where it is faster; the sync operation otherwise). */
  wrapAsync(key: Key, enc: ContentEncryption, header: JweHeader, options: WrapOptions): Promise<WrappedKey>;
  unwrapAsync(
    key: Key,
    enc: ContentEncryption,
    header: JweHeader,
    encryptedKey: Uint8Array,
    options: UnwrapOptions,
  ): Promise<Uint8Array | null>;
}

/** A registry entry: a key-management algorithm's name and its family. */
export interface KeyManagementEntry<Name extends KeyManagementAlgorithm = KeyManagementAlgorithm> {
  readonly name: Name;
  readonly family: KeyManagementFamily;
}

const defined = new Map<string, KeyManagementEntry>();

/** Defines the entry `name` of `family`; called once per constant, when its family module loads. */
export function defineKeyManagement<Name extends KeyManagementAlgorithm>(
  name: Name,
  family: KeyManagementFamily,
): KeyManagementEntry<Name> {
  const entry: KeyManagementEntry<Name> = Object.freeze({ name, family });
  defined.set(name, entry);
  return entry;
}

/** The entry of a key-management name among the families loaded, or undefined. */
export function findKeyManagement(alg: unknown): KeyManagementEntry | undefined {
  return typeof alg === 'string' ? defined.get(alg) : undefined;
}

/**
 * The entry of a key-management name among the families loaded: all of them under Node, Bun and
 * Deno (the package loads them all); in a bundle, those whose constant the app imports (`A256KW`
 * from `ciphertoken/jwe`), as for the JWS algorithms. KeyError for any other name.
 */
export function keyManagementEntry(alg: unknown): KeyManagementEntry {
  const entry = findKeyManagement(alg);
  if (entry === undefined) {
    throw new KeyError(
      `unsupported key-management algorithm ${String(alg).slice(0, 24)} (one is available once its constant, e.g. A256KW from ciphertoken/jwe, is imported)`,
    );
  }
  return entry;
}

/** The entry of `key`, by the algorithm it is bound to. */
export const keyManagementOf = (key: Key): KeyManagementEntry => keyManagementEntry(key.algorithm);

/** `n` random bytes (a CEK, an IV, a salt). */
export const randomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

/**
 * RFC 7517 §4.2–4.4 for encryption keys: `use` must be `enc`, `key_ops` must allow one of the
 * operations the key can do, and `alg` must be the requested algorithm, whenever present.
 */
export function checkJweJwkBinding(jwk: Jwk, alg: KeyManagementAlgorithm, operations: readonly string[]): void {
  if (jwk.use !== undefined && jwk.use !== 'enc') throw new KeyError('the JWK is not for encryption (use)');
  if (jwk.key_ops !== undefined && (!Array.isArray(jwk.key_ops) || !operations.some((op) => jwk.key_ops!.includes(op)))) {
    throw new KeyError('the JWK does not allow this key-management operation (key_ops)');
  }
  if (jwk.alg !== undefined && jwk.alg !== alg) throw new KeyError(`the JWK is for ${String(jwk.alg).slice(0, 24)}, not ${alg}`);
}
