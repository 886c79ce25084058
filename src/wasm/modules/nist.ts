/**
 * Loader of the `nist` wasm module (assembly/nist.ts): ECDSA over P-256 and P-384 and the fused
 * ES256/ES384 JWS pipelines (RFC 7518 §3.4). Curve 0 = P-256, 1 = P-384.
 * @module
 */

import { NIST_WASM_BYTES } from '../embedded/nist.js';
import { register, type ScratchExports, WasmModule } from '../loader.js';

/** The exports of build/nist.wasm. */
export interface NistExports extends ScratchExports {
  ecPublicKey(curve: number, d: number, out: number): number;
  ecPublicCheckVartime(curve: number, pub: number): number;
  ecdsaSign(curve: number, d: number, msg: number, len: number, out: number): number;
  ecdsaVerifyVartime(curve: number, pub: number, table: number, msg: number, len: number, sig: number, sigLen: number): number;
  jwsEcdsaSign(curve: number, key: number, header: number, headerLen: number, payload: number, payloadLen: number, out: number): number;
  ecTableLength(curve: number): number;
  ecPrecomputeVartime(curve: number, pub: number, out: number): number;
  jwsEcdsaVerifyVartime(
    curve: number,
    pub: number,
    table: number,
    token: number,
    len: number,
    dot1: number,
    dot2: number,
    out: number,
  ): number;
}

// Pure: a bundle without ES256/ES384 drops this loader and its embedded bytes.
export const nistModule = /* @__PURE__ */ register(/* @__PURE__ */ new WasmModule<NistExports>('nist', NIST_WASM_BYTES));
