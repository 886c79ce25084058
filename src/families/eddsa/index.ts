/**
 * The EdDSA family: Ed25519 (RFC 8037 §3.1, RFC 8032). Keys are `OKP` JWKs with crv Ed25519,
 * PKCS#8 or SPKI (PEM or DER), or the 32-byte public key; wasm for both the sync and async paths.
 * @module
 */

import { checkJwkBinding, isJwk } from '../../core/jwk.js';
import { signEd25519Jws, verifyEd25519Jws } from '../../wasm/ed25519.js';
import { defineAlgorithm, type Family } from '../entry.js';
import {
  ed25519SigningState,
  ed25519VerifyingState,
  exportEd25519Jwk,
  exportEd25519Pem,
  generateEd25519PemPair,
  importEd25519Jwk,
  importEd25519Key,
} from './keys.js';

const eddsa: Family = {
  kty: 'OKP',
  import(material, alg) {
    if (!isJwk(material)) return importEd25519Key(material, alg.name);
    // `alg: "Ed25519"` is the fully-specified name of this same algorithm
    // (draft-ietf-jose-fully-specified-algorithms); WebCrypto writes it into exported JWKs.
    const binding = material.alg === 'Ed25519' ? { ...material, alg: 'EdDSA' } : material;
    checkJwkBinding(binding, alg.name, material.d === undefined ? ['verify'] : ['sign', 'verify']);
    return importEd25519Jwk(material, alg.name);
  },
  exportJwk: (key, includePrivate) => exportEd25519Jwk(key, { includePrivate }),
  keyPair: { label: 'Ed25519', generate: generateEd25519PemPair },
  exportPem: (key, includePrivate) => exportEd25519Pem(key, { includePrivate }),
  // RFC 8032 §5.1.6: R ‖ S, 32 bytes each.
  signatureLength: () => 64,
  sign: (key, header, payloadJson) => signEd25519Jws(ed25519SigningState(key), header, payloadJson),
  // The verification state is prepared (first use) before the token is staged in scratch.
  verify: (key, token, dot1, dot2) => verifyEd25519Jws(ed25519VerifyingState(key), token, dot1, dot2),
};

/** EdDSA with Ed25519 (RFC 8037 §3.1). */
export const EdDSA = defineAlgorithm('EdDSA', eddsa).name;
