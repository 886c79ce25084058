/**
 * The signature encodings of RFC 8017 for the synchronous RSA path: EMSA-PKCS1-v1_5 (§9.2) and
 * EMSA-PSS with MGF1 (§9.1, Appendix B.2.1). The RSA primitives run in wasm (assembly/bigint/);
 * the async path hands whole messages to WebCrypto, which applies the same encodings natively.
 * The hash is passed in, so this file depends on nothing but bytes.
 * @module
 */

export type HashFn = (data: Uint8Array) => Uint8Array;

/**
 * DER of DigestInfo up to the digest (RFC 8017 §9.2 note 1): SEQUENCE { SEQUENCE { hash OID,
 * NULL }, OCTET STRING hLen }, for SHA-256, SHA-384 and SHA-512.
 */
const DIGEST_INFO_PREFIX: Record<number, Uint8Array> = {
  256: Uint8Array.of(0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20),
  384: Uint8Array.of(0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30),
  512: Uint8Array.of(0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40),
};

/** EM up to the digest, 0x00 ‖ 0x01 ‖ 0xff… ‖ 0x00 ‖ DigestInfo prefix, per hash and k: built once, never per token. */
const encodedPrefixes = new Map<number, Uint8Array>();

function encodedPrefix(hashBits: number, k: number): Uint8Array {
  const cacheKey = k * 1024 + hashBits;
  let prefix = encodedPrefixes.get(cacheKey);
  if (prefix === undefined) {
    const info = DIGEST_INFO_PREFIX[hashBits]!;
    const len = k - hashBits / 8;
    prefix = new Uint8Array(len).fill(0xff, 2, len - info.length - 1);
    prefix[1] = 0x01;
    prefix.set(info, len - info.length);
    encodedPrefixes.set(cacheKey, prefix);
  }
  return prefix;
}

/**
 * EMSA-PKCS1-v1_5-ENCODE (RFC 8017 §9.2) of a digest into `k` bytes:
 * 0x00 ‖ 0x01 ‖ 0xff… ‖ 0x00 ‖ DigestInfo. `k` ≥ 256 here (2048-bit minimum), so step 3's
 * "intended encoded message length too short" cannot happen.
 */
export function emsaPkcs1v15Encode(hashBits: number, digest: Uint8Array, k: number): Uint8Array {
  const em = new Uint8Array(k);
  em.set(encodedPrefix(hashBits, k));
  em.set(digest, k - digest.length);
  return em;
}

/**
 * Verification of RFC 8017 §8.2.2 steps 3–4: re-encode and compare the whole block (the cached
 * encoding up to the digest, then the digest). Comparing encodings (rather than parsing EM) is what
 * §8.2.2 prescribes and what keeps BERserk-style parsing flaws out; DigestInfo without the NULL
 * parameters is therefore refused.
 */
export function emsaPkcs1v15Verify(hashBits: number, digest: Uint8Array, em: Uint8Array): boolean {
  const prefix = encodedPrefix(hashBits, em.length);
  let diff = 0;
  for (let i = 0; i < prefix.length; i++) diff |= em[i]! ^ prefix[i]!;
  for (let i = 0; i < digest.length; i++) diff |= em[prefix.length + i]! ^ digest[i]!;
  return diff === 0;
}

/** MGF1 (RFC 8017 Appendix B.2.1): Hash(seed ‖ C) for C = 0, 1, … truncated to `maskLen`, XORed into `out`. */
function mgf1Xor(hash: HashFn, seed: Uint8Array, out: Uint8Array, maskLen: number): void {
  const input = new Uint8Array(seed.length + 4);
  input.set(seed);
  for (let counter = 0, done = 0; done < maskLen; counter++) {
    input[seed.length] = counter >>> 24;
    input[seed.length + 1] = (counter >>> 16) & 0xff;
    input[seed.length + 2] = (counter >>> 8) & 0xff;
    input[seed.length + 3] = counter & 0xff;
    const block = hash(input);
    for (let i = 0; i < block.length && done < maskLen; i++, done++) out[done] = out[done]! ^ block[i]!;
  }
}

/** H = Hash(0x00 × 8 ‖ mHash ‖ salt): M' of RFC 8017 §9.1.1 steps 5–6. */
function pssHash(hash: HashFn, digest: Uint8Array, salt: Uint8Array): Uint8Array {
  const mPrime = new Uint8Array(8 + digest.length + salt.length);
  mPrime.set(digest, 8);
  mPrime.set(salt, 8 + digest.length);
  return hash(mPrime);
}

/**
 * EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with emBits = modBits − 1, returned left-padded to `k` bytes
 * (the integer I2OSP would give: RSASP1 takes it as is). The salt length is the hash length
 * (RFC 7518 §3.5); the caller supplies fresh random salt.
 */
export function emsaPssEncode(hash: HashFn, digest: Uint8Array, salt: Uint8Array, modBits: number, k: number): Uint8Array {
  const hLen = digest.length;
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  // Step 3: emLen ≥ hLen + sLen + 2 holds for every hash with moduli of 2048 bits or more.
  const h = pssHash(hash, digest, salt);
  const out = new Uint8Array(k);
  const em = out.subarray(k - emLen);
  const dbLen = emLen - hLen - 1;
  // Steps 7–8: DB = PS ‖ 0x01 ‖ salt.
  em[dbLen - salt.length - 1] = 0x01;
  em.set(salt, dbLen - salt.length);
  // Steps 9–10: maskedDB = DB ⊕ MGF1(H); step 11 clears the bits above emBits.
  mgf1Xor(hash, h, em, dbLen);
  em[0] = em[0]! & (0xff >>> (8 * emLen - emBits));
  // Step 12: EM = maskedDB ‖ H ‖ 0xbc.
  em.set(h, dbLen);
  em[emLen - 1] = 0xbc;
  return out;
}

/**
 * EMSA-PSS-VERIFY (RFC 8017 §9.1.2) of the k-byte RSAVP1 output `m` with sLen = hLen. Variable
 * time: every input is public.
 */
export function emsaPssVerify(hash: HashFn, digest: Uint8Array, m: Uint8Array, modBits: number): boolean {
  const hLen = digest.length;
  const sLen = hLen;
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  // RFC 8017 §8.1.2 step 2c: I2OSP(m, emLen) fails when m has more than emLen bytes.
  for (let i = 0; i < m.length - emLen; i++) if (m[i] !== 0) return false;
  const em = m.slice(m.length - emLen);
  if (emLen < hLen + sLen + 2) return false; // step 3
  if (em[emLen - 1] !== 0xbc) return false; // step 4
  const dbLen = emLen - hLen - 1;
  const h = em.subarray(dbLen, dbLen + hLen); // step 5
  const topMask = 0xff >>> (8 * emLen - emBits);
  if ((em[0]! & ~topMask & 0xff) !== 0) return false; // step 6
  const db = em.slice(0, dbLen);
  mgf1Xor(hash, h, db, dbLen); // steps 7–8
  db[0] = db[0]! & topMask; // step 9
  // Step 10: the emLen − hLen − sLen − 2 leftmost octets are zero, then 0x01.
  const psLen = emLen - hLen - sLen - 2;
  for (let i = 0; i < psLen; i++) if (db[i] !== 0) return false;
  if (db[psLen] !== 0x01) return false;
  const salt = db.subarray(dbLen - sLen);
  const expected = pssHash(hash, digest, salt); // steps 11–13
  let diff = 0;
  for (let i = 0; i < hLen; i++) diff |= expected[i]! ^ h[i]!;
  return diff === 0; // step 14
}
