/**
 * `ciphertoken/secret`: random HMAC secrets from `crypto.getRandomValues` (every runtime has it).
 * Key-pair generators arrive with their algorithms.
 * @module
 */

import { base64urlFromBytes } from '../core/base64url.js';
import { KeyError } from '../core/errors.js';
import { generateEd25519PemPair } from '../families/eddsa/keys.js';
import { algorithmEntry } from '../families/entry.js';
import { generateRsaPemPair } from '../families/rsa/webcrypto.js';
import { loader } from '../wasm/loader.js';

/**
 * `n` random bytes as unpadded base64url text.
 *
 * @example
 * ```ts
 * import { secretKeyWithSize } from 'ciphertoken/secret';
 *
 * const hs512Secret = secretKeyWithSize(64); // 86 characters
 * ```
 */
export function secretKeyWithSize(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 65_536) throw new RangeError('secret size must be an integer from 1 to 65536 bytes');
  return base64urlFromBytes(crypto.getRandomValues(new Uint8Array(n)));
}

/**
 * 32 random bytes (256 bits) as base64url text: 43 characters, enough for HS256.
 *
 * @example
 * ```ts
 * import { secretKey } from 'ciphertoken/secret';
 *
 * const secret = secretKey(); // store it with your other secrets
 * ```
 */
export function secretKey(): string {
  return secretKeyWithSize(32);
}

/**
 * Async twin of `secretKeyWithSize` (64 bytes by default: enough for HS512).
 *
 * @example
 * ```ts
 * import { generateHmacSecretAsync } from 'ciphertoken/secret';
 *
 * const secret = await generateHmacSecretAsync(64);
 * ```
 */
export async function generateHmacSecretAsync(n = 64): Promise<string> {
  return secretKeyWithSize(n);
}

/**
 * A new Ed25519 key pair as `[privatePem, publicPem]` (PKCS#8 / SPKI, RFC 8410), the public key
 * derived in wasm from 32 random bytes (RFC 8032 §5.1.5). Synchronous: needs the wasm module loaded.
 *
 * @example
 * ```ts
 * import { generateEd25519Keypair } from 'ciphertoken/secret';
 *
 * const [privatePem, publicPem] = generateEd25519Keypair();
 * ```
 */
export function generateEd25519Keypair(): [string, string] {
  return generateEd25519PemPair();
}

/**
 * Async twin of `generateEd25519Keypair`: loads the wasm module first.
 *
 * @example
 * ```ts
 * import { generateEd25519KeypairAsync } from 'ciphertoken/secret';
 *
 * const [privatePem, publicPem] = await generateEd25519KeypairAsync();
 * ```
 */
export async function generateEd25519KeypairAsync(): Promise<[string, string]> {
  await loader.init();
  return generateEd25519PemPair();
}

/**
 * A new ES256 (P-256), ES384 (P-384) or ES512 (P-521) key pair as `[privatePem, publicPem]`:
 * PKCS#8 `PRIVATE KEY` (with its public key) and SPKI `PUBLIC KEY`. The scalar comes from
 * `crypto.getRandomValues`, uniform in [1, n−1]; the public key is derived in constant time by the
 * wasm core. The name resolves like `CipherToken`'s `algorithm`: every curve under Node, Bun and
 * Deno; in a bundle, the curves whose constants (`ES256`, …) the app imports, so it carries only
 * their wasm modules.
 *
 * @example
 * ```ts
 * import { generateEcKeypair } from 'ciphertoken/secret';
 *
 * const [privatePem, publicPem] = generateEcKeypair('ES256');
 * ```
 */
export function generateEcKeypair(alg: 'ES256' | 'ES384' | 'ES512'): [string, string] {
  // Through the algorithm's registry entry, as CipherToken and importKey resolve names: a bundle
  // carries only the curve modules whose constants it imports.
  const entry = algorithmEntry(alg);
  if (entry.family.kty !== 'EC' || entry.family.keyPair === undefined) throw new KeyError(`${entry.name} is not an EC algorithm`);
  // EC generation runs in wasm, synchronously: only RSA's (WebCrypto) returns a promise.
  return entry.family.keyPair.generate(entry.name, 0) as [string, string];
}

/**
 * Async twin of `generateEcKeypair` (waits for the wasm module where it loads asynchronously).
 *
 * @example
 * ```ts
 * import { generateEcKeypairAsync } from 'ciphertoken/secret';
 *
 * const [privatePem, publicPem] = await generateEcKeypairAsync('ES384');
 * ```
 */
export async function generateEcKeypairAsync(alg: 'ES256' | 'ES384' | 'ES512'): Promise<[string, string]> {
  await loader.init();
  return generateEcKeypair(alg);
}

/** Options of `generateRsaKeypair`. */
export interface RsaKeypairOptions {
  /** Modulus size: 2048 (default), 3072 or 4096 bits; RFC 7518 §3.3 requires at least 2048. */
  bits?: number;
}

/**
 * A new RSA key pair from WebCrypto, as `[privatePem, publicPem]` (PKCS#8, SPKI), usable with
 * RS256/384/512 and PS256/384/512. The public exponent is 65537.
 *
 * @example
 * ```ts
 * import { generateRsaKeypair } from 'ciphertoken/secret';
 *
 * const [privatePem, publicPem] = await generateRsaKeypair({ bits: 3072 });
 * ```
 */
export async function generateRsaKeypair(options: RsaKeypairOptions = {}): Promise<[string, string]> {
  return generateRsaPemPair(options.bits ?? 2048);
}
