/**
 * base64url without padding, RFC 4648 §5 and RFC 7515 §2 ("Base64url Encoding").
 *
 * Decoding is strict: only the 64 alphabet characters, no `=` or whitespace, a length that is not
 * 1 mod 4, and zero unused trailing bits (RFC 4648 §3.5 canonical encoding), so every byte string
 * has exactly one accepted text. Table lookups index by the encoded character: variable-time in
 * the data, which is public here (token segments).
 * @module
 */

import { ERR_BASE64 } from "../util/status";

const ALPHABET: usize = memory.data<u8>([
  65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90,
  97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117,
  118, 119, 120, 121, 122, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 45, 95,
]);

/** Character → 6-bit value, 0xff for every byte outside the alphabet. */
const DECODE: usize = buildDecodeTable();

function buildDecodeTable(): usize {
  const table = memory.data(256);
  memory.fill(table, 0xff, 256);
  for (let i: usize = 0; i < 64; i++) store<u8>(table + <usize>load<u8>(ALPHABET + i), <u8>i);
  return table;
}

/** Length of the unpadded encoding of `n` bytes. */
// @ts-ignore: decorator
@inline export function encodedLength(n: usize): usize {
  return (n / 3) * 4 + ((n % 3) * 4 + 2) / 3;
}

/** Encodes `len` bytes at `src` to `dst`; returns the number of characters written. */
export function base64urlEncode(src: usize, len: usize, dst: usize): usize {
  let s = src;
  let d = dst;
  const end = src + len - (len % 3);
  while (s < end) {
    const v = (<u32>load<u8>(s) << 16) | (<u32>load<u8>(s, 1) << 8) | <u32>load<u8>(s, 2);
    store<u8>(d, load<u8>(ALPHABET + (v >>> 18)));
    store<u8>(d, load<u8>(ALPHABET + ((v >>> 12) & 63)), 1);
    store<u8>(d, load<u8>(ALPHABET + ((v >>> 6) & 63)), 2);
    store<u8>(d, load<u8>(ALPHABET + (v & 63)), 3);
    s += 3;
    d += 4;
  }
  const rest = len % 3;
  if (rest == 1) {
    const v = <u32>load<u8>(s);
    store<u8>(d, load<u8>(ALPHABET + (v >>> 2)));
    store<u8>(d, load<u8>(ALPHABET + ((v << 4) & 63)), 1);
    d += 2;
  } else if (rest == 2) {
    const v = (<u32>load<u8>(s) << 8) | <u32>load<u8>(s, 1);
    store<u8>(d, load<u8>(ALPHABET + (v >>> 10)));
    store<u8>(d, load<u8>(ALPHABET + ((v >>> 4) & 63)), 1);
    store<u8>(d, load<u8>(ALPHABET + ((v << 2) & 63)), 2);
    d += 3;
  }
  return d - dst;
}

// @ts-ignore: decorator
@inline function sextet(p: usize): u32 {
  return <u32>load<u8>(DECODE + <usize>load<u8>(p));
}

/**
 * Decodes `len` characters at `src` to `dst` (which may equal `src`: output never overtakes
 * input). Returns the number of bytes written, or ERR_BASE64 for any non-canonical input.
 */
export function base64urlDecode(src: usize, len: usize, dst: usize): i32 {
  const rest = len & 3;
  if (rest == 1) return ERR_BASE64;
  let s = src;
  let d = dst;
  const end = src + len - rest;
  // Any 0xff sextet sets bit 7+ in `bad`; checked once at the end (no branch per character).
  let bad: u32 = 0;
  while (s < end) {
    const a = sextet(s), b = sextet(s + 1), c = sextet(s + 2), e = sextet(s + 3);
    bad |= a | b | c | e;
    const v = (a << 18) | (b << 12) | (c << 6) | e;
    store<u8>(d, <u8>(v >>> 16));
    store<u8>(d, <u8>(v >>> 8), 1);
    store<u8>(d, <u8>v, 2);
    s += 4;
    d += 3;
  }
  if (rest == 2) {
    const a = sextet(s), b = sextet(s + 1);
    bad |= a | b;
    if ((b & 15) != 0) return ERR_BASE64; // RFC 4648 §3.5: unused bits must be zero
    store<u8>(d, <u8>((a << 2) | (b >>> 4)));
    d += 1;
  } else if (rest == 3) {
    const a = sextet(s), b = sextet(s + 1), c = sextet(s + 2);
    bad |= a | b | c;
    if ((c & 3) != 0) return ERR_BASE64;
    const v = (a << 10) | (b << 4) | (c >>> 2);
    store<u8>(d, <u8>(v >>> 8));
    store<u8>(d, <u8>v, 1);
    d += 2;
  }
  if (bad > 63) return ERR_BASE64;
  return <i32>(d - dst);
}
