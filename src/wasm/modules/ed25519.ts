/**
 * Loader of the `ed25519` wasm module (assembly/ed25519.ts): Ed25519 key states, signatures and
 * the fused EdDSA JWS pipelines (RFC 8032 §5.1, RFC 8037 §3.1).
 * @module
 */

import { ED25519_WASM_BYTES } from '../embedded/ed25519.js';
import { register, type ScratchExports, WasmModule } from '../loader.js';

/** The exports of build/ed25519.wasm. */
export interface Ed25519Exports extends ScratchExports {
  ed25519KeyFromSeed(seed: number, state: number): number;
  ed25519PublicKeyState(pub: number, state: number): number;
  ed25519PublicStateSize(): number;
  ed25519PublicSlot(): number;
  ed25519Sign(state: number, msg: number, len: number, sig: number): number;
  ed25519Verify(state: number, msg: number, len: number, sig: number): number;
  ed25519ScalarReduce(src: number, out: number): void;
  x25519(scalar: number, u: number, out: number): number;
  x25519Base(scalar: number, out: number): number;
  jwsEd25519Sign(state: number, header: number, headerLen: number, payload: number, payloadLen: number, out: number): number;
  jwsEd25519Verify(state: number, token: number, len: number, dot1: number, dot2: number, out: number): number;
}

// Pure: a bundle without EdDSA drops this loader and its embedded bytes.
export const ed25519Module = /* @__PURE__ */ register(/* @__PURE__ */ new WasmModule<Ed25519Exports>('ed25519', ED25519_WASM_BYTES));
