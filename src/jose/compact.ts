/**
 * JWS Compact Serialization (RFC 7515 §7.1): signing with a prepared protected header, and
 * verification in the order that reveals nothing to a forger — size, structure, header and the
 * algorithm allow-list before any key is used, the signature before any claim is read.
 * @module
 */

import { InvalidTokenError, TokenTooLargeError } from '../core/errors.js';
import { entryOf, type Family } from '../families/entry.js';
import type { Key } from '../core/key.js';
import { base64urlFromBytes, bytesFromBase64url } from '../core/base64url.js';
import { parseJsonObject } from '../core/json.js';

export const DEFAULT_MAX_TOKEN_SIZE = 16 * 1024;

/** A JWS protected header (RFC 7515 §4): `alg` always, `typ` and `kid` when present, and any other member. */
export type ProtectedHeader = Record<string, unknown> & { alg: string; typ?: string; kid?: string };

/** A key prepared for signing or verifying: its family (the JWS operations) and its own protected header. */
export interface PreparedKey {
  readonly key: Key;
  readonly family: Family;
  readonly kid: string | undefined;
  readonly header: ProtectedHeader;
  /** base64url of the header JSON, and its ASCII bytes (what the signer copies into wasm). */
  readonly headerB64: string;
  readonly headerBytes: Uint8Array;
}

export interface HeaderOptions {
  readonly kid?: string | undefined;
  /** `typ` header parameter (RFC 7519 §5.1); default `JWT`. */
  readonly typ?: string | undefined;
  /** Further protected header parameters; `alg` always comes from the key. */
  readonly header?: Record<string, unknown> | undefined;
}

/** Prepares `key` once: the protected header `{alg, typ, kid?, …}` and its encoding (RFC 7515 §4.1). */
export function prepareKey(key: Key, { kid, typ = 'JWT', header: extra }: HeaderOptions = {}): PreparedKey {
  const family = entryOf(key).family;
  if (extra !== undefined && 'crit' in extra) throw new TypeError('the crit header parameter is not supported');
  const header: ProtectedHeader = { ...extra, alg: key.algorithm, typ };
  if (kid !== undefined) header.kid = kid;
  const headerB64 = base64urlFromBytes(new TextEncoder().encode(JSON.stringify(header)));
  const headerBytes = new TextEncoder().encode(headerB64);
  return { key, family, kid, header, headerB64, headerBytes };
}

/** Characters of unpadded base64url for `bytes` bytes (RFC 7515 §2, RFC 4648 §5 without '='). */
const base64urlLength = (bytes: number): number => Math.ceil((4 * bytes) / 3);

/**
 * UTF-8 length of `text` as TextEncoder writes it (lone surrogates become U+FFFD, 3 bytes),
 * counted without encoding it: the size check must not allocate what it is about to refuse.
 */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Refuses a token longer than `maxTokenSize` before it is built: its exact length is
 * `header.payload.signature` in base64url (RFC 7515 §7.1), computed from the JSON text, so no
 * oversized payload is ever encoded or copied into wasm memory (whose growth is never given back).
 */
function checkIssueSize(prepared: PreparedKey, payloadJson: string, maxTokenSize: number): void {
  const fixed = prepared.headerB64.length + 2 + base64urlLength(prepared.family.signatureLength(prepared.key));
  // Each UTF-16 unit is 1 to 3 UTF-8 bytes: decide from the bounds when they agree, else count.
  if (fixed + base64urlLength(payloadJson.length) > maxTokenSize) throw tooLarge();
  if (fixed + base64urlLength(3 * payloadJson.length) <= maxTokenSize) return;
  if (fixed + base64urlLength(utf8Length(payloadJson)) > maxTokenSize) throw tooLarge();
}

const tooLarge = (): TokenTooLargeError => new TokenTooLargeError('the token would exceed maxTokenSize');

/** Signs `claims` as a compact JWS with a prepared key; TokenTooLargeError beyond `maxTokenSize`. */
export function signCompact(prepared: PreparedKey, claims: object, maxTokenSize = DEFAULT_MAX_TOKEN_SIZE): string {
  return signCompactJson(prepared, JSON.stringify(claims), maxTokenSize);
}

/** `signCompact` for claims already serialized (`payloadJson`, the JSON text of a claims object). */
export function signCompactJson(prepared: PreparedKey, payloadJson: string, maxTokenSize = DEFAULT_MAX_TOKEN_SIZE): string {
  checkIssueSize(prepared, payloadJson, maxTokenSize);
  return prepared.family.sign(prepared.key, prepared.headerBytes, payloadJson);
}

/** Async twin of `signCompact`: the algorithm's async operation (WebCrypto for RSA) when it has one. */
export async function signCompactAsync(prepared: PreparedKey, claims: object, maxTokenSize = DEFAULT_MAX_TOKEN_SIZE): Promise<string> {
  return signCompactJsonAsync(prepared, JSON.stringify(claims), maxTokenSize);
}

/** Async twin of `signCompactJson`: the algorithm's async operation (WebCrypto for RSA) when it has one. */
export async function signCompactJsonAsync(
  prepared: PreparedKey,
  payloadJson: string,
  maxTokenSize = DEFAULT_MAX_TOKEN_SIZE,
): Promise<string> {
  const { family } = prepared;
  checkIssueSize(prepared, payloadJson, maxTokenSize);
  return family.signAsync
    ? family.signAsync(prepared.key, prepared.headerBytes, payloadJson)
    : family.sign(prepared.key, prepared.headerBytes, payloadJson);
}

export interface VerifyCompactOptions {
  /** Algorithms accepted in the header (allow-list). */
  readonly algorithms: ReadonlySet<string>;
  readonly maxTokenSize?: number | undefined;
  /** Required `typ` header value (RFC 7519 §5.1, compared case-insensitively, `application/` optional). */
  readonly typ?: string | undefined;
}

export interface VerifiedCompact {
  readonly header: ProtectedHeader;
  /** The payload as UTF-8 text: JSON claims for a JWT, anything for a bare JWS (RFC 7520 §4.4). */
  readonly payloadText: string;
  readonly key: PreparedKey;
}

export interface DecodedCompact {
  readonly header: ProtectedHeader;
  readonly payload: Record<string, unknown>;
}

/** Keys to try for a header: a fixed list, or a resolver (a JWKS) that selects by kid/alg/kty. */
export type KeySource = readonly PreparedKey[] | ((header: ProtectedHeader) => readonly PreparedKey[]);
export type AsyncKeySource =
  | readonly PreparedKey[]
  | ((header: ProtectedHeader) => readonly PreparedKey[] | Promise<readonly PreparedKey[]>);

function invalid(message: string): InvalidTokenError {
  return new InvalidTokenError(message);
}

interface ParsedCompact {
  readonly token: string;
  readonly dot1: number;
  readonly dot2: number;
  readonly header: ProtectedHeader;
}

/** Size limit and the three-segment structure (RFC 7515 §7.1). */
function split(token: unknown, maxTokenSize: number): { dot1: number; dot2: number } {
  if (typeof token !== 'string') throw invalid('token must be a string');
  if (token.length > maxTokenSize) throw invalid('token exceeds the size limit');
  const dot1 = token.indexOf('.');
  const dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
  if (dot1 <= 0 || dot2 < 0 || token.indexOf('.', dot2 + 1) !== -1) throw invalid('token is not a JWS compact serialization');
  return { dot1, dot2 };
}

function decodeSegmentObject(segment: string, what: string): Record<string, unknown> {
  // Decoded in JS, not by the hash module: the header is a few dozen characters, and a token of a
  // family with its own fused verify (EdDSA, ECDSA) then needs no hash module at all.
  const bytes = bytesFromBase64url(segment);
  if (bytes === null) throw invalid(`${what} is not base64url`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid(`${what} is not UTF-8`);
  }
  const value = parseJsonObject(text);
  if (value === undefined) throw invalid(`${what} is not a JSON object`);
  return value;
}

/** Header checks of RFC 7515 §4.1: `alg` a string, `crit` refused (no extension is understood). */
function checkHeader(header: Record<string, unknown>): ProtectedHeader {
  if (typeof header.alg !== 'string') throw invalid('header has no algorithm');
  if ('crit' in header) throw invalid('header has unsupported critical parameters');
  if (header.kid !== undefined && typeof header.kid !== 'string') throw invalid('header kid is not a string');
  return header as ProtectedHeader;
}

const normalizeTyp = (typ: string): string => typ.toLowerCase().replace(/^application\//, '');

/** Whether a header's `typ` is `expected` (RFC 7519 §5.1: compared case-insensitively, `application/` optional). */
export const typMatches = (typ: unknown, expected: string): boolean =>
  typeof typ === 'string' && normalizeTyp(typ) === normalizeTyp(expected);

/**
 * Everything before any key is used: size, structure, header (RFC 7515 §4.1), the algorithm
 * allow-list and the `typ` requirement. `known` lets headers byte-identical to our own skip decoding.
 */
function parseCompact(token: string, options: VerifyCompactOptions, known: KeySource | AsyncKeySource): ParsedCompact {
  const { dot1, dot2 } = split(token, options.maxTokenSize ?? DEFAULT_MAX_TOKEN_SIZE);
  let header: ProtectedHeader | undefined;
  // Compared in place (startsWith at the first dot), not on a slice of the token: same answer, no
  // substring per verify (measured).
  if (typeof known !== 'function') {
    for (const k of known) if (k.headerB64.length === dot1 && token.startsWith(k.headerB64)) header = k.header;
  }
  header ??= checkHeader(decodeSegmentObject(token.slice(0, dot1), 'header'));
  if (!options.algorithms.has(header.alg)) throw invalid('algorithm not allowed');
  if (options.typ !== undefined && !typMatches(header.typ, options.typ)) {
    throw invalid('unexpected typ header');
  }
  return { token, dot1, dot2, header };
}

/** The JWT claims set of a verified token's payload (RFC 7519 §7.2 step 10). */
export function parseClaimsSet(payloadText: string): Record<string, unknown> {
  const claims = parseJsonObject(payloadText);
  if (claims === undefined) throw invalid('payload is not a JSON object');
  return claims;
}

/** Decodes a JWT's header and claims without verifying anything (debugging, `inspect`). */
export function decodeCompact(token: string, maxTokenSize = DEFAULT_MAX_TOKEN_SIZE): DecodedCompact {
  const { dot1, dot2 } = split(token, maxTokenSize);
  return {
    header: decodeSegmentObject(token.slice(0, dot1), 'header') as ProtectedHeader,
    payload: decodeSegmentObject(token.slice(dot1 + 1, dot2), 'payload'),
  };
}

/**
 * The keys to try for `header`: those of its algorithm. When the header has a `kid` and the
 * verifier's keys have ids, only the keys with that id (RFC 7515 §4.1.4): a `kid` that names none
 * of them is refused, as jose does, instead of being tried against every key (which would make
 * the id meaningless and multiply the keys a forger can target). Keys without any ids are all
 * tried whatever the `kid` (key rotation without key ids).
 */
function selectKeys(keys: readonly PreparedKey[], header: ProtectedHeader): readonly PreparedKey[] {
  const byKid = header.kid !== undefined && keys.some((k) => k.kid !== undefined);
  if (keys.length === 1 && !byKid) return keys[0]!.key.algorithm === header.alg ? keys : [];
  return keys.filter((k) => k.key.algorithm === header.alg && (!byKid || k.kid === header.kid));
}

/** A correctly signed payload that is not UTF-8 is an invalid token (the decoder throws TypeError). */
function notUtf8(error: unknown): never {
  if (error instanceof TypeError) throw invalid('payload is not UTF-8');
  throw error;
}

/** Tries candidates in order; the first whose signature verifies gives the payload. */
function firstVerified(parsed: ParsedCompact, candidates: readonly PreparedKey[]): VerifiedCompact {
  if (candidates.length === 0) throw invalid('no key for the token algorithm');
  for (const candidate of candidates) {
    let payloadText: string | null;
    try {
      payloadText = candidate.family.verify(candidate.key, parsed.token, parsed.dot1, parsed.dot2);
    } catch (error) {
      notUtf8(error);
    }
    if (payloadText !== null) return { header: parsed.header, payloadText, key: candidate };
  }
  throw invalid('signature verification failed');
}

/** `firstVerified` with each algorithm's async operation where it has one (WebCrypto RSA). */
async function firstVerifiedAsync(parsed: ParsedCompact, candidates: readonly PreparedKey[]): Promise<VerifiedCompact> {
  if (candidates.length === 0) throw invalid('no key for the token algorithm');
  for (const candidate of candidates) {
    const { family, key } = candidate;
    let payloadText: string | null;
    try {
      payloadText = await (family.verifyAsync ?? family.verify)(key, parsed.token, parsed.dot1, parsed.dot2);
    } catch (error) {
      notUtf8(error);
    }
    if (payloadText !== null) return { header: parsed.header, payloadText, key: candidate };
  }
  throw invalid('signature verification failed');
}

/**
 * Verifies a compact JWS: the header's `alg` must be in the allow-list and match the key; a header
 * `kid` selects among keys with ids (and is refused when it names none); keys without ids are all
 * tried (key rotation). Throws InvalidTokenError with a fixed message on any failure.
 */
export function verifyCompact(token: string, keys: KeySource, options: VerifyCompactOptions): VerifiedCompact {
  const parsed = parseCompact(token, options, keys);
  const available = typeof keys === 'function' ? keys(parsed.header) : keys;
  return firstVerified(parsed, selectKeys(available, parsed.header));
}

/** `verifyCompact` with keys that may resolve asynchronously (a remote JWKS). */
export async function verifyCompactAsync(token: string, keys: AsyncKeySource, options: VerifyCompactOptions): Promise<VerifiedCompact> {
  const parsed = parseCompact(token, options, keys);
  const available = typeof keys === 'function' ? await keys(parsed.header) : keys;
  return firstVerifiedAsync(parsed, selectKeys(available, parsed.header));
}
