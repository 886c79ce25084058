/**
 * The exports shared by the curve modules p256, p384 and p521 (assembly/ecdsa.ts): each module is
 * compiled for one curve, so no export takes a curve identifier.
 * @module
 */

import type { ScratchExports, WasmModule } from '../loader.js';

/** The exports of build/p256.wasm, build/p384.wasm and build/p521.wasm. */
export interface CurveExports extends ScratchExports {
  ecCoordinateLength(): number;
  ecPublicKey(d: number, out: number): number;
  ecPublicCheckVartime(pub: number): number;
  ecdsaSign(d: number, msg: number, len: number, out: number): number;
  ecdsaVerifyVartime(pub: number, table: number, msg: number, len: number, sig: number, sigLen: number): number;
  jwsEcdsaSign(key: number, header: number, headerLen: number, payload: number, payloadLen: number, out: number): number;
  ecTableLength(): number;
  ecPrecomputeVartime(pub: number, out: number): number;
  jwsEcdsaVerifyVartime(pub: number, table: number, token: number, len: number, dot1: number, dot2: number, out: number): number;
}

/** The p256 and p384 modules also export ECDH (assembly/kex/ecdh.ts). */
export interface EcdhCurveExports extends CurveExports {
  ecdh(d: number, pub: number, out: number): number;
}

/** The loader of one curve module. */
export type CurveModule = WasmModule<CurveExports>;
