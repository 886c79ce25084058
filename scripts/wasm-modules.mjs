// The wasm modules, one per algorithm family (gcm: JWE's AES-GCM), and one per curve for ECDSA (DESIGN.md "wasm modules"): assembly/<name>.ts is
// compiled by the asconfig.json target of the same name to build/<name>.wasm.
export const WASM_MODULES = ['hash', 'gcm', 'ed25519', 'p256', 'p384', 'p521', 'rsa'];
