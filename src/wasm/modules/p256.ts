/**
 * Loader of the `p256` wasm module (assembly/p256.ts): ECDSA on P-256, the fused ES256 JWS pipelines
 * (RFC 7518 §3.4) and ECDH (JWE ECDH-ES).
 * @module
 */

import { P256_WASM_BYTES } from '../embedded/p256.js';
import { register, WasmModule } from '../loader.js';
import type { EcdhCurveExports } from './curve.js';

// Pure: a bundle without ES256 drops this loader and its embedded bytes.
export const p256Module = /* @__PURE__ */ register(/* @__PURE__ */ new WasmModule<EcdhCurveExports>('p256', P256_WASM_BYTES));
