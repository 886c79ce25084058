/**
 * Loader of the `p384` wasm module (assembly/p384.ts): ECDSA on P-384, the fused ES384 JWS pipelines
 * (RFC 7518 §3.4) and ECDH (JWE ECDH-ES).
 * @module
 */

import { P384_WASM_BYTES } from '../embedded/p384.js';
import { register, WasmModule } from '../loader.js';
import type { EcdhCurveExports } from './curve.js';

// Pure: a bundle without ES384 drops this loader and its embedded bytes.
export const p384Module = /* @__PURE__ */ register(/* @__PURE__ */ new WasmModule<EcdhCurveExports>('p384', P384_WASM_BYTES));
