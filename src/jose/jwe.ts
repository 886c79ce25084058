/**
 * JWE Compact Serialization (RFC 7516 §7.1) and encrypted JWTs (RFC 7519 §5, nested JWTs §5.2):
 * encryption with a key-management family and a content encryption, and decryption in the order
 * that reveals nothing — size, structure, header, refusals and both allow-lists before any key is
 * used, then one fixed error for any failure of the key step or the content step (RFC 7516 §11.5:
 * a key that fails to unwrap is replaced by a random CEK, so both fail the same way, at the tag).
 * Sync and async share every step but the crypto calls.
 * @module
 */

import { base64urlFromBytes } from '../core/base64url.js';
import { CipherTokenError, InvalidTokenError, KeyError, NotSupportedError, TokenTooLargeError } from '../core/errors.js';
import { isJwk, type Jwk } from '../core/jwk.js';
import { Key, type KeyManagementAlgorithm } from '../core/key.js';
import { instantOption, numberOption, TOKEN_SIZE } from '../core/options.js';
import { parseJsonObject } from '../core/json.js';
import { now } from '../core/time.js';
import type { ImportOptions } from '../families/entry.js';
import { type ContentEncryption, type ContentEncryptionAlgorithm, contentEncryptionOf, type Sealed } from '../families/jwe/content.js';
import {
  findKeyManagement,
  type JweHeader,
  type KeyManagementEntry,
  keyManagementEntry,
  keyManagementOf,
  randomBytes,
  type UnwrapOptions,
  type WrappedKey,
} from '../families/jwe/entry.js';
import { pbes2CapOption } from '../families/jwe/pbes2-cap.js';
import { bindKeyId } from '../core/key.js';
import { base64urlDecode, base64urlEncode } from '../wasm/base64url.js';
import { loader, reportTrap } from '../wasm/loader.js';
import { DEFAULT_MAX_TOKEN_SIZE, typMatches } from './compact.js';
import type { Jwks } from './key-set.js';
import { checkRegisteredClaims, type RegisteredClaimOptions } from './jwt-claims.js';
import type { JweKeyInput, TokenEncryption, TokenEncryptionOptions } from './token-encryption.js';
import { signJwt, signJwtAsync, type SignJwtOptions, verifyJwt, verifyJwtAsync, type VerifiedJwt, type VerifyJwtOptions } from './jws.js';

export type { ContentEncryptionAlgorithm, KeyManagementAlgorithm };

export type { JweKeyInput };

/** Options of `encrypt` and `encryptJwt`. */
export interface EncryptOptions {
  /** Key management algorithm (RFC 7518 §4.1); the key must be bound to it when it is a `Key`. */
  alg: KeyManagementAlgorithm;
  /** Content encryption algorithm (RFC 7518 §5.1). */
  enc: ContentEncryptionAlgorithm;
  /** Key id for the header. */
  kid?: string;
  /** Further protected header parameters (`alg`/`enc` come from the options; `zip` and `crit` are refused). */
  header?: Record<string, unknown>;
  /** PBES2 iteration count (default and least: see `PBES2_MAX_COUNT`, `PBES2_MIN_COUNT`). */
  p2c?: number;
}

/** Options of `encryptJwt` and `encryptJwtAsync`. */
export interface EncryptJwtOptions extends EncryptOptions {
  /** `typ` header; default `JWT`. */
  typ?: string;
  /**
   * Sign first, then encrypt (a nested JWT, RFC 7519 §5.2): the JWS of the claims under `key` is
   * the plaintext, and the JWE header says `cty: "JWT"`.
   */
  sign?: { key: Key } & SignJwtOptions;
  /** Longest token issued (characters); default 16 KiB, as `decryptJwt` accepts by default. */
  maxTokenSize?: number;
}

/** Options of `decrypt`: the two allow-lists are required. */
export interface DecryptOptions {
  /** Required allow-list of `alg` values (key management). */
  keyManagementAlgorithms: readonly string[];
  /** Required allow-list of `enc` values (content encryption). */
  contentEncryptionAlgorithms: readonly string[];
  /** Tokens longer than this are refused before any work; default 16 KiB. */
  maxTokenSize?: number;
  /** Largest PBES2 `p2c` accepted (default `PBES2_MAX_COUNT`, 10,000): a token asking for more is refused. */
  maxPbes2Count?: number;
}

/** Options of `decryptJwt`: the allow-lists, and the claim checks of `verifyJwt`. */
export interface DecryptJwtOptions extends DecryptOptions, Omit<VerifyJwtOptions, 'algorithms' | 'cache' | 'maxTokenSize'> {
  /**
   * For nested JWTs (`cty: "JWT"`): the keys and JWS allow-list the inner signature must verify
   * under. Without it, a nested JWT is refused, never returned unverified.
   */
  verify?: { keys: Key | readonly Key[] | Jwks; algorithms: readonly string[] };
}

/** What `decrypt` returns. */
export interface DecryptedJwe {
  plaintext: Uint8Array;
  protectedHeader: JweHeader;
}

/** What `decryptJwt` returns: the claims, the JWE header and, for a nested JWT, the JWS header. */
export interface DecryptedJwt {
  payload: Record<string, unknown>;
  protectedHeader: JweHeader;
  signedHeader?: VerifiedJwt['protectedHeader'];
}

// --- keys -------------------------------------------------------------------------------------------

/**
 * Imports key material for a key-management algorithm: raw bytes or an `oct` JWK (`dir`, `A*KW`,
 * `A*GCMKW`), a password (PBES2), PEM or an `RSA` JWK (RSA-OAEP), or an `EC`/`OKP` JWK, PEM or raw
 * public point (ECDH-ES on P-256, P-384, X25519). KeyError when it does not fit; `RSA1_5` is
 * refused with NotSupportedError.
 */
export function importJweKey(material: JweKeyInput, alg: KeyManagementAlgorithm, options: ImportOptions = {}): Key {
  const entry = entryFor(alg);
  if (material instanceof Key) {
    if (material.algorithm !== entry.name) throw new KeyError(`the key is bound to ${material.algorithm}, not ${entry.name}`);
    return material;
  }
  if (tooLarge(material)) throw new KeyError('key material exceeds the size limit');
  const own = isJwk(material) ? material.kid : undefined;
  if (own !== undefined && typeof own !== 'string') throw new KeyError('the JWK kid is not a string');
  const key = entry.family.import(material as string | Uint8Array | Jwk, entry, options);
  const kid = options.kid ?? own;
  if (kid !== undefined) bindKeyId(key, kid);
  return key;
}

/** The JWK of a JWE key; private members only with `includePrivate`. */
export function exportJweKey(key: Key, { includePrivate = false }: { includePrivate?: boolean } = {}): Jwk {
  return keyManagementOf(key).family.exportJwk(key, includePrivate);
}

/** The bounds of families/import.ts: material is refused before any parsing when it is larger. */
function tooLarge(material: unknown): boolean {
  if (typeof material === 'string' || material instanceof Uint8Array) return material.length > 64 * 1024;
  return isJwk(material) && Object.values(material).some((value) => typeof value === 'string' && value.length > 16 * 1024);
}

/** RFC 7516 §11.5 and jose 6: RSA1_5's padding oracle is why it is refused, never implemented. */
function entryFor(alg: unknown): KeyManagementEntry {
  if (alg === 'RSA1_5') throw new NotSupportedError('RSA1_5 is refused: its PKCS #1 v1.5 padding is an oracle (RFC 7516 §11.5)');
  return keyManagementEntry(alg);
}

function contentFor(enc: unknown): ContentEncryption {
  const content = contentEncryptionOf(enc);
  if (content === undefined) throw new NotSupportedError(`unsupported content encryption ${String(enc).slice(0, 24)}`);
  return content;
}

// --- encryption -------------------------------------------------------------------------------------

/**
 * Content of this many bytes or more goes to WebCrypto on the async path; shorter content (every
 * usual token) is faster on the sync code even behind an await (measured on Node, decryption,
 * sync / WebCrypto µs: A256GCM 1 KiB 21 / 25, 4 KiB 50 / 28; A128CBC-HS256 1 KiB 15 / 62, 4 KiB
 * 49 / 51, 16 KiB 184 / 63).
 */
const WEBCRYPTO_CONTENT_FROM = 2048;

const utf8 = new TextEncoder();

interface Encryption {
  readonly key: Key;
  readonly entry: KeyManagementEntry;
  readonly enc: ContentEncryption;
  readonly header: JweHeader;
}

function prepareEncryption(key: JweKeyInput, options: EncryptOptions, defaults: Record<string, unknown> = {}): Encryption {
  if (options === null || typeof options !== 'object') throw new TypeError('encrypt needs { alg, enc }');
  const entry = entryFor(options.alg);
  const enc = contentFor(options.enc);
  const extra = options.header;
  // RFC 7516 §4.1.3: compression before encryption leaks plaintext through the length and
  // invites decompression bombs (jose CVE-2024-28176): refused. crit names no extension we implement.
  if (extra !== undefined && ('zip' in extra || 'crit' in extra))
    throw new NotSupportedError('the zip and crit header parameters are not supported');
  const header: JweHeader = { ...defaults, ...extra, alg: entry.name, enc: enc.name };
  if (options.kid !== undefined) header.kid = options.kid;
  return { key: importJweKey(key, entry.name), entry, enc, header };
}

/** RFC 7516 §5.1 steps 9–13 after the key step: the encoded protected header (the AAD) and a fresh IV. */
function frame(e: Encryption): { protectedB64: string; aad: Uint8Array; iv: Uint8Array } {
  const protectedB64 = base64urlFromBytes(utf8.encode(JSON.stringify(e.header)));
  return { protectedB64, aad: utf8.encode(protectedB64), iv: randomBytes(e.enc.ivLength) };
}

/** RFC 7516 §7.1: the five base64url parts joined by dots. */
const serialize = (protectedB64: string, wrapped: WrappedKey, iv: Uint8Array, sealed: Sealed): string =>
  [protectedB64, wrapped.encryptedKey, iv, sealed.ciphertext, sealed.tag]
    .map((p) => (typeof p === 'string' ? p : base64urlEncode(p)))
    .join('.');

/** Encrypts `plaintext` as a compact JWE (RFC 7516 §5.1) for `key`. */
export function encryptCompact(
  plaintext: Uint8Array,
  key: JweKeyInput,
  options: EncryptOptions,
  defaults?: Record<string, unknown>,
): string {
  const e = prepareEncryption(key, options, defaults);
  const wrapped = e.entry.family.wrap(e.key, e.enc, e.header, { p2c: options.p2c });
  const { protectedB64, aad, iv } = frame(e);
  return serialize(protectedB64, wrapped, iv, e.enc.encrypt(wrapped.cek, iv, plaintext, aad));
}

/** Async twin of `encryptCompact`: WebCrypto where the algorithm has it. */
export async function encryptCompactAsync(
  plaintext: Uint8Array,
  key: JweKeyInput,
  options: EncryptOptions,
  defaults?: Record<string, unknown>,
): Promise<string> {
  const e = prepareEncryption(key, options, defaults);
  const wrapped = await e.entry.family.wrapAsync(e.key, e.enc, e.header, { p2c: options.p2c });
  const { protectedB64, aad, iv } = frame(e);
  const sealed =
    plaintext.length < WEBCRYPTO_CONTENT_FROM
      ? e.enc.encrypt(wrapped.cek, iv, plaintext, aad)
      : await e.enc.encryptAsync(wrapped.cek, iv, plaintext, aad);
  return serialize(protectedB64, wrapped, iv, sealed);
}

// --- decryption -------------------------------------------------------------------------------------

const invalid = (message: string) => new InvalidTokenError(message);

interface ParsedJwe {
  readonly header: JweHeader;
  readonly aad: Uint8Array;
  readonly encryptedKey: Uint8Array;
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
  readonly entry: KeyManagementEntry;
  readonly enc: ContentEncryption;
}

interface CheckedDecrypt {
  readonly algs: ReadonlySet<string>;
  readonly encs: ReadonlySet<string>;
  readonly maxTokenSize: number;
  readonly unwrap: UnwrapOptions;
}

function checkDecryptOptions(options: DecryptOptions): CheckedDecrypt {
  const list = (value: unknown, name: string): ReadonlySet<string> => {
    if (!Array.isArray(value) || value.length === 0) throw new TypeError(`decrypt requires a ${name} allow-list`);
    return new Set(value.filter((v): v is string => typeof v === 'string'));
  };
  if (options === null || typeof options !== 'object') throw new TypeError('decrypt requires options with allow-lists');
  return {
    algs: list(options.keyManagementAlgorithms, 'keyManagementAlgorithms'),
    encs: list(options.contentEncryptionAlgorithms, 'contentEncryptionAlgorithms'),
    maxTokenSize: numberOption('maxTokenSize', options.maxTokenSize, TOKEN_SIZE, DEFAULT_MAX_TOKEN_SIZE),
    unwrap: { maxPbes2Count: pbes2CapOption(options.maxPbes2Count) },
  };
}

function segment(text: string, what: string): Uint8Array {
  // The strict wasm decoder: a fifth of a small token's decryption went to the JS one (measured).
  const bytes = base64urlDecode(text);
  if (bytes === null) throw invalid(`${what} is not base64url`);
  return bytes;
}

/**
 * RFC 7516 §5.2 steps 1–9 and the allow-lists: everything before a key is used. Refusals (RSA1_5,
 * `zip`, `crit`) are NotSupportedError, whatever the allow-lists say.
 */
function parseJwe(token: unknown, checked: CheckedDecrypt): ParsedJwe {
  if (typeof token !== 'string') throw invalid('token must be a string');
  if (token.length > checked.maxTokenSize) throw invalid('token exceeds the size limit');
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] === '') throw invalid('token is not a JWE compact serialization');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(segment(parts[0]!, 'header'));
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    throw invalid('header is not UTF-8');
  }
  const header = parseJsonObject(text);
  if (header === undefined) throw invalid('header is not a JSON object');
  if (typeof header.alg !== 'string' || typeof header.enc !== 'string') throw invalid('header has no alg or enc');
  if (header.alg === 'RSA1_5') throw new NotSupportedError('RSA1_5 is refused: its PKCS #1 v1.5 padding is an oracle (RFC 7516 §11.5)');
  if ('zip' in header) throw new NotSupportedError('compressed JWE (zip) is refused: decompression bombs (CVE-2024-28176)');
  if ('crit' in header) throw invalid('header has unsupported critical parameters');
  if (header.kid !== undefined && typeof header.kid !== 'string') throw invalid('header kid is not a string');
  if (!checked.algs.has(header.alg) || !checked.encs.has(header.enc)) throw invalid('algorithm not allowed');
  const entry = findKeyManagement(header.alg);
  const enc = contentEncryptionOf(header.enc);
  if (entry === undefined || enc === undefined) throw invalid('algorithm not supported');
  const iv = segment(parts[2]!, 'iv');
  if (iv.length !== enc.ivLength) throw invalid('iv has the wrong length');
  return {
    header: header as JweHeader,
    aad: utf8.encode(parts[0]!), // RFC 7516 §5.2 step 14: ASCII(BASE64URL(UTF8(JWE Protected Header)))
    encryptedKey: segment(parts[1]!, 'encrypted key'),
    iv,
    ciphertext: segment(parts[3]!, 'ciphertext'),
    tag: segment(parts[4]!, 'tag'),
    entry,
    enc,
  };
}

/** The decryption keys for a token: those bound to its `alg`, narrowed by `kid` as JWS does (RFC 7515 §4.1.4). */
function selectKeys(keys: readonly Key[], header: JweHeader): readonly Key[] {
  const byKid = header.kid !== undefined && keys.some((k) => k.kid !== undefined);
  return keys.filter((k) => k.algorithm === header.alg && (!byKid || k.kid === header.kid));
}

/** Keys from a JWK set for a JWE header: matching `kid`, key type and `alg`; keys that fail to import are skipped. */
function keysFromJwks(jwks: readonly Jwk[], header: JweHeader, entry: KeyManagementEntry): Key[] {
  const matching = jwks.filter(
    (jwk) =>
      (header.kid === undefined || jwk.kid === header.kid) &&
      (entry.family.kty as readonly string[]).includes(jwk.kty as string) &&
      (jwk.alg === undefined || jwk.alg === header.alg),
  );
  if (header.kid !== undefined && matching.length > 1) throw new KeyError('several keys of the JWKS have this kid');
  return matching.flatMap((jwk) => {
    try {
      return [importJweKey(jwk, entry.name)];
    } catch {
      return [];
    }
  });
}

/** What the decrypt functions take: one key, several (a header `kid` selects among keys with ids), or a JWK set. */
export type DecryptionKeys = Key | readonly Key[] | Jwks;

function keyList(keys: DecryptionKeys): readonly Key[] | Jwks {
  if (keys instanceof Key) return [keys];
  if (Array.isArray(keys)) {
    if (!keys.every((k) => k instanceof Key)) throw new TypeError('decrypt needs Key objects (see importJweKey) or a JWKS');
    return keys;
  }
  if (typeof (keys as Jwks).jwkList !== 'function') throw new TypeError('decrypt needs Key objects (see importJweKey) or a JWKS');
  return keys as Jwks;
}

async function candidatesOf(keys: readonly Key[] | Jwks, parsed: ParsedJwe): Promise<readonly Key[]> {
  if (Array.isArray(keys)) return selectKeys(keys as readonly Key[], parsed.header);
  return keysFromJwks(await (keys as Jwks).jwkList(), parsed.header, parsed.entry);
}

function candidatesSync(keys: readonly Key[] | Jwks, parsed: ParsedJwe): readonly Key[] {
  if (Array.isArray(keys)) return selectKeys(keys as readonly Key[], parsed.header);
  // Refused before any fetch starts, as verifyJwt does.
  if ((keys as Jwks).fetches) throw new TypeError('a remote JWKS needs the async functions');
  return keysFromJwks((keys as Jwks).jwkList() as readonly Jwk[], parsed.header, parsed.entry);
}

/** RFC 7516 §11.5: a CEK that did not unwrap becomes a random one, so the failure shows at the tag like any other. */
const cekOrRandom = (cek: Uint8Array | null, enc: ContentEncryption): Uint8Array =>
  cek !== null && cek.length === enc.keyLength ? cek : randomBytes(enc.keyLength);

function noKey(): never {
  throw invalid('no key for the token algorithm');
}

/** Decrypts a compact JWE (RFC 7516 §5.2) with the first of `keys` that opens it. */
export function decryptCompact(token: string, keys: DecryptionKeys, options: DecryptOptions): DecryptedJwe {
  const checked = checkDecryptOptions(options);
  const list = keyList(keys);
  const p = parseJwe(token, checked);
  const candidates = candidatesSync(list, p);
  if (candidates.length === 0) noKey();
  for (const key of candidates) {
    let cek: Uint8Array | null;
    try {
      cek = p.entry.family.unwrap(key, p.enc, p.header, p.encryptedKey, checked.unwrap);
    } catch (error) {
      if (error instanceof KeyError) throw error; // a public key given to decrypt: a usage error
      cek = null;
    }
    const plaintext = p.enc.decrypt(cekOrRandom(cek, p.enc), p.iv, p.ciphertext, p.tag, p.aad);
    if (plaintext !== null) return { plaintext, protectedHeader: p.header };
  }
  throw invalid('decryption failed');
}

/** Async twin of `decryptCompact`: WebCrypto where the algorithm has it; accepts a remote JWKS. */
export async function decryptCompactAsync(token: string, keys: DecryptionKeys, options: DecryptOptions): Promise<DecryptedJwe> {
  const checked = checkDecryptOptions(options);
  const list = keyList(keys);
  const p = parseJwe(token, checked);
  const candidates = await candidatesOf(list, p);
  if (candidates.length === 0) noKey();
  for (const key of candidates) {
    let cek: Uint8Array | null;
    try {
      cek = await p.entry.family.unwrapAsync(key, p.enc, p.header, p.encryptedKey, checked.unwrap);
    } catch (error) {
      if (error instanceof KeyError) throw error;
      cek = null;
    }
    const content = cekOrRandom(cek, p.enc);
    const plaintext =
      p.ciphertext.length < WEBCRYPTO_CONTENT_FROM
        ? p.enc.decrypt(content, p.iv, p.ciphertext, p.tag, p.aad)
        : await p.enc.decryptAsync(content, p.iv, p.ciphertext, p.tag, p.aad);
    if (plaintext !== null) return { plaintext, protectedHeader: p.header };
  }
  throw invalid('decryption failed');
}

// --- JWTs ---------------------------------------------------------------------------------------------

function requirePlainObject(claims: unknown): object {
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new TypeError('JWT claims must be a plain object');
  return claims;
}

function checkIssued(token: string, options: EncryptJwtOptions): string {
  const max = numberOption('maxTokenSize', options.maxTokenSize, TOKEN_SIZE, DEFAULT_MAX_TOKEN_SIZE);
  if (token.length > max) throw new TokenTooLargeError('the token would exceed maxTokenSize');
  return token;
}

/** The header defaults of a JWT: `typ` (RFC 7519 §5.1), and `cty: "JWT"` for a nested one (§5.2). */
const jwtHeader = (options: EncryptJwtOptions): Record<string, unknown> =>
  options.sign === undefined ? { typ: options.typ ?? 'JWT' } : { typ: options.typ ?? 'JWT', cty: 'JWT' };

/** The plaintext of an encrypted JWT: the claims' JSON, or the JWS of them for a nested JWT. */
function jwtPlaintext(claims: object, signed: string | undefined): Uint8Array {
  return utf8.encode(signed ?? JSON.stringify(requirePlainObject(claims)));
}

function signOptions(sign: EncryptJwtOptions['sign']): [Key, SignJwtOptions] {
  if (sign === undefined || !(sign.key instanceof Key)) throw new TypeError('sign needs { key } with a signing Key');
  const { key, ...rest } = sign;
  return [key, rest];
}

/** Encrypts `claims` as a JWT (RFC 7519 §5); with `sign`, signs them first (a nested JWT). */
export function encryptJwt(claims: object, key: JweKeyInput, options: EncryptJwtOptions): string {
  try {
    const signed = options?.sign === undefined ? undefined : signJwt(requirePlainObject(claims), ...signOptions(options.sign));
    return checkIssued(encryptCompact(jwtPlaintext(claims, signed), key, options, jwtHeader(options)), options);
  } catch (error) {
    throw reportTrap(error);
  }
}

/** Async twin of `encryptJwt`. */
export async function encryptJwtAsync(claims: object, key: JweKeyInput, options: EncryptJwtOptions): Promise<string> {
  await loader.init();
  const signed = options?.sign === undefined ? undefined : await signJwtAsync(requirePlainObject(claims), ...signOptions(options.sign));
  return checkIssued(await encryptCompactAsync(jwtPlaintext(claims, signed), key, options, jwtHeader(options)), options);
}

const isNested = (header: JweHeader): boolean =>
  typeof header.cty === 'string' && header.cty.toUpperCase().replace(/^APPLICATION\//, '') === 'JWT';

/** The claim checks' options (checkRegisteredClaims validates the numbers): named members only, no copy of the whole options object. */
function claimOptions(options: DecryptJwtOptions): RegisteredClaimOptions {
  const { issuer, audience, subject, clockTolerance, maxTokenAge, requiredClaims, currentDate } = options;
  const instant = currentDate === undefined ? now() : instantOption('currentDate', currentDate);
  return { issuer, audience, subject, clockTolerance, maxTokenAge, requiredClaims, now: instant };
}

function checkTyp(header: JweHeader, typ: string | undefined): void {
  if (typ !== undefined && !typMatches(header.typ, typ)) throw invalid('unexpected typ header');
}

function plaintextText(plaintext: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch {
    throw invalid('payload is not UTF-8');
  }
}

function innerVerifyOptions(options: DecryptJwtOptions): VerifyJwtOptions {
  const { verify, keyManagementAlgorithms: _a, contentEncryptionAlgorithms: _c, maxPbes2Count: _p, typ: _t, ...claims } = options;
  return { ...claims, algorithms: verify!.algorithms, maxTokenSize: options.maxTokenSize };
}

/** The claims of a decrypted, non-nested JWT after the registered-claim checks. */
function plainClaims(decrypted: DecryptedJwe, options: DecryptJwtOptions): DecryptedJwt {
  if (options.verify !== undefined) throw invalid('expected a nested (signed) JWT');
  const payload = parseJsonObject(plaintextText(decrypted.plaintext));
  if (payload === undefined) throw invalid('payload is not a JSON object');
  checkRegisteredClaims(payload, claimOptions(options));
  return { payload, protectedHeader: decrypted.protectedHeader };
}

function typed(error: unknown): never {
  if (error instanceof CipherTokenError || error instanceof TypeError) throw error;
  throw invalid('invalid token');
}

/**
 * Decrypts a JWT and checks its claims. A nested JWT (`cty: "JWT"`) is verified with
 * `options.verify` (its keys and JWS allow-list) and refused without it.
 */
export function decryptJwt(jwe: string, keys: DecryptionKeys, options: DecryptJwtOptions): DecryptedJwt {
  try {
    const decrypted = decryptCompact(jwe, keys, options);
    checkTyp(decrypted.protectedHeader, options.typ);
    if (!isNested(decrypted.protectedHeader)) return plainClaims(decrypted, options);
    if (options.verify === undefined) throw invalid('a nested JWT needs the verify option');
    const inner = verifyJwt(plaintextText(decrypted.plaintext), options.verify.keys, innerVerifyOptions(options));
    return { payload: inner.payload, protectedHeader: decrypted.protectedHeader, signedHeader: inner.protectedHeader };
  } catch (error) {
    return typed(reportTrap(error));
  }
}

/** Async twin of `decryptJwt`; the only one that accepts a remote JWKS. */
export async function decryptJwtAsync(jwe: string, keys: DecryptionKeys, options: DecryptJwtOptions): Promise<DecryptedJwt> {
  await loader.init();
  try {
    const decrypted = await decryptCompactAsync(jwe, keys, options);
    checkTyp(decrypted.protectedHeader, options.typ);
    if (!isNested(decrypted.protectedHeader)) return plainClaims(decrypted, options);
    if (options.verify === undefined) throw invalid('a nested JWT needs the verify option');
    const inner = await verifyJwtAsync(plaintextText(decrypted.plaintext), options.verify.keys, innerVerifyOptions(options));
    return { payload: inner.payload, protectedHeader: decrypted.protectedHeader, signedHeader: inner.protectedHeader };
  } catch (error) {
    return typed(error);
  }
}

// --- CipherToken's encrypted tokens -------------------------------------------------------------------

/** The sealing and opening of CipherToken's nested tokens, with the key imported once. */
export function tokenEncryption(options: TokenEncryptionOptions): TokenEncryption {
  if (options === null || typeof options !== 'object') throw new TypeError('encryption needs { key, alg, enc }');
  const key = importJweKey(options.key, options.alg);
  const enc = contentFor(options.enc);
  const encrypting: EncryptOptions = { alg: key.algorithm as KeyManagementAlgorithm, enc: enc.name };
  const nested = { typ: 'JWT', cty: 'JWT' };
  const decrypting = (maxTokenSize: number): DecryptOptions => ({
    keyManagementAlgorithms: [key.algorithm],
    contentEncryptionAlgorithms: [enc.name],
    maxTokenSize,
  });
  const sized = (token: string, max: number) => {
    if (token.length > max) throw new TokenTooLargeError('the token would exceed maxTokenSize');
    return token;
  };
  const inner = ({ plaintext, protectedHeader }: DecryptedJwe) => {
    if (!isNested(protectedHeader)) throw invalid('expected a nested JWT');
    return plaintextText(plaintext);
  };
  return {
    seal: (jws, max) => sized(encryptCompact(utf8.encode(jws), key, encrypting, nested), max),
    sealAsync: async (jws, max) => sized(await encryptCompactAsync(utf8.encode(jws), key, encrypting, nested), max),
    open: (jwe, max) => inner(decryptCompact(jwe, key, decrypting(max))),
    openAsync: async (jwe, max) => inner(await decryptCompactAsync(jwe, key, decrypting(max))),
  };
}
