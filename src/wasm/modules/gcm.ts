/**
 * Loader of the `gcm` wasm module (assembly/gcm.ts): GHASH for AES-GCM (JWE).
 * @module
 */

import { GCM_WASM_BYTES } from '../embedded/gcm.js';
import { register, type ScratchExports, WasmModule } from '../loader.js';

/** The exports of build/gcm.wasm. */
export interface GcmExports extends ScratchExports {
  ghash(h: number, y: number, data: number, len: number): number;
}

// Pure: a bundle without AES-GCM drops this loader and its embedded bytes.
export const gcmModule = /* @__PURE__ */ register(/* @__PURE__ */ new WasmModule<GcmExports>('gcm', GCM_WASM_BYTES));
