/**
 * RSASSA-PKCS1-v1_5 and RSASSA-PSS through WebCrypto (`crypto.subtle`, native on every runtime):
 * the async backend of RS* and PS* (RFC 7518 §3.3, §3.5). PSS uses MGF1 with the message hash and a
 * salt as long as the hash, as RFC 7518 §3.5 requires.
 * @module
 */

import { encodePem } from '../../core/pem.js';
import { rsaJwk, type RsaMaterial } from './keys.js';

function algorithm(m: RsaMaterial): RsaHashedImportParams {
  return { name: m.info.pss ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5', hash: `SHA-${m.info.hash}` };
}

function params(m: RsaMaterial): AlgorithmIdentifier | RsaPssParams {
  return m.info.pss ? { name: 'RSA-PSS', saltLength: m.info.hash / 8 } : { name: 'RSASSA-PKCS1-v1_5' };
}

/** The signing CryptoKey, imported once per key (from its JWK: every runtime imports RSA JWKs). */
function signKey(m: RsaMaterial): Promise<CryptoKey> {
  m.signKey ??= crypto.subtle.importKey('jwk', rsaJwk(m, true), algorithm(m), false, ['sign']);
  return m.signKey;
}

function verifyKey(m: RsaMaterial): Promise<CryptoKey> {
  m.verifyKey ??= crypto.subtle.importKey('jwk', rsaJwk(m, false), algorithm(m), false, ['verify']);
  return m.verifyKey;
}

/** The signature of `message` (k bytes, RFC 8017 §8.1.1 / §8.2.1). */
export async function rsaSignSubtle(m: RsaMaterial, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(params(m), await signKey(m), message as BufferSource));
}

/**
 * Whether `signature` is valid for `message`. A signature whose length is not k is refused before
 * WebCrypto sees it (RFC 8017 §8.1.2 step 1, §8.2.2 step 1): implementations differ on that check.
 */
export async function rsaVerifySubtle(m: RsaMaterial, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (signature.length !== m.k) return false;
  try {
    return await crypto.subtle.verify(params(m), await verifyKey(m), signature as BufferSource, message as BufferSource);
  } catch {
    return false;
  }
}

/**
 * A new RSA key pair from WebCrypto as `[PKCS#8 PEM, SPKI PEM]`, usable with RS* and PS*; the
 * public exponent is 65537. `bits` is 2048, 3072 or 4096 (RFC 7518 §3.3 requires at least 2048).
 */
export async function generateRsaPemPair(bits: number): Promise<[string, string]> {
  if (bits !== 2048 && bits !== 3072 && bits !== 4096) throw new RangeError('RSA key size must be 2048, 3072 or 4096 bits');
  const pair = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  return [encodePem('PRIVATE KEY', pkcs8), encodePem('PUBLIC KEY', spki)];
}
