/**
 * The `p384` wasm module: ECDSA on NIST P-384 and ES384 (RFC 7518 §3.4), and ECDH (SP 800-56A §5.7.1.2). Compiled
 * with `--use CURVE_BITS=384` (asconfig.json), which fixes the curve of field/curve.ts at compile time:
 * the module holds P-384's arithmetic only. Its exports are the ABI of ecdsa.ts and kex/ecdh.ts.
 * @module
 */

export * from "./ecdsa";
export { ecdh } from "./kex/ecdh";
