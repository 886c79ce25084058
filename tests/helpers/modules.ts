/** Every wasm module's loader, for tests that check something of each (NH, residue, SIMD, memory). */
import type { WasmModule } from '../../src/wasm/loader.js';
import { ed25519Module } from '../../src/wasm/modules/ed25519.js';
import { gcmModule } from '../../src/wasm/modules/gcm.js';
import { hashModule } from '../../src/wasm/modules/hash.js';
import { p256Module } from '../../src/wasm/modules/p256.js';
import { p384Module } from '../../src/wasm/modules/p384.js';
import { p521Module } from '../../src/wasm/modules/p521.js';
import { rsaModule } from '../../src/wasm/modules/rsa.js';

export const WASM_MODULES: readonly WasmModule[] = [hashModule, gcmModule, ed25519Module, p256Module, p384Module, p521Module, rsaModule];
