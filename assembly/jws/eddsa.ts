/**
 * JWS Compact Serialization with EdDSA / Ed25519 (RFC 8037 §3.1, RFC 7515 §5), fused into one
 * call each way so a token crosses the wasm boundary once, like jws/hmac.ts.
 * @module
 */

import { base64urlDecode, base64urlEncode } from "../encoding/base64url";
import { ED25519_SIGNATURE, ed25519SignInto, ed25519VerifyWith } from "../sig/eddsa";
import { wipe } from "../util/ct";
import { ERR_LENGTH, ERR_SIGNATURE } from "../util/status";

const DOT: u8 = 0x2e;
/** base64url length of a 64-byte signature. */
const SIGNATURE_CHARS: usize = 86;
const SIG: usize = memory.data(64);

/**
 * Writes `header.b64url(payload).b64url(signature)` to `out`, where `header` is the encoded
 * protected header and `state` the private key state (sig/eddsa.ts). Returns the token length.
 * `out` must not overlap the inputs and must hold `headerLen + 1 + 4⌈payloadLen/3⌉ + 1 + 86` bytes.
 * Constant-time in the key (the lengths are public).
 */
export function jwsEd25519Sign(state: usize, header: usize, headerLen: usize, payload: usize, payloadLen: usize, out: usize): i32 {
  memory.copy(out, header, headerLen);
  store<u8>(out + headerLen, DOT);
  let end = out + headerLen + 1;
  end += base64urlEncode(payload, payloadLen, end);
  ed25519SignInto(SIG, state, out, end - out);
  store<u8>(end, DOT);
  end += 1;
  end += base64urlEncode(SIG, ED25519_SIGNATURE, end);
  wipe(SIG, 64);
  return <i32>(end - out);
}

/**
 * Verifies the token of `len` bytes at `token` (dots at `dot1`, `dot2`, checked here) under the
 * public key state at `state`, and on success decodes the payload segment to `out`. Returns the
 * payload length, ERR_SIGNATURE, ERR_LENGTH or ERR_BASE64. Variable-time: public inputs only.
 */
export function jwsEd25519Verify(state: usize, token: usize, len: usize, dot1: usize, dot2: usize, out: usize): i32 {
  if (dot1 == 0 || dot1 >= dot2 || dot2 >= len) return ERR_LENGTH;
  if (load<u8>(token + dot1) != DOT || load<u8>(token + dot2) != DOT) return ERR_LENGTH;
  if (len - dot2 - 1 != SIGNATURE_CHARS) return ERR_SIGNATURE;
  if (base64urlDecode(token + dot2 + 1, SIGNATURE_CHARS, SIG) != <i32>ED25519_SIGNATURE) return ERR_SIGNATURE;
  if (ed25519VerifyWith(state, token, dot2, SIG) != 0) return ERR_SIGNATURE;
  return base64urlDecode(token + dot1 + 1, dot2 - dot1 - 1, out);
}
