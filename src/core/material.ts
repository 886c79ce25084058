/**
 * Recognises asymmetric key material, in whatever type it arrives, so that it is never taken as
 * an HMAC secret: the algorithm-confusion guard (RFC 8725 §2.1 and §3.1). A verifier holding an
 * RS256 public key must not also accept `HS256` tokens MACed with that key's PEM text, its JWK
 * JSON or its DER bytes, all of which an attacker can obtain.
 * https://www.rfc-editor.org/rfc/rfc8725#section-2.1
 * @module
 */

import { type DerElement, derSequenceChildren, TAG_BIT_STRING, TAG_INTEGER, TAG_OCTET_STRING, TAG_OID, TAG_SEQUENCE } from './der.js';
import { isJwk } from './jwk.js';

/** RFC 7468 §2 encapsulation boundary, the marker of any PEM block. */
const PEM_MARKER = '-----BEGIN ';
/** Text that is a PEM block or a JSON object: never a shared secret (the PyJWT rule). */
const KEY_TEXT = /-----BEGIN [A-Z0-9 ]+-----|^\s*\{/;

const CONTEXT_0 = 0xa0; // [0] attributes (PKCS#8) or parameters (SEC1)
const CONTEXT_1 = 0xa1; // [1] public key (SEC1)
const IMPLICIT_1 = 0x81; // [1] IMPLICIT public key (RFC 5958 OneAsymmetricKey v2)

/** True when `text` is PEM armour or JSON (a JWK) rather than a secret. */
export function isKeyText(text: string): boolean {
  return KEY_TEXT.test(text);
}

/** True when `bytes` hold ASCII `-----BEGIN ` anywhere (PEM text given as bytes). */
function containsPemMarker(bytes: Uint8Array): boolean {
  const first = PEM_MARKER.charCodeAt(0);
  outer: for (let i = bytes.indexOf(first); i !== -1 && i + PEM_MARKER.length <= bytes.length; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < PEM_MARKER.length; j++) if (bytes[i + j] !== PEM_MARKER.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/** True when `bytes` are UTF-8 JSON text of a JWK (an object with a string `kty`, RFC 7517 §4.1). */
function isJwkJson(bytes: Uint8Array): boolean {
  let i = 0;
  // Leading JSON whitespace (RFC 8259 §2) and a UTF-8 BOM, which some editors write.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (bytes[i] !== 0x7b) return false; // '{'
  try {
    return isJwk(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i))));
  } catch {
    return false;
  }
}

/** The members of `der` when it is exactly one well-formed DER SEQUENCE (X.690 §10), else undefined. */
function sequenceMembers(der: Uint8Array): DerElement[] | undefined {
  if (der[0] !== TAG_SEQUENCE) return undefined;
  try {
    return derSequenceChildren(der);
  } catch {
    return undefined;
  }
}

/** An AlgorithmIdentifier (RFC 5280 §4.1.1.2): a SEQUENCE that starts with an OID. */
function isAlgorithmIdentifier(der: Uint8Array, member: DerElement): boolean {
  return member.tag === TAG_SEQUENCE && member.start < member.end && der[member.start] === TAG_OID;
}

/** A `version` INTEGER of 0 or 1 in `allowed`: DER encodes each in exactly one content byte (X.690 §8.3.2). */
const versionIs = (der: Uint8Array, member: DerElement, allowed: readonly number[]): boolean =>
  member.end - member.start === 1 && allowed.includes(der[member.start]!);

const same = (tags: readonly number[], shape: readonly number[]): boolean =>
  tags.length === shape.length && tags.every((tag, i) => tag === shape[i]);

/**
 * True when `der` parses as one of the key containers: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7),
 * PKCS#8 / OneAsymmetricKey (RFC 5208 §5, RFC 5958 §2) and its encrypted form (§3), PKCS#1
 * RSAPublicKey / RSAPrivateKey (RFC 8017 A.1), SEC1 ECPrivateKey (RFC 5915 §3) or an X.509
 * certificate (RFC 5280 §4.1). The shapes are matched exactly, so a random secret that happens to
 * start with a SEQUENCE tag is not refused.
 */
function isKeyDer(der: Uint8Array): boolean {
  const members = sequenceMembers(der);
  if (members === undefined) return false;
  const tags = members.map((member) => member.tag);
  // SPKI { AlgorithmIdentifier, BIT STRING } and EncryptedPrivateKeyInfo { AlgorithmIdentifier, OCTET STRING }.
  if (same(tags, [TAG_SEQUENCE, TAG_BIT_STRING]) || same(tags, [TAG_SEQUENCE, TAG_OCTET_STRING]))
    return isAlgorithmIdentifier(der, members[0]!);
  // Certificate { TBSCertificate, AlgorithmIdentifier, BIT STRING }.
  if (same(tags, [TAG_SEQUENCE, TAG_SEQUENCE, TAG_BIT_STRING])) return true;
  // PKCS#8 { version 0|1, AlgorithmIdentifier, OCTET STRING, [0] attributes?, [1] publicKey? }.
  if (tags.length >= 3 && tags.length <= 5 && same(tags.slice(0, 3), [TAG_INTEGER, TAG_SEQUENCE, TAG_OCTET_STRING])) {
    return versionIs(der, members[0]!, [0, 1]) && isAlgorithmIdentifier(der, members[1]!);
  }
  // SEC1 { version 1, OCTET STRING privateKey, [0] parameters?, [1] publicKey? }.
  if (tags.length >= 2 && tags.length <= 4 && same(tags.slice(0, 2), [TAG_INTEGER, TAG_OCTET_STRING])) {
    const rest = tags.slice(2);
    return rest.every((tag) => tag === CONTEXT_0 || tag === CONTEXT_1 || tag === IMPLICIT_1) && versionIs(der, members[0]!, [1]);
  }
  // PKCS#1 RSAPublicKey { n, e } and RSAPrivateKey { version, n, e, d, p, q, dp, dq, qi, otherPrimeInfos? }.
  if (same(tags, [TAG_INTEGER, TAG_INTEGER])) return true;
  if (tags.length >= 9 && tags.slice(0, 9).every((tag) => tag === TAG_INTEGER)) return versionIs(der, members[0]!, [0, 1]);
  return false;
}

/**
 * True when `material` is asymmetric key material rather than a shared secret: PEM or JWK text,
 * or bytes that hold PEM text, JWK JSON or a DER key container. The one check every HMAC import
 * goes through (API.md "Raw bytes", decided December 2026).
 */
export function isAsymmetricKeyMaterial(material: string | Uint8Array): boolean {
  if (typeof material === 'string') return isKeyText(material);
  return containsPemMarker(material) || isJwkJson(material) || isKeyDer(material);
}
