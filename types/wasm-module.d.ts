/**
 * `ciphertoken/wasm/<module>.wasm` (hash, ed25519, p256, p384, p521, rsa): one compiled wasm module, for
 * runtimes that forbid compiling bytes at run time (Cloudflare Workers). Their bundlers import a
 * `.wasm` file as a compiled `WebAssembly.Module`; hand it to `initSync` from `ciphertoken/wasm`,
 * under its name: `import hash from 'ciphertoken/wasm/hash.wasm'; initSync({ hash })`.
 * @module
 */
declare const module: WebAssembly.Module;
export default module;
