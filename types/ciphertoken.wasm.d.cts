/**
 * `ciphertoken/ciphertoken.wasm` required from CommonJS: the compiled wasm module, as in
 * `ciphertoken.wasm.d.ts`.
 * @module
 */
declare const module: WebAssembly.Module;
export = module;
