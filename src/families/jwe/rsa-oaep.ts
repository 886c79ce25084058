/**
 * RSA-OAEP key management (RFC 7518 §4.3): `RSA-OAEP` (SHA-1 and MGF1-SHA-1) and `RSA-OAEP-256`
 * (SHA-256 and MGF1-SHA-256), RSAES-OAEP of RFC 8017 §7.1 with an empty label. Sync on the wasm
 * big integers (RSAEP as the public operation, RSADP as the blinded CRT private operation with
 * its fault check), async on WebCrypto. `RSA1_5` is not implemented: its padding oracle
 * (Bleichenbacher, CRYPTO '98; RFC 7516 §11.5) is why jose 6 dropped it, and why it is refused.
 * Keys are RSA keys of at least 2048 bits, as PEM or `RSA` JWKs (RFC 7518 §6.3).
 * @module
 */

import { KeyError } from '../../core/errors.js';
import { isJwk, type Jwk } from '../../core/jwk.js';
import { createKey, type Key } from '../../core/key.js';
import { sha2 } from '../../wasm/sha2.js';
import { rsaSignPrimitive, rsaVerifyPrimitive } from '../../wasm/rsa.js';
import { importRsaKey, rsaJwk, type RsaMaterial, rsaState } from '../rsa/keys.js';
import { checkJweJwkBinding, defineKeyManagement, type KeyManagementFamily, randomBytes } from './entry.js';
import { sha1 } from './sha1.js';

/** The RSA material behind each RSA-OAEP key, and its WebCrypto keys once made. */
interface OaepMaterial {
  readonly rsa: RsaMaterial;
  encryptKey?: Promise<CryptoKey>;
  decryptKey?: Promise<CryptoKey>;
}

const materials = new WeakMap<Key, OaepMaterial>();

function oaepState(key: Key): OaepMaterial {
  const m = materials.get(key);
  if (m === undefined) throw new KeyError('the key is not an RSA-OAEP key');
  return m;
}

/** MGF1 (RFC 8017 Appendix B.2.1) of `seed`, `length` bytes. */
function mgf1(hash: (data: Uint8Array) => Uint8Array, hLen: number, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(length / hLen) * hLen);
  const input = new Uint8Array(seed.length + 4);
  input.set(seed);
  for (let counter = 0; counter * hLen < length; counter++) {
    new DataView(input.buffer).setUint32(seed.length, counter);
    out.set(hash(input), counter * hLen);
  }
  return out.subarray(0, length);
}

function xorInto(target: Uint8Array, mask: Uint8Array): void {
  for (let i = 0; i < target.length; i++) target[i]! ^= mask[i]!;
}

/** Whether the k-byte big-endian `c` is below the modulus (RFC 8017 §7.1.2 step 2a, RSADP step 1). Public data only. */
function belowModulus(c: Uint8Array, n: Uint8Array): boolean {
  const offset = c.length - n.length;
  for (let i = 0; i < offset; i++) if (c[i] !== 0) return false;
  for (let i = 0; i < n.length; i++) if (c[offset + i] !== n[i]) return c[offset + i]! < n[i]!;
  return false;
}

function oaep(hashBits: 1 | 256): KeyManagementFamily {
  const hash = hashBits === 1 ? sha1 : (data: Uint8Array) => sha2(256, data);
  const hLen = hashBits === 1 ? 20 : 32;
  // RFC 8017 §7.1.1 step 2a: the hash of the empty label. Computed on first use, not when the
  // module loads: Workers hand over the wasm modules only after every import has run.
  let emptyLabelHash: Uint8Array | undefined;
  const labelHash = (): Uint8Array => (emptyLabelHash ??= hash(new Uint8Array(0)));
  const webAlgorithm = { name: 'RSA-OAEP', hash: hashBits === 1 ? 'SHA-1' : 'SHA-256' };

  /** EME-OAEP encoding (RFC 8017 §7.1.1 step 2) of `message` into k bytes. */
  function encode(k: number, message: Uint8Array): Uint8Array {
    if (message.length > k - 2 * hLen - 2) throw new KeyError('the RSA key is too small for this content key');
    const em = new Uint8Array(k);
    const db = em.subarray(1 + hLen);
    db.set(labelHash());
    db[db.length - message.length - 1] = 0x01;
    db.set(message, db.length - message.length);
    const seed = randomBytes(hLen);
    xorInto(db, mgf1(hash, hLen, seed, db.length));
    const maskedSeed = em.subarray(1, 1 + hLen);
    maskedSeed.set(seed);
    xorInto(maskedSeed, mgf1(hash, hLen, db, hLen));
    return em;
  }

  /**
   * EME-OAEP decoding (RFC 8017 §7.1.2 step 3): the message, or null. Every check runs whatever
   * the earlier ones found, and they are combined without branching on secret bytes, so the time
   * taken says nothing about which one failed (Manger, CRYPTO 2001).
   */
  function decode(em: Uint8Array): Uint8Array | null {
    const seed = em.slice(1, 1 + hLen);
    const db = em.slice(1 + hLen);
    xorInto(seed, mgf1(hash, hLen, db, hLen));
    xorInto(db, mgf1(hash, hLen, seed, db.length));
    const lHash = labelHash();
    let bad = em[0]!;
    for (let i = 0; i < hLen; i++) bad |= db[i]! ^ lHash[i]!;
    // Find the 0x01 separator after the zero padding PS, in constant time.
    let found = 0; // all ones once the separator is found
    let index = 0;
    for (let i = hLen; i < db.length; i++) {
      const byte = db[i]!;
      const isOne = ((byte ^ 1) - 1) >>> 31; // 1 when byte === 1
      const isZero = (byte - 1) >>> 31; // 1 when byte === 0
      const first = isOne & ~found & 1;
      index |= -first & i;
      bad |= ~found & 1 & ~isZero & ~isOne & 1; // a byte that is neither 0 nor 1 before the separator
      found |= -first;
    }
    bad |= ~found & 1;
    return bad === 0 ? db.slice(index + 1) : null;
  }

  function decryptKey(m: OaepMaterial): Promise<CryptoKey> {
    m.decryptKey ??= crypto.subtle.importKey('jwk', rsaJwk(m.rsa, true) as JsonWebKey, webAlgorithm, false, ['decrypt']);
    return m.decryptKey;
  }
  function encryptKey(m: OaepMaterial): Promise<CryptoKey> {
    m.encryptKey ??= crypto.subtle.importKey('jwk', rsaJwk(m.rsa, false) as JsonWebKey, webAlgorithm, false, ['encrypt']);
    return m.encryptKey;
  }

  return {
    kty: ['RSA'],
    import(material, alg) {
      let input: unknown = material;
      if (isJwk(material)) {
        checkJweJwkBinding(material, alg.name, material.d === undefined ? ['wrapKey', 'encrypt'] : ['unwrapKey', 'decrypt']);
        // The RSA reader binds JWKs to JWS names; the binding was checked above.
        const { alg: _alg, use: _use, key_ops: _ops, ...rest } = material;
        input = rest;
      }
      // The wasm material of an RSA key is the same whatever it is used for; RS256 names the
      // reader's key checks (size, exponent, CRT consistency, ROCA), not a signing use.
      const rsaKey = importRsaKey(input, 'RS256');
      const rsa = rsaState(rsaKey);
      const key = createKey(alg.name, rsa.priv === undefined ? 'public' : 'private');
      materials.set(key, { rsa });
      return key;
    },
    exportJwk: (key, includePrivate) => ({ ...(rsaJwk(oaepState(key).rsa, includePrivate) as Jwk), alg: key.algorithm }),
    wrap(key, enc) {
      const { rsa } = oaepState(key);
      const cek = randomBytes(enc.keyLength);
      // RFC 8017 §7.1.1 step 3: RSAEP, the public operation (rsaVerifyPrimitive computes m^e mod n).
      const c = rsaVerifyPrimitive(rsa, encode(rsa.k, cek));
      if (c === null) throw new KeyError('RSA encryption failed');
      return { cek, encryptedKey: c };
    },
    unwrap(key, _enc, _header, encryptedKey) {
      const { rsa } = oaepState(key);
      if (rsa.priv === undefined) throw new KeyError('a public key cannot decrypt: pass the private key');
      // RFC 8017 §7.1.2 steps 1 and 2a: the length of k bytes and c < n are public checks.
      if (encryptedKey.length !== rsa.k || rsa.k < 2 * hLen + 2 || !belowModulus(encryptedKey, rsa.pub.n)) return null;
      let em: Uint8Array;
      try {
        em = rsaSignPrimitive(rsa, rsa.priv, encryptedKey); // RSADP, blinded CRT with the fault check
      } catch {
        return null;
      }
      return decode(em);
    },
    async wrapAsync(key, enc) {
      const m = oaepState(key);
      const cek = randomBytes(enc.keyLength);
      const c = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, await encryptKey(m), cek as BufferSource);
      return { cek, encryptedKey: new Uint8Array(c) };
    },
    async unwrapAsync(key, _enc, _header, encryptedKey) {
      const m = oaepState(key);
      if (m.rsa.priv === undefined) throw new KeyError('a public key cannot decrypt: pass the private key');
      if (encryptedKey.length !== m.rsa.k) return null;
      try {
        return new Uint8Array(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, await decryptKey(m), encryptedKey as BufferSource));
      } catch {
        return null;
      }
    },
  };
}

/** RSAES-OAEP with SHA-1 and MGF1-SHA-1 (RFC 7518 §4.3). */
export const RSA_OAEP = defineKeyManagement('RSA-OAEP', oaep(1)).name;
/** RSAES-OAEP with SHA-256 and MGF1-SHA-256 (RFC 7518 §4.3). */
export const RSA_OAEP_256 = defineKeyManagement('RSA-OAEP-256', oaep(256)).name;
