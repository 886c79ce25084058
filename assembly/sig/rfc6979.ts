/**
 * Deterministic ECDSA nonces, RFC 6979 §3.2 (HMAC-DRBG of NIST SP 800-90A with HMAC-SHA-2), for the
 * pairs JWS uses (RFC 7518 §3.4), where the hash length equals the order length (hlen = qlen:
 * SHA-256 with P-256, SHA-384 with P-384), so one HMAC output is one candidate (§3.2 step h.2)
 * and bits2int needs no shift (§2.3.2). https://www.rfc-editor.org/rfc/rfc6979#section-3.2
 * Constant-time in the key and the message hash.
 * @module
 */

import { hmacCompute, hmacPrepareKey } from "../hash/hmac";
import { digestLength } from "../hash/sha2";
import { wipe } from "../util/ct";

/** K and V of §3.2 (up to 48 bytes each). */
const K: usize = memory.data(64);
const V: usize = memory.data(64);
/** HMAC midstates of the current K (inner ‖ outer, up to 128 bytes). */
const KSTATE: usize = memory.data(128);
/** V ‖ 0x0? ‖ int2octets(x) ‖ bits2octets(h1): at most 48 + 1 + 48 + 48 bytes. */
const INPUT: usize = memory.data(160);

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
 * §3.2 steps b–g: seeds the generator with the private key x and bits2octets(h1) (both `hlen`
 * big-endian bytes, h1 already reduced mod q by the caller).
 */
export function rfc6979Init(bits: i32, x: usize, h1: usize): void {
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
  memory.copy(INPUT + hlen + 1, x, hlen);
  memory.copy(INPUT + hlen + 1 + hlen, h1, hlen);
  updateK(0x00, 2 * hlen); // step d
  updateV(); // step e
  memory.copy(INPUT + hlen + 1, x, hlen);
  memory.copy(INPUT + hlen + 1 + hlen, h1, hlen);
  updateK(0x01, 2 * hlen); // step f
  updateV(); // step g
  wipe(INPUT, 160);
}

/** §3.2 step h.2: V = HMAC_K(V), T = V; writes the `hlen`-byte candidate to `out`. */
export function rfc6979Generate(out: usize): void {
  updateV();
  memory.copy(out, V, hlen);
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
  wipe(INPUT, 160);
}
