/**
 * ECDH-ES key agreement (RFC 7518 §4.6): `ECDH-ES` (the agreed key is the CEK) and
 * `ECDH-ES+A128KW`/`+A256KW` (it wraps a random CEK), on P-256 and P-384 (RFC 7518 §6.2) and on
 * X25519 (RFC 8037 §3.2). The sender makes an ephemeral key pair per token and publishes its public
 * half as `epk`; the key is derived with the Concat KDF of NIST SP 800-56A §5.8.1 (RFC 7518
 * §4.6.2). An `epk` that is not a point of the recipient's curve is refused before any scalar
 * multiplication (the invalid-curve attack), and an all-zero X25519 secret is refused (RFC 7748 §6.1).
 * @module
 */

import { base64urlFromBytes } from '../../core/base64url.js';
import { concatBytes, constantTimeEqual } from '../../core/bytes.js';
import { KeyError } from '../../core/errors.js';
import { isJwk, type Jwk, jwkBytes } from '../../core/jwk.js';
import { createKey, type Key } from '../../core/key.js';
import { sha2 } from '../../wasm/sha2.js';
import { x25519, x25519PublicKey } from '../../wasm/x25519.js';
import { ecPrivateScalar, ecState, importEcKey } from '../ecdsa/keys.js';
import type { ContentEncryption } from './content.js';
import { type NistCurve, nistCurve, nistKeyPair, nistSharedSecret } from './ecdh-nist.js';
import { checkJweJwkBinding, defineKeyManagement, type JweHeader, type KeyManagementFamily, randomBytes } from './entry.js';
import { aesKeyUnwrap, aesKeyWrap, headerBytes } from './oct.js';

/** A NIST-curve key: its curve, public point x ‖ y and, for a private key, the scalar. */
interface EcKeyMaterial {
  readonly kty: 'EC';
  readonly crv: NistCurve;
  readonly len: number;
  readonly xy: Uint8Array;
  readonly d: Uint8Array | undefined;
  /** WebCrypto ECDH private key, imported on first async use. */
  cryptoKey?: Promise<CryptoKey>;
}

/** An X25519 key (RFC 8037 §2): the public u-coordinate and, for a private key, the scalar. */
interface OkpKeyMaterial {
  readonly kty: 'OKP';
  readonly crv: 'X25519';
  readonly pub: Uint8Array;
  readonly d: Uint8Array | undefined;
  /** WebCrypto X25519 private key, imported on first async use. */
  cryptoKey?: Promise<CryptoKey>;
}

type EcdhMaterial = EcKeyMaterial | OkpKeyMaterial;

const materials = new WeakMap<Key, EcdhMaterial>();

function stateOf(key: Key): EcdhMaterial {
  const m = materials.get(key);
  if (m === undefined) throw new KeyError('the key is not an ECDH-ES key');
  return m;
}

const isNistCurve = (crv: unknown): crv is NistCurve => crv === 'P-256' || crv === 'P-384';

/** EC material from an ES key the EC reader made (which checked the point is on its curve). */
function fromEcKey(ecKey: Key, crv: NistCurve): EcKeyMaterial {
  const { xy } = ecState(ecKey);
  return { kty: 'EC', crv, len: xy.length / 2, xy, d: ecKey.type === 'private' ? ecPrivateScalar(ecKey) : undefined };
}

/** The EC key reader for a curve (it checks the point is on it, and a private scalar's range). */
const readAs = (material: unknown, crv: NistCurve): EcKeyMaterial => fromEcKey(importEcKey(material, nistCurve(crv)), crv);

/** An EC JWK, PEM text or a raw SEC 1 point, read by the EC key reader for its curve. */
function readEc(material: unknown): EcKeyMaterial {
  if (isJwk(material)) {
    if (!isNistCurve(material.crv)) throw new KeyError('ECDH-ES supports the curves P-256, P-384 and X25519');
    const { alg: _alg, use: _use, key_ops: _ops, ...rest } = material;
    return readAs(rest, material.crv);
  }
  if (material instanceof Uint8Array) {
    // SEC 1 §2.3.3 lengths: uncompressed 1 + 2·len, compressed 1 + len.
    return readAs(material, material.length === 65 || material.length === 33 ? 'P-256' : 'P-384');
  }
  try {
    return readAs(material, 'P-256');
  } catch {
    return readAs(material, 'P-384');
  }
}

/** An X25519 JWK (RFC 8037 §2: `OKP`, `crv` X25519, `x`, and `d` for a private key) or 32 raw public bytes. */
function readX25519(material: unknown): OkpKeyMaterial {
  if (material instanceof Uint8Array) {
    if (material.length !== 32) throw new KeyError('an X25519 public key is 32 bytes');
    return { kty: 'OKP', crv: 'X25519', pub: material.slice(), d: undefined };
  }
  const jwk = material as Jwk;
  const pub = jwkBytes(jwk, 'x');
  if (pub.length !== 32) throw new KeyError('an X25519 public key is 32 bytes');
  if (jwk.d === undefined) return { kty: 'OKP', crv: 'X25519', pub, d: undefined };
  const d = jwkBytes(jwk, 'd');
  if (d.length !== 32) throw new KeyError('an X25519 private key is 32 bytes');
  const derived = x25519PublicKey(d);
  if (!constantTimeEqual(derived, pub)) throw new KeyError('the X25519 public key does not match the private key');
  return { kty: 'OKP', crv: 'X25519', pub, d };
}

function readMaterial(material: unknown): EcdhMaterial {
  if (isJwk(material) && material.kty === 'OKP') {
    if (material.crv !== 'X25519') throw new KeyError('ECDH-ES supports the curves P-256, P-384 and X25519');
    return readX25519(material);
  }
  if (isJwk(material) && material.kty !== 'EC') throw new KeyError('ECDH-ES requires an EC or OKP JWK');
  if (material instanceof Uint8Array && material.length === 32) return readX25519(material);
  return readEc(material);
}

function publicJwk(m: EcdhMaterial): Jwk {
  if (m.kty === 'OKP') return { kty: 'OKP', crv: 'X25519', x: base64urlFromBytes(m.pub) };
  return { kty: 'EC', crv: m.crv, x: base64urlFromBytes(m.xy.subarray(0, m.len)), y: base64urlFromBytes(m.xy.subarray(m.len)) };
}

/**
 * The recipient-side reading of a token's `epk` (RFC 7518 §4.6.1.1): a public key of the same
 * type and curve as the recipient's, on that curve; null otherwise. The EC reader checks the
 * point is on the curve (SEC 1 §3.2.2.1), which defeats invalid-curve points.
 */
function epkOf(header: JweHeader, recipient: EcdhMaterial): EcdhMaterial | null {
  const epk = header.epk;
  if (!isJwk(epk) || epk.kty !== recipient.kty || epk.crv !== recipient.crv || epk.d !== undefined) return null;
  try {
    const { kty, crv, x, y } = epk;
    return recipient.kty === 'OKP' ? readX25519({ kty, crv, x }) : readEc({ kty, crv, x, y });
  } catch {
    return null;
  }
}

/** A length-prefixed datum of the Concat KDF's OtherInfo (RFC 7518 §4.6.2: 32-bit big-endian length). */
function prefixed(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + data.length);
  new DataView(out.buffer).setUint32(0, data.length);
  out.set(data, 4);
  return out;
}

/**
 * The Concat KDF (NIST SP 800-56A §5.8.1, single-step, SHA-256) as RFC 7518 §4.6.2 fixes its
 * inputs: AlgorithmID (the `enc` for ECDH-ES, else the `alg`), PartyUInfo (`apu`), PartyVInfo
 * (`apv`), SuppPubInfo (the key length in bits) and no SuppPrivInfo.
 */
function concatKdf(z: Uint8Array, algorithmId: string, apu: Uint8Array, apv: Uint8Array, keyBytes: number): Uint8Array {
  const otherInfo = [prefixed(new TextEncoder().encode(algorithmId)), prefixed(apu), prefixed(apv), new Uint8Array(4)];
  new DataView(otherInfo[3]!.buffer).setUint32(0, keyBytes * 8);
  const input = concatBytes(new Uint8Array(4), z, ...otherInfo);
  const out = new Uint8Array(Math.ceil(keyBytes / 32) * 32);
  for (let round = 1; (round - 1) * 32 < keyBytes; round++) {
    new DataView(input.buffer).setUint32(0, round);
    out.set(sha2(256, input), (round - 1) * 32);
  }
  input.fill(0, 4, 4 + z.length);
  return out.slice(0, keyBytes);
}

/** `apu`/`apv` header members (base64url), empty when absent; null when malformed. */
function partyInfo(header: JweHeader): [Uint8Array, Uint8Array] | null {
  const apu = header.apu === undefined ? new Uint8Array(0) : headerBytes(header, 'apu');
  const apv = header.apv === undefined ? new Uint8Array(0) : headerBytes(header, 'apv');
  return apu === null || apv === null ? null : [apu, apv];
}

/** Sync shared secret Z of `d` and the public key of `peer` (same curve); null for the identity / all zeros. */
function sharedSecret(self: EcdhMaterial, d: Uint8Array, peer: EcdhMaterial): Uint8Array | null {
  if (self.kty === 'OKP' || peer.kty === 'OKP') return x25519(d, (peer as OkpKeyMaterial).pub);
  return nistSharedSecret(peer.crv, d, peer.xy);
}

/** A fresh ephemeral key pair on the curve of `recipient`, in wasm. */
function ephemeral(recipient: EcdhMaterial): EcdhMaterial & { d: Uint8Array } {
  if (recipient.kty === 'OKP') {
    const d = randomBytes(32);
    return { kty: 'OKP', crv: 'X25519', pub: x25519PublicKey(d), d };
  }
  const { d, xy } = nistKeyPair(recipient.crv);
  return { kty: 'EC', crv: recipient.crv, len: xy.length / 2, xy, d };
}

// --- WebCrypto (async) ------------------------------------------------------------------------------

/** WebCrypto's parameters for a key of `m`'s curve: ECDH on P-256/P-384, X25519 (RFC 8037 §3.2). */
const webParams = (m: EcdhMaterial) => (m.kty === 'OKP' ? { name: 'X25519' } : { name: 'ECDH', namedCurve: m.crv });

function privateCryptoKey(m: EcdhMaterial): Promise<CryptoKey> {
  m.cryptoKey ??= crypto.subtle.importKey('jwk', { ...publicJwk(m), d: base64urlFromBytes(m.d!) } as JsonWebKey, webParams(m), false, [
    'deriveBits',
  ]);
  return m.cryptoKey;
}

/** Z of a WebCrypto private key and the public key of `peer` (already checked to be on the curve). */
async function sharedSecretAsync(self: EcdhMaterial, priv: CryptoKey, peer: EcdhMaterial): Promise<Uint8Array> {
  const params = webParams(self);
  const pub = await crypto.subtle.importKey('jwk', publicJwk(peer) as JsonWebKey, params, false, []);
  const bits = self.kty === 'OKP' ? 256 : self.len * 8;
  return new Uint8Array(await crypto.subtle.deriveBits({ name: params.name, public: pub }, priv, bits));
}

/** A WebCrypto ephemeral key pair on `recipient`'s curve: its private key and its public JWK for `epk`. */
async function ephemeralAsync(recipient: EcdhMaterial): Promise<[CryptoKey, Jwk]> {
  const pair = (await crypto.subtle.generateKey(webParams(recipient), true, ['deriveBits'])) as CryptoKeyPair;
  const { kty, crv, x, y } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as Jwk;
  return [pair.privateKey, recipient.kty === 'OKP' ? { kty, crv, x } : { kty, crv, x, y }];
}

/** The KDF inputs of one token: the algorithm id and key length (RFC 7518 §4.6.2). */
function kdfTarget(alg: string, enc: ContentEncryption, wrapBytes: number | undefined): [string, number] {
  return wrapBytes === undefined ? [enc.name, enc.keyLength] : [alg, wrapBytes];
}

function ecdhEs(wrapBytes: 16 | 32 | undefined): KeyManagementFamily {
  /** From the derived key: the CEK itself (ECDH-ES), or a random CEK wrapped under it. */
  function wrapWith(derived: Uint8Array, enc: ContentEncryption) {
    if (wrapBytes === undefined) return { cek: derived, encryptedKey: new Uint8Array(0) };
    const cek = randomBytes(enc.keyLength);
    return { cek, encryptedKey: aesKeyWrap(derived, cek) };
  }
  function unwrapWith(derived: Uint8Array, encryptedKey: Uint8Array): Uint8Array | null {
    // RFC 7516 §5.2 step 10: with direct key agreement the Encrypted Key must be empty.
    if (wrapBytes === undefined) return encryptedKey.length === 0 ? derived : null;
    return aesKeyUnwrap(derived, encryptedKey);
  }
  function recipientParts(key: Key, header: JweHeader) {
    const m = stateOf(key);
    if (m.d === undefined) throw new KeyError('a public key cannot decrypt: pass the private key');
    return { m, epk: epkOf(header, m), parties: partyInfo(header) };
  }

  return {
    kty: ['EC', 'OKP'],
    import(material, alg) {
      if (isJwk(material)) checkJweJwkBinding(material, alg.name, ['deriveKey', 'deriveBits']);
      const m = readMaterial(material);
      const key = createKey(alg.name, m.d === undefined ? 'public' : 'private');
      materials.set(key, m);
      return key;
    },
    exportJwk(key, includePrivate) {
      const m = stateOf(key);
      const jwk = publicJwk(m);
      if (includePrivate && m.d !== undefined) jwk.d = base64urlFromBytes(m.d);
      return { ...jwk, alg: key.algorithm };
    },
    wrap(key, enc, header) {
      const recipient = stateOf(key);
      const parties = partyInfo(header);
      if (parties === null) throw new TypeError('apu and apv must be base64url');
      const eph = ephemeral(recipient);
      const z = sharedSecret(eph, eph.d, recipient);
      if (z === null) throw new KeyError('the recipient key gives no shared secret');
      header.epk = publicJwk(eph);
      const [id, bytes] = kdfTarget(header.alg, enc, wrapBytes);
      return wrapWith(concatKdf(z, id, ...parties, bytes), enc);
    },
    unwrap(key, enc, header, encryptedKey) {
      const { m, epk, parties } = recipientParts(key, header);
      if (epk === null || parties === null) return null;
      const z = sharedSecret(m, m.d!, epk);
      if (z === null) return null;
      const [id, bytes] = kdfTarget(header.alg, enc, wrapBytes);
      return unwrapWith(concatKdf(z, id, ...parties, bytes), encryptedKey);
    },
    // WebCrypto (measured on Node: X25519 deriveBits 38 µs against 78 µs for the wasm ladder);
    // X25519 falls back to wasm on runtimes whose WebCrypto lacks it.
    async wrapAsync(key, enc, header, options) {
      const recipient = stateOf(key);
      const parties = partyInfo(header);
      if (parties === null) throw new TypeError('apu and apv must be base64url');
      let z: Uint8Array;
      try {
        const [priv, epk] = await ephemeralAsync(recipient);
        z = await sharedSecretAsync(recipient, priv, recipient);
        header.epk = epk;
      } catch (error) {
        if (recipient.kty === 'OKP') return this.wrap(key, enc, header, options);
        throw new KeyError('ECDH-ES key agreement failed', { cause: error });
      }
      const [id, bytes] = kdfTarget(header.alg, enc, wrapBytes);
      return wrapWith(concatKdf(z, id, ...parties, bytes), enc);
    },
    async unwrapAsync(key, enc, header, encryptedKey, options) {
      const { m, epk, parties } = recipientParts(key, header);
      if (epk === null || parties === null) return null;
      let z: Uint8Array;
      try {
        z = await sharedSecretAsync(m, await privateCryptoKey(m), epk);
      } catch {
        // X25519: no WebCrypto support, or a low-order epk (which the ladder refuses too).
        if (m.kty === 'OKP') return this.unwrap(key, enc, header, encryptedKey, options);
        return null;
      }
      // RFC 7748 §6.1: an all-zero X25519 secret is refused whichever backend computed it (a NIST
      // x-coordinate of zero is a valid point's, SEC 1 §3.3.1).
      if (m.kty === 'OKP' && z.every((byte) => byte === 0)) return null;
      const [id, bytes] = kdfTarget(header.alg, enc, wrapBytes);
      return unwrapWith(concatKdf(z, id, ...parties, bytes), encryptedKey);
    },
  };
}

/** ECDH-ES with the Concat KDF; the agreed key is the CEK (RFC 7518 §4.6). */
export const ECDH_ES = defineKeyManagement('ECDH-ES', ecdhEs(undefined)).name;
/** ECDH-ES with the Concat KDF and A128KW (RFC 7518 §4.6). */
export const ECDH_ES_A128KW = defineKeyManagement('ECDH-ES+A128KW', ecdhEs(16)).name;
/** ECDH-ES with the Concat KDF and A256KW (RFC 7518 §4.6). */
export const ECDH_ES_A256KW = defineKeyManagement('ECDH-ES+A256KW', ecdhEs(32)).name;
