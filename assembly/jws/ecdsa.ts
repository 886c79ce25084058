/**
 * JWS Compact Serialization with ES256, ES384 or ES512 (the module's curve). https://www.rfc-editor.org/rfc/rfc7518#section-3.4
 *
 * RFC 7515 §5 and RFC 7518 §3.4, fused into one call each way like jws/hmac.ts: the token is
 * assembled, hashed, signed and encoded in wasm.
 * @module
 */

import { base64urlDecode, base64urlEncode, encodedLength } from "../encoding/base64url";
import { CLEN, HASH_BITS } from "../field/curve";
import { shaFinish, shaInit, shaOutput } from "../hash/sha2";
import { ecdsaPrivateValid, ecdsaSign, ecdsaVerifyVartime } from "../sig/ecdsa";
import { QROWS_MAX } from "../curve/weierstrass";
import { wipe } from "../util/ct";
import { ERR_KEY, ERR_LENGTH, ERR_SIGNATURE } from "../util/status";

const DOT: u8 = 0x2e;
const STATE: usize = memory.data(64);
const HASH: usize = memory.data(<i32>CLEN);
const SIG: usize = memory.data(<i32>(CLEN << 1));
/** Digest length; P-521's 66-byte scalars are longer than SHA-512's 64-byte digest. */
const HLEN: usize = <usize>HASH_BITS >> 3;

/**
 * HASH = SHA-256/384/512 of `len` bytes at `msg` (the hash RFC 7518 §3.4 pairs with the curve) as
 * the CLEN-byte big-endian integer bits2int(H) of FIPS 186-5 §6.4.1 step 4: the digest itself,
 * left-padded with zero bytes for P-521 (512 < 521 bits, nothing is truncated). Returns HASH.
 * Constant-time in the message contents.
 */
export function ecdsaHash(msg: usize, len: usize): usize {
  shaInit(HASH_BITS, STATE);
  shaFinish(HASH_BITS, STATE, msg, len, 0);
  if (CLEN > HLEN) memory.fill(HASH, 0, CLEN - HLEN);
  shaOutput(HASH_BITS, STATE, HASH + CLEN - HLEN);
  return HASH;
}

/**
 * Writes `header.b64url(payload).b64url(r ‖ s)` to `out` (RFC 7515 §5.1), signing with the private
 * scalar at `key` (CLEN bytes). Returns the token length, or ERR_KEY when the scalar is not in
 * [1, n−1]. `out` must not overlap the inputs and must hold
 * `headerLen + 1 + 4⌈payloadLen/3⌉ + 1 + 176` bytes. Constant-time in the key.
 */
export function jwsEcdsaSign(key: usize, header: usize, headerLen: usize, payload: usize, payloadLen: usize, out: usize): i32 {
  if (ecdsaPrivateValid(key) == 0) return ERR_KEY;
  memory.copy(out, header, headerLen);
  store<u8>(out + headerLen, DOT);
  let end = out + headerLen + 1;
  end += base64urlEncode(payload, payloadLen, end);
  ecdsaSign(key, ecdsaHash(out, end - out), SIG);
  store<u8>(end, DOT);
  end += 1;
  end += base64urlEncode(SIG, 2 * CLEN, end);
  wipe(SIG, 2 * CLEN);
  return <i32>(end - out);
}

/**
 * Verifies the token of `len` bytes at `token` (dots at `dot1`, `dot2`, checked here) against the
 * public key's verification table at `table` (from ecPrecomputeVartime), or when `table` is 0
 * the public key x ‖ y at `pub`, and on success decodes the payload to `out`. Returns the payload
 * length, ERR_SIGNATURE, ERR_LENGTH or ERR_BASE64. The signature segment must decode to exactly
 * 2·CLEN bytes (RFC 7518 §3.4). Variable-time: public inputs only.
 */
export function jwsEcdsaVerifyVartime(pub: usize, table: usize, token: usize, len: usize, dot1: usize, dot2: usize, out: usize): i32 {
  if (dot1 == 0 || dot1 >= dot2 || dot2 >= len) return ERR_LENGTH;
  if (load<u8>(token + dot1) != DOT || load<u8>(token + dot2) != DOT) return ERR_LENGTH;
  const sigLen = len - dot2 - 1;
  const want = CLEN << 1;
  if (sigLen != encodedLength(want)) return ERR_SIGNATURE;
  if (base64urlDecode(token + dot2 + 1, sigLen, SIG) != <i32>want) return ERR_SIGNATURE;
  if (ecdsaVerifyVartime(pub, table, QROWS_MAX, ecdsaHash(token, dot2), SIG, want) == 0) return ERR_SIGNATURE;
  return base64urlDecode(token + dot1 + 1, dot2 - dot1 - 1, out);
}
