/**
 * Key import and export per JWK key type, behind one table so `importKey`/`exportJwk`/`exportPem`
 * never switch on algorithms. Algorithm issues register their families here.
 * @module
 */

import type { Algorithm } from '../algorithms.js';
import { KeyError } from '../errors.js';
import { base64urlFromBytes } from '../lib/base64url.js';
import { checkJwkBinding, isJwk, jwkBytes, type Jwk } from './jwk.js';
import { hmacSecret, importHmacSecret, type Key } from './key.js';
import { exportEd25519Jwk, exportEd25519Pem, importEd25519Jwk, importEd25519Key } from './ed25519.js';
import { ecCurveOf, ecPrivatePem, ecPrivateScalar, ecPublicPem, ecState, importEcKey } from './ec.js';
import { importRsaKey, pkcs8Pem, rsaJwk, rsaState, spkiPem } from './rsa.js';

export interface ImportOptions {
  /** HMAC only: accept secrets shorter than the hash output. */
  readonly allowWeakSecret?: boolean;
  /** Key id (RFC 7517 §4.5) for material that carries none (PEM, raw); a JWK's own `kid` must agree. */
  readonly kid?: string;
}

export interface KeyFamily {
  readonly kty: 'oct' | 'EC' | 'OKP' | 'RSA';
  import(material: string | Uint8Array | Jwk, alg: Algorithm, options: ImportOptions): Key;
  exportJwk(key: Key, includePrivate: boolean): Jwk;
  exportPem(key: Key, includePrivate: boolean): string;
}

/** HS256/384/512: raw secrets and `oct` JWKs (RFC 7518 §6.4). PEM text is refused (algorithm confusion). */
const octFamily: KeyFamily = {
  kty: 'oct',
  import(material, alg, options) {
    if (!isJwk(material)) return importHmacSecret(material, alg, options);
    if (material.kty !== 'oct') throw new KeyError(`${alg} requires a shared secret, not a ${String(material.kty).slice(0, 8)} key`);
    checkJwkBinding(material, alg, ['sign', 'verify']);
    return importHmacSecret(jwkBytes(material, 'k'), alg, options);
  },
  exportJwk(key, includePrivate) {
    if (!includePrivate) throw new KeyError('a secret key has no public part: pass includePrivate: true');
    return { kty: 'oct', k: base64urlFromBytes(hmacSecret(key)!), alg: key.algorithm };
  },
  exportPem() {
    throw new KeyError('HMAC secrets have no PEM form');
  },
};

/**
 * EdDSA / Ed25519 (RFC 8037 §2, RFC 8410): PEM PKCS#8 (private) or SPKI (public), `OKP` JWKs with
 * crv Ed25519, or a raw 32-byte seed. A public key gives a verify-only key.
 */
const okpFamily: KeyFamily = {
  kty: 'OKP',
  import(material, alg) {
    if (!isJwk(material)) return importEd25519Key(material, alg);
    // `alg: "Ed25519"` is the fully-specified name of this same algorithm
    // (draft-ietf-jose-fully-specified-algorithms); WebCrypto writes it into exported JWKs.
    const binding = material.alg === 'Ed25519' ? { ...material, alg: 'EdDSA' } : material;
    checkJwkBinding(binding, alg, material.d === undefined ? ['verify'] : ['sign', 'verify']);
    return importEd25519Jwk(material, alg);
  },
  exportJwk(key, includePrivate) {
    return exportEd25519Jwk(key, { includePrivate });
  },
  exportPem(key, includePrivate) {
    return exportEd25519Pem(key, { includePrivate });
  },
};

/**
 * ES256 / ES384 (RFC 7518 §6.2, RFC 5480, RFC 5915): PEM SPKI, PKCS#8 or SEC1, and `EC` JWKs on
 * the algorithm's curve. A public key gives a verify-only key.
 */
const ecFamily: KeyFamily = {
  kty: 'EC',
  import(material, alg) {
    if (isJwk(material)) checkJwkBinding(material, alg, material.d === undefined ? ['verify'] : ['sign', 'verify']);
    return importEcKey(material, alg);
  },
  exportJwk(key, includePrivate) {
    const { crv, len } = ecCurveOf(key.algorithm)!;
    const { xy } = ecState(key);
    const jwk: Jwk = { kty: 'EC', crv, x: base64urlFromBytes(xy.subarray(0, len)), y: base64urlFromBytes(xy.subarray(len)) };
    if (includePrivate) jwk.d = base64urlFromBytes(ecPrivateScalar(key));
    return jwk;
  },
  exportPem(key, includePrivate) {
    return includePrivate ? ecPrivatePem(key) : ecPublicPem(key);
  },
};

/**
 * RS256/384/512 and PS256/384/512 (RFC 7518 §6.3, RFC 8017): PEM SPKI, PKCS#8 or PKCS#1, and `RSA`
 * JWKs with CRT parameters. Moduli under 2048 bits are refused. A public key gives a verify-only key.
 */
const rsaFamily: KeyFamily = {
  kty: 'RSA',
  import(material, alg) {
    if (isJwk(material)) checkJwkBinding(material, alg, material.d === undefined ? ['verify'] : ['sign', 'verify']);
    return importRsaKey(material, alg);
  },
  exportJwk(key, includePrivate) {
    return rsaJwk(rsaState(key), includePrivate) as Jwk;
  },
  exportPem(key, includePrivate) {
    const { pub, priv } = rsaState(key);
    if (!includePrivate) return spkiPem(pub);
    if (priv === undefined) throw new KeyError('a public key has no private part');
    return pkcs8Pem(priv);
  },
};

const FAMILIES: Partial<Record<Algorithm, KeyFamily>> = {
  HS256: octFamily,
  HS384: octFamily,
  HS512: octFamily,
  EdDSA: okpFamily,
  ES256: ecFamily,
  ES384: ecFamily,
  RS256: rsaFamily,
  RS384: rsaFamily,
  RS512: rsaFamily,
  PS256: rsaFamily,
  PS384: rsaFamily,
  PS512: rsaFamily,
};

/** The family of `alg`; throws KeyError when this build cannot import keys for it. */
export function familyOf(alg: Algorithm): KeyFamily {
  const family = FAMILIES[alg];
  if (family === undefined) throw new KeyError(`keys for ${String(alg).slice(0, 16)} are not supported by this build`);
  return family;
}
