/**
 * JWS Compact Serialization with ES256 and ES384. https://www.rfc-editor.org/rfc/rfc7518#section-3.4
 *
 * RFC 7515 §5 and RFC 7518 §3.4, fused into one call each way like jws/hmac.ts: the token is
 * assembled, hashed, signed and encoded in wasm.
 * @module
 */

import { base64urlDecode, base64urlEncode, encodedLength } from "../encoding/base64url";
import { curveHashBits, curveKnown, curveLen } from "../field/nist";
import { shaFinish, shaInit, shaOutput } from "../hash/sha2";
import { ecdsaSign, ecdsaVerifyVartime } from "../sig/ecdsa";
import { QROWS_MAX } from "../curve/weierstrass";
import { wipe } from "../util/ct";
import { ERR_ALGORITHM, ERR_LENGTH, ERR_SIGNATURE } from "../util/status";

const DOT: u8 = 0x2e;
const STATE: usize = memory.data(64);
const HASH: usize = memory.data(64);
const SIG: usize = memory.data(96);

/**
 * HASH = SHA-256/384 of `len` bytes at `msg`, the hash RFC 7518 §3.4 pairs with the curve; returns
 * HASH. Constant-time in the message contents.
 */
export function ecdsaHash(c: i32, msg: usize, len: usize): usize {
  const bits = curveHashBits(c);
  shaInit(bits, STATE);
  shaFinish(bits, STATE, msg, len, 0);
  shaOutput(bits, STATE, HASH);
  return HASH;
}

/**
 * Writes `header.b64url(payload).b64url(r ‖ s)` to `out` (RFC 7515 §5.1), signing with the private
 * scalar at `key` (curveLen bytes, valid). Returns the token length or ERR_ALGORITHM. `out` must not
 * overlap the inputs and must hold `headerLen + 1 + 4⌈payloadLen/3⌉ + 1 + 128` bytes.
 * Constant-time in the key.
 */
export function jwsEcdsaSign(c: i32, key: usize, header: usize, headerLen: usize, payload: usize, payloadLen: usize, out: usize): i32 {
  if (!curveKnown(c)) return ERR_ALGORITHM;
  memory.copy(out, header, headerLen);
  store<u8>(out + headerLen, DOT);
  let end = out + headerLen + 1;
  end += base64urlEncode(payload, payloadLen, end);
  ecdsaSign(c, key, ecdsaHash(c, out, end - out), SIG);
  store<u8>(end, DOT);
  end += 1;
  end += base64urlEncode(SIG, 2 * curveLen(c), end);
  wipe(SIG, 96);
  return <i32>(end - out);
}

/**
 * Verifies the token of `len` bytes at `token` (dots at `dot1`, `dot2`, checked here) against the
 * public key's verification table at `table` (from ecPrecomputeVartime), or when `table` is 0
 * the public key x ‖ y at `pub`, and on success decodes the payload to `out`. Returns the payload
 * length, ERR_SIGNATURE, ERR_LENGTH or ERR_BASE64. The signature segment must decode to exactly
 * 2·curveLen bytes (RFC 7518 §3.4). Variable-time: public inputs only.
 */
export function jwsEcdsaVerifyVartime(c: i32, pub: usize, table: usize, token: usize, len: usize, dot1: usize, dot2: usize, out: usize): i32 {
  if (!curveKnown(c)) return ERR_ALGORITHM;
  if (dot1 == 0 || dot1 >= dot2 || dot2 >= len) return ERR_LENGTH;
  if (load<u8>(token + dot1) != DOT || load<u8>(token + dot2) != DOT) return ERR_LENGTH;
  const sigLen = len - dot2 - 1;
  const want = curveLen(c) << 1;
  if (sigLen != encodedLength(want)) return ERR_SIGNATURE;
  if (base64urlDecode(token + dot2 + 1, sigLen, SIG) != <i32>want) return ERR_SIGNATURE;
  if (ecdsaVerifyVartime(c, pub, table, QROWS_MAX, ecdsaHash(c, token, dot2), SIG, want) == 0) return ERR_SIGNATURE;
  return base64urlDecode(token + dot1 + 1, dot2 - dot1 - 1, out);
}
