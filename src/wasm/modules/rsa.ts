/**
 * Loader of the `rsa` wasm module (assembly/rsa.ts): RSAVP1 and blinded CRT RSASP1 on 27-bit-limb
 * big integers (RFC 8017 §5.2). Built with SIMD, like ed25519 and p256.
 * @module
 */

import { RSA_WASM_BYTES } from '../embedded/rsa.js';
import { register, type ScratchExports, WasmModule } from '../loader.js';

/** The exports of build/rsa.wasm. */
export interface RsaExports extends ScratchExports {
  rsaPublicVartime(mod: number, r2: number, limbs: number, e: number, sig: number, k: number, out: number, limbBits: number): number;
  rsaPrivate(
    key: number,
    limbs: number,
    halfLimbs: number,
    e: number,
    msg: number,
    k: number,
    out: number,
    pairBits: number,
    pairLimbs: number,
  ): number;
}

// Pure: a bundle without RS256/PS256 drops this loader and its embedded bytes.
export const rsaModule = /* @__PURE__ */ register(/* @__PURE__ */ new WasmModule<RsaExports>('rsa', RSA_WASM_BYTES));
