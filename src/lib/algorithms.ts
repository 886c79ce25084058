/**
 * The one algorithm table (STYLE.md §11, after jose's lib/jws_algorithms): each JWS `alg` maps to
 * its key type and its crypto operations; the JWS code looks an entry up once and never switches
 * on `alg` elsewhere. Algorithms not listed here are not available in this build.
 * @module
 */

import type { Algorithm } from '../algorithms.js';
import { KeyError } from '../errors.js';
import { hmacState, type Key } from '../keys/key.js';
import { signHmacJws, verifyHmacJws } from '../wasm/jws.js';
import { ed25519SigningState, ed25519VerifyingState } from '../keys/ed25519.js';
import { signEd25519Jws, verifyEd25519Jws } from '../wasm/ed25519.js';
import { ecPrivateScalar, ecState, ecVerifyTable } from '../keys/ec.js';
import { CURVE_P256, CURVE_P384, signEcdsaJws, verifyEcdsaJws, type EcCurveId } from '../wasm/ecdsa.js';
import { rsaAlgorithm } from './rsa-jws.js';

export interface JwsAlgorithm {
  readonly alg: Algorithm;
  readonly kty: 'oct' | 'RSA' | 'EC' | 'OKP';
  /** Signs: `header.b64url(payloadJson).b64url(signature)` from the encoded header's ASCII bytes. */
  sign(key: Key, header: Uint8Array, payloadJson: string): string;
  /** Verifies a compact token with dots at `dot1`/`dot2`: its payload text, or null on a bad signature. */
  verify(key: Key, token: string, dot1: number, dot2: number): string | null;
  /** Length in bytes of a signature by `key` (RFC 7518 §3): sizes a token before it is built. */
  signatureLength(key: Key): number;
  /** Async twins, when the algorithm has its own async backend (WebCrypto for RS* and PS*); else the sync ones are used. */
  signAsync?(key: Key, header: Uint8Array, payloadJson: string): Promise<string>;
  verifyAsync?(key: Key, token: string, dot1: number, dot2: number): Promise<string | null>;
}

/** `bytes`: the HMAC output length, which RFC 7518 §3.2 sends untruncated. */
function hmacAlgorithm(alg: Algorithm, bytes: number): JwsAlgorithm {
  return {
    alg,
    kty: 'oct',
    signatureLength: () => bytes,
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
}

/** EdDSA with Ed25519 (RFC 8037 §3.1): wasm for both the sync and async paths. */
const eddsa: JwsAlgorithm = {
  alg: 'EdDSA',
  kty: 'OKP',
  // RFC 8032 §5.1.6: R ‖ S, 32 bytes each.
  signatureLength: () => 64,
  sign(key, header, payloadJson) {
    return signEd25519Jws(ed25519SigningState(key), header, payloadJson);
  },
  verify(key, token, dot1, dot2) {
    // The verification state is prepared (first use) before the token is staged in scratch.
    return verifyEd25519Jws(ed25519VerifyingState(key), token, dot1, dot2);
  },
};

/** ES256 / ES384 (RFC 7518 §3.4): ECDSA with SHA-256 on P-256, SHA-384 on P-384, signature r ‖ s. */
function ecdsaAlgorithm(alg: Algorithm, curve: EcCurveId, scalarBytes: number): JwsAlgorithm {
  return {
    alg,
    kty: 'EC',
    // RFC 7518 §3.4: r ‖ s, each the curve order's byte length.
    signatureLength: () => 2 * scalarBytes,
    sign(key, header, payloadJson) {
      return signEcdsaJws(curve, ecPrivateScalar(key), header, payloadJson);
    },
    verify(key, token, dot1, dot2) {
      const material = ecState(key);
      return verifyEcdsaJws(curve, material.xy, ecVerifyTable(material), token, dot1, dot2);
    },
  };
}

const TABLE: ReadonlyMap<string, JwsAlgorithm> = new Map([
  ['HS256', hmacAlgorithm('HS256', 32)],
  ['HS384', hmacAlgorithm('HS384', 48)],
  ['HS512', hmacAlgorithm('HS512', 64)],
  ['EdDSA', eddsa],
  ['ES256', ecdsaAlgorithm('ES256', CURVE_P256, 32)],
  ['ES384', ecdsaAlgorithm('ES384', CURVE_P384, 48)],
  ['RS256', rsaAlgorithm('RS256')],
  ['RS384', rsaAlgorithm('RS384')],
  ['RS512', rsaAlgorithm('RS512')],
  ['PS256', rsaAlgorithm('PS256')],
  ['PS384', rsaAlgorithm('PS384')],
  ['PS512', rsaAlgorithm('PS512')],
]);

/** The table entry of `alg`, or undefined when this build does not implement it. */
export function findAlgorithm(alg: unknown): JwsAlgorithm | undefined {
  return typeof alg === 'string' ? TABLE.get(alg) : undefined;
}

/** The table entry of `alg`; throws KeyError when this build does not implement it. */
export function requireAlgorithm(alg: unknown): JwsAlgorithm {
  const entry = findAlgorithm(alg);
  if (entry === undefined) throw new KeyError(`unsupported algorithm: ${String(alg).slice(0, 16)}`);
  return entry;
}
