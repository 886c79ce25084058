/**
 * The one owner of the WebAssembly instance and its memory (DESIGN.md "The wasm boundary").
 *
 * Node, Bun and Deno compile the embedded bytes synchronously when this module is imported.
 * Browsers call `await init()`; Cloudflare Workers, which refuse to compile bytes at run time,
 * import the `.wasm` file as a `WebAssembly.Module` and pass it to `initSync(module)`.
 * No other file touches `WebAssembly` or `memory.buffer`.
 * @module
 */

import { WasmNotReadyError } from '../core/errors.js';
import { WASM_BASE64 } from './embedded.js';

/** The exports of build/ciphertoken.wasm (assembly/index.ts). */
export interface WasmExports {
  readonly memory: WebAssembly.Memory;
  scratchBase(): number;
  scratchCapacity(): number;
  scratchReserve(bytes: number): number;
  keySlot(): number;
  keySlotSize(): number;
  sha2(bits: number, msg: number, len: number, out: number): number;
  hmacKeyStateLength(bits: number): number;
  hmacKey(bits: number, key: number, keyLen: number, state: number): number;
  hmac(bits: number, state: number, msg: number, len: number, out: number): number;
  hmacVerify(bits: number, state: number, msg: number, len: number, tag: number, tagLen: number): number;
  base64urlEncode(src: number, len: number, dst: number): number;
  base64urlDecode(src: number, len: number, dst: number): number;
  jwsHmacSign(bits: number, state: number, header: number, headerLen: number, payload: number, payloadLen: number, out: number): number;
  jwsHmacVerify(bits: number, state: number, token: number, len: number, dot1: number, dot2: number, out: number): number;
  // Ed25519 (assembly/sig/eddsa.ts, assembly/jws/eddsa.ts)
  ed25519KeyFromSeed(seed: number, state: number): number;
  ed25519PublicKeyState(pub: number, state: number): number;
  ed25519Sign(state: number, msg: number, len: number, sig: number): number;
  ed25519Verify(state: number, msg: number, len: number, sig: number): number;
  ed25519ScalarReduce(src: number, out: number): void;
  jwsEd25519Sign(state: number, header: number, headerLen: number, payload: number, payloadLen: number, out: number): number;
  jwsEd25519Verify(state: number, token: number, len: number, dot1: number, dot2: number, out: number): number;
  // ECDSA P-256 / P-384 (curve 0 / 1)
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
  pbkdf2Sha256(
    password: number,
    passwordLen: number,
    salt: number,
    saltLen: number,
    iterations: number,
    out: number,
    dkLen: number,
  ): number;
  rsaPublicVartime(mod: number, r2: number, limbs: number, e: number, sig: number, k: number, out: number): number;
  rsaPrivate(key: number, limbs: number, halfLimbs: number, e: number, msg: number, k: number, out: number): number;
}

/** A loaded instance with cached views of its scratch region (rebuilt only when memory moves). */
export class WasmRuntime {
  readonly exports: WasmExports;
  /** View of all of linear memory. */
  u8!: Uint8Array;
  /** View of the scratch region, from its base to its capacity. */
  scratch!: Uint8Array;
  base = 0;
  capacity = 0;
  readonly keySlot: number;
  readonly keySlotSize: number;
  #buffer: ArrayBuffer | undefined;

  constructor(instance: WebAssembly.Instance) {
    this.exports = instance.exports as unknown as WasmExports;
    this.keySlot = this.exports.keySlot();
    this.keySlotSize = this.exports.keySlotSize();
    this.#refresh();
  }

  /** Makes the scratch region hold at least `bytes`; its previous contents may be lost. */
  reserve(bytes: number): void {
    if (bytes <= this.capacity) return;
    this.exports.scratchReserve(bytes);
    this.#refresh();
  }

  #refresh(): void {
    const buffer = this.exports.memory.buffer;
    const base = this.exports.scratchBase();
    const capacity = this.exports.scratchCapacity();
    if (buffer === this.#buffer && base === this.base && capacity === this.capacity) return;
    this.#buffer = buffer;
    this.base = base;
    this.capacity = capacity;
    this.u8 = new Uint8Array(buffer);
    this.scratch = this.u8.subarray(base, base + capacity);
  }

  /** Byte length of linear memory (tests assert it stays constant under load). */
  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }
}

function embeddedBytes(): Uint8Array {
  // The Workers build (export condition "workerd") ships without embedded bytes: Workers cannot
  // compile them anyway, and the module arrives through initSync.
  if (WASM_BASE64 === '') {
    throw new WasmNotReadyError(
      'this build has no embedded wasm: import ciphertoken/ciphertoken.wasm as a module and pass it to initSync(module)',
    );
  }
  const text = atob(WASM_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Loads the module once, synchronously or asynchronously; every later call is a no-op. */
export class WasmLoader {
  #runtime: WasmRuntime | undefined;
  #pending: Promise<void> | undefined;
  #resolveReady!: () => void;
  /** Settles once the module is loaded, by whichever path. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.#resolveReady = resolve));

  get isReady(): boolean {
    return this.#runtime !== undefined;
  }

  /** The loaded runtime; throws `WasmNotReadyError` before `init()`/`initSync()`. */
  get runtime(): WasmRuntime {
    const runtime = this.#runtime;
    if (runtime === undefined) {
      throw new WasmNotReadyError(
        'the CipherToken wasm module is not loaded yet: call `await init()` (or `initSync(module)` on Workers) before synchronous methods',
      );
    }
    return runtime;
  }

  /**
   * Loads synchronously: from `module` when given (Workers), else by compiling the embedded bytes
   * (allowed on Node, Bun and Deno; browsers refuse synchronous compiles of this size on the main thread).
   */
  initSync(module?: WebAssembly.Module): void {
    if (this.#runtime !== undefined) return;
    const compiled = module ?? new WebAssembly.Module(embeddedBytes() as BufferSource);
    this.#install(new WebAssembly.Instance(compiled, {}));
  }

  /** Loads asynchronously from the embedded bytes (or `module`); idempotent and safe to race. */
  init(module?: WebAssembly.Module): Promise<void> {
    if (this.#runtime !== undefined) return Promise.resolve();
    this.#pending ??= (async () => {
      const instance = module
        ? await WebAssembly.instantiate(module, {})
        : (await WebAssembly.instantiate(embeddedBytes() as BufferSource, {})).instance;
      if (this.#runtime === undefined) this.#install(instance);
    })();
    return this.#pending;
  }

  #install(instance: WebAssembly.Instance): void {
    this.#runtime = new WasmRuntime(instance);
    this.#resolveReady();
  }
}

/** The process-wide loader every operation goes through. */
export const loader = new WasmLoader();

/** Runtimes that permit compiling wasm bytes synchronously: Node, Bun, Deno. */
function compilesSynchronously(): boolean {
  const g = globalThis as { process?: { versions?: { node?: string } }; Deno?: unknown; Bun?: unknown; navigator?: { userAgent?: string } };
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return false;
  return g.Deno !== undefined || g.Bun !== undefined || typeof g.process?.versions?.node === 'string';
}

if (compilesSynchronously()) {
  try {
    loader.initSync();
  } catch {
    // An embedder that forbids compiling bytes (Workers with Node compatibility) lands here: the
    // first synchronous call then explains that `initSync(module)` or `await init()` is needed.
  }
}
