// The wasm modules, one per algorithm family (DESIGN.md "wasm modules"): assembly/<name>.ts is
// compiled by the asconfig.json target of the same name to build/<name>.wasm.
export const WASM_MODULES = ['hash', 'ed25519', 'nist', 'rsa'];
