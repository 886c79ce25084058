/**
 * `ciphertoken/wasm/<module>.wasm` required from CommonJS: one compiled wasm module, as in
 * `wasm-module.d.ts`.
 * @module
 */
declare const module: WebAssembly.Module;
export = module;
