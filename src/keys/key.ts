/**
 * The opaque key object: bound to exactly one algorithm when it is created (DESIGN.md "Keys"),
 * holding its material out of reach of enumeration, `JSON.stringify` and `util.inspect`.
 * @module
 */

import type { Algorithm } from '../algorithms.js';
import { KeyError } from '../errors.js';
import { hmacKeyState, type ShaBits } from '../wasm/sha2.js';
import { isAsymmetricKeyMaterial } from './material.js';

export type KeyType = 'secret' | 'public' | 'private';

interface HmacMaterial {
  readonly bits: ShaBits;
  readonly secret: Uint8Array;
  /** Inner ‖ outer midstates, computed on first use (the wasm module may load after the key). */
  state?: Uint8Array;
}

/** Material lives here, not on the object, so nothing that walks a `Key` can reach it. */
const hmacMaterial = new WeakMap<Key, HmacMaterial>();
/** Key ids (RFC 7517 §4.5) kept off the object too, so existing key objects keep their shape. */
const keyIds = new WeakMap<Key, string>();
const KEY_CONSTRUCTION = Symbol('Key');

export class Key {
  readonly algorithm: Algorithm;
  readonly type: KeyType;

  /** @internal use the import functions */
  constructor(token: symbol, algorithm: Algorithm, type: KeyType) {
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

  toJSON(): { algorithm: Algorithm; type: KeyType } {
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

/** @internal Creates a key object for an import module (src/keys/*.ts), which keeps its own material. */
export function createKey(algorithm: Algorithm, type: KeyType): Key {
  return new Key(KEY_CONSTRUCTION, algorithm, type);
}

const HMAC_BITS: Partial<Record<Algorithm, ShaBits>> = { HS256: 256, HS384: 384, HS512: 512 };

export interface HmacImportOptions {
  /** Accept secrets shorter than the hash output (RFC 7518 §3.2 requires at least that size). */
  allowWeakSecret?: boolean;
}

/**
 * Imports a raw HMAC secret (UTF-8 text or bytes) for HS256/384/512. Refuses key material (PEM,
 * JWK or DER, as text or as bytes: see material.ts), empty secrets, and secrets shorter than the
 * hash output unless `allowWeakSecret`.
 */
export function importHmacSecret(material: string | Uint8Array, alg: Algorithm, options: HmacImportOptions = {}): Key {
  const bits = HMAC_BITS[alg];
  if (bits === undefined) throw new KeyError(`${alg} does not take an HMAC secret`);
  if (typeof material !== 'string' && !(material instanceof Uint8Array)) {
    throw new KeyError(`${alg} requires a secret given as a string or a Uint8Array`);
  }
  // RFC 8725 §2.1: a public key used as a MAC secret lets anyone forge tokens.
  if (isAsymmetricKeyMaterial(material))
    throw new KeyError(`${alg} requires a shared secret, not PEM or JWK key material (as text or bytes) nor a DER key`);
  const secret = typeof material === 'string' ? new TextEncoder().encode(material) : material.slice();
  if (secret.length === 0) throw new KeyError('the HMAC secret is empty');
  if (secret.length < bits / 8 && !options.allowWeakSecret) {
    throw new KeyError(
      `${alg} secrets must be at least ${bits / 8} bytes (RFC 7518 §3.2); pass allowWeakSecret: true to accept a shorter one`,
    );
  }
  const key = new Key(KEY_CONSTRUCTION, alg, 'secret');
  hmacMaterial.set(key, { bits, secret });
  return key;
}

/** The raw secret of an HS* key (JWK export only). */
export function hmacSecret(key: Key): Uint8Array | undefined {
  return hmacMaterial.get(key)?.secret;
}

/** The HMAC midstates of an HS* key, computed once. */
export function hmacState(key: Key): { bits: ShaBits; state: Uint8Array } {
  const material = hmacMaterial.get(key);
  if (material === undefined) throw new KeyError(`the key is not an HMAC key`);
  material.state ??= hmacKeyState(material.bits, material.secret);
  return { bits: material.bits, state: material.state };
}

/** @internal A new key object for a key-family module (rsa.ts) that keeps its own material map. */
export function newKey(alg: Algorithm, type: KeyType): Key {
  return new Key(KEY_CONSTRUCTION, alg, type);
}
