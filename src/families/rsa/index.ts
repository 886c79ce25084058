/**
 * The RSA family: RS256/384/512 (RSASSA-PKCS1-v1_5) and PS256/384/512 (RSASSA-PSS), RFC 7518
 * §3.3 and §3.5. Keys are PEM SPKI, PKCS#8 or PKCS#1, and `RSA` JWKs with CRT parameters (RFC 7518
 * §6.3); moduli under 2048 bits are refused. Sync signing runs on the wasm big integers, async on
 * WebCrypto.
 * @module
 */

import { KeyError } from '../../core/errors.js';
import { checkJwkBinding, isJwk, type Jwk } from '../../core/jwk.js';
import { defineAlgorithm, type Family } from '../entry.js';
import { rsaJws } from './jws.js';
import { generateRsaPemPair } from './webcrypto.js';
import { importRsaKey, pkcs8Pem, rsaJwk, rsaPublicKey, rsaState, spkiPem } from './keys.js';

const rsa: Family = {
  kty: 'RSA',
  import(material, alg) {
    if (isJwk(material)) checkJwkBinding(material, alg.name, material.d === undefined ? ['verify'] : ['sign', 'verify']);
    return importRsaKey(material, alg.name);
  },
  exportJwk: (key, includePrivate) => rsaJwk(rsaState(key), includePrivate) as Jwk,
  exportPem(key, includePrivate) {
    const { pub, priv } = rsaState(key);
    if (!includePrivate) return spkiPem(pub);
    if (priv === undefined) throw new KeyError('a public key has no private part');
    return pkcs8Pem(priv);
  },
  // Verifying needs n and e only: the private numbers stay with the signer.
  publicKey: rsaPublicKey,
  keyPair: { label: 'RSA', bits: { default: 2048, min: 2048 }, generate: (_alg, bits) => generateRsaPemPair(bits) },
  ...rsaJws,
};

/** RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3). */
export const RS256 = defineAlgorithm('RS256', rsa).name;
/** RSASSA-PKCS1-v1_5 with SHA-384 (RFC 7518 §3.3). */
export const RS384 = defineAlgorithm('RS384', rsa).name;
/** RSASSA-PKCS1-v1_5 with SHA-512 (RFC 7518 §3.3). */
export const RS512 = defineAlgorithm('RS512', rsa).name;
/** RSASSA-PSS with SHA-256 and MGF1-SHA-256, salt 32 bytes (RFC 7518 §3.5). */
export const PS256 = defineAlgorithm('PS256', rsa).name;
/** RSASSA-PSS with SHA-384 and MGF1-SHA-384, salt 48 bytes (RFC 7518 §3.5). */
export const PS384 = defineAlgorithm('PS384', rsa).name;
/** RSASSA-PSS with SHA-512 and MGF1-SHA-512, salt 64 bytes (RFC 7518 §3.5). */
export const PS512 = defineAlgorithm('PS512', rsa).name;
