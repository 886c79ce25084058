/**
 * EC keys for ES256 (P-256), ES384 (P-384) and ES512 (P-521), RFC 7518 §3.4: import and PEM export.
 * https://www.rfc-editor.org/rfc/rfc7518#section-6.2 · https://www.rfc-editor.org/rfc/rfc5915
 *
 * Imports JWK (RFC 7518 §6.2),
 * PEM SPKI (RFC 5480), PKCS#8 (RFC 5208 / 5958) and SEC1 `EC PRIVATE KEY` (RFC 5915), with
 * uncompressed and compressed points (SEC 1 §2.3.3–2.3.4); export to PKCS#8 and SPKI PEM.
 *
 * The DER reader is deliberately minimal and strict: definite minimal lengths, single-byte tags,
 * no trailing bytes, only the structures above. Every public key is checked to lie on the curve
 * and a private key's public half is always derived (and compared with an embedded one).
 * Importing needs the curve's wasm module (compiled on first use; `await init()` where that is refused),
 * which the caller passes: the algorithm's own, so a bundle carries the curves its algorithms name.
 * @module
 */

import type { Algorithm } from '../entry.js';
import { KeyError } from '../../core/errors.js';
import { base64urlFromBytes } from '../../core/base64url.js';
import { ecPublicKey, ecPublicKeyValid, ecVerificationTable } from '../../wasm/ecdsa.js';
import type { CurveModule } from '../../wasm/modules/curve.js';
import { derTlv } from '../../core/der.js';
import { createKey, type Key } from '../../core/key.js';
import { encodePem } from '../../core/pem.js';

/** The ES algorithms, each bound to one curve (RFC 7518 §3.4). */
export type EcAlgorithm = 'ES256' | 'ES384' | 'ES512';

interface EcCurveInfo {
  readonly alg: EcAlgorithm;
  readonly crv: 'P-256' | 'P-384' | 'P-521';
  readonly len: number;
  /** DER of the named-curve OID (RFC 5480 §2.1.1.1). */
  readonly oid: Uint8Array;
  readonly p: bigint;
  readonly b: bigint;
}

const CURVES: readonly EcCurveInfo[] = [
  {
    alg: 'ES256',
    crv: 'P-256',
    len: 32,
    oid: Uint8Array.of(0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07), // 1.2.840.10045.3.1.7
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  },
  {
    alg: 'ES384',
    crv: 'P-384',
    len: 48,
    oid: Uint8Array.of(0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22), // 1.3.132.0.34
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
  },
  {
    alg: 'ES512',
    crv: 'P-521',
    len: 66, // ⌈521/8⌉ (RFC 7518 §6.2.1.2: the full length, so the top byte holds one bit)
    oid: Uint8Array.of(0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23), // 1.3.132.0.35
    p: (1n << 521n) - 1n,
    b: 0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
  },
];

/** id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480 §2.1.1). */
const ID_EC_PUBLIC_KEY = Uint8Array.of(0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01);

/** The curve of an ES algorithm, or undefined for any other algorithm. */
export function ecCurveOf(alg: string): EcCurveInfo | undefined {
  return CURVES.find((c) => c.alg === alg);
}

export interface EcMaterial {
  /** The loader of the curve's wasm module. */
  readonly curve: CurveModule;
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
  material.table = ecVerificationTable(material.curve, material.xy) ?? undefined;
  return material.table;
}

/** The private scalar of an ES key; throws KeyError for a public key (verify-only). */
export function ecPrivateScalar(key: Key): Uint8Array {
  const d = ecState(key).d;
  if (d === undefined) throw new KeyError('a public key cannot sign: give the private key to issue tokens');
  return d;
}

// ---- strict DER reading (X.690 §8.1, DER §10.1) ----

interface Tlv {
  readonly tag: number;
  readonly body: Uint8Array;
  readonly next: number;
}

function fail(what: string): never {
  throw new KeyError(`invalid EC key: ${what}`);
}

function readTlv(der: Uint8Array, at: number): Tlv {
  if (at + 2 > der.length) fail('truncated DER');
  const tag = der[at]!;
  if ((tag & 0x1f) === 0x1f) fail('multi-byte DER tag');
  let len = der[at + 1]!;
  let pos = at + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 2) fail('DER length');
    if (pos + count > der.length) fail('truncated DER');
    len = 0;
    for (let i = 0; i < count; i++) len = (len << 8) | der[pos + i]!;
    pos += count;
    // DER: the shortest length form only (X.690 §10.1)
    if (len < 0x80 || (count === 2 && len < 0x100)) fail('non-minimal DER length');
  }
  if (pos + len > der.length) fail('truncated DER');
  return { tag, body: der.subarray(pos, pos + len), next: pos + len };
}

/** The elements of a constructed body, in order (callers check their tags and count). */
function readSequence(body: Uint8Array): Tlv[] {
  const items: Tlv[] = [];
  for (let at = 0; at < body.length; ) {
    const item = readTlv(body, at);
    items.push(item);
    at = item.next;
  }
  return items;
}

function readWhole(der: Uint8Array, tag: number): Tlv {
  const tlv = readTlv(der, 0);
  if (tlv.tag !== tag || tlv.next !== der.length) fail('unexpected DER structure');
  return tlv;
}

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

function tlvBytes(t: Tlv, tag: number): Uint8Array {
  // Rebuild the full encoding of a small primitive (OIDs) to compare it with a constant.
  return Uint8Array.of(tag, t.body.length, ...t.body);
}

function curveFromOid(oid: Tlv): EcCurveInfo {
  if (oid.tag !== 0x06) fail('named curve expected');
  const enc = tlvBytes(oid, 0x06);
  const curve = CURVES.find((c) => equalBytes(c.oid, enc));
  if (curve === undefined) fail('unsupported curve');
  return curve;
}

/** AlgorithmIdentifier { id-ecPublicKey, namedCurve } (RFC 5480 §2.1.1). */
function readAlgorithmIdentifier(t: Tlv): EcCurveInfo {
  if (t.tag !== 0x30) fail('AlgorithmIdentifier expected');
  const [alg, params, extra] = readSequence(t.body);
  if (alg === undefined || params === undefined || extra !== undefined) fail('AlgorithmIdentifier');
  if (!equalBytes(tlvBytes(alg, 0x06), ID_EC_PUBLIC_KEY) || alg.tag !== 0x06) fail('not an EC key');
  return curveFromOid(params);
}

/** BIT STRING holding an EC point, no unused bits (RFC 5480 §2.2). */
function readPointBitString(t: Tlv, curve: EcCurveInfo): Uint8Array {
  if (t.tag !== 0x03 || t.body.length < 2 || t.body[0] !== 0) fail('public key BIT STRING');
  return decodePoint(t.body.subarray(1), curve);
}

// ---- points (SEC 1 §2.3.3–2.3.4) ----

const bytesToBig = (b: Uint8Array): bigint =>
  b.length === 0 ? 0n : BigInt('0x' + Array.from(b, (v) => v.toString(16).padStart(2, '0')).join(''));

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
 * checks it is on the curve, once the curve is known to be the algorithm's. Compressed points are
 * public, so the square root (p ≡ 3 mod 4 for all three primes: y = (x³ − 3x + b)^((p+1)/4),
 * SEC 1 §2.3.4 step 2.4.1) runs in BigInt arithmetic.
 */
function decodePoint(bytes: Uint8Array, curve: EcCurveInfo): Uint8Array {
  const { len, p, b } = curve;
  let xy: Uint8Array;
  if (bytes[0] === 0x04 && bytes.length === 1 + 2 * len) {
    xy = bytes.slice(1);
  } else if ((bytes[0] === 0x02 || bytes[0] === 0x03) && bytes.length === 1 + len) {
    const x = bytesToBig(bytes.subarray(1));
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

/** SubjectPublicKeyInfo (RFC 5280 §4.1, RFC 5480 §2). */
function readSpki(der: Uint8Array): { curve: EcCurveInfo; xy: Uint8Array } {
  const [algId, key, extra] = readSequence(readWhole(der, 0x30).body);
  if (algId === undefined || key === undefined || extra !== undefined) fail('SubjectPublicKeyInfo');
  const curve = readAlgorithmIdentifier(algId);
  return { curve, xy: readPointBitString(key, curve) };
}

/** ECPrivateKey (RFC 5915 §3); `outer` is the curve named by an enclosing PKCS#8 structure. */
function readEcPrivateKey(der: Uint8Array, outer?: EcCurveInfo): { curve: EcCurveInfo; d: Uint8Array; xy?: Uint8Array } {
  const items = readSequence(readWhole(der, 0x30).body);
  const [version, priv] = items;
  if (version?.tag !== 0x02 || version.body.length !== 1 || version.body[0] !== 1) fail('ECPrivateKey version');
  if (priv?.tag !== 0x04) fail('ECPrivateKey privateKey');
  let curve = outer;
  let pub: Tlv | undefined;
  let i = 2;
  if (items[i]?.tag === 0xa0) {
    const [oid, more] = readSequence(items[i]!.body);
    if (oid === undefined || more !== undefined) fail('ECPrivateKey parameters');
    const named = curveFromOid(oid);
    if (curve !== undefined && curve !== named) fail('curve mismatch');
    curve = named;
    i++;
  }
  if (items[i]?.tag === 0xa1) {
    const [bits, more] = readSequence(items[i]!.body);
    if (bits === undefined || more !== undefined) fail('ECPrivateKey publicKey');
    pub = bits;
    i++;
  }
  if (i !== items.length) fail('ECPrivateKey');
  if (curve === undefined) fail('ECPrivateKey without a named curve');
  if (priv.body.length === 0 || priv.body.length > curve.len) fail('private key length');
  const d = new Uint8Array(curve.len);
  d.set(priv.body, curve.len - priv.body.length);
  return { curve, d, xy: pub === undefined ? undefined : readPointBitString(pub, curve) };
}

/** PrivateKeyInfo / OneAsymmetricKey v1 (RFC 5208 §5, RFC 5958 §2) wrapping an ECPrivateKey. */
function readPkcs8(der: Uint8Array): { curve: EcCurveInfo; d: Uint8Array; xy?: Uint8Array } {
  const [version, algId, priv, ...rest] = readSequence(readWhole(der, 0x30).body);
  if (version?.tag !== 0x02 || version.body.length !== 1 || version.body[0] !== 0) fail('PKCS#8 version');
  if (algId === undefined || priv?.tag !== 0x04) fail('PKCS#8');
  // Optional [0] attributes are allowed and ignored; nothing else may follow.
  if (rest.length > 1 || (rest.length === 1 && rest[0]!.tag !== 0xa0)) fail('PKCS#8');
  const curve = readAlgorithmIdentifier(algId);
  return readEcPrivateKey(priv.body, curve);
}

// ---- PEM (RFC 7468) ----

const PEM = /^-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END \1-----\s*$/;

function readPem(text: string): { label: string; der: Uint8Array } {
  const match = PEM.exec(text.trim());
  if (match === null) fail('not a PEM key');
  const b64 = match[2]!.replace(/[\r\n]/g, '');
  let binary: string;
  try {
    binary = atob(b64);
  } catch {
    fail('PEM body is not base64');
  }
  return { label: match[1]!, der: Uint8Array.from(binary, (ch) => ch.charCodeAt(0)) };
}

// ---- JWK (RFC 7518 §6.2) ----

const B64URL = /^[A-Za-z0-9_-]*$/;

function jwkMember(jwk: Record<string, unknown>, name: string, len: number): Uint8Array {
  const value = jwk[name];
  if (typeof value !== 'string' || !B64URL.test(value) || value.length % 4 === 1) fail(`JWK member ${name}`);
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (value.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  // RFC 7518 §6.2.1.2 / §6.2.2.1: the full coordinate length, and canonical base64url.
  if (bytes.length !== len || base64urlFromBytes(bytes) !== value) fail(`JWK member ${name} length`);
  return bytes;
}

function readJwk(jwk: Record<string, unknown>): { curve: EcCurveInfo; d?: Uint8Array; xy: Uint8Array } {
  if (jwk.kty !== 'EC') fail('JWK kty must be EC');
  const curve = CURVES.find((c) => c.crv === jwk.crv);
  if (curve === undefined) fail('JWK crv must be P-256, P-384 or P-521');
  const xy = new Uint8Array(2 * curve.len);
  xy.set(jwkMember(jwk, 'x', curve.len), 0);
  xy.set(jwkMember(jwk, 'y', curve.len), curve.len);
  const d = jwk.d === undefined ? undefined : jwkMember(jwk, 'd', curve.len);
  return { curve, d, xy };
}

// ---- import ----

function finish(module: CurveModule, alg: Algorithm, curve: EcCurveInfo, d: Uint8Array | undefined, xy: Uint8Array | undefined): Key {
  if (curve.alg !== alg) throw new KeyError(`${alg} requires a ${ecCurveOf(alg)?.crv ?? 'different'} key, not ${curve.crv}`);
  if (xy !== undefined && !ecPublicKeyValid(module, xy)) fail('point not on the curve');
  if (d !== undefined) {
    const derived = ecPublicKey(module, d);
    if (derived === null) fail('private scalar out of range');
    if (xy !== undefined && !equalBytes(xy, derived)) fail('public key does not match the private key');
    xy = derived;
  }
  if (xy === undefined) fail('no public key');
  const key = createKey(alg, d === undefined ? 'public' : 'private');
  ecMaterial.set(key, d === undefined ? { curve: module, xy } : { curve: module, d, xy });
  return key;
}

/**
 * Imports an ES256/ES384/ES512 key from PEM text (SPKI `PUBLIC KEY`, PKCS#8 `PRIVATE KEY`, SEC1
 * `EC PRIVATE KEY`), a JWK object or JWK JSON text, or raw bytes holding the public point, on the
 * curve whose wasm module is `module`. Throws KeyError for anything else, a curve that does not
 * match `alg`, or a point not on the curve.
 */
export function importEcKey(material: unknown, alg: Algorithm, module: CurveModule): Key {
  if (ecCurveOf(alg) === undefined) throw new KeyError(`${alg} is not an EC algorithm`);
  if (typeof material === 'string' && /^\s*\{/.test(material)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(material);
    } catch {
      fail('JWK text is not JSON');
    }
    return importEcKey(parsed, alg, module);
  }
  if (typeof material === 'string') {
    const { label, der } = readPem(material);
    if (label === 'PUBLIC KEY') {
      const { curve, xy } = readSpki(der);
      return finish(module, alg, curve, undefined, xy);
    }
    if (label === 'PRIVATE KEY' || label === 'EC PRIVATE KEY') {
      const { curve, d, xy } = label === 'PRIVATE KEY' ? readPkcs8(der) : readEcPrivateKey(der);
      return finish(module, alg, curve, d, xy);
    }
    fail(`unsupported PEM label ${label.slice(0, 24)}`);
  }
  if (material instanceof Uint8Array) {
    // Raw bytes are the public point, as WebCrypto's `raw` format (SEC 1 §2.3.3, uncompressed or
    // compressed): bytes never carry a private scalar, which only PEM or a JWK with `d` can.
    const curve = ecCurveOf(alg)!;
    return finish(module, alg, curve, undefined, decodePoint(material, curve));
  }
  if (typeof material === 'object' && material !== null) {
    const jwk = material as Record<string, unknown>;
    // API.md: a JWK whose `alg` is present must match the requested algorithm (RFC 7517 §4.4).
    if (jwk.alg !== undefined && jwk.alg !== alg) throw new KeyError(`the JWK is for ${String(jwk.alg).slice(0, 16)}, not ${alg}`);
    const { curve, d, xy } = readJwk(jwk);
    return finish(module, alg, curve, d, xy);
  }
  throw new KeyError(`${alg} requires a PEM or JWK EC key, or the public point as raw bytes`);
}

// ---- export ----

const uncompressed = (xy: Uint8Array): Uint8Array => Uint8Array.of(0x04, ...xy);

/** SPKI `PUBLIC KEY` PEM of an EC key (RFC 5480). */
export function ecPublicPem(key: Key): string {
  const { xy } = ecState(key);
  const curve = ecCurveOf(key.algorithm)!;
  const spki = derTlv(0x30, derTlv(0x30, ID_EC_PUBLIC_KEY, curve.oid), derTlv(0x03, Uint8Array.of(0), uncompressed(xy)));
  return encodePem('PUBLIC KEY', spki);
}

/** PKCS#8 `PRIVATE KEY` PEM of an EC private key, with its public key (RFC 5208, RFC 5915). */
export function ecPrivatePem(key: Key): string {
  const { xy } = ecState(key);
  const d = ecPrivateScalar(key);
  const curve = ecCurveOf(key.algorithm)!;
  const ecPrivateKey = derTlv(
    0x30,
    Uint8Array.of(0x02, 0x01, 0x01),
    derTlv(0x04, d),
    derTlv(0xa1, derTlv(0x03, Uint8Array.of(0), uncompressed(xy))),
  );
  const pkcs8 = derTlv(0x30, Uint8Array.of(0x02, 0x01, 0x00), derTlv(0x30, ID_EC_PUBLIC_KEY, curve.oid), derTlv(0x04, ecPrivateKey));
  return encodePem('PRIVATE KEY', pkcs8);
}

/** A fresh key pair for `alg` on the curve of `module`, as `[PKCS#8 PEM, SPKI PEM]`. */
export function generateEcPemPairOn(module: CurveModule, alg: EcAlgorithm): [string, string] {
  const key = generateEcKey(module, alg);
  return [ecPrivatePem(key), ecPublicPem(key)];
}

/**
 * A fresh private key for `alg`: a uniform scalar in [1, n−1] by rejection sampling (FIPS 186-5
 * §A.4.2). The range check runs in constant time in wasm (ecPublicKey), not on a BigInt. For
 * P-521 the top byte is masked to its one bit first, as 66 bytes hold 528 bits: a candidate is then
 * below 2^521, and 2^521 − n < 2^259, so one is refused with probability below 2^-262.
 */
function generateEcKey(module: CurveModule, alg: EcAlgorithm): Key {
  const curve = ecCurveOf(alg)!;
  for (;;) {
    const d = crypto.getRandomValues(new Uint8Array(curve.len));
    if (curve.len === 66) d[0]! &= 0x01;
    const xy = ecPublicKey(module, d);
    if (xy !== null) return finish(module, alg, curve, d, xy);
    d.fill(0);
  }
}
