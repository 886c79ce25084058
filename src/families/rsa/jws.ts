/**
 * RS256/384/512 (RSASSA-PKCS1-v1_5, RFC 7518 §3.3) and PS256/384/512 (RSASSA-PSS, RFC 7518 §3.5)
 * signing and verification. The sync twin runs the RFC 8017 encodings (emsa.ts) around the wasm primitives;
 * the async twin hands the signing input to WebCrypto. Both build and parse the token the same way.
 * @module
 */

import { rsaPrivateState, rsaState, type RsaMaterial } from './keys.js';
import { rsaSignSubtle, rsaVerifySubtle } from './webcrypto.js';
import { base64urlDecode, base64urlEncode } from '../../wasm/base64url.js';
import { rsaSignPrimitive, rsaVerifyPrimitive } from '../../wasm/rsa.js';
import { digestToken } from '../../wasm/jws.js';
import { sha2 } from '../../wasm/sha2.js';
import type { Family } from '../entry.js';
import { emsaPkcs1v15Encode, emsaPkcs1v15Verify, emsaPssEncode, emsaPssVerify, type HashFn } from './emsa.js';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** `header.b64url(payload)`: the JWS Signing Input (RFC 7515 §5.1 step 5). */
function signingInput(header: Uint8Array, payloadJson: string): string {
  return `${String.fromCharCode(...header)}.${base64urlEncode(encoder.encode(payloadJson))}`;
}

/** The decoded payload of a token whose signature checked out (TypeError on invalid UTF-8). */
function payloadOf(token: string, dot1: number, dot2: number): string | null {
  const payload = base64urlDecode(token.slice(dot1 + 1, dot2));
  return payload === null ? null : strictDecoder.decode(payload);
}

/** SHA-`bits` of `data` in the hash module, as the encodings take it. */
const hashOf =
  (bits: 256 | 384 | 512): HashFn =>
  (data) =>
    sha2(bits, data);

/** RSASSA-PKCS1-V1_5-SIGN / RSASSA-PSS-SIGN (RFC 8017 §8.2.1, §8.1.1) on the wasm core. */
export function rsaSignSync(m: RsaMaterial & { priv: NonNullable<RsaMaterial['priv']> }, message: Uint8Array): Uint8Array {
  const bits = m.info.hash;
  const hash = hashOf(bits);
  const digest = hash(message);
  const em = m.info.pss
    ? emsaPssEncode(hash, digest, crypto.getRandomValues(new Uint8Array(bits / 8)), m.bits, m.k)
    : emsaPkcs1v15Encode(bits, digest, m.k);
  return rsaSignPrimitive(m, m.priv, em);
}

/**
 * RSASSA-PKCS1-V1_5-VERIFY / RSASSA-PSS-VERIFY (RFC 8017 §8.2.2, §8.1.2) on the wasm core, given
 * the message's digest (step 2 of EMSA-PKCS1-v1_5 and of EMSA-PSS-VERIFY).
 */
function rsaVerifyDigest(m: RsaMaterial, digest: Uint8Array, signature: Uint8Array): boolean {
  const em = rsaVerifyPrimitive(m, signature);
  if (em === null) return false;
  const bits = m.info.hash;
  return m.info.pss ? emsaPssVerify(hashOf(bits), digest, em, m.bits) : emsaPkcs1v15Verify(bits, digest, em);
}

/** RSASSA-PKCS1-V1_5-VERIFY / RSASSA-PSS-VERIFY (RFC 8017 §8.2.2, §8.1.2) of `message` on the wasm core. */
export function rsaVerifySync(m: RsaMaterial, message: Uint8Array, signature: Uint8Array): boolean {
  return rsaVerifyDigest(m, sha2(m.info.hash, message), signature);
}

/** The JWS operations of every RS* and PS* key: the key's material says which hash and padding. */
export const rsaJws: Pick<Family, 'signatureLength' | 'sign' | 'verify' | 'signAsync' | 'verifyAsync'> = {
  // RFC 8017 §8.1.1 / §8.2.1: a signature is k bytes, the modulus length.
  signatureLength: (key) => rsaState(key).k,
  sign(key, header, payloadJson) {
    const m = rsaPrivateState(key);
    const input = signingInput(header, payloadJson);
    return `${input}.${base64urlEncode(rsaSignSync(m, encoder.encode(input)))}`;
  },
  verify(key, token, dot1, dot2) {
    const m = rsaState(key);
    const parts = digestToken(m.info.hash, token, dot1, dot2);
    if (parts === null || !rsaVerifyDigest(m, parts.digest, parts.signature)) return null;
    return strictDecoder.decode(parts.payload);
  },
  async signAsync(key, header, payloadJson) {
    const m = rsaPrivateState(key);
    const input = signingInput(header, payloadJson);
    return `${input}.${base64urlEncode(await rsaSignSubtle(m, encoder.encode(input)))}`;
  },
  async verifyAsync(key, token, dot1, dot2) {
    const m = rsaState(key);
    const signature = base64urlDecode(token.slice(dot2 + 1));
    if (signature === null || !(await rsaVerifySubtle(m, encoder.encode(token.slice(0, dot2)), signature))) return null;
    return payloadOf(token, dot1, dot2);
  },
};
