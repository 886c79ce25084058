/**
 * RSA keys for RS256/384/512 and PS256/384/512: import from PEM (SPKI, PKCS#8, PKCS#1) and JWK
 * (RFC 7518 §6.3), consistency checks, and the per-key state both backends need — the WebCrypto
 * `CryptoKey`s (async) and the Montgomery parameters of the wasm big-integer code (sync).
 * Key structures: RFC 8017 Appendix A.1; RFC 5280 §4.1.2.7 (SPKI); RFC 5208 §5 (PKCS#8).
 * @module
 */

import type { Algorithm } from '../entry.js';
import { KeyError } from '../../core/errors.js';
import { base64urlFromBytes } from '../../core/base64url.js';
import {
  type DerReader,
  derBitString,
  derNull,
  derOctetString,
  derOid,
  derSequence,
  derSmallInteger,
  derUnsignedInteger,
  readDerSequence,
} from '../../core/der.js';
import { decodePem, encodePem, isPem } from '../../core/pem.js';
import { jwkBytes, parseJwkText } from '../../core/jwk.js';
import { bytesToBigInt } from '../../core/bytes.js';
import { createKey, type Key } from '../../core/key.js';
import type { RsaPrivateComponents, RsaPublicComponents, RsaWasmKey } from '../../wasm/rsa.js';

/** rsaEncryption (RFC 8017 Appendix A.1, PKCS#1 OID), the key OID of SPKI and PKCS#8 RSA keys. */
export const RSA_ENCRYPTION_OID = '1.2.840.113549.1.1.1';

/** RFC 7518 §3.3 and §3.5 require at least 2048-bit moduli; the wasm buffers hold up to 8192. */
export const RSA_MIN_BITS = 2048;
export const RSA_MAX_BITS = 8192;

export type RsaHashBits = 256 | 384 | 512;

export interface RsaAlgorithmInfo {
  readonly hash: RsaHashBits;
  readonly pss: boolean;
}

export const RSA_ALGORITHMS: Partial<Record<Algorithm, RsaAlgorithmInfo>> = {
  RS256: { hash: 256, pss: false },
  RS384: { hash: 384, pss: false },
  RS512: { hash: 512, pss: false },
  PS256: { hash: 256, pss: true },
  PS384: { hash: 384, pss: true },
  PS512: { hash: 512, pss: true },
};

/** Big-endian magnitudes (no leading zero bytes) of the RSA key components. */
export type { RsaPrivateComponents, RsaPublicComponents };

/**
 * Everything a key carries (the wasm operations read the RsaWasmKey part; `e` above 2^32 − 1 is
 * refused at import); the sync and async backends fill their caches on first use.
 */
export interface RsaMaterial extends RsaWasmKey {
  readonly info: RsaAlgorithmInfo;
  readonly priv: RsaPrivateComponents | undefined;
  /** WebCrypto keys, imported on first async use. */
  signKey?: Promise<CryptoKey>;
  verifyKey?: Promise<CryptoKey>;
}

const rsaMaterial = new WeakMap<Key, RsaMaterial>();

function stripZeros(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  return bytes.slice(i);
}

function bitLength(bytes: Uint8Array): number {
  const b = stripZeros(bytes);
  return b.length === 0 ? 0 : 8 * (b.length - 1) + (32 - Math.clz32(b[0]!));
}

// --- parsing ------------------------------------------------------------------------------------

/** RSAPublicKey ::= SEQUENCE { modulus, publicExponent } (RFC 8017 Appendix A.1.1). */
function parsePkcs1Public(der: Uint8Array): RsaPublicComponents {
  const seq = readDerSequence(der);
  const n = seq.readUnsignedInteger();
  const e = seq.readUnsignedInteger();
  seq.end();
  return { n, e };
}

/** RSAPrivateKey (RFC 8017 Appendix A.1.2); version 0 only (two-prime). */
function parsePkcs1Private(der: Uint8Array): RsaPrivateComponents {
  const seq = readDerSequence(der);
  if (seq.readSmallInteger() !== 0) throw new KeyError('multi-prime RSA keys are not supported');
  const [n, e, d, p, q, dp, dq, qi] = Array.from({ length: 8 }, () => seq.readUnsignedInteger()) as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  seq.end();
  return { n, e, d, p, q, dp, dq, qi };
}

/** AlgorithmIdentifier { rsaEncryption, NULL } (RFC 8017 Appendix A.1: parameters SHALL be NULL). */
function readRsaAlgorithmIdentifier(outer: DerReader): void {
  const alg = outer.readSequence();
  if (alg.readOid() !== RSA_ENCRYPTION_OID) throw new KeyError('not an RSA key');
  alg.readNull();
  alg.end();
}

/** SubjectPublicKeyInfo (RFC 5280 §4.1.2.7). */
function parseSpki(der: Uint8Array): RsaPublicComponents {
  const seq = readDerSequence(der);
  readRsaAlgorithmIdentifier(seq);
  const key = seq.readBitString();
  seq.end();
  return parsePkcs1Public(key);
}

/** PrivateKeyInfo / OneAsymmetricKey (RFC 5208 §5, RFC 5958 §2): attributes and public key skipped. */
function parsePkcs8(der: Uint8Array): RsaPrivateComponents {
  const seq = readDerSequence(der);
  const version = seq.readSmallInteger();
  if (version > 1) throw new KeyError('unsupported PKCS#8 version');
  readRsaAlgorithmIdentifier(seq);
  const key = seq.readOctetString();
  while (!seq.done) seq.skip();
  return parsePkcs1Private(key);
}

export type RsaJwk = { kty: string; [member: string]: unknown };

/** An RSA JWK (RFC 7518 §6.3): public, or private with every CRT member (§6.3.2). */
function parseJwk(jwk: RsaJwk, alg: Algorithm): RsaPublicComponents | RsaPrivateComponents {
  if (jwk.kty !== 'RSA') throw new KeyError(`${alg} requires an RSA JWK`);
  if (jwk.alg !== undefined && jwk.alg !== alg) throw new KeyError(`the JWK is for ${String(jwk.alg).slice(0, 16)}, not ${alg}`);
  if (jwk.oth !== undefined) throw new KeyError('multi-prime RSA keys are not supported');
  const n = stripZeros(jwkBytes(jwk, 'n'));
  const e = stripZeros(jwkBytes(jwk, 'e'));
  if (jwk.d === undefined) return { n, e };
  const get = (m: string): Uint8Array => {
    if (jwk[m] === undefined) throw new KeyError(`the private JWK lacks ${m} (CRT parameters are required)`);
    return stripZeros(jwkBytes(jwk, m));
  };
  return { n, e, d: get('d'), p: get('p'), q: get('q'), dp: get('dp'), dq: get('dq'), qi: get('qi') };
}

/** Parses PEM text or a JWK (object or JSON text) into RSA components. */
function parseMaterial(material: unknown, alg: Algorithm): RsaPublicComponents | RsaPrivateComponents {
  if (typeof material === 'string') {
    if (isPem(material)) {
      const { label, der } = decodePem(material);
      switch (label) {
        case 'PUBLIC KEY':
          return parseSpki(der);
        case 'PRIVATE KEY':
          return parsePkcs8(der);
        case 'RSA PUBLIC KEY':
          return parsePkcs1Public(der);
        case 'RSA PRIVATE KEY':
          return parsePkcs1Private(der);
        default:
          throw new KeyError(`${alg} cannot use a PEM ${label.slice(0, 32)}`);
      }
    }
    if (/^\s*\{/.test(material)) return parseJwk(parseJwkText(material) as RsaJwk, alg);
    throw new KeyError(`${alg} requires an RSA key as PEM or JWK, not a shared secret`);
  }
  if (typeof material === 'object' && material !== null && !(material instanceof Uint8Array) && 'kty' in material) {
    return parseJwk(material as RsaJwk, alg);
  }
  throw new KeyError(`${alg} requires an RSA key as PEM or JWK`);
}

/**
 * Checks what a signer or verifier relies on: modulus size (RFC 7518 §3.3), an odd public exponent
 * 3 ≤ e < 2^32, and for private keys n = p·q, e·d ≡ 1 and the CRT values of RFC 8017 §3.2 — a
 * mismatched pair would make the fault check refuse every signature, so refuse it here instead.
 */
/** Small primes of the ROCA fingerprint (Nemec et al., CCS 2017, "The Return of Coppersmith's Attack"). */
const ROCA_PRIMES = [
  3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139,
  149, 151, 157, 163, 167,
];
/** For each prime p, the residues of the subgroup generated by 65537 mod p. */
const ROCA_SUBGROUPS = ROCA_PRIMES.map((p) => {
  const residues = new Set<number>();
  for (let r = 1; !residues.has(r); r = (r * (65537 % p)) % p) residues.add(r);
  return residues;
});

/**
 * CVE-2017-15361 (ROCA): moduli from the flawed Infineon generator are p·q with p, q of the form
 * k·M + (65537^a mod M), so n mod each small prime lies in the subgroup generated by 65537. A
 * random modulus passes all 38 tests with probability about 2^-154; such keys are factorable.
 */
function hasRocaFingerprint(n: Uint8Array): boolean {
  return ROCA_PRIMES.every((p, i) => {
    let r = 0;
    for (const byte of n) r = (r * 256 + byte) % p;
    return ROCA_SUBGROUPS[i]!.has(r);
  });
}

function validate(c: RsaPublicComponents | RsaPrivateComponents): { bits: number; e: number } {
  const bits = bitLength(c.n);
  if (bits < RSA_MIN_BITS) throw new KeyError(`RSA moduli must be at least ${RSA_MIN_BITS} bits (RFC 7518 §3.3)`);
  if (bits > RSA_MAX_BITS) throw new KeyError(`RSA moduli above ${RSA_MAX_BITS} bits are not supported`);
  const eBits = bitLength(c.e);
  if (eBits > 32 || eBits < 2 || (c.e[c.e.length - 1]! & 1) === 0) throw new KeyError('unsupported RSA public exponent');
  const e = Number(bytesToBigInt(c.e));
  const n = bytesToBigInt(c.n);
  if ((n & 1n) === 0n) throw new KeyError('the RSA modulus is even');
  if (hasRocaFingerprint(c.n)) throw new KeyError('the RSA modulus has the ROCA weakness (CVE-2017-15361): generate a new key');
  if ('d' in c) {
    const [p, q, d, dp, dq, qi] = [c.p, c.q, c.d, c.dp, c.dq, c.qi].map(bytesToBigInt) as [bigint, bigint, bigint, bigint, bigint, bigint];
    const ok =
      p > 1n &&
      q > 1n &&
      p * q === n &&
      dp === d % (p - 1n) &&
      dq === d % (q - 1n) &&
      (BigInt(e) * dp) % (p - 1n) === 1n &&
      (BigInt(e) * dq) % (q - 1n) === 1n &&
      qi < p &&
      (qi * q) % p === 1n &&
      // Equal-size primes (the CRT code sizes both halves alike).
      Math.abs(bitLength(c.p) - bitLength(c.q)) <= 32;
    if (!ok) throw new KeyError('inconsistent RSA private key');
  }
  return { bits, e };
}

function isPrivate(c: RsaPublicComponents | RsaPrivateComponents): c is RsaPrivateComponents {
  return 'd' in c;
}

/** Imports an RS* and PS* key from PEM or JWK; a public key gives a verify-only key. */
export function importRsaKey(material: unknown, alg: Algorithm): Key {
  const info = RSA_ALGORITHMS[alg];
  if (info === undefined) throw new KeyError(`${alg} is not an RSA algorithm`);
  const components = parseMaterial(material, alg);
  const { bits, e } = validate(components);
  const priv = isPrivate(components) ? components : undefined;
  const key = createKey(alg, priv ? 'private' : 'public');
  rsaMaterial.set(key, { info, pub: { n: components.n, e: components.e }, priv, bits, k: Math.ceil(bits / 8), e });
  return key;
}

/** Imports from a WebCrypto key (it must be extractable: the sync path needs its numbers). */
export async function importRsaCryptoKey(cryptoKey: CryptoKey, alg: Algorithm): Promise<Key> {
  if (!cryptoKey.extractable) throw new KeyError('a non-extractable CryptoKey cannot serve the synchronous API');
  const jwk = (await crypto.subtle.exportKey('jwk', cryptoKey)) as RsaJwk;
  delete jwk.alg;
  return importRsaKey(jwk, alg);
}

/** A verify-only key with the public half of `key`. */
export function rsaPublicKey(key: Key): Key {
  const m = rsaState(key);
  if (m.priv === undefined) return key;
  const pub = createKey(key.algorithm, 'public');
  rsaMaterial.set(pub, { info: m.info, pub: m.pub, priv: undefined, bits: m.bits, k: m.k, e: m.e });
  return pub;
}

/** The material of an RSA key; KeyError for any other key. */
export function rsaState(key: Key): RsaMaterial {
  const m = rsaMaterial.get(key);
  if (m === undefined) throw new KeyError('the key is not an RSA key');
  return m;
}

/** The material of an RSA private key; KeyError for a public (verify-only) key. */
export function rsaPrivateState(key: Key): RsaMaterial & { priv: RsaPrivateComponents } {
  const m = rsaState(key);
  if (m.priv === undefined) throw new KeyError('a public key cannot sign: pass the private key');
  return m as RsaMaterial & { priv: RsaPrivateComponents };
}

// --- export -------------------------------------------------------------------------------------

/** The JWK of an RSA key (RFC 7518 §6.3); private members only when asked for. */
export function rsaJwk(m: RsaMaterial, includePrivate: boolean): RsaJwk {
  const jwk: RsaJwk = { kty: 'RSA', n: base64urlFromBytes(m.pub.n), e: base64urlFromBytes(m.pub.e) };
  if (includePrivate && m.priv) {
    const { d, p, q, dp, dq, qi } = m.priv;
    Object.assign(jwk, {
      d: base64urlFromBytes(d),
      p: base64urlFromBytes(p),
      q: base64urlFromBytes(q),
      dp: base64urlFromBytes(dp),
      dq: base64urlFromBytes(dq),
      qi: base64urlFromBytes(qi),
    });
  }
  return jwk;
}

const rsaAlgorithmIdentifier = (): Uint8Array => derSequence(derOid(RSA_ENCRYPTION_OID), derNull());

/** SPKI DER of RSA public components. */
export function spkiDer(pub: RsaPublicComponents): Uint8Array {
  return derSequence(rsaAlgorithmIdentifier(), derBitString(derSequence(derUnsignedInteger(pub.n), derUnsignedInteger(pub.e))));
}

/** PKCS#8 DER of RSA private components (version 0 RSAPrivateKey inside). */
export function pkcs8Der(c: RsaPrivateComponents): Uint8Array {
  const rsaPrivateKey = derSequence(derSmallInteger(0), ...[c.n, c.e, c.d, c.p, c.q, c.dp, c.dq, c.qi].map(derUnsignedInteger));
  return derSequence(derSmallInteger(0), rsaAlgorithmIdentifier(), derOctetString(rsaPrivateKey));
}

export const spkiPem = (pub: RsaPublicComponents): string => encodePem('PUBLIC KEY', spkiDer(pub));
export const pkcs8Pem = (c: RsaPrivateComponents): string => encodePem('PRIVATE KEY', pkcs8Der(c));
