/**
 * JWS Compact Serialization with an HMAC (RFC 7515 §3.1 and §5, RFC 7518 §3.2), fused into one
 * call each way so a token crosses the wasm boundary once.
 * @module
 */

import { base64urlDecode, base64urlEncode, encodedLength } from "../encoding/base64url";
import { digestLength } from "../hash/sha2";
import { hmacCachingStateLength, hmacComputeCachingFirstBlock } from "../hash/hmac";
import { ctEqual, wipe } from "../util/ct";
import { ERR_ALGORITHM, ERR_LENGTH, ERR_SIGNATURE } from "../util/status";

const DOT: u8 = 0x2e;
/** Expected tag; then the tag decoded from the token. */
const TAG: usize = memory.data(64);
const GIVEN: usize = memory.data(64);

/**
 * Length of the key state the two pipelines take (HMAC midstates and a first-block cache: see
 * hash/hmac.ts `hmacComputeCachingFirstBlock`), or ERR_ALGORITHM.
 */
export function jwsHmacStateLength(bits: i32): i32 {
  return digestLength(bits) == 0 ? ERR_ALGORITHM : <i32>hmacCachingStateLength(bits);
}

/**
 * Writes `header.b64url(payload).b64url(HMAC)` to `out`, where `header` is the already encoded
 * protected header (RFC 7515 §5.1 steps 1–6), under the key state at `state` (`jwsHmacStateLength`
 * bytes; its first-block cache is updated in place). Returns the token length or ERR_ALGORITHM.
 * `out` must not overlap the inputs and must hold `headerLen + 1 + 4⌈payloadLen/3⌉ + 1 + 86` bytes.
 */
export function jwsHmacSign(bits: i32, state: usize, header: usize, headerLen: usize, payload: usize, payloadLen: usize, out: usize): i32 {
  const tagLen = digestLength(bits);
  if (tagLen == 0) return ERR_ALGORITHM;
  memory.copy(out, header, headerLen);
  store<u8>(out + headerLen, DOT);
  let end = out + headerLen + 1;
  end += base64urlEncode(payload, payloadLen, end);
  hmacComputeCachingFirstBlock(bits, state, out, end - out, TAG);
  store<u8>(end, DOT);
  end += 1;
  end += base64urlEncode(TAG, tagLen, end);
  wipe(TAG, 64);
  return <i32>(end - out);
}

/**
 * Verifies the token of `len` bytes at `token`, whose two dots the caller located at `dot1` and
 * `dot2` (checked here) under the key state at `state` (as `jwsHmacSign`), and on success decodes
 * the payload segment to `out`. Returns the payload length, ERR_SIGNATURE (tag mismatch or
 * malformed signature segment), ERR_LENGTH or ERR_BASE64.
 * The tag comparison is constant-time; the payload is only decoded after it succeeded.
 */
export function jwsHmacVerify(bits: i32, state: usize, token: usize, len: usize, dot1: usize, dot2: usize, out: usize): i32 {
  const tagLen = digestLength(bits);
  if (tagLen == 0) return ERR_ALGORITHM;
  if (dot1 == 0 || dot1 >= dot2 || dot2 >= len) return ERR_LENGTH;
  if (load<u8>(token + dot1) != DOT || load<u8>(token + dot2) != DOT) return ERR_LENGTH;
  const sigLen = len - dot2 - 1;
  if (sigLen != encodedLength(tagLen)) return ERR_SIGNATURE;
  if (base64urlDecode(token + dot2 + 1, sigLen, GIVEN) != <i32>tagLen) return ERR_SIGNATURE;
  hmacComputeCachingFirstBlock(bits, state, token, dot2, TAG);
  const equal = ctEqual(TAG, GIVEN, tagLen);
  wipe(TAG, 64);
  if (!equal) return ERR_SIGNATURE;
  return base64urlDecode(token + dot1 + 1, dot2 - dot1 - 1, out);
}
