/**
 * Key-pair generators per algorithm family, taken from the exports of `ciphertoken/secret`.
 * Takes the module as a parameter (no library import), so the playground page shares it with its
 * own copy of the library.
 * @module
 */

import type { Algorithm } from '../algorithms.js';

/** A PKCS#8 private key and its SPKI public key, as PEM text. */
export type PemPair = readonly [privatePem: string, publicPem: string];

type Generator = (alg: Algorithm, bits: number) => PemPair | Promise<PemPair>;

type AnyFunction = (...args: never[]) => unknown;

interface FamilySpec {
  readonly label: string;
  /** Default and minimum modulus size, for families that take `--bits`. */
  readonly bits?: { readonly default: number; readonly min: number };
  /** The export of `ciphertoken/secret` that generates this family's pairs. */
  readonly exportName: string;
  readonly call: (fn: AnyFunction, alg: Algorithm, bits: number) => unknown;
}

export interface FamilyGenerator {
  readonly label: string;
  readonly bits?: { readonly default: number; readonly min: number };
  readonly generate: Generator;
}

const RSA: FamilySpec = {
  label: 'RSA',
  bits: { default: 2048, min: 2048 },
  exportName: 'generateRsaKeypair',
  call: (fn, _alg, bits) => (fn as (o: { bits: number }) => unknown)({ bits }),
};
const EC: FamilySpec = { label: 'EC', exportName: 'generateEcKeypair', call: (fn, alg) => (fn as (a: Algorithm) => unknown)(alg) };
const ED25519: FamilySpec = { label: 'Ed25519', exportName: 'generateEd25519Keypair', call: (fn) => (fn as () => unknown)() };

/** Asymmetric algorithm → its generator family (HMAC secrets need no generator of their own). */
const FAMILY: Partial<Record<Algorithm, FamilySpec>> = {
  RS256: RSA,
  RS384: RSA,
  RS512: RSA,
  PS256: RSA,
  PS384: RSA,
  PS512: RSA,
  ES256: EC,
  ES384: EC,
  EdDSA: ED25519,
};

/** The key-pair family of `alg` with its generator from `secretExports` (the `ciphertoken/secret` namespace). */
export function keypairFamily(alg: Algorithm, secretExports: object): FamilyGenerator | undefined {
  const spec = FAMILY[alg];
  if (spec === undefined) return undefined;
  const fn = (secretExports as Readonly<Record<string, unknown>>)[spec.exportName];
  if (typeof fn !== 'function') throw new TypeError(`the secret module does not export ${spec.exportName}`);
  const generate: Generator = (a, bits) => spec.call(fn as AnyFunction, a, bits) as PemPair | Promise<PemPair>;
  return { label: spec.label, ...(spec.bits && { bits: spec.bits }), generate };
}

/** HMAC secret sizes in bits: at least the hash output (RFC 7518 §3.2). Undefined for other algorithms. */
const HMAC_BITS: Partial<Record<Algorithm, number>> = { HS256: 256, HS384: 384, HS512: 512 };

export function hmacSecretBits(alg: Algorithm): number | undefined {
  return HMAC_BITS[alg];
}
