/**
 * JWS Compact Serialization (RFC 7515 §7.1): signing with a prepared protected header, and
 * verification in the order that reveals nothing to a forger — size, structure, header and the
 * algorithm allow-list before any key is used, the signature before any claim is read.
 * @module
 */

import { InvalidTokenError } from '../errors.js';
import type { Key } from '../keys/key.js';
import { base64urlDecode } from '../wasm/base64url.js';
import { base64urlFromBytes } from './base64url.js';
import { requireAlgorithm, type JwsAlgorithm } from './algorithms.js';
import { parseJsonObject } from './json.js';

export const DEFAULT_MAX_TOKEN_SIZE = 16 * 1024;

export type ProtectedHeader = Record<string, unknown> & { alg: string; typ?: string; kid?: string };

/** A key prepared for signing or verifying: its algorithm entry and its own protected header. */
export interface PreparedKey {
  readonly key: Key;
  readonly algorithm: JwsAlgorithm;
  readonly kid: string | undefined;
  readonly header: ProtectedHeader;
  /** base64url of the header JSON, and its ASCII bytes (what the signer copies into wasm). */
  readonly headerB64: string;
  readonly headerBytes: Uint8Array;
}

/** Prepares `key` once: the protected header `{alg, typ, kid?}` and its encoding (RFC 7515 §4.1). */
export function prepareKey(key: Key, kid?: string, typ = 'JWT'): PreparedKey {
  const algorithm = requireAlgorithm(key.algorithm);
  const header: ProtectedHeader = kid === undefined ? { alg: key.algorithm, typ } : { alg: key.algorithm, typ, kid };
  const headerB64 = base64urlFromBytes(new TextEncoder().encode(JSON.stringify(header)));
  const headerBytes = new TextEncoder().encode(headerB64);
  return { key, algorithm, kid, header, headerB64, headerBytes };
}

/** Signs `claims` as a compact JWS with a prepared key. */
export function signCompact(prepared: PreparedKey, claims: object): string {
  return prepared.algorithm.sign(prepared.key, prepared.headerBytes, JSON.stringify(claims));
}

/** Async twin of `signCompact`: the algorithm's async operation (WebCrypto for RSA) when it has one. */
export async function signCompactAsync(prepared: PreparedKey, claims: object): Promise<string> {
  const { algorithm } = prepared;
  const payloadJson = JSON.stringify(claims);
  return algorithm.signAsync ? algorithm.signAsync(prepared.key, prepared.headerBytes, payloadJson) : algorithm.sign(prepared.key, prepared.headerBytes, payloadJson);
}

export interface VerifyCompactOptions {
  /** Algorithms accepted in the header (allow-list). */
  readonly algorithms: ReadonlySet<string>;
  readonly maxTokenSize?: number;
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

function invalid(message: string): InvalidTokenError {
  return new InvalidTokenError(message);
}

interface Segments {
  readonly dot1: number;
  readonly dot2: number;
}

/** Size limit and the three-segment structure (RFC 7515 §7.1). */
function split(token: unknown, maxTokenSize: number): Segments {
  if (typeof token !== 'string') throw invalid('token must be a string');
  if (token.length > maxTokenSize) throw invalid('token exceeds the size limit');
  const dot1 = token.indexOf('.');
  const dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
  if (dot1 <= 0 || dot2 < 0 || token.indexOf('.', dot2 + 1) !== -1) throw invalid('token is not a JWS compact serialization');
  return { dot1, dot2 };
}

function decodeSegmentObject(segment: string, what: string): Record<string, unknown> {
  const bytes = base64urlDecode(segment);
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
 * The keys to try for `header`: those of its algorithm; when its `kid` names some of them, only
 * those (RFC 7515 §4.1.4), otherwise all of them (key rotation without key ids).
 */
function selectKeys(keys: readonly PreparedKey[], header: ProtectedHeader): readonly PreparedKey[] {
  if (keys.length === 1) return keys[0]!.key.algorithm === header.alg ? keys : [];
  const sameAlg = keys.filter((k) => k.key.algorithm === header.alg);
  const byKid = header.kid === undefined ? [] : sameAlg.filter((k) => k.kid === header.kid);
  return byKid.length > 0 ? byKid : sameAlg;
}

interface VerifyPlan {
  readonly dot1: number;
  readonly dot2: number;
  readonly header: ProtectedHeader;
  readonly candidates: readonly PreparedKey[];
}

/** Everything before the first key use: size, structure, header, allow-list, key selection. */
function planVerify(token: string, keys: readonly PreparedKey[], options: VerifyCompactOptions): VerifyPlan {
  const { dot1, dot2 } = split(token, options.maxTokenSize ?? DEFAULT_MAX_TOKEN_SIZE);
  const headerB64 = token.slice(0, dot1);
  // Fast path: a header byte-identical to one we produce needs no decoding.
  let header: ProtectedHeader | undefined;
  for (const k of keys) if (k.headerB64 === headerB64) header = k.header;
  header ??= checkHeader(decodeSegmentObject(headerB64, 'header'));
  if (!options.algorithms.has(header.alg)) throw invalid('algorithm not allowed');

  const candidates = selectKeys(keys, header);
  if (candidates.length === 0) throw invalid('no key for the token algorithm');
  return { dot1, dot2, header, candidates };
}

/** A signature check's outcome: invalid UTF-8 in a correctly signed payload is an invalid token. */
function rethrow(error: unknown): never {
  if (error instanceof TypeError) throw invalid('payload is not UTF-8');
  throw error;
}

/**
 * Verifies a compact JWS against prepared keys: the header's `alg` must be in the allow-list and
 * match the key; a header `kid` that names one of the keys selects it, otherwise every key of that
 * algorithm is tried (key rotation). Throws InvalidTokenError with a fixed message on any failure.
 */
export function verifyCompact(token: string, keys: readonly PreparedKey[], options: VerifyCompactOptions): VerifiedCompact {
  const { dot1, dot2, header, candidates } = planVerify(token, keys, options);
  for (const candidate of candidates) {
    let payloadText: string | null;
    try {
      payloadText = candidate.algorithm.verify(candidate.key, token, dot1, dot2);
    } catch (error) {
      rethrow(error);
    }
    if (payloadText !== null) return { header, payloadText, key: candidate };
  }
  throw invalid('signature verification failed');
}

/** Async twin of `verifyCompact`: same checks, the algorithm's async operation when it has one. */
export async function verifyCompactAsync(token: string, keys: readonly PreparedKey[], options: VerifyCompactOptions): Promise<VerifiedCompact> {
  const { dot1, dot2, header, candidates } = planVerify(token, keys, options);
  for (const candidate of candidates) {
    const { algorithm, key } = candidate;
    let payloadText: string | null;
    try {
      payloadText = algorithm.verifyAsync ? await algorithm.verifyAsync(key, token, dot1, dot2) : algorithm.verify(key, token, dot1, dot2);
    } catch (error) {
      rethrow(error);
    }
    if (payloadText !== null) return { header, payloadText, key: candidate };
  }
  throw invalid('signature verification failed');
}
