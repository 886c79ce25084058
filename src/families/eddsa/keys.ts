/**
 * Ed25519 keys (RFC 8032 §5.1.5, RFC 8037 §2, RFC 8410): import from a raw 32-byte public key
 * (WebCrypto's `raw` format), a JWK (`kty: "OKP"`, `crv: "Ed25519"`), PKCS#8 (private) or SPKI
 * (public) as PEM text or DER bytes; export to PEM and JWK. A private seed is given as PKCS#8 or
 * as a JWK with `d`, never as bare bytes, so a public key can never be mistaken for a seed.
 * https://www.rfc-editor.org/rfc/rfc8410
 *
 * The DER reader is deliberately minimal and strict: definite minimal lengths, exactly the
 * id-Ed25519 algorithm identifier with absent parameters (RFC 8410 §3), no trailing bytes.
 * A public key always comes from the private key (never trusted from the input): a JWK `x` or a
 * PKCS#8 v2 public key that disagrees with the seed is refused.
 * @module
 */

import type { Algorithm } from '../entry.js';
import { KeyError } from '../../core/errors.js';
import { base64urlFromBytes, bytesFromBase64url } from '../../core/base64url.js';
import {
  ED25519_PUBLIC_KEY,
  ED25519_SEED,
  ed25519PrivateState,
  ed25519PublicState,
  ed25519Sign,
  ed25519Verify,
  publicKeyOfState,
} from '../../wasm/ed25519.js';
import { loader } from '../../wasm/loader.js';
import { createKey, type Key } from '../../core/key.js';
import { concatBytes, constantTimeEqual } from '../../core/bytes.js';
import {
  type DerElement,
  derContents,
  derElement,
  derSequenceChildren,
  TAG_BIT_STRING,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_SEQUENCE,
} from '../../core/der.js';
import { parseJwkText } from '../../core/jwk.js';
import { decodePem, encodePem } from '../../core/pem.js';

/** A JSON Web Key for Ed25519 (RFC 8037 §2). */
export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d?: string;
  alg?: string;
  kid?: string;
  use?: string;
  [member: string]: unknown;
}

interface Ed25519Material {
  /** The 32-byte private seed (private keys only). */
  readonly seed?: Uint8Array;
  /** The encoded public key, once known. */
  publicKey?: Uint8Array;
  /** Wasm key states, prepared on first use (the module may load after the key is imported). */
  privateState?: Uint8Array;
  publicState?: Uint8Array;
}

const material = new WeakMap<Key, Ed25519Material>();

/** The contents of AlgorithmIdentifier { id-Ed25519 (1.3.101.112) }: parameters MUST be absent (RFC 8410 §3). */
const ALGORITHM_ID = Uint8Array.of(0x06, 0x03, 0x2b, 0x65, 0x70);

// ---- DER (core/der.ts) ---------------------------------------------------------------------------

function checkAlgorithm(der: Uint8Array, element: DerElement | undefined): void {
  if (element?.tag !== TAG_SEQUENCE || !constantTimeEqual(derContents(der, element), ALGORITHM_ID)) {
    throw new KeyError('not an Ed25519 key (RFC 8410 id-Ed25519 expected)');
  }
}

/**
 * PKCS#8 OneAsymmetricKey (RFC 5958 §2, RFC 8410 §7): version 0 or 1, id-Ed25519, privateKey =
 * OCTET STRING wrapping the 32-byte seed (CurvePrivateKey), optional [0] attributes (ignored) and,
 * in version 1 only, an optional [1] public key. Returns the seed and the public key if present.
 */
function parsePkcs8(der: Uint8Array): { seed: Uint8Array; publicKey?: Uint8Array } {
  const m = derSequenceChildren(der);
  const version = m[0]?.tag === TAG_INTEGER && m[0].end - m[0].start === 1 ? der[m[0].start]! : -1;
  if (version !== 0 && version !== 1) throw new KeyError('unsupported PKCS#8 version');
  checkAlgorithm(der, m[1]);
  if (m[2]?.tag !== TAG_OCTET_STRING) throw new KeyError('PKCS#8 private key missing');
  const inner = derElement(der, m[2].start, m[2].end);
  if (inner.tag !== TAG_OCTET_STRING || inner.end !== m[2].end || inner.end - inner.start !== ED25519_SEED) {
    throw new KeyError('an Ed25519 private key is a 32-byte OCTET STRING');
  }
  let i = 3;
  if (m[i]?.tag === 0xa0) i++; // [0] attributes
  let publicKey: Uint8Array | undefined;
  if (m[i]?.tag === 0x81) {
    if (version !== 1) throw new KeyError('a PKCS#8 v1 key has no public key field');
    // [1] IMPLICIT BIT STRING: no unused bits, then the 32-byte key.
    const bits = derContents(der, m[i]!);
    if (bits.length !== 1 + ED25519_PUBLIC_KEY || bits[0] !== 0) throw new KeyError('malformed PKCS#8 public key');
    publicKey = bits.slice(1);
    i++;
  }
  if (i !== m.length) throw new KeyError('unexpected PKCS#8 members');
  return { seed: derContents(der, inner).slice(), publicKey };
}

/** SubjectPublicKeyInfo (RFC 5280 §4.1, RFC 8410 §4): id-Ed25519 and a 32-byte BIT STRING. */
function parseSpki(der: Uint8Array): Uint8Array {
  const m = derSequenceChildren(der);
  checkAlgorithm(der, m[0]);
  const bits = m[1]?.tag === TAG_BIT_STRING ? derContents(der, m[1]) : undefined;
  if (m.length !== 2 || bits?.length !== 1 + ED25519_PUBLIC_KEY || bits[0] !== 0) {
    throw new KeyError('an Ed25519 public key is a 32-byte BIT STRING');
  }
  return bits.slice(1);
}

// The fixed DER around a key (RFC 8410 §7 and §4; the layouts of its §10.3 example): both
// structures have one length, so each is a constant prefix before the 32 key bytes.
const PKCS8_PREFIX = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20);
const SPKI_PREFIX = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);

const pkcs8Der = (seed: Uint8Array): Uint8Array => concatBytes(PKCS8_PREFIX, seed);
const spkiDer = (publicKey: Uint8Array): Uint8Array => concatBytes(SPKI_PREFIX, publicKey);

// ---- keys ----------------------------------------------------------------------------------------

function bytesFromB64u(text: unknown, what: string, length: number): Uint8Array {
  const bytes = typeof text === 'string' ? bytesFromBase64url(text) : null;
  if (bytes === null || bytes.length !== length) throw new KeyError(`JWK ${what} must be ${length} bytes of base64url`);
  return bytes;
}

function requireEdDsa(alg: Algorithm): void {
  if (alg !== 'EdDSA') throw new KeyError(`${alg} does not take an Ed25519 key`);
}

/** A private key from its 32-byte seed; the public key is derived, and checked against `expected`. */
function privateKey(seed: Uint8Array, expected?: Uint8Array): Key {
  const key = createKey('EdDSA', 'private');
  const m: Ed25519Material = { seed };
  material.set(key, m);
  if (expected !== undefined && !constantTimeEqual(ed25519PublicKey(key), expected)) {
    throw new KeyError('the public key does not belong to the private key');
  }
  return key;
}

/** p = 2^255 - 19 (RFC 8032 §5.1). */
const ED25519_P = (1n << 255n) - 19n;

/**
 * The y-coordinates of the 8 points of small order (the torsion subgroup E[8]): the identity
 * (y = 1), order 2 (y = -1), order 4 (y = 0, x = ±sqrt(-1)) and the two order-8 pairs. A point's
 * y fixes it up to the sign of x, and both signs are small-order, so comparing y mod p catches
 * every encoding of them, canonical or not (sign bit on x = 0, y ≥ p).
 */
const ED25519_SMALL_ORDER_Y: ReadonlySet<bigint> = new Set([
  0n,
  1n,
  ED25519_P - 1n,
  0x05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826n,
  0x7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7n,
]);

/**
 * True for a small-order public key. With one, a signature R = identity, S = 0 verifies every
 * message under cofactorless verification (RFC 8032 §5.1.7 step 3: [S]B = R + [k]A holds when A
 * and R have small order and S = 0), so such keys are refused at import, as noble and libsodium do.
 * Variable-time: public inputs only.
 */
function isSmallOrderVartime(encoded: Uint8Array): boolean {
  let y = 0n;
  // RFC 8032 §5.1.3 step 1: little-endian y, the top bit is the sign of x.
  for (let i = ED25519_PUBLIC_KEY - 1; i >= 0; i--) y = (y << 8n) | BigInt(i === ED25519_PUBLIC_KEY - 1 ? encoded[i]! & 0x7f : encoded[i]!);
  return ED25519_SMALL_ORDER_Y.has(y % ED25519_P);
}

/**
 * A public key; small-order keys are refused here, and its encoding is checked now (RFC 8032 §5.1.3 strict decoding) when the wasm module
 * is loaded, otherwise on first use (browsers may import keys before `await init()`).
 */
function publicKey(bytes: Uint8Array): Key {
  if (bytes.length !== ED25519_PUBLIC_KEY) throw new KeyError('an Ed25519 public key is 32 bytes');
  if (isSmallOrderVartime(bytes)) throw new KeyError('not a usable Ed25519 public key (small order)');
  const m: Ed25519Material = { publicKey: bytes.slice() };
  if (loader.isReady) {
    const state = ed25519PublicState(bytes);
    if (state === null) throw new KeyError('not a valid Ed25519 public key (non-canonical or not on the curve)');
    m.publicState = state;
  }
  const key = createKey('EdDSA', 'public');
  material.set(key, m);
  return key;
}

/** Imports an Ed25519 key from a JWK object (RFC 8037 §2). */
export function importEd25519Jwk(jwk: Record<string, unknown>, alg: Algorithm = 'EdDSA'): Key {
  requireEdDsa(alg);
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new KeyError('an EdDSA JWK must have kty "OKP" and crv "Ed25519"');
  // `Ed25519` is the fully-specified name of the same algorithm (WebCrypto exports it).
  if (jwk.alg !== undefined && jwk.alg !== 'EdDSA' && jwk.alg !== 'Ed25519') throw new KeyError('the JWK alg does not match EdDSA');
  if (jwk.use !== undefined && jwk.use !== 'sig') throw new KeyError('the JWK is not for signatures');
  const x = bytesFromB64u(jwk.x, 'x', ED25519_PUBLIC_KEY);
  if (jwk.d === undefined) return publicKey(x);
  return privateKey(bytesFromB64u(jwk.d, 'd', ED25519_SEED), x);
}

/** A key from DER bytes: PKCS#8 OneAsymmetricKey (starts with its version INTEGER) or SPKI. */
function fromDer(der: Uint8Array): Key {
  if (derSequenceChildren(der)[0]?.tag === TAG_INTEGER) {
    const { seed, publicKey: expected } = parsePkcs8(der);
    return privateKey(seed, expected);
  }
  return publicKey(parseSpki(der));
}

/**
 * Imports an EdDSA key: PEM PKCS#8 (private) or SPKI (public) text, the same as DER bytes, JWK
 * text or object, or 32 raw bytes, which are the public key (WebCrypto's `raw` format for
 * Ed25519; a seed would need its public key to be derived, and bytes alone cannot say which they
 * are). Throws KeyError on anything else.
 */
export function importEd25519Key(source: string | Uint8Array | Record<string, unknown>, alg: Algorithm = 'EdDSA'): Key {
  requireEdDsa(alg);
  if (source instanceof Uint8Array) {
    if (source.length === ED25519_PUBLIC_KEY) return publicKey(source);
    if (source[0] === 0x30) return fromDer(source);
    throw new KeyError('raw Ed25519 bytes are a 32-byte public key; give a private key as PKCS#8 or a JWK with d');
  }
  if (typeof source === 'string') {
    if (/^\s*\{/.test(source)) return importEd25519Jwk(parseJwkText(source), alg);
    const { label, der } = decodePem(source);
    if (label === 'PRIVATE KEY') {
      const { seed, publicKey: expected } = parsePkcs8(der);
      return privateKey(seed, expected);
    }
    if (label === 'PUBLIC KEY') return publicKey(parseSpki(der));
    throw new KeyError(`unsupported PEM type for EdDSA: ${label.slice(0, 32)}`);
  }
  if (typeof source === 'object' && source !== null) return importEd25519Jwk(source, alg);
  throw new KeyError('EdDSA keys are PEM, DER, JWK or a 32-byte public key');
}

function materialOf(key: Key): Ed25519Material {
  const m = material.get(key);
  if (m === undefined) throw new KeyError('the key is not an Ed25519 key');
  return m;
}

/** The wasm private state of a private key; KeyError for a public key (verify-only). */
export function ed25519SigningState(key: Key): Uint8Array {
  const m = materialOf(key);
  if (m.seed === undefined) throw new KeyError('an Ed25519 public key cannot sign');
  m.privateState ??= ed25519PrivateState(m.seed);
  return m.privateState;
}

/** The encoded public key of an Ed25519 key (derived from the seed for private keys). */
export function ed25519PublicKey(key: Key): Uint8Array {
  const m = materialOf(key);
  m.publicKey ??= publicKeyOfState(ed25519SigningState(key));
  return m.publicKey;
}

/** The wasm verification state of an Ed25519 key (private or public). */
export function ed25519VerifyingState(key: Key): Uint8Array {
  const m = materialOf(key);
  if (m.publicState === undefined) {
    const state = ed25519PublicState(ed25519PublicKey(key));
    if (state === null) throw new KeyError('not a valid Ed25519 public key');
    m.publicState = state;
  }
  return m.publicState;
}

/** PEM of an Ed25519 key: SPKI, or PKCS#8 (v1, seed only) with `includePrivate` for a private key. */
export function exportEd25519Pem(key: Key, { includePrivate = false } = {}): string {
  const m = materialOf(key);
  if (includePrivate) {
    if (m.seed === undefined) throw new KeyError('the key has no private part');
    return encodePem('PRIVATE KEY', pkcs8Der(m.seed));
  }
  return encodePem('PUBLIC KEY', spkiDer(ed25519PublicKey(key)));
}

/** JWK of an Ed25519 key (RFC 8037 §2); `d` only with `includePrivate`. */
export function exportEd25519Jwk(key: Key, { includePrivate = false } = {}): Ed25519Jwk {
  const m = materialOf(key);
  const jwk: Ed25519Jwk = { kty: 'OKP', crv: 'Ed25519', x: base64urlFromBytes(ed25519PublicKey(key)) };
  if (includePrivate) {
    if (m.seed === undefined) throw new KeyError('the key has no private part');
    jwk.d = base64urlFromBytes(m.seed);
  }
  return jwk;
}

/** A fresh key pair from `crypto.getRandomValues`: `[privatePem (PKCS#8), publicPem (SPKI)]`. */
export function generateEd25519PemPair(): [string, string] {
  const seed = crypto.getRandomValues(new Uint8Array(ED25519_SEED));
  const key = privateKey(seed);
  return [exportEd25519Pem(key, { includePrivate: true }), exportEd25519Pem(key)];
}

/**
 * Raw Ed25519 signature (64 bytes) of `message` (RFC 8032 §5.1.6). Constant-time in the key.
 *
 * @example
 * ```ts
 * import { EdDSA, importKey, signEd25519, verifyEd25519 } from 'ciphertoken';
 *
 * const key = importKey(privatePem, EdDSA);
 * const message = new TextEncoder().encode('hello');
 * const signature = signEd25519(key, message);
 * ```
 */
export function signEd25519(key: Key, message: Uint8Array): Uint8Array {
  return ed25519Sign(ed25519SigningState(key), message);
}

/**
 * Raw Ed25519 verification (RFC 8032 §5.1.7, cofactorless, strict; see assembly/sig/eddsa.ts).
 *
 * @example
 * ```ts
 * import { EdDSA, importKey, verifyEd25519 } from 'ciphertoken';
 *
 * const ok = verifyEd25519(importKey(publicPem, EdDSA), message, signature);
 * ```
 */
export function verifyEd25519(key: Key, message: Uint8Array, signature: Uint8Array): boolean {
  return ed25519Verify(ed25519VerifyingState(key), message, signature);
}
