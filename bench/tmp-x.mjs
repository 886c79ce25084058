import { x25519, x25519PublicKey } from '../dist/esm/wasm/x25519.js';
import { interleaved } from './harness.mjs';
const d = crypto.getRandomValues(new Uint8Array(32));
const pub = x25519PublicKey(crypto.getRandomValues(new Uint8Array(32)));
const kp = await crypto.subtle.generateKey({ name: 'X25519' }, true, ['deriveBits']);
const other = await crypto.subtle.generateKey({ name: 'X25519' }, true, ['deriveBits']);
const ns = await interleaved(
  [
    ['wasm x25519', () => x25519(d, pub)],
    ['wasm x25519 base', () => x25519PublicKey(d)],
    ['webcrypto deriveBits', () => crypto.subtle.deriveBits({ name: 'X25519', public: other.publicKey }, kp.privateKey, 256), true],
    ['webcrypto generateKey', () => crypto.subtle.generateKey({ name: 'X25519' }, true, ['deriveBits']), true],
  ],
  { rounds: 20, batchMs: 4 },
);
console.log(ns.map((n) => (n / 1000).toFixed(1)));
