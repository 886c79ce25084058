/**
 * The HMAC family: HS256, HS384, HS512 (RFC 7518 §3.2). Keys are shared secrets, raw or as `oct`
 * JWKs (RFC 7518 §6.4); PEM, JWK or DER key material is refused as a secret (algorithm
 * confusion, RFC 8725 §2.1). Signing and verifying are one wasm call each, sync and async alike.
 * @module
 */

import { KeyError } from '../../core/errors.js';
import { base64urlFromBytes } from '../../core/base64url.js';
import { checkJwkBinding, isJwk, jwkBytes } from '../../core/jwk.js';
import { createKey, type Key } from '../../core/key.js';
import { isAsymmetricKeyMaterial } from '../../core/material.js';
import { jwsHmacKeyState, signHmacJws, verifyHmacJws } from '../../wasm/jws.js';
import type { ShaBits } from '../../wasm/sha2.js';
import { type AlgorithmEntry, defineAlgorithm, type Family, type ImportOptions } from '../entry.js';

interface HmacMaterial {
  readonly bits: ShaBits;
  readonly secret: Uint8Array;
  /**
   * Inner ‖ outer midstates and the first-block cache of the JWS pipelines, computed on first use
   * (the wasm module may load after the key).
   */
  state?: Uint8Array;
}

/** Material lives here, not on the object, so nothing that walks a `Key` can reach it. */
const hmacMaterial = new WeakMap<Key, HmacMaterial>();

/**
 * Imports a raw HMAC secret (UTF-8 text or bytes). Refuses key material (PEM, JWK or DER, as text
 * or as bytes: see material.ts), empty secrets, and secrets shorter than the hash output unless
 * `allowWeakSecret`.
 */
/** RFC 7518 §3.2: the digits of the name are the SHA-2 hash, and its output length the least key size. */
const hashBits = (alg: string): ShaBits => Number(alg.slice(2)) as ShaBits;

function importSecret(material: unknown, alg: AlgorithmEntry, options: ImportOptions): Key {
  const bits = hashBits(alg.name);
  if (typeof material !== 'string' && !(material instanceof Uint8Array)) {
    throw new KeyError(`${alg.name} requires a secret given as a string or a Uint8Array`);
  }
  // RFC 8725 §2.1: a public key used as a MAC secret lets anyone forge tokens.
  if (isAsymmetricKeyMaterial(material))
    throw new KeyError(`${alg.name} requires a shared secret, not PEM or JWK key material (as text or bytes) nor a DER key`);
  const secret = typeof material === 'string' ? new TextEncoder().encode(material) : material.slice();
  if (secret.length === 0) throw new KeyError('the HMAC secret is empty');
  if (secret.length < bits / 8 && !options.allowWeakSecret) {
    throw new KeyError(
      `${alg.name} secrets must be at least ${bits / 8} bytes (RFC 7518 §3.2); pass allowWeakSecret: true to accept a shorter one`,
    );
  }
  const key = createKey(alg.name, 'secret');
  hmacMaterial.set(key, { bits, secret });
  return key;
}

/** The material of an HS* key. */
function hmacMaterialOf(key: Key): HmacMaterial {
  const material = hmacMaterial.get(key);
  if (material === undefined) throw new KeyError('the key is not an HMAC key');
  return material;
}

/**
 * The material of an HS* key with its HMAC midstates, computed once. The material object itself
 * is returned (module-private, never handed out): a fresh `{ bits, state }` per sign or verify was
 * a measurable share of the token glue (measured).
 */
function hmacState(key: Key): Required<HmacMaterial> {
  const material = hmacMaterialOf(key);
  material.state ??= jwsHmacKeyState(material.bits, material.secret);
  return material as Required<HmacMaterial>;
}

const hmac: Family = {
  kty: 'oct',
  secretBits: hashBits,
  import(material, alg, options) {
    if (!isJwk(material)) return importSecret(material, alg, options);
    if (material.kty !== 'oct') throw new KeyError(`${alg.name} requires a shared secret, not a ${String(material.kty).slice(0, 8)} key`);
    checkJwkBinding(material, alg.name, ['sign', 'verify']);
    return importSecret(jwkBytes(material, 'k'), alg, options);
  },
  exportJwk(key, includePrivate) {
    if (!includePrivate) throw new KeyError('a secret key has no public part: pass includePrivate: true');
    return { kty: 'oct', k: base64urlFromBytes(hmacMaterialOf(key).secret), alg: key.algorithm };
  },
  exportPem() {
    throw new KeyError('HMAC secrets have no PEM form');
  },
  // RFC 7518 §3.2: the full, untruncated HMAC output.
  // (The size check calls this before signing: it needs the hash, not the midstates.)
  signatureLength: (key) => hmacMaterialOf(key).bits / 8,
  sign(key, header, payloadJson) {
    const { bits, state } = hmacState(key);
    return signHmacJws(bits, state, header, payloadJson);
  },
  verify(key, token, dot1, dot2) {
    // The key state is computed (first use) before the token is staged: both go through scratch.
    const { bits, state } = hmacState(key);
    return verifyHmacJws(bits, state, token, dot1, dot2);
  },
};

/** HMAC with SHA-256 (RFC 7518 §3.2). */
export const HS256 = defineAlgorithm('HS256', hmac).name;
/** HMAC with SHA-384 (RFC 7518 §3.2). */
export const HS384 = defineAlgorithm('HS384', hmac).name;
/** HMAC with SHA-512 (RFC 7518 §3.2). */
export const HS512 = defineAlgorithm('HS512', hmac).name;
