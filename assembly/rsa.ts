/**
 * The `rsa` wasm module (DESIGN.md "wasm modules"): the big-integer core of RSASSA (RFC 8017 §5.2),
 * RSAVP1 and blinded CRT RSASP1 in Montgomery form. Built with SIMD (the paired CRT exponentiation
 * of bigint/crt2.ts), like ed25519 and p256. Its exports are this module's whole ABI (offsets into its
 * own linear memory, i32 statuses from util/status.ts).
 * @module
 */

export { rsaPrivate, rsaPublicVartime } from "./bigint/rsa";
export { keySlot, keySlotSize, scratchBase, scratchCapacity, scratchReserve } from "./util/scratch";
export { nh, nhKey, nhKeyLength, nhOut } from "./hash/nh";
