/**
 * Deterministic ECDSA nonces, RFC 6979 §3.2 (HMAC-DRBG of NIST SP 800-90A with HMAC-SHA-2), for the
 * pairs JWS uses (RFC 7518 §3.4). With SHA-256/P-256 and SHA-384/P-384 the hash length equals the
 * order length, so one HMAC output is one candidate; with SHA-512/P-521 (qlen = 521, rlen = 66
 * bytes) a candidate takes two outputs (§3.2 step h.2) and bits2int keeps its leftmost 521 bits,
 * a right shift by 7 (§2.3.2). https://www.rfc-editor.org/rfc/rfc6979#section-3.2
 * Constant-time in the key and the message hash.
 * @module
 */

import { hmacCompute, hmacPrepareKey } from "../hash/hmac";
import { digestLength } from "../hash/sha2";
import { wipe } from "../util/ct";

/** K and V of §3.2 (up to 64 bytes each). */
const K: usize = memory.data(64);
const V: usize = memory.data(64);
/** HMAC midstates of the current K (inner ‖ outer, up to 128 bytes). */
const KSTATE: usize = memory.data(128);
/** V ‖ 0x0? ‖ int2octets(x) ‖ bits2octets(h1): at most 64 + 1 + 66 + 66 bytes. */
const INPUT: usize = memory.data(200);
/** T of step h.2: up to two HMAC outputs. */
const TBUF: usize = memory.data(128);

let hashBits: i32 = 256;
let hlen: usize = 32;
/** HMAC midstates of the all-zero initial K (step c), a public constant: computed once per hash. */
const KZERO: usize = memory.data(3 * 128);
let kzeroReady: u32 = 0;

/** K = HMAC_K(V ‖ sep ‖ extra), where `extra` (x ‖ h1, `extraLen` bytes) already sits after V ‖ sep in INPUT. */
function updateK(sep: u8, extraLen: usize): void {
  memory.copy(INPUT, V, hlen);
  store<u8>(INPUT + hlen, sep);
  hmacCompute(hashBits, KSTATE, INPUT, hlen + 1 + extraLen, K);
  hmacPrepareKey(hashBits, K, hlen, KSTATE);
}

/** V = HMAC_K(V). */
function updateV(): void {
  hmacCompute(hashBits, KSTATE, V, hlen, V);
}

/**
 * §3.2 steps b–g: seeds the generator with the private key x and bits2octets(h1) (both `rlen`
 * big-endian bytes, int2octets of §2.3.3; h1 already reduced mod q by the caller).
 */
export function rfc6979Init(bits: i32, x: usize, h1: usize, rlen: usize): void {
  hashBits = bits;
  hlen = digestLength(bits);
  memory.fill(V, 0x01, hlen); // step b
  memory.fill(K, 0x00, hlen); // step c
  const index: u32 = bits == 256 ? 0 : bits == 384 ? 1 : 2;
  const slot: u32 = 1 << index;
  const kzero = KZERO + <usize>index * 128;
  if ((kzeroReady & slot) == 0) {
    hmacPrepareKey(bits, K, hlen, kzero);
    kzeroReady |= slot;
  }
  memory.copy(KSTATE, kzero, 128);
  memory.copy(INPUT + hlen + 1, x, rlen);
  memory.copy(INPUT + hlen + 1 + rlen, h1, rlen);
  updateK(0x00, 2 * rlen); // step d
  updateV(); // step e
  memory.copy(INPUT + hlen + 1, x, rlen);
  memory.copy(INPUT + hlen + 1 + rlen, h1, rlen);
  updateK(0x01, 2 * rlen); // step f
  updateV(); // step g
  wipe(INPUT, 200);
}

/**
 * §3.2 step h.2: T = V₁ ‖ V₂ ‖ … (V = HMAC_K(V) each) until T has qlen = 8·rlen − shift bits, then
 * k = bits2int(T), its leftmost qlen bits (§2.3.2), written as `rlen` big-endian bytes to `out`.
 * The loop bounds depend only on the public sizes.
 */
export function rfc6979Generate(out: usize, rlen: usize, shift: u32): void {
  const qbits = (rlen << 3) - <usize>shift;
  let t: usize = 0;
  while ((t << 3) < qbits) {
    updateV();
    memory.copy(TBUF + t, V, hlen);
    t += hlen;
  }
  if (shift == 0) {
    memory.copy(out, TBUF, rlen);
  } else {
    for (let i = <isize>rlen - 1; i > 0; i--) {
      store<u8>(out + i, <u8>((<u32>load<u8>(TBUF + i) >> shift) | (<u32>load<u8>(TBUF + i - 1) << (8 - shift))));
    }
    store<u8>(out, <u8>(<u32>load<u8>(TBUF) >> shift));
  }
  wipe(TBUF, 128);
}

/** §3.2 step h.3, after a rejected candidate: K = HMAC_K(V ‖ 0x00), V = HMAC_K(V). */
export function rfc6979Reseed(): void {
  updateK(0x00, 0);
  updateV();
}

/** Wipes the generator state. */
export function rfc6979Wipe(): void {
  wipe(K, 64);
  wipe(V, 64);
  wipe(KSTATE, 128);
  wipe(INPUT, 200);
}
