/**
 * Fernet tokens, per the Fernet specification (https://github.com/fernet/spec/blob/master/Spec.md):
 *
 *   Version (0x80) ‖ Timestamp (64-bit big-endian Unix seconds) ‖ IV (128 bits)
 *     ‖ Ciphertext (AES-128-CBC, PKCS#7) ‖ HMAC (SHA-256 over everything before it)
 *
 * encoded as base64url *with* `=` padding. The 32-byte key is the 128-bit signing key followed by
 * the 128-bit encryption key. Sync and async share everything but the AES call (noble vs WebCrypto).
 * Verification checks, in this order: encoding and length, version, HMAC (constant-time, wasm),
 * timestamp, then decryption — so an unauthenticated token only ever yields "invalid".
 * @module
 */

import { InvalidTokenError, TokenExpiredError } from '../core/errors.js';
import { aesCbcDecrypt, aesCbcEncrypt } from './aes-cbc.js';
import { aesCbcDecryptAsync, aesCbcEncryptAsync, importAesCbcKey } from '../webcrypto/aes-cbc.js';
import { base64urlDecode, base64urlEncode } from '../wasm/base64url.js';
import { loader } from '../wasm/loader.js';
import { hmac, hmacKeyState, hmacVerify } from '../wasm/sha2.js';

/** Spec "Version": 8 bits, 0x80. */
export const FERNET_VERSION = 0x80;
/** Python `cryptography` and most ports accept token timestamps at most 60 s in the future. */
export const FERNET_MAX_CLOCK_SKEW = 60;
const HEADER = 1 + 8 + 16; // version ‖ timestamp ‖ IV
const MAC_LEN = 32;
/** Smallest token: header, one ciphertext block, HMAC. */
const MIN_BYTES = HEADER + 16 + MAC_LEN;
/** Tokens longer than this (in characters) are refused before any work. */
export const FERNET_MAX_TOKEN_CHARS = 64 * 1024;

const INVALID = 'invalid token';

/** A Fernet key split into its halves, with the HMAC midstates and the WebCrypto key cached. */
export class FernetKey {
  /** HMAC-SHA256 key state of the signing key (first 16 bytes). */
  readonly #signing: Uint8Array;
  /** AES-128 key (last 16 bytes). */
  readonly #encryption: Uint8Array;
  #cryptoKey: Promise<CryptoKey> | undefined;

  /** `key`: the 32 raw bytes (spec "Key Format", before base64url). Requires the wasm module. */
  constructor(key: Uint8Array) {
    if (!(key instanceof Uint8Array) || key.length !== 32) throw new RangeError('a Fernet key is 32 bytes');
    this.#signing = hmacKeyState(256, key.subarray(0, 16));
    this.#encryption = key.slice(16, 32);
  }

  get signingState(): Uint8Array {
    return this.#signing;
  }

  get encryptionKey(): Uint8Array {
    return this.#encryption;
  }

  get cryptoKey(): Promise<CryptoKey> {
    return (this.#cryptoKey ??= importAesCbcKey(this.#encryption));
  }

  toJSON(): string {
    return 'FernetKey';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'FernetKey {}';
  }
}

export interface FernetEncryptOptions {
  /** Unix seconds written as the token timestamp (default: now). */
  now?: number;
  /** 16-byte IV (default: random). Fixed IVs are for the spec's test vectors only. */
  iv?: Uint8Array;
}

export interface FernetDecryptOptions {
  /** Maximum token age in seconds (spec "Verifying" step 3); none by default. */
  ttl?: number;
  /** Unix seconds to verify at (default: now). */
  now?: number;
}

export interface FernetDecrypted {
  plaintext: Uint8Array;
  /** The token's timestamp, Unix seconds. */
  timestamp: number;
  /** Index, in the key list given, of the key that verified the token. */
  keyIndex: number;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * Random IVs come from a pool refilled 256 IVs at a time: one `getRandomValues` call costs about
 * as much as the whole AES encryption of a token (measured, Node 20), and IVs are public.
 */
const IV_POOL = new Uint8Array(16 * 256);
let ivOffset = IV_POOL.length;
function randomIv(): Uint8Array {
  if (ivOffset === IV_POOL.length) {
    crypto.getRandomValues(IV_POOL);
    ivOffset = 0;
  }
  const iv = IV_POOL.slice(ivOffset, ivOffset + 16);
  ivOffset += 16;
  return iv;
}

function header(timestamp: number, iv: Uint8Array, ciphertextLen: number): Uint8Array {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError('the Fernet timestamp must be a non-negative integer');
  if (!(iv instanceof Uint8Array) || iv.length !== 16) throw new RangeError('the Fernet IV is 16 bytes');
  const data = new Uint8Array(HEADER + ciphertextLen + MAC_LEN);
  data[0] = FERNET_VERSION;
  const view = new DataView(data.buffer);
  view.setUint32(1, Math.floor(timestamp / 2 ** 32)); // spec "Timestamp": 64-bit unsigned big-endian
  view.setUint32(5, timestamp >>> 0);
  data.set(iv, 9);
  return data;
}

/** Appends the HMAC (spec "Generating" step 5) and encodes the token (step 6, padded base64url). */
function seal(key: FernetKey, data: Uint8Array, ciphertext: Uint8Array): string {
  data.set(ciphertext, HEADER);
  const signed = data.subarray(0, HEADER + ciphertext.length);
  data.set(hmac(256, key.signingState, signed), signed.length);
  const text = base64urlEncode(data);
  return text + '='.repeat((4 - (text.length % 4)) % 4);
}

/** Encrypts `plaintext` into a Fernet token (spec "Generating"). Synchronous (AES on @noble/ciphers). */
export function fernetEncrypt(key: FernetKey, plaintext: Uint8Array, options: FernetEncryptOptions = {}): string {
  const iv = options.iv ?? randomIv();
  const ciphertext = aesCbcEncrypt(key.encryptionKey, iv, plaintext);
  return seal(key, header(options.now ?? nowSeconds(), iv, ciphertext.length), ciphertext);
}

/** Async twin of `fernetEncrypt` (AES on WebCrypto). */
export async function fernetEncryptAsync(key: FernetKey, plaintext: Uint8Array, options: FernetEncryptOptions = {}): Promise<string> {
  await loader.init();
  const iv = options.iv ?? randomIv();
  const timestamp = options.now ?? nowSeconds();
  const ciphertext = await aesCbcEncryptAsync(await key.cryptoKey, iv, plaintext);
  return seal(key, header(timestamp, iv, ciphertext.length), ciphertext);
}

interface Opened {
  timestamp: number;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  keyIndex: number;
}

/** Strict padded base64url (spec "Token Format"): exactly the `=` the length calls for, canonical bits. */
function decodePadded(token: string): Uint8Array | null {
  if (token.length % 4 !== 0 || token.length === 0) return null;
  let end = token.length;
  while (end > 0 && token.charCodeAt(end - 1) === 0x3d /* = */ && token.length - end < 2) end--;
  const body = token.slice(0, end);
  // Unpadded length mod 4 is 0 (no padding), 2 (two `=`) or 3 (one `=`); 1 is never valid.
  const rem = body.length % 4;
  if ((rem === 0 ? 0 : 4 - rem) !== token.length - end) return null;
  return base64urlDecode(body);
}

/**
 * Decodes, checks the version and length, finds the key whose HMAC matches (constant-time compare
 * in wasm; MultiFernet order), then checks the timestamp. Throws InvalidTokenError or TokenExpiredError.
 */
function open(keys: readonly (() => FernetKey)[], token: unknown, options: FernetDecryptOptions): Opened {
  if (typeof token !== 'string' || token.length > FERNET_MAX_TOKEN_CHARS) throw new InvalidTokenError(INVALID);
  const data = decodePadded(token);
  // Spec "Verifying" steps 1–2: decodable, long enough, whole blocks, version 0x80.
  if (data === null || data.length < MIN_BYTES || (data.length - HEADER - MAC_LEN) % 16 !== 0 || data[0] !== FERNET_VERSION) {
    throw new InvalidTokenError(INVALID);
  }
  const signed = data.subarray(0, data.length - MAC_LEN);
  const tag = data.subarray(data.length - MAC_LEN);
  // Steps 4–5: recompute and compare the HMAC, before anything else is trusted.
  let keyIndex = -1;
  for (let i = 0; i < keys.length && keyIndex < 0; i++) {
    if (hmacVerify(256, keys[i]!().signingState, signed, tag)) keyIndex = i;
  }
  if (keyIndex < 0) throw new InvalidTokenError(INVALID);
  const view = new DataView(data.buffer, data.byteOffset);
  const timestamp = view.getUint32(1) * 2 ** 32 + view.getUint32(5);
  const now = options.now ?? nowSeconds();
  // Step 3 (checked after the MAC so forged timestamps learn nothing): no far-future tokens, and the TTL.
  if (timestamp > now + FERNET_MAX_CLOCK_SKEW) throw new InvalidTokenError(INVALID);
  if (options.ttl !== undefined && timestamp + options.ttl < now) throw new TokenExpiredError('token has expired');
  return { timestamp, iv: data.slice(9, HEADER), ciphertext: data.slice(HEADER, data.length - MAC_LEN), keyIndex };
}

/**
 * Verifies and decrypts a Fernet token under the first of `keys` whose HMAC matches (key rotation:
 * current key first, as Python's `MultiFernet`). Keys are getters so that unused ones are never
 * derived. Synchronous (AES on @noble/ciphers).
 */
export function fernetDecrypt(keys: readonly (() => FernetKey)[], token: unknown, options: FernetDecryptOptions = {}): FernetDecrypted {
  const opened = open(keys, token, options);
  // Steps 6–7: decrypt and unpad.
  const plaintext = aesCbcDecrypt(keys[opened.keyIndex]!().encryptionKey, opened.iv, opened.ciphertext);
  if (plaintext === null) throw new InvalidTokenError(INVALID);
  return { plaintext, timestamp: opened.timestamp, keyIndex: opened.keyIndex };
}

/** Async twin of `fernetDecrypt` (AES on WebCrypto). */
export async function fernetDecryptAsync(
  keys: readonly (() => FernetKey)[],
  token: unknown,
  options: FernetDecryptOptions = {},
): Promise<FernetDecrypted> {
  await loader.init();
  const opened = open(keys, token, options);
  const plaintext = await aesCbcDecryptAsync(await keys[opened.keyIndex]!().cryptoKey, opened.iv, opened.ciphertext);
  if (plaintext === null) throw new InvalidTokenError(INVALID);
  return { plaintext, timestamp: opened.timestamp, keyIndex: opened.keyIndex };
}
