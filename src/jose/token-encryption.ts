/**
 * How `CipherToken`'s `encryption` option reaches the JWE code without importing it: the
 * `ciphertoken/jwe` entry provides the implementation when it loads, so an app that never imports
 * `ciphertoken/jwe` bundles no JWE family (DESIGN.md "nothing that does not use a family pays").
 * @module
 */

import { KeyError } from '../core/errors.js';
import type { Key, KeyManagementAlgorithm } from '../core/key.js';
import type { ContentEncryptionAlgorithm } from '../families/jwe/content.js';

/** Key material `encryptJwt` takes: a `Key` from `importJweKey`, or material imported for the call. */
export type JweKeyInput = Key | Uint8Array | string | JsonWebKey;

/** CipherToken's `encryption` option: its tokens become nested JWTs (RFC 7519 §5.2) under this key. */
export interface TokenEncryptionOptions {
  /** A shared key or password, or a private key (which decrypts, and encrypts to its public half). */
  readonly key: JweKeyInput;
  /** Key management algorithm (RFC 7518 §4.1), e.g. `A256KW` from `ciphertoken/jwe`. */
  readonly alg: KeyManagementAlgorithm;
  /** Content encryption algorithm (RFC 7518 §5.1), e.g. `A256GCM`. */
  readonly enc: ContentEncryptionAlgorithm;
}

/** Sealing of a signed token into a JWE, and opening of one (one key, one alg, one enc). */
export interface TokenEncryption {
  seal(jws: string, maxTokenSize: number): string;
  sealAsync(jws: string, maxTokenSize: number): Promise<string>;
  /** The inner JWS of a token sealed under this key; InvalidTokenError otherwise. */
  open(jwe: string, maxTokenSize: number): string;
  openAsync(jwe: string, maxTokenSize: number): Promise<string>;
}

let factory: ((options: TokenEncryptionOptions) => TokenEncryption) | undefined;

/** Called once by the `ciphertoken/jwe` entry. */
export function provideTokenEncryption(make: (options: TokenEncryptionOptions) => TokenEncryption): void {
  factory = make;
}

/** The sealer for CipherToken's `encryption` option; KeyError when `ciphertoken/jwe` is not loaded. */
export function tokenEncryptionFor(options: TokenEncryptionOptions): TokenEncryption {
  if (factory === undefined)
    throw new KeyError("the encryption option needs ciphertoken/jwe: import it, e.g. import { A256KW } from 'ciphertoken/jwe'");
  return factory(options);
}
