/**
 * Loader of the `p521` wasm module (assembly/p521.ts): ECDSA on P-521, the fused ES512 JWS pipelines
 * (RFC 7518 §3.4).
 * @module
 */

import { P521_WASM_BYTES } from '../embedded/p521.js';
import { register, WasmModule } from '../loader.js';
import type { CurveExports } from './curve.js';

// Pure: a bundle without ES512 drops this loader and its embedded bytes.
export const p521Module = /* @__PURE__ */ register(/* @__PURE__ */ new WasmModule<CurveExports>('p521', P521_WASM_BYTES));
