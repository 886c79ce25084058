/**
 * `ciphertoken/ciphertoken.wasm`: the compiled wasm module, for runtimes that forbid compiling
 * bytes at run time (Cloudflare Workers). Their bundlers import a `.wasm` file as a compiled
 * `WebAssembly.Module`; hand it to `initSync` from `ciphertoken/wasm`.
 * @module
 */
declare const module: WebAssembly.Module;
export default module;
