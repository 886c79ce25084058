/**
 * Secret-residue scanning of the wasm linear memory (STYLE.md §7, DESIGN.md "The wasm boundary":
 * scratch that held a secret is zeroed after each operation, and key state lives in the
 * TypeScript key object, never in wasm memory between calls).
 *
 * A secret is described by the byte strings it can take in memory: big- and little-endian bytes,
 * the 27-bit limb words of the RSA core, the pair layout of its CRT code. Every 16-byte window of
 * each form is looked for at every byte offset of linear memory.
 * @module
 */

import { WASM_MODULES } from './modules.js';

/** Window length: long enough that a random hit is impossible, short enough to catch partial copies. */
export const WINDOW = 16;

export type Secrets = Record<string, Uint8Array>;

/**
 * A window worth looking for: low-entropy windows (padding, zero limbs, the bytes of ipad) are
 * public. Five distinct byte values still admit two 21-bit limbs held as i64 (scalar25519.ts).
 */
function informative(window: Uint8Array): boolean {
  return new Set(window).size >= 5;
}

/** The labels (`name@module:offset`) of every secret window found in the linear memory of any wasm module. */
export function findResidues(secrets: Secrets): string[] {
  const index = new Map<string, string>();
  const firstWords = new Set<number>();
  for (const [name, bytes] of Object.entries(secrets)) {
    for (let i = 0; i + WINDOW <= bytes.length; i++) {
      const w = bytes.subarray(i, i + WINDOW);
      if (!informative(w)) continue;
      index.set(Buffer.from(w).toString('latin1'), name);
      firstWords.add((w[0]! | (w[1]! << 8) | (w[2]! << 16) | (w[3]! << 24)) >>> 0);
    }
  }
  const found = new Map<string, string>();
  for (const module of WASM_MODULES) {
    const mem = new Uint8Array(module.runtime.exports.memory.buffer);
    const view = Buffer.from(mem.buffer, mem.byteOffset, mem.byteLength);
    for (let i = 0; i + WINDOW <= mem.length; i++) {
      const word = (mem[i]! | (mem[i + 1]! << 8) | (mem[i + 2]! << 16) | (mem[i + 3]! << 24)) >>> 0;
      if (!firstWords.has(word)) continue;
      const name = index.get(view.toString('latin1', i, i + WINDOW));
      if (name !== undefined && !found.has(name)) found.set(name, `${module.name}:${i}`);
    }
  }
  return [...found].map(([name, at]) => `${name}@${at}`);
}

// ---- the forms a secret takes -------------------------------------------------------------------

export const bigFromBytes = (b: Uint8Array): bigint => (b.length === 0 ? 0n : BigInt(`0x${Buffer.from(b).toString('hex')}`));

export function bytesBE(x: bigint, len: number): Uint8Array {
  return Uint8Array.from(Buffer.from(x.toString(16).padStart(2 * len, '0'), 'hex'));
}

export const bytesLE = (x: bigint, len: number): Uint8Array => bytesBE(x, len).reverse();

/**
 * `x` as `n` little-endian limbs of `bits` bits, one per 32-bit word: 27 for the RSA core
 * (assembly/bigint/mont.ts), 29 for the P-256/P-384 scalars, 30 for safegcd inversion.
 */
export function limbs(x: bigint, n: number, bits = 27): Uint32Array {
  const out = new Uint32Array(n);
  const width = BigInt(bits);
  for (let i = 0; i < n; i++, x >>= width) out[i] = Number(x & ((1n << width) - 1n));
  return out;
}

/** Little-endian bytes of 32-bit words (wasm memory order). */
export function wordBytes(words: Uint32Array): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < words.length; i++) dv.setUint32(4 * i, words[i]!, true);
  return out;
}

/** Pair layout of assembly/bigint/crt2.ts: limb j of a at word 2j, limb j of b at word 2j + 1. */
export function pairWords(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(2 * a.length);
  for (let j = 0; j < a.length; j++) {
    out[2 * j] = a[j]!;
    out[2 * j + 1] = b[j]!;
  }
  return out;
}

/** Limb order reversed (mont.ts MREV), or limb pairs reversed (crt2.ts MREV2) when `stride` is 2. */
export function reversed(words: Uint32Array, stride = 1): Uint32Array {
  const out = new Uint32Array(words.length);
  const n = words.length / stride;
  for (let k = 0; k < n; k++) for (let s = 0; s < stride; s++) out[k * stride + s] = words[(n - 1 - k) * stride + s]!;
  return out;
}

/** Byte forms of a big integer of `len` bytes: big-endian and little-endian. */
export function integerForms(name: string, x: bigint, len: number): Secrets {
  return { [`${name} (BE)`]: bytesBE(x, len), [`${name} (LE)`]: bytesLE(x, len) };
}

/**
 * The forms of a P-256/P-384 scalar (`limbCount` 29-bit limbs, Montgomery R = 2^(29·limbCount),
 * assembly/field/p256.ts and p384.ts): bytes, limbs, Montgomery-form limbs, 30-bit safegcd limbs.
 */
export function scalarForms(name: string, x: bigint, len: number, n: bigint, limbCount: number): Secrets {
  const mont = (x << BigInt(29 * limbCount)) % n;
  return {
    ...integerForms(name, x, len),
    [`${name} (29-bit limbs)`]: wordBytes(limbs(x, limbCount, 29)),
    [`${name} (Montgomery limbs)`]: wordBytes(limbs(mont, limbCount, 29)),
    [`${name} (30-bit limbs)`]: wordBytes(limbs(x, Math.ceil((8 * len) / 30) + 1, 30)),
  };
}

/** Bytes of 64-bit little-endian words. */
export function i64Bytes(words: readonly bigint[]): Uint8Array {
  const out = new Uint8Array(words.length * 8);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < words.length; i++) dv.setBigInt64(8 * i, words[i]!, true);
  return out;
}

/**
 * The forms of an Ed25519 scalar (< 2^256): 32 little-endian bytes, 12 limbs of 21 bits as i64
 * (assembly/field/scalar25519.ts), and the 64 signed radix-16 digits of the fixed-base
 * multiplication (assembly/curve/edwards25519.ts, RFC 8032 §5.1.5 A = [s]B, §5.1.6 R = [r]B).
 */
export function ed25519ScalarForms(name: string, x: bigint): Secrets {
  const limbs21: bigint[] = [];
  for (let i = 0, v = x; i < 12; i++, v >>= 21n) limbs21.push(v & ((1n << 21n) - 1n));
  const le = bytesLE(x, 32);
  const digits = new Int8Array(64);
  for (let i = 0; i < 32; i++) {
    digits[2 * i] = le[i]! & 15;
    digits[2 * i + 1] = le[i]! >> 4;
  }
  for (let i = 0, carry = 0; i < 64; i++) {
    const e = digits[i]! + carry;
    carry = (e + 8) >> 4;
    digits[i] = i === 63 ? e : e - (carry << 4);
  }
  return {
    [`${name} (LE)`]: le,
    [`${name} (21-bit limbs)`]: i64Bytes(limbs21),
    [`${name} (radix-16 digits)`]: new Uint8Array(digits.buffer),
  };
}

/** The linear-memory size of every wasm module (allocation-free code leaves all of them unchanged). */
export const wasmMemoryBytes = (): number[] => WASM_MODULES.map((module) => module.runtime.memoryBytes);
