/**
 * Loader of the `hash` wasm module (assembly/hash.ts): SHA-2, HMAC, PBKDF2, base64url and the
 * fused HMAC JWS pipelines. Every family's JSON and base64url work runs here.
 * @module
 */

import { HASH_WASM_BYTES } from '../embedded/hash.js';
import { register, type ScratchExports, WasmModule } from '../loader.js';

/** PBKDF2 (RFC 8018 §5.2): password, salt (with 4 bytes of room after it), iterations, output; returns dkLen or a status. */
type Pbkdf2Export = (
  password: number,
  passwordLen: number,
  salt: number,
  saltLen: number,
  iterations: number,
  out: number,
  dkLen: number,
) => number;

/** The exports of build/hash.wasm. */
export interface HashExports extends ScratchExports {
  sha2(bits: number, msg: number, len: number, out: number): number;
  hmacKeyStateLength(bits: number): number;
  hmacKey(bits: number, key: number, keyLen: number, state: number): number;
  hmac(bits: number, state: number, msg: number, len: number, out: number): number;
  hmacVerify(bits: number, state: number, msg: number, len: number, tag: number, tagLen: number): number;
  base64urlEncode(src: number, len: number, dst: number): number;
  base64urlDecode(src: number, len: number, dst: number): number;
  jwsHmacStateLength(bits: number): number;
  jwsHmacSign(bits: number, state: number, header: number, headerLen: number, payload: number, payloadLen: number, out: number): number;
  jwsHmacVerify(bits: number, state: number, token: number, len: number, dot1: number, dot2: number, out: number): number;
  pbkdf2Sha256: Pbkdf2Export;
  pbkdf2Sha512: Pbkdf2Export;
}

// Pure: a bundle that never uses the hash module drops this loader and its embedded bytes.
export const hashModule = /* @__PURE__ */ register(/* @__PURE__ */ new WasmModule<HashExports>('hash', HASH_WASM_BYTES));
