/**
 * `ciphertoken/wasm`: control over loading the WebAssembly core. Only browsers and Workers need it;
 * Node, Bun and Deno load the module on import.
 * @module
 */

import { loader } from './loader.js';

/** Loads the wasm module asynchronously. Idempotent; every async method calls it itself. */
export function init(module?: WebAssembly.Module): Promise<void> {
  return loader.init(module);
}

/**
 * Loads the wasm module synchronously: from `module` (Cloudflare Workers import the `.wasm` file as
 * a `WebAssembly.Module`), or by compiling the embedded bytes where the runtime allows it.
 */
export function initSync(module?: WebAssembly.Module): void {
  loader.initSync(module);
}

/** Settles once the module is loaded. */
export const ready: Promise<void> = loader.ready;

/** Whether synchronous methods can run now. */
export function isReady(): boolean {
  return loader.isReady;
}
