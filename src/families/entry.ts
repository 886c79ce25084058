/**
 * Algorithm entries and key families (DESIGN.md "A family", STYLE.md §11). Each family module
 * defines its entries, and the constants users pass (`HS256`, `ES256`, …) are the names those
 * definitions return: importing a constant loads its family module and nothing else, and a
 * constant stays the plain `alg` string that RFC 7515 §4.1.1 headers, allow-lists and other
 * libraries compare.
 * @module
 */

import { KeyError } from '../core/errors.js';
import type { Jwk } from '../core/jwk.js';
import type { Algorithm, Key } from '../core/key.js';

export type { Algorithm };

/** Options of `importKey` and `importKeyAsync`. */
export interface ImportOptions {
  /** HMAC only: accept secrets shorter than the hash output. */
  readonly allowWeakSecret?: boolean;
  /** Key id (RFC 7517 §4.5) for material that carries none (PEM, raw); a JWK's own `kid` must agree. */
  readonly kid?: string;
}

/** A PKCS#8 private key and its SPKI public key, as PEM text. */
export type PemPair = [privatePem: string, publicPem: string];

/** How a family with key pairs makes one (the CLI's `keygen`, the playground, `ciphertoken/secret`). */
export interface KeyPairGenerator {
  /** The key type's name for people: `RSA`, `EC`, `Ed25519`. */
  readonly label: string;
  /** Default and least size in bits, for key types that have a size to choose (RSA). */
  readonly bits?: { readonly default: number; readonly min: number };
  /** A fresh pair for `alg`, of `bits` bits where the type has a size. */
  generate(alg: Algorithm, bits: number): PemPair | Promise<PemPair>;
}

/**
 * One family (hmac, eddsa, ecdsa, rsa): key import and export for its JWK key type, and the JWS
 * operations. Every operation reads its parameters (hash, curve, padding) from the key, which is
 * bound to one algorithm.
 */
export interface Family {
  readonly kty: 'oct' | 'OKP' | 'EC' | 'RSA';
  /** Imports raw bytes, PEM/DER text or a JWK for `alg` (a member of this family). */
  import(material: string | Uint8Array | Jwk, alg: AlgorithmEntry, options: ImportOptions): Key;
  exportJwk(key: Key, includePrivate: boolean): Jwk;
  exportPem(key: Key, includePrivate: boolean): string;
  /** The verify-only twin of a private key, where verifying needs none of the private numbers. */
  publicKey?(key: Key): Key;
  /** Key-pair generation, for families with key pairs. */
  readonly keyPair?: KeyPairGenerator;
  /** The least secret size in bits for `alg`, for families with shared secrets (RFC 7518 §3.2). */
  secretBits?(alg: Algorithm): number;
  /** Signs: `header.b64url(payloadJson).b64url(signature)` from the encoded header's ASCII bytes. */
  sign(key: Key, header: Uint8Array, payloadJson: string): string;
  /** Verifies a compact token with dots at `dot1`/`dot2`: its payload text, or null on a bad signature. */
  verify(key: Key, token: string, dot1: number, dot2: number): string | null;
  /** Length in bytes of a signature by `key` (RFC 7518 §3): sizes a token before it is built. */
  signatureLength(key: Key): number;
  /** Async twins where the family has an async backend of its own (WebCrypto for RSA). */
  signAsync?(key: Key, header: Uint8Array, payloadJson: string): Promise<string>;
  verifyAsync?(key: Key, token: string, dot1: number, dot2: number): Promise<string | null>;
}

/** A registry entry: an algorithm's JWS name and its family. */
export interface AlgorithmEntry<Name extends Algorithm = Algorithm> {
  readonly name: Name;
  readonly family: Family;
}

/** The entries defined so far, by name: the families this program (or bundle) has loaded. */
const defined = new Map<string, AlgorithmEntry>();

/** Defines the entry `name` of `family`. Called once per constant, when its family module loads. */
export function defineAlgorithm<Name extends Algorithm>(name: Name, family: Family): AlgorithmEntry<Name> {
  const entry: AlgorithmEntry<Name> = Object.freeze({ name, family });
  defined.set(name, entry);
  return entry;
}

/**
 * The entry of an algorithm name, among the families loaded: every family under Node, Bun and
 * Deno (the package entry loads them all); in a bundle, those whose constant the app imports.
 * jose/registry.ts loads every family, for names that come from data (JWK sets, headers).
 */
export function algorithmEntry(alg: unknown): AlgorithmEntry {
  const entry = typeof alg === 'string' ? defined.get(alg) : undefined;
  if (entry === undefined) {
    throw new KeyError(
      `unsupported algorithm ${String(alg).slice(0, 16)} (an algorithm is available once its constant, e.g. HS256, is imported)`,
    );
  }
  return entry;
}

/** The entry (and so the family) of `key`, by the algorithm it is bound to. */
export function entryOf(key: Key): AlgorithmEntry {
  return algorithmEntry(key.algorithm);
}
