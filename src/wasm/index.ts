/**
 * `ciphertoken/wasm`: control over loading the WebAssembly core, one module per algorithm family
 * (hash, ed25519, rsa) and per ECDSA curve (p256, p384, p521). Each module compiles synchronously
 * on its family's first use where the runtime allows it (Node, Bun, Deno, current browsers), so
 * only Workers need this module: they import the `.wasm` files they use and hand them to
 * `initSync`. `init()` also helps browsers that refuse synchronous compiles (older Chrome builds on
 * the main thread).
 * @module ciphertoken/wasm
 */

import { loader, type WasmModules } from './loader.js';

export type { WasmModuleName, WasmModules } from './loader.js';

/**
 * Loads every wasm module in the bundle asynchronously (those of the families the app imports),
 * from the embedded bytes or from `modules`. Idempotent; every async method calls it itself.
 *
 * @example
 * ```ts
 * import { init } from 'ciphertoken/wasm';
 *
 * await init(); // once at start-up in a browser; Node, Bun and Deno never need it
 * ```
 */
export function init(modules?: WasmModules): Promise<void> {
  return loader.init(modules);
}

/**
 * Loads wasm modules synchronously: the compiled `WebAssembly.Module`s in `modules` (Cloudflare
 * Workers: `import hash from 'ciphertoken/wasm/hash.wasm'; initSync({ hash })`), or without
 * arguments every module in the bundle, compiled from the embedded bytes.
 *
 * @example
 * ```ts
 * import { initSync } from 'ciphertoken/wasm';
 * import hash from 'ciphertoken/wasm/hash.wasm';
 *
 * initSync({ hash }); // a Worker that uses HS* only
 * ```
 */
export function initSync(modules?: WasmModules): void {
  loader.initSync(modules);
}

/** Settles once synchronous methods can run. */
export const ready: Promise<void> = loader.ready;

/**
 * Whether synchronous methods can run now (every bundled module loaded, or loadable on first use).
 *
 * @example
 * ```ts
 * import { isReady } from 'ciphertoken/wasm';
 *
 * if (!isReady()) console.log('call await init() before the sync API');
 * ```
 */
export function isReady(): boolean {
  return loader.isReady;
}
