/**
 * The RSA primitives on the wasm big-integer core (assembly/bigint/): RSAVP1 for verification and
 * blinded CRT RSASP1 for signing (RFC 8017 §5.2). This file prepares each key's Montgomery
 * parameters once and moves them through the scratch region per operation, wiping it afterwards.
 * @module
 */

import { KeyError } from '../core/errors.js';
import { bytesToBigInt, concatBytes } from '../core/bytes.js';

/** Big-endian magnitudes (no leading zero bytes) of the RSA key components (RFC 8017 §3.1, §3.2). */
export interface RsaPublicComponents {
  readonly n: Uint8Array;
  readonly e: Uint8Array;
}

export interface RsaPrivateComponents extends RsaPublicComponents {
  readonly d: Uint8Array;
  readonly p: Uint8Array;
  readonly q: Uint8Array;
  readonly dp: Uint8Array;
  readonly dq: Uint8Array;
  readonly qi: Uint8Array;
}

/** What the wasm operations read of an RSA key, and the public blob they cache on it. */
export interface RsaWasmKey {
  readonly pub: RsaPublicComponents;
  /** Modulus length in bits and bytes (RFC 8017 §5.2.1 `k`). */
  readonly bits: number;
  readonly k: number;
  /** Public exponent as a number (the wasm public operation takes a u32). */
  readonly e: number;
  wasmPublic?: Uint8Array;
}
import { rsaModule } from './modules/rsa.js';

/** Bits per limb of the wasm big integers (assembly/bigint/mont.ts LIMB_BITS). */
const LIMB_BITS = 27;

/** `x` as `limbs` little-endian limbs of `bits` bits (27 unless given), one per 32-bit word (the wasm layout). */
function limbBytes(x: bigint, limbs: number, bits = LIMB_BITS): Uint8Array {
  const words = new Uint32Array(limbs);
  const mask = (1n << BigInt(bits)) - 1n;
  for (let i = 0; i < limbs && x > 0n; i++, x >>= BigInt(bits)) words[i] = Number(x & mask);
  const out = new Uint8Array(words.buffer);
  // Uint32Array is platform-endian; wasm memory is little-endian.
  if (new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1) for (let i = 0; i < out.length; i += 4) out.subarray(i, i + 4).reverse();
  return out;
}

/** R² mod m for R = 2^(bits·limbs), 27-bit limbs unless given. */
const r2 = (m: bigint, limbs: number, bits = LIMB_BITS): bigint => (1n << BigInt(2 * bits * limbs)) % m;

const bitLen = (x: bigint): number => x.toString(2).length;

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let r = 1n;
  for (let b = base % mod, e = exp; e > 0n; e >>= 1n, b = (b * b) % mod) if (e & 1n) r = (r * b) % mod;
  return r;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, t0, t1] = [m, a % m, 0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  if (r0 !== 1n) throw new KeyError('blinding value not invertible');
  return t0 < 0n ? t0 + m : t0;
}

/**
 * Limbs for a modulus of `bits` bits with two to spare: lazy Montgomery reduction (mont.ts) needs
 * 4m < R. For 2048-bit keys this is the same 76 limbs (38 per prime) as without the spare bits.
 */
const limbsFor = (bits: number, limbBits = LIMB_BITS): number => Math.ceil((bits + 2) / limbBits);

/**
 * The radix of the Montgomery loops that allow a choice (RSAVP1 and the paired CRT
 * exponentiations, assembly/bigint/rsa.ts and crt2.ts) for a modulus of `bits` bits: 28-bit limbs
 * where a column's 2n products of up to 56 bits still fit in 64 bits (n ≤ 127 limbs, moduli up to
 * 3554 bits), else 27-bit ones. Fewer limbs, fewer products: 74 instead of 76 for a 2048-bit
 * modulus, 37 instead of 38 per 1024-bit prime (measured: about 4 % less time per signature and
 * per verification).
 */
function radixFor(bits: number): { limbBits: number; limbs: number } {
  const limbs = limbsFor(bits, 28);
  return limbs <= 127 ? { limbBits: 28, limbs } : { limbBits: LIMB_BITS, limbs: limbsFor(bits) };
}

const limbCount = (m: RsaWasmKey): number => limbsFor(m.bits);

/** n ‖ R² mod n in the key's radix (radixFor): the public parameters of RSAVP1, computed once per key. */
function publicBlob(m: RsaWasmKey, { limbBits, limbs }: { limbBits: number; limbs: number }): Uint8Array {
  if (m.wasmPublic === undefined) {
    const n = bytesToBigInt(m.pub.n);
    m.wasmPublic = concatBytes(limbBytes(n, limbs, limbBits), limbBytes(r2(n, limbs, limbBits), limbs, limbBits));
  }
  return m.wasmPublic;
}

/**
 * A fresh blinding pair (r^e, r⁻¹) mod n for a random unit r. Computed with JavaScript bigints,
 * whose timing may depend on r; r is random, never reused as such (the wasm code squares the pair
 * after each signature), and independent of the key's secrets.
 */
function blindingPair(n: bigint, e: number, k: number): [bigint, bigint] {
  for (;;) {
    const r = bytesToBigInt(crypto.getRandomValues(new Uint8Array(k + 8))) % n;
    if (r < 2n) continue;
    try {
      return [modPow(r, BigInt(e), n), modInverse(r, n)];
    } catch {
      // r shares a factor with n: astronomically unlikely; draw again.
    }
  }
}

interface PrivateLayout {
  readonly blob: Uint8Array;
  readonly L: number;
  readonly H: number;
  /** Limb width and count of the paired CRT exponentiations (radixFor). */
  readonly pairBits: number;
  readonly pairLimbs: number;
  /** Signatures since the blinding pair was drawn (it is redrawn every BLINDING_REFRESH). */
  uses: number;
}

/** Squaring updates are cheap but deterministic; a fresh pair every 32 uses, as OpenSSL's BN_BLINDING_COUNTER. */
const BLINDING_REFRESH = 32;

const privateLayouts = new WeakMap<RsaWasmKey, PrivateLayout>();

/**
 * The key blob of `rsaPrivate` (assembly/bigint/rsa.ts): n, R² mod n, A, B, then p, R² mod p, q,
 * R² mod q, dp, dq, qInv, then p, R'² mod p, q, R'² mod q in the radix of radixFor. Built once
 * per key with JavaScript bigints, whose `%` is not constant-time in p and q: a one-time cost at
 * first use, like OpenSSL's Montgomery context set-up, that a remote timer sees once, never per
 * signature. Kept in the key's private state. Exported only for the fault-check test.
 */
export function privateLayout(m: RsaWasmKey, priv: RsaPrivateComponents): PrivateLayout {
  let layout = privateLayouts.get(m);
  if (layout === undefined) {
    const L = limbCount(m);
    const [n, p, q, dp, dq, qi] = [priv.n, priv.p, priv.q, priv.dp, priv.dq, priv.qi].map(bytesToBigInt) as [
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
    ];
    const primeBits = Math.max(bitLen(p), bitLen(q));
    const H = Math.max(limbsFor(primeBits), Math.ceil(L / 2));
    const { limbBits: pairBits, limbs: pairLimbs } = radixFor(primeBits);
    const [a, b] = blindingPair(n, m.e, m.k);
    const blob = concatBytes(
      limbBytes(n, L),
      limbBytes(r2(n, L), L),
      limbBytes(a, L),
      limbBytes(b, L),
      limbBytes(p, H),
      limbBytes(r2(p, H), H),
      limbBytes(q, H),
      limbBytes(r2(q, H), H),
      limbBytes(dp, H),
      limbBytes(dq, H),
      limbBytes(qi, H),
      limbBytes(p, H, pairBits),
      limbBytes(r2(p, pairLimbs, pairBits), H, pairBits),
      limbBytes(q, H, pairBits),
      limbBytes(r2(q, pairLimbs, pairBits), H, pairBits),
    );
    layout = { blob, L, H, pairBits, pairLimbs, uses: 0 };
    privateLayouts.set(m, layout);
  }
  return layout;
}

/**
 * RSAVP1 (RFC 8017 §5.2.2): s^e mod n as k bytes, or null when s ≥ n or its length is not k
 * (RFC 8017 §8.1.2 step 1, §8.2.2 step 1). Variable-time: public inputs only.
 */
export function rsaVerifyPrimitive(m: RsaWasmKey, signature: Uint8Array): Uint8Array | null {
  if (signature.length !== m.k) return null;
  const rt = rsaModule.runtime;
  const radix = radixFor(m.bits);
  const { limbBits, limbs: L } = radix;
  const blob = publicBlob(m, radix);
  rt.reserve(blob.length + 2 * m.k);
  const base = rt.base;
  rt.u8.set(blob, base);
  const sig = base + blob.length;
  rt.u8.set(signature, sig);
  const out = sig + m.k;
  const status = rt.exports.rsaPublicVartime(base, base + 4 * L, L, m.e, sig, m.k, out, limbBits);
  return status === 0 ? rt.u8.slice(out, out + m.k) : null;
}

/**
 * RSASP1 (RFC 8017 §5.2.1) of the k-byte representative `em`: blinded CRT exponentiation in
 * constant time, checked against the public exponent in wasm before it is returned.
 */
export function rsaSignPrimitive(m: RsaWasmKey, priv: RsaPrivateComponents, em: Uint8Array): Uint8Array {
  const rt = rsaModule.runtime;
  const layout = privateLayout(m, priv);
  const { blob, L, H, pairBits, pairLimbs } = layout;
  if (++layout.uses > BLINDING_REFRESH) {
    const [a, b] = blindingPair(bytesToBigInt(priv.n), m.e, m.k);
    blob.set(limbBytes(a, L), 8 * L);
    blob.set(limbBytes(b, L), 12 * L);
    layout.uses = 1;
  }
  rt.reserve(blob.length + 2 * m.k);
  const base = rt.base;
  const msg = base + blob.length;
  const out = msg + m.k;
  let status: number;
  let signature: Uint8Array;
  try {
    rt.u8.set(blob, base);
    rt.u8.set(em, msg);
    status = rt.exports.rsaPrivate(base, L, H, m.e, msg, m.k, out, pairBits, pairLimbs);
    // Keep the updated blinding pair (A, B follow n and R² mod n).
    blob.set(rt.u8.subarray(base + 8 * L, base + 16 * L), 8 * L);
    signature = rt.u8.slice(out, out + m.k);
  } finally {
    // p, q, dp, dq, qInv and R² mod p/q leave scratch even if the call traps (STYLE.md §7); the
    // wasm side wipes its own buffers (assembly/bigint/rsa.ts, crt2.ts crt2Wipe).
    rt.u8.fill(0, base, out + m.k);
  }
  if (status !== 0) throw new KeyError('the RSA signature failed its consistency check and was withheld');
  return signature;
}
