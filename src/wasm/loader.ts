/**
 * The owners of the wasm modules and their memories (DESIGN.md "wasm modules", "The wasm boundary").
 *
 * There is one module per family (hash, gcm, ed25519, rsa) and one per ECDSA curve (p256, p384,
 * p521), each with one `WasmModule` loader in src/wasm/modules/. A module is compiled on its
 * family's first use: synchronously from its embedded bytes where the runtime allows it (Node,
 * Bun, Deno, current browsers), or from a `WebAssembly.Module` handed to `initSync` (Cloudflare
 * Workers, which refuse to compile bytes), or ahead of time by `await init()` (browsers that
 * refuse synchronous compiles). `loader` drives every module that the bundle contains: a loader
 * module registers itself when it is evaluated, so a family a bundler dropped is neither
 * registered nor loaded.
 * No other file touches `WebAssembly` or `memory.buffer`.
 * @module
 */

import { InternalError, WasmCompileError, WasmNotReadyError } from '../core/errors.js';
import { decodeEmbedded } from './embedding.js';

/** The wasm modules: one per family, and one per curve for ECDSA (an ES256 app loads p256 only). */
export type WasmModuleName = 'hash' | 'gcm' | 'ed25519' | 'p256' | 'p384' | 'p521' | 'rsa';

/** Compiled modules handed over by Workers (`import hash from 'ciphertoken/wasm/hash.wasm'`). */
export type WasmModules = Partial<Record<WasmModuleName, WebAssembly.Module>>;

/** The exports every module shares: its scratch region (assembly/util/scratch.ts) and NH (assembly/hash/nh.ts). */
export interface ScratchExports {
  readonly memory: WebAssembly.Memory;
  scratchBase(): number;
  scratchCapacity(): number;
  scratchReserve(bytes: number): number;
  keySlot(): number;
  keySlotSize(): number;
  nhKey(): number;
  nhKeyLength(): number;
  nhOut(): number;
  nh(msg: number, len: number): number;
}

/** A loaded instance with cached views of its scratch region (rebuilt only when memory moves). */
export class WasmRuntime<E extends ScratchExports = ScratchExports> {
  readonly exports: E;
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
    this.exports = instance.exports as unknown as E;
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

/** Every module loader the bundle contains, in the order they were evaluated. */
const registered: WasmModule[] = [];
/** Modules handed to `initSync` before their loader was evaluated (a later dynamic import). */
const handedOver: WasmModules = {};

/** Whether this runtime may compile bytes at all: Workers refuse (they take Modules from `initSync`). */
const compilesBytes = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent !== 'Cloudflare-Workers';

/**
 * The typed error for a refused compile. Chrome refuses synchronous compiles of more than 4 KB on
 * the main thread in older builds (a RangeError): asynchronous compilation still works there. A
 * Content Security Policy refuses both (a CompileError in Chrome and Firefox, an EvalError in
 * Safari) unless `script-src` allows `'wasm-unsafe-eval'`, the CSP Level 3 source expression that
 * permits compiling WebAssembly without also permitting `eval` as `'unsafe-eval'` does.
 */
function compileFailure(name: WasmModuleName, error: unknown): unknown {
  if (error instanceof RangeError) {
    return new WasmNotReadyError(
      `this runtime refuses to compile the CipherToken "${name}" wasm module synchronously: call \`await init()\` (from ciphertoken/wasm) first`,
      { cause: error },
    );
  }
  if (error instanceof WebAssembly.CompileError || error instanceof EvalError) {
    const csp = /Content Security Policy|\bCSP\b|unsafe-eval/i.test(String((error as Error).message));
    return new WasmCompileError(
      csp
        ? `the Content Security Policy forbids compiling the CipherToken "${name}" wasm module: add 'wasm-unsafe-eval' to script-src (not 'unsafe-eval')`
        : `the runtime refused to compile the CipherToken "${name}" wasm module: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return error;
}

/**
 * Loads one wasm module once, on first use or ahead of it; every later call is a no-op.
 * `embedded` is the module's bytes as encoded by scripts/embed-wasm.mjs, '' in the Workers build. Only `register`ed modules
 * take part in `loader.init()`; tests build unregistered ones to exercise loading paths.
 */
export class WasmModule<E extends ScratchExports = ScratchExports> {
  #runtime: WasmRuntime<E> | undefined;
  #pending: Promise<void> | undefined;
  #refusedSync = false;

  constructor(
    readonly name: WasmModuleName,
    readonly embedded: string,
  ) {}

  /** Whether the module is loaded already. */
  get isLoaded(): boolean {
    return this.#runtime !== undefined;
  }

  /** Whether a synchronous call can run now: loaded, or loadable on first use. */
  get isReady(): boolean {
    return (
      this.#runtime !== undefined || handedOver[this.name] !== undefined || (this.embedded !== '' && compilesBytes && !this.#refusedSync)
    );
  }

  /** The loaded runtime, compiled synchronously on first use; throws `WasmNotReadyError` where that is impossible. */
  get runtime(): WasmRuntime<E> {
    return this.#runtime ?? this.#loadOnFirstUse();
  }

  #loadOnFirstUse(): WasmRuntime<E> {
    const module = handedOver[this.name];
    if (module === undefined && this.embedded === '') {
      throw new WasmNotReadyError(
        `this build has no embedded wasm: import ciphertoken/wasm/${this.name}.wasm as a module and pass it to initSync({ ${this.name} })`,
      );
    }
    this.initSync(module);
    return this.#runtime as WasmRuntime<E>;
  }

  /** Loads synchronously: from `module` when given (Workers), else by compiling the embedded bytes. */
  initSync(module?: WebAssembly.Module): void {
    if (this.#runtime !== undefined) return;
    let compiled = module;
    if (compiled === undefined) {
      try {
        compiled = new WebAssembly.Module(this.#bytes() as BufferSource);
      } catch (error) {
        if (error instanceof RangeError) this.#refusedSync = true;
        throw compileFailure(this.name, error);
      }
    }
    this.#runtime = new WasmRuntime<E>(new WebAssembly.Instance(compiled, {}));
  }

  /** Loads asynchronously from `module` or the embedded bytes; idempotent and safe to race. */
  init(module: WebAssembly.Module | undefined = handedOver[this.name]): Promise<void> {
    if (this.#runtime !== undefined) return Promise.resolve();
    this.#pending ??= (async () => {
      let instance: WebAssembly.Instance;
      try {
        instance = module
          ? await WebAssembly.instantiate(module, {})
          : (await WebAssembly.instantiate(this.#bytes() as BufferSource, {})).instance;
      } catch (error) {
        this.#pending = undefined;
        throw compileFailure(this.name, error);
      }
      this.#runtime ??= new WasmRuntime<E>(instance);
    })();
    return this.#pending;
  }

  #bytes(): Uint8Array {
    // The Workers build (export condition "workerd") ships without embedded bytes: Workers cannot
    // compile them anyway, and the module arrives through initSync.
    if (this.embedded === '') {
      throw new WasmNotReadyError(
        `this build has no embedded wasm: import ciphertoken/wasm/${this.name}.wasm as a module and pass it to initSync({ ${this.name} })`,
      );
    }
    return decodeEmbedded(this.embedded);
  }
}

/**
 * Adds a module's loader to the bundle's set (what `init()` loads) and returns it. Each loader in
 * src/wasm/modules/ calls it once, in a pure-annotated initializer, so a bundler that drops the
 * loader drops its registration and its embedded bytes with it.
 */
export function register<E extends ScratchExports>(module: WasmModule<E>): WasmModule<E> {
  registered.push(module as unknown as WasmModule);
  return module;
}

/**
 * A module of the bundle that can run now, for work any module can do (every one exports NH, the
 * verified-token cache's hash): one already loaded if there is one, so the cache compiles nothing
 * its families do not; undefined when none can run.
 */
export function anyModule(): WasmModule | undefined {
  return registered.find((m) => m.isLoaded) ?? registered.find((m) => m.isReady);
}

/** Every module of the bundle at once: what `ciphertoken/wasm` exposes and async paths await. */
class WasmLoader {
  #resolveReady!: () => void;
  /** Settles once synchronous calls can run (at once where the runtime compiles on first use). */
  readonly ready: Promise<void> = new Promise((resolve) => (this.#resolveReady = resolve));

  constructor() {
    // After the importing module graph has been evaluated, so every bundled family has registered.
    queueMicrotask(() => this.#settle());
  }

  /** Whether every module in the bundle is loaded or can be compiled on first use. */
  get isReady(): boolean {
    return registered.every((m) => m.isReady);
  }

  /**
   * Loads every module in the bundle that has a source (embedded bytes or a handed-over Module)
   * asynchronously. A module with neither (Workers, family not handed over) is left to explain
   * itself on first use, so an async HS256 call on Workers does not need the curve modules.
   */
  async init(modules: WasmModules = {}): Promise<void> {
    Object.assign(handedOver, modules);
    await Promise.all(
      registered.filter((m) => handedOver[m.name] !== undefined || m.embedded !== '').map((m) => m.init(handedOver[m.name])),
    );
    this.#settle();
  }

  /**
   * With `modules` (Workers): installs each handed-over Module (kept for a family loaded later).
   * Without: compiles every module in the bundle from its embedded bytes now.
   */
  initSync(modules?: WasmModules): void {
    if (modules === undefined) {
      for (const m of registered) m.initSync();
    } else {
      Object.assign(handedOver, modules);
      for (const m of registered) {
        const module = modules[m.name];
        if (module !== undefined) m.initSync(module);
      }
    }
    this.#settle();
  }

  #settle(): void {
    if (this.isReady) this.#resolveReady();
  }
}

/** The process-wide loader of every bundled module. */
export const loader = new WasmLoader();

/**
 * `error` as the library reports it: a wasm trap becomes an `InternalError` that says so (entry
 * points return statuses for every bad input, STYLE.md §9, so a trap is always our bug); any other
 * error is returned unchanged.
 */
export function reportTrap(error: unknown): unknown {
  if (!(error instanceof WebAssembly.RuntimeError)) return error;
  return new InternalError(`the wasm core trapped (${error.message.slice(0, 64)}): this is a bug in CipherToken, please report it`, {
    cause: error,
  });
}
