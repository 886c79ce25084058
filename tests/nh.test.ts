/**
 * NH (RFC 4418 §5.2.2), the verified-token cache's keyed hash (assembly/hash/nh.ts): the wasm
 * lanes against a BigInt reference under a known key, over every length 0..300 and the longest
 * cached token; then the cache's use of it: a random key per instance, ASCII only.
 */
import { describe, expect, it } from 'vitest';
import { hashModule } from '../src/wasm/modules/hash.js';
import { tokenHash } from '../src/wasm/token-hash.js';

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

describe('NH on the hash module', () => {
  it('matches the RFC 4418 §5.2.2 definition in three Toeplitz lanes, for lengths 0..300 and 8192', () => {
    const out = new Int32Array(6);
    expect(tokenHash('warm-up', 8192, out)).toBe(true); // sets the random key first
    const rt = hashModule.runtime;
    const keyStart = rt.exports.nhKey();
    const key = new Uint8Array(rt.exports.nhKeyLength());
    crypto.getRandomValues(key);
    // Extreme words too, so the mod 2^32 additions and mod 2^64 sums wrap.
    key.fill(0xff, 0, 64);
    rt.u8.set(key, keyStart);
    const check = (text: string) => {
      expect(tokenHash(text, 8192, out)).toBe(true);
      const bytes = new TextEncoder().encode(text);
      expect(lanesOf(out)).toEqual([0, 1, 2].map((lane) => nhReference(bytes, key, lane)));
    };
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~\x7f';
    for (let n = 0; n <= 300; n++) {
      check(Array.from({ length: n }, (_, i) => alphabet[(i * 7 + n) % alphabet.length]).join(''));
    }
    check('\x7f'.repeat(8192));
    // A fresh key for the rest of the run (the cache relies on it being secret, not on this one).
    crypto.getRandomValues(key);
    rt.u8.set(key, keyStart);
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
    const rt = hashModule.runtime;
    tokenHash('x'.repeat(400), 8192, out);
    const before = rt.memoryBytes;
    for (let i = 0; i < 10_000; i++) tokenHash(`token-${i}-${'y'.repeat(i % 500)}`, 8192, out);
    expect(rt.memoryBytes).toBe(before);
  });
});
