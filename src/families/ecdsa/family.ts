/**
 * The ECDSA family: ES256 (P-256, SHA-256), ES384 (P-384, SHA-384) and ES512 (P-521, SHA-512),
 * RFC 7518 §3.4, signatures r ‖ s. Keys are PEM SPKI, PKCS#8 or SEC1, `EC` JWKs on the algorithm's
 * curve (RFC 7518 §6.2), or the public point as raw bytes. A public key gives a verify-only key.
 *
 * Each curve has a wasm module of its own, so each algorithm gets the family bound to its module
 * (es256.ts, es384.ts, es512.ts): a bundle that names ES256 carries the p256 module alone.
 * @module
 */

import { base64urlFromBytes } from '../../core/base64url.js';
import { checkJwkBinding, isJwk, type Jwk } from '../../core/jwk.js';
import { signEcdsaJws, verifyEcdsaJws } from '../../wasm/ecdsa.js';
import type { Family } from '../entry.js';
import {
  type EcCurve,
  ecPrivatePem,
  ecPrivateScalar,
  ecPublicPem,
  ecState,
  ecVerifyTable,
  generateEcPemPair,
  importEcKey,
} from './keys.js';

/** The ECDSA family on `curve` (the one its algorithm names). */
export function ecdsaFamily(curve: EcCurve): Family {
  const { crv, len, module } = curve;
  return {
    kty: 'EC',
    import(material, alg) {
      if (isJwk(material)) checkJwkBinding(material, alg.name, material.d === undefined ? ['verify'] : ['sign', 'verify']);
      return importEcKey(material, curve);
    },
    exportJwk(key, includePrivate) {
      const { xy } = ecState(key);
      const jwk: Jwk = { kty: 'EC', crv, x: base64urlFromBytes(xy.subarray(0, len)), y: base64urlFromBytes(xy.subarray(len)) };
      if (includePrivate) jwk.d = base64urlFromBytes(ecPrivateScalar(key));
      return jwk;
    },
    exportPem: (key, includePrivate) => (includePrivate ? ecPrivatePem(key) : ecPublicPem(key)),
    keyPair: { label: 'EC', generate: () => generateEcPemPair(curve) },
    // RFC 7518 §3.4: r ‖ s, each the curve order's byte length.
    signatureLength: () => 2 * len,
    sign: (key, header, payloadJson) => signEcdsaJws(module, ecPrivateScalar(key), header, payloadJson),
    verify(key, token, dot1, dot2) {
      const material = ecState(key);
      return verifyEcdsaJws(module, material.xy, ecVerifyTable(material), token, dot1, dot2);
    },
  };
}
