/**
 * The opaque key object: bound to exactly one algorithm when it is created (DESIGN.md "Keys"),
 * holding its material out of reach of enumeration, `JSON.stringify` and `util.inspect`.
 * @module
 */

import { KeyError } from './errors.js';

/** The JWS `alg` names of RFC 7518 §3.1 and RFC 8037 §3.1. */
export type Algorithm =
  | 'HS256'
  | 'HS384'
  | 'HS512'
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'EdDSA';

/**
 * The JWE key-management `alg` names of RFC 7518 §4.1 that `ciphertoken/jwe` implements (RSA1_5 is
 * refused, see src/families/jwe/). A key bound to one of them encrypts or decrypts content keys.
 */
export type KeyManagementAlgorithm =
  | 'dir'
  | 'A128KW'
  | 'A256KW'
  | 'A128GCMKW'
  | 'A256GCMKW'
  | 'ECDH-ES'
  | 'ECDH-ES+A128KW'
  | 'ECDH-ES+A256KW'
  | 'RSA-OAEP'
  | 'RSA-OAEP-256'
  | 'PBES2-HS256+A128KW'
  | 'PBES2-HS512+A256KW';

/** What a key holds: an HMAC `'secret'`, or one half of a key pair. */
export type KeyType = 'secret' | 'public' | 'private';

/** Key ids (RFC 7517 §4.5) kept off the object too, so existing key objects keep their shape. */
const keyIds = new WeakMap<Key, string>();
const KEY_CONSTRUCTION = Symbol('Key');

/**
 * An imported key, bound to exactly one algorithm when it is created (so it cannot be used with
 * another), with no public way to read its material: it prints and serializes as its algorithm
 * and type only. Made by `importKey` or `importKeyAsync`.
 *
 * @example
 * ```ts
 * import { HS256, importKey, secretKey } from 'ciphertoken';
 *
 * const key = importKey(secretKey(), HS256);
 * key.algorithm; // 'HS256'
 * key.type; // 'secret'
 * ```
 */
export class Key {
  /** The one algorithm this key signs or verifies with (JWS), or manages content keys with (JWE). */
  readonly algorithm: Algorithm | KeyManagementAlgorithm;
  /** `'secret'` (HMAC), `'public'` or `'private'`. */
  readonly type: KeyType;

  /** @internal use the import functions */
  constructor(token: symbol, algorithm: Algorithm | KeyManagementAlgorithm, type: KeyType) {
    if (token !== KEY_CONSTRUCTION) throw new TypeError('Key objects are created by importKey');
    this.algorithm = algorithm;
    this.type = type;
  }

  /**
   * The key id from the imported JWK's `kid`, or from `importKey(…, { kid })`. Among keys with
   * ids, verification picks by the token's `kid` and refuses one that names none of them.
   */
  get kid(): string | undefined {
    return keyIds.get(this);
  }

  /** The algorithm and type, never the material: what `JSON.stringify` shows. */
  toJSON(): { algorithm: Algorithm | KeyManagementAlgorithm; type: KeyType } {
    return { algorithm: this.algorithm, type: this.type };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Key { algorithm: '${this.algorithm}', type: '${this.type}' }`;
  }
}

/** @internal Binds `kid` to a freshly imported key (importKey only). */
export function bindKeyId(key: Key, kid: string): void {
  if (keyIds.has(key)) throw new KeyError('the key already has a kid');
  keyIds.set(key, kid);
}

/** @internal Creates a key object for a family's import code (families/<name>/keys.ts), which keeps its own material. */
export function createKey(algorithm: Algorithm | KeyManagementAlgorithm, type: KeyType): Key {
  return new Key(KEY_CONSTRUCTION, algorithm, type);
}
