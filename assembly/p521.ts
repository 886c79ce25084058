/**
 * The `p521` wasm module: ECDSA on NIST P-521 and ES512 (RFC 7518 §3.4). Compiled
 * with `--use CURVE_BITS=521` (asconfig.json), which fixes the curve of field/curve.ts at compile time:
 * the module holds P-521's arithmetic only. Its exports are the ABI of ecdsa.ts.
 * @module
 */

export * from "./ecdsa";
