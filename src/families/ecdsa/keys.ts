/**
 * EC keys for ES256 (P-256), ES384 (P-384) and ES512 (P-521), RFC 7518 §3.4: import and PEM export.
 * https://www.rfc-editor.org/rfc/rfc7518#section-6.2 · https://www.rfc-editor.org/rfc/rfc5915
 *
 * Imports JWK (RFC 7518 §6.2),
 * PEM SPKI (RFC 5480), PKCS#8 (RFC 5208 / 5958) and SEC1 `EC PRIVATE KEY` (RFC 5915), with
 * uncompressed and compressed points (SEC 1 §2.3.3–2.3.4); export to PKCS#8 and SPKI PEM.
 *
 * DER, PEM and JWK members are read by the strict readers of core/ (der.ts, pem.ts, jwk.ts), which
 * every family shares. Every public key is checked to lie on the curve and a private key's public
 * half is always derived (and compared with an embedded one).
 * Each key is read for one curve (`EcCurve`, declared by p256.ts, p384.ts, p521.ts) whose wasm
 * module checks points, so a bundle carries the curves its algorithms name and no other.
 * @module
 */

import type { Algorithm } from '../entry.js';
import { KeyError } from '../../core/errors.js';
import { bytesToBigInt, constantTimeEqual } from '../../core/bytes.js';
import { ecPublicKey, ecPublicKeyValid, ecVerificationTable } from '../../wasm/ecdsa.js';
import type { CurveModule } from '../../wasm/modules/curve.js';
import {
  type DerElement,
  derBitString,
  derChildren,
  derContents,
  derOctetString,
  derSequence,
  derSequenceChildren,
  derSmallInteger,
  derTlv,
  TAG_BIT_STRING,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
} from '../../core/der.js';
import { type Jwk, jwkBytes, parseJwkText } from '../../core/jwk.js';
import { createKey, type Key } from '../../core/key.js';
import { decodePem, encodePem } from '../../core/pem.js';

/** One curve of the family: its algorithm (RFC 7518 §3.4), its names and the wasm module that computes on it. */
export interface EcCurve {
  readonly alg: Algorithm;
  readonly crv: 'P-256' | 'P-384' | 'P-521';
  /** Bytes of a coordinate or scalar. */
  readonly len: number;
  /** The contents of the named-curve OID (RFC 5480 §2.1.1.1). */
  readonly oid: Uint8Array;
  /** The field prime and the curve's b (a = −3): what decompressing a point needs. */
  readonly p: bigint;
  readonly b: bigint;
  readonly module: CurveModule;
}

/** The contents of id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480 §2.1.1). */
const ID_EC_PUBLIC_KEY = Uint8Array.of(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01);

export interface EcMaterial {
  readonly curve: EcCurve;
  /** Private scalar, big-endian, `len` bytes; absent for a public key. */
  readonly d?: Uint8Array;
  /** Public point x ‖ y, big-endian, 2·`len` bytes, on the curve. */
  readonly xy: Uint8Array;
  /** Verification table, built on the second verification (one-off keys never pay for it). */
  table?: Uint8Array;
  verifications?: number;
}

const ecMaterial = new WeakMap<Key, EcMaterial>();

/** The material of an ES key; throws KeyError for any other key. */
export function ecState(key: Key): EcMaterial {
  const material = ecMaterial.get(key);
  if (material === undefined) throw new KeyError('the key is not an EC key');
  return material;
}

/** The verification table of an ES key once it has been used to verify before, else undefined. */
export function ecVerifyTable(material: EcMaterial): Uint8Array | undefined {
  if (material.table !== undefined) return material.table;
  material.verifications = (material.verifications ?? 0) + 1;
  if (material.verifications < 2) return undefined;
  material.table = ecVerificationTable(material.curve.module, material.xy) ?? undefined;
  return material.table;
}

/** The private scalar of an ES key; throws KeyError for a public key (verify-only). */
export function ecPrivateScalar(key: Key): Uint8Array {
  const d = ecState(key).d;
  if (d === undefined) throw new KeyError('a public key cannot sign: give the private key to issue tokens');
  return d;
}

function fail(what: string): never {
  throw new KeyError(`invalid EC key: ${what}`);
}

/** The contents of `element` after checking its tag (X.690 §8.1.2). */
function contentsOf(der: Uint8Array, element: DerElement | undefined, tag: number, what: string): Uint8Array {
  if (element?.tag !== tag) fail(what);
  return derContents(der, element);
}

/** A version INTEGER, which DER encodes in one content byte (X.690 §8.3.2). */
function checkVersion(der: Uint8Array, element: DerElement | undefined, version: number, what: string): void {
  const bytes = contentsOf(der, element, TAG_INTEGER, what);
  if (bytes.length !== 1 || bytes[0] !== version) fail(what);
}

/** A namedCurve OID (RFC 5480 §2.1.1.1), which must be the curve's: a key is read for one curve. */
function checkCurveOid(der: Uint8Array, element: DerElement | undefined, curve: EcCurve): void {
  if (!constantTimeEqual(contentsOf(der, element, TAG_OID, 'named curve expected'), curve.oid)) {
    throw new KeyError(`${curve.alg} requires a ${curve.crv} key`);
  }
}

/** AlgorithmIdentifier { id-ecPublicKey, namedCurve } (RFC 5480 §2.1.1). */
function checkAlgorithmIdentifier(der: Uint8Array, element: DerElement | undefined, curve: EcCurve): void {
  if (element?.tag !== TAG_SEQUENCE) fail('AlgorithmIdentifier expected');
  const [algorithm, parameters, extra] = derChildren(der, element);
  if (!constantTimeEqual(contentsOf(der, algorithm, TAG_OID, 'AlgorithmIdentifier'), ID_EC_PUBLIC_KEY)) fail('not an EC key');
  if (extra !== undefined) fail('AlgorithmIdentifier');
  checkCurveOid(der, parameters, curve);
}

/** A point in a BIT STRING without unused bits (RFC 5480 §2.2). */
function readPointBits(der: Uint8Array, element: DerElement | undefined, curve: EcCurve): Uint8Array {
  const bits = contentsOf(der, element, TAG_BIT_STRING, 'public key BIT STRING');
  if (bits.length < 2 || bits[0] !== 0) fail('public key BIT STRING');
  return decodePoint(bits.subarray(1), curve);
}

// ---- points (SEC 1 §2.3.3–2.3.4) ----

function bigToBytes(x: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  for (; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
  }
  return r;
}

/**
 * Decodes an uncompressed (0x04 ‖ x ‖ y) or compressed (0x02/0x03 ‖ x) point to x ‖ y; `finish`
 * checks it is on the curve. Compressed points are public, so the square root (p ≡ 3 mod 4 for
 * all three primes: y = (x³ − 3x + b)^((p+1)/4), SEC 1 §2.3.4 step 2.4.1) runs in BigInt arithmetic.
 */
function decodePoint(bytes: Uint8Array, curve: EcCurve): Uint8Array {
  const { len, p, b } = curve;
  let xy: Uint8Array;
  if (bytes[0] === 0x04 && bytes.length === 1 + 2 * len) {
    xy = bytes.slice(1);
  } else if ((bytes[0] === 0x02 || bytes[0] === 0x03) && bytes.length === 1 + len) {
    const x = bytesToBigInt(bytes.subarray(1));
    if (x >= p) fail('point coordinate out of range');
    const rhs = (((x * x * x - 3n * x + b) % p) + p) % p;
    let y = modPow(rhs, (p + 1n) / 4n, p);
    if ((y * y) % p !== rhs) fail('point not on the curve');
    if (Number(y & 1n) !== (bytes[0] & 1)) y = (p - y) % p;
    xy = new Uint8Array(2 * len);
    xy.set(bytes.subarray(1), 0);
    xy.set(bigToBytes(y, len), len);
  } else {
    fail('unsupported point encoding');
  }
  return xy;
}

// ---- structures ----

interface EcParts {
  readonly d?: Uint8Array | undefined;
  readonly xy?: Uint8Array | undefined;
}

/** SubjectPublicKeyInfo (RFC 5280 §4.1, RFC 5480 §2). */
function readSpki(der: Uint8Array, curve: EcCurve): EcParts {
  const [algorithm, point, extra] = derSequenceChildren(der);
  if (extra !== undefined) fail('SubjectPublicKeyInfo');
  checkAlgorithmIdentifier(der, algorithm, curve);
  return { xy: readPointBits(der, point, curve) };
}

/** ECPrivateKey (RFC 5915 §3); `named` when an enclosing PKCS#8 structure already named the curve. */
function readEcPrivateKey(der: Uint8Array, curve: EcCurve, named: boolean): EcParts {
  const items = derSequenceChildren(der);
  checkVersion(der, items[0], 1, 'ECPrivateKey version');
  const scalar = contentsOf(der, items[1], TAG_OCTET_STRING, 'ECPrivateKey privateKey');
  let i = 2;
  if (items[i]?.tag === 0xa0) {
    const [oid, more] = derChildren(der, items[i]!);
    if (more !== undefined) fail('ECPrivateKey parameters');
    checkCurveOid(der, oid, curve);
    named = true;
    i++;
  }
  let xy: Uint8Array | undefined;
  if (items[i]?.tag === 0xa1) {
    const [bits, more] = derChildren(der, items[i]!);
    if (more !== undefined) fail('ECPrivateKey publicKey');
    xy = readPointBits(der, bits, curve);
    i++;
  }
  if (i !== items.length) fail('ECPrivateKey');
  if (!named) fail('ECPrivateKey without a named curve');
  if (scalar.length === 0 || scalar.length > curve.len) fail('private key length');
  const d = new Uint8Array(curve.len);
  d.set(scalar, curve.len - scalar.length);
  return { d, xy };
}

/** PrivateKeyInfo / OneAsymmetricKey v1 (RFC 5208 §5, RFC 5958 §2) wrapping an ECPrivateKey. */
function readPkcs8(der: Uint8Array, curve: EcCurve): EcParts {
  const [version, algorithm, privateKey, ...rest] = derSequenceChildren(der);
  checkVersion(der, version, 0, 'PKCS#8 version');
  checkAlgorithmIdentifier(der, algorithm, curve);
  const inner = contentsOf(der, privateKey, TAG_OCTET_STRING, 'PKCS#8');
  // Optional [0] attributes are allowed and ignored; nothing else may follow.
  if (rest.length > 1 || (rest.length === 1 && rest[0]!.tag !== 0xa0)) fail('PKCS#8');
  return readEcPrivateKey(inner, curve, true);
}

// ---- JWK (RFC 7518 §6.2) ----

/** A coordinate or the scalar: exactly the curve's length (RFC 7518 §6.2.1.2, §6.2.2.1). */
function jwkMember(jwk: Jwk, name: string, curve: EcCurve): Uint8Array {
  const bytes = jwkBytes(jwk, name);
  if (bytes.length !== curve.len) fail(`JWK member ${name} length`);
  return bytes;
}

function readJwk(jwk: Jwk, curve: EcCurve): EcParts {
  if (jwk.kty !== 'EC') fail('JWK kty must be EC');
  if (jwk.crv !== curve.crv) throw new KeyError(`${curve.alg} requires a ${curve.crv} key`);
  const xy = new Uint8Array(2 * curve.len);
  xy.set(jwkMember(jwk, 'x', curve), 0);
  xy.set(jwkMember(jwk, 'y', curve), curve.len);
  return { d: jwk.d === undefined ? undefined : jwkMember(jwk, 'd', curve), xy };
}

// ---- import ----

function finish(curve: EcCurve, { d, xy }: EcParts): Key {
  const { module } = curve;
  if (xy !== undefined && !ecPublicKeyValid(module, xy)) fail('point not on the curve');
  if (d !== undefined) {
    const derived = ecPublicKey(module, d);
    if (derived === null) fail('private scalar out of range');
    if (xy !== undefined && !constantTimeEqual(xy, derived)) fail('public key does not match the private key');
    xy = derived;
  }
  if (xy === undefined) fail('no public key');
  return keyOf(curve, d, xy);
}

/** The key of checked material: xy on the curve, and d·G = xy when d is given. */
function keyOf(curve: EcCurve, d: Uint8Array | undefined, xy: Uint8Array): Key {
  const key = createKey(curve.alg, d === undefined ? 'public' : 'private');
  ecMaterial.set(key, d === undefined ? { curve, xy } : { curve, d, xy });
  return key;
}

/**
 * Imports a key of `curve`'s algorithm from PEM text (SPKI `PUBLIC KEY`, PKCS#8 `PRIVATE KEY`, SEC1
 * `EC PRIVATE KEY`), a JWK object or JWK JSON text, or raw bytes holding the public point. Throws
 * KeyError for anything else, a key of another curve, or a point not on the curve.
 */
export function importEcKey(material: unknown, curve: EcCurve): Key {
  if (typeof material === 'string' && /^\s*\{/.test(material)) return importEcKey(parseJwkText(material), curve);
  if (typeof material === 'string') {
    const { label, der } = decodePem(material);
    if (label === 'PUBLIC KEY') return finish(curve, readSpki(der, curve));
    if (label === 'PRIVATE KEY') return finish(curve, readPkcs8(der, curve));
    if (label === 'EC PRIVATE KEY') return finish(curve, readEcPrivateKey(der, curve, false));
    fail(`unsupported PEM label ${label.slice(0, 24)}`);
  }
  // Raw bytes are the public point, as WebCrypto's `raw` format (SEC 1 §2.3.3, uncompressed or
  // compressed): bytes never carry a private scalar, which only PEM or a JWK with `d` can.
  if (material instanceof Uint8Array) return finish(curve, { xy: decodePoint(material, curve) });
  if (typeof material === 'object' && material !== null) {
    const jwk = material as Jwk;
    // API.md: a JWK whose `alg` is present must match the requested algorithm (RFC 7517 §4.4).
    if (jwk.alg !== undefined && jwk.alg !== curve.alg)
      throw new KeyError(`the JWK is for ${String(jwk.alg).slice(0, 16)}, not ${curve.alg}`);
    return finish(curve, readJwk(jwk, curve));
  }
  throw new KeyError(`${curve.alg} requires a PEM or JWK EC key, or the public point as raw bytes`);
}

// ---- export ----

/** AlgorithmIdentifier { id-ecPublicKey, namedCurve } and the point as a BIT STRING (RFC 5480 §2). */
const algorithmIdentifier = (curve: EcCurve): Uint8Array => derSequence(derTlv(TAG_OID, ID_EC_PUBLIC_KEY), derTlv(TAG_OID, curve.oid));
const pointBitString = (xy: Uint8Array): Uint8Array => derBitString(Uint8Array.of(0x04, ...xy));

/** SPKI `PUBLIC KEY` PEM of an EC key (RFC 5480). */
export function ecPublicPem(key: Key): string {
  const { curve, xy } = ecState(key);
  return encodePem('PUBLIC KEY', derSequence(algorithmIdentifier(curve), pointBitString(xy)));
}

/** PKCS#8 `PRIVATE KEY` PEM of an EC private key, with its public key (RFC 5208, RFC 5915). */
export function ecPrivatePem(key: Key): string {
  const { curve, xy } = ecState(key);
  const ecPrivateKey = derSequence(derSmallInteger(1), derOctetString(ecPrivateScalar(key)), derTlv(0xa1, pointBitString(xy)));
  return encodePem('PRIVATE KEY', derSequence(derSmallInteger(0), algorithmIdentifier(curve), derOctetString(ecPrivateKey)));
}

/** A fresh key pair on `curve`, as `[PKCS#8 PEM, SPKI PEM]`. */
export function generateEcPemPair(curve: EcCurve): [string, string] {
  const key = generateEcKey(curve);
  return [ecPrivatePem(key), ecPublicPem(key)];
}

/**
 * A fresh key pair on `curve`: a uniform scalar d in [1, n−1] by rejection sampling (FIPS 186-5
 * §A.4.2) and its point d·G. The range check runs in constant time in wasm (ecPublicKey), not on a
 * BigInt. For P-521 the top byte is masked to its one bit first, as 66 bytes hold 528 bits: a
 * candidate is then below 2^521, and 2^521 − n < 2^259, so one is refused with probability below
 * 2^-262.
 */
export function generateEcPoint(curve: EcCurve): { d: Uint8Array; xy: Uint8Array } {
  for (;;) {
    const d = crypto.getRandomValues(new Uint8Array(curve.len));
    if (curve.len === 66) d[0]! &= 0x01;
    const xy = ecPublicKey(curve.module, d);
    if (xy !== null) return { d, xy };
    d.fill(0);
  }
}

/** A fresh private key on `curve`; its point comes from the sampling, so it is derived once, not checked again. */
function generateEcKey(curve: EcCurve): Key {
  const { d, xy } = generateEcPoint(curve);
  return keyOf(curve, d, xy);
}
