/**
 * Password-based key management, PBES2 (RFC 7518 §4.8): the key-wrapping key is PBKDF2
 * (RFC 8018 §5.2) of the password over `UTF8(alg) ‖ 0x00 ‖ p2s` with `p2c` iterations, and the CEK
 * is wrapped with AES Key Wrap. Sync on the wasm PBKDF2, async on WebCrypto's.
 *
 * `p2c` comes from the token, so it is capped (jwcrypto's CVE-2023-6681 was an unbounded count):
 * a token asking for more than `maxPbes2Count` iterations (default {@link PBES2_MAX_COUNT}) is
 * refused before any derivation.
 * @module
 */

import { base64urlFromBytes } from '../../core/base64url.js';
import type { Key } from '../../core/key.js';
import { pbkdf2Sha256, pbkdf2Sha512 } from '../../wasm/pbkdf2.js';
import { checkJweJwkBinding, defineKeyManagement, type JweHeader, type KeyManagementFamily, randomBytes } from './entry.js';
import { aesKeyUnwrap, aesKeyWrap, headerBytes, importOctKey, octSecret } from './oct.js';
import { PBES2_MAX_COUNT, PBES2_MIN_COUNT } from './pbes2-cap.js';

/** Salt input length in bytes written by `encryptJwt` (RFC 7518 §4.8.1.1 requires at least 8). */
const P2S_LENGTH = 16;

/** The salt of RFC 7518 §4.8.1.1: `UTF8(alg) ‖ 0x00 ‖ p2s`. */
function saltOf(alg: string, p2s: Uint8Array): Uint8Array {
  const name = new TextEncoder().encode(alg);
  const salt = new Uint8Array(name.length + 1 + p2s.length);
  salt.set(name);
  salt.set(p2s, name.length + 1);
  return salt;
}

interface Pbes2Params {
  readonly salt: Uint8Array;
  readonly count: number;
}

/** `p2s` (at least 8 bytes) and `p2c` (a whole number from 1 to `max`) of a token header, or null. */
function pbes2Params(header: JweHeader, max: number): Pbes2Params | null {
  const p2s = headerBytes(header, 'p2s');
  const p2c = header.p2c;
  if (p2s === null || p2s.length < 8 || typeof p2c !== 'number' || !Number.isInteger(p2c) || p2c < 1 || p2c > max) return null;
  return { salt: saltOf(header.alg, p2s), count: p2c };
}

function newParams(header: JweHeader, count: number | undefined): Pbes2Params {
  const p2c = count ?? PBES2_MAX_COUNT;
  if (!Number.isInteger(p2c) || p2c < PBES2_MIN_COUNT || p2c > 10_000_000) {
    throw new TypeError(`p2c must be a whole number from ${PBES2_MIN_COUNT} to 10000000`);
  }
  const p2s = randomBytes(P2S_LENGTH);
  header.p2s = base64urlFromBytes(p2s);
  header.p2c = p2c;
  return { salt: saltOf(header.alg, p2s), count: p2c };
}

function pbes2(bits: 256 | 512, kekLength: 16 | 32): KeyManagementFamily {
  const derive = (key: Key, { salt, count }: Pbes2Params) =>
    (bits === 256 ? pbkdf2Sha256 : pbkdf2Sha512)(octSecret(key), salt, count, kekLength);
  const deriveAsync = async (key: Key, { salt, count }: Pbes2Params): Promise<Uint8Array> => {
    try {
      const base = await crypto.subtle.importKey('raw', octSecret(key) as BufferSource, 'PBKDF2', false, ['deriveBits']);
      const params = { name: 'PBKDF2', hash: `SHA-${bits}`, salt: salt as BufferSource, iterations: count };
      return new Uint8Array(await crypto.subtle.deriveBits(params, base, kekLength * 8));
    } catch {
      // Runtimes that cap PBKDF2 iterations (Cloudflare Workers: 100,000) derive in wasm instead.
      return derive(key, { salt, count });
    }
  };
  return {
    kty: ['oct'],
    import(material, alg) {
      if (typeof material === 'object' && !(material instanceof Uint8Array)) checkJweJwkBinding(material, alg.name, ['deriveKey']);
      return importOctKey(material, alg.name, [], true);
    },
    exportJwk: (key) => ({ kty: 'oct', k: base64urlFromBytes(octSecret(key)), alg: key.algorithm }),
    wrap(key, enc, header, options) {
      const cek = randomBytes(enc.keyLength);
      return { cek, encryptedKey: aesKeyWrap(derive(key, newParams(header, options.p2c)), cek) };
    },
    unwrap(key, _enc, header, encryptedKey, options) {
      const params = pbes2Params(header, options.maxPbes2Count);
      return params === null ? null : aesKeyUnwrap(derive(key, params), encryptedKey);
    },
    async wrapAsync(key, enc, header, options) {
      const cek = randomBytes(enc.keyLength);
      return { cek, encryptedKey: aesKeyWrap(await deriveAsync(key, newParams(header, options.p2c)), cek) };
    },
    async unwrapAsync(key, _enc, header, encryptedKey, options) {
      const params = pbes2Params(header, options.maxPbes2Count);
      return params === null ? null : aesKeyUnwrap(await deriveAsync(key, params), encryptedKey);
    },
  };
}

/** PBES2 with HMAC-SHA-256 and A128KW (RFC 7518 §4.8). */
export const PBES2_HS256_A128KW = defineKeyManagement('PBES2-HS256+A128KW', pbes2(256, 16)).name;
/** PBES2 with HMAC-SHA-512 and A256KW (RFC 7518 §4.8). */
export const PBES2_HS512_A256KW = defineKeyManagement('PBES2-HS512+A256KW', pbes2(512, 32)).name;
