/**
 * NH (RFC 4418 §5.2.2), the verified-token cache's keyed hash (assembly/hash/nh.ts), which every
 * wasm module exports: each module's lanes against a BigInt reference under a known key, over
 * every length 0..300 and the longest cached token; then the cache's use of it: one module, a
 * random key, ASCII only.
 */
import { describe, expect, it } from 'vitest';
import { anyModule, type WasmModule } from '../src/wasm/loader.js';
import { writeUtf8 } from '../src/wasm/text.js';
import { tokenHash } from '../src/wasm/token-hash.js';
import { WASM_MODULES } from './helpers/modules.js';

const M32 = (1n << 32n) - 1n;
const M64 = (1n << 64n) - 1n;

/** RFC 4418 §5.2.2 NH over little-endian 32-bit words, message zero-padded to 8 bytes; lane i uses the key from word 4i. */
function nhReference(message: Uint8Array, key: Uint8Array, lane: number): bigint {
  const padded = new Uint8Array(Math.ceil(message.length / 8) * 8);
  padded.set(message);
  const m = new DataView(padded.buffer);
  const k = new DataView(key.buffer, key.byteOffset + 16 * lane);
  let sum = 0n;
  for (let i = 0; i < padded.length; i += 8) {
    const a = (BigInt(m.getUint32(i, true)) + BigInt(k.getUint32(i, true))) & M32;
    const b = (BigInt(m.getUint32(i + 4, true)) + BigInt(k.getUint32(i + 4, true))) & M32;
    sum = (sum + a * b) & M64;
  }
  return sum;
}

const lanesOf = (out: Int32Array): bigint[] => [0, 2, 4].map((i) => (BigInt(out[i]! >>> 0) | (BigInt(out[i + 1]! >>> 0) << 32n)) & M64);

/** The three lanes of `text` from `module`'s own NH export. */
function lanesFrom(module: WasmModule, text: string): bigint[] {
  const rt = module.runtime;
  rt.reserve(text.length + 8);
  writeUtf8(rt, text);
  expect(rt.exports.nh(rt.base, text.length)).toBe(0);
  const view = new DataView(rt.u8.buffer, rt.exports.nhOut(), 24);
  return [0, 8, 16].map((at) => view.getBigUint64(at, true));
}

describe('NH in every wasm module', () => {
  it.each(WASM_MODULES.map((m) => [m.name, m] as const))(
    '%s: matches the RFC 4418 §5.2.2 definition in three Toeplitz lanes, for lengths 0..300 and 8192',
    (_, module) => {
      const rt = module.runtime;
      const keyStart = rt.exports.nhKey();
      const key = new Uint8Array(rt.exports.nhKeyLength());
      const previous = rt.u8.slice(keyStart, keyStart + key.length);
      crypto.getRandomValues(key);
      // Extreme words too, so the mod 2^32 additions and mod 2^64 sums wrap.
      key.fill(0xff, 0, 64);
      rt.u8.set(key, keyStart);
      try {
        const check = (text: string) => {
          const bytes = new TextEncoder().encode(text);
          expect(lanesFrom(module, text)).toEqual([0, 1, 2].map((lane) => nhReference(bytes, key, lane)));
        };
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~\x7f';
        for (let n = 0; n <= 300; n++) {
          check(Array.from({ length: n }, (_, i) => alphabet[(i * 7 + n) % alphabet.length]).join(''));
        }
        check('\x7f'.repeat(8192));
      } finally {
        rt.u8.set(previous, keyStart); // the cache's secret key, if this module is the cache's
      }
    },
  );

  it('the cache hashes in one module the bundle can run, under a random key', () => {
    const out = new Int32Array(6);
    expect(tokenHash('warm-up', 8192, out)).toBe(true);
    const module = anyModule()!;
    expect(module.isLoaded).toBe(true);
    const rt = module.runtime;
    const key = rt.u8.subarray(rt.exports.nhKey(), rt.exports.nhKey() + rt.exports.nhKeyLength());
    expect(key.some((byte) => byte !== 0)).toBe(true);
    // The lanes tokenHash reports are that module's, under that key.
    expect(tokenHash('eyJhbGciOiJIUzI1NiJ9.e30.sig', 8192, out)).toBe(true);
    expect(lanesOf(out)).toEqual(lanesFrom(module, 'eyJhbGciOiJIUzI1NiJ9.e30.sig'));
  });

  it('hashes ASCII text up to the bound only; one changed character changes every lane', () => {
    const out = new Int32Array(6);
    const other = new Int32Array(6);
    expect(tokenHash('é', 8192, out)).toBe(false);
    expect(tokenHash('a'.repeat(8193), 8192, out)).toBe(false);
    expect(tokenHash('a'.repeat(101), 100, out)).toBe(false);
    expect(tokenHash('eyJhbGciOiJIUzI1NiJ9.e30.sig', 8192, out)).toBe(true);
    expect(tokenHash('eyJhbGciOiJIUzI1NiJ9.e30.sih', 8192, other)).toBe(true);
    const a = lanesOf(out);
    const b = lanesOf(other);
    for (let lane = 0; lane < 3; lane++) expect(a[lane]).not.toBe(b[lane]);
  });

  it('leaves wasm memory unchanged over 10,000 hashes (no allocation per call)', () => {
    const out = new Int32Array(6);
    tokenHash('x'.repeat(400), 8192, out);
    const rt = anyModule()!.runtime;
    const before = rt.memoryBytes;
    for (let i = 0; i < 10_000; i++) tokenHash(`token-${i}-${'y'.repeat(i % 500)}`, 8192, out);
    expect(rt.memoryBytes).toBe(before);
  });
});
