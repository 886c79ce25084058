import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CipherToken, init, initSync, isReady, ready, secretKey, secretKeyWithSize, WasmNotReadyError } from '../src/index.js';
import { WASM_BASE64, WASM_SHA256 } from '../src/wasm/embedded.js';
import { loader, WasmLoader } from '../src/wasm/loader.js';

describe('wasm loader', () => {
  it('embeds exactly the bytes of build/ciphertoken.wasm', () => {
    const built = readFileSync(new URL('../build/ciphertoken.wasm', import.meta.url));
    expect(createHash('sha256').update(built).digest('hex')).toBe(WASM_SHA256);
    expect(Buffer.from(WASM_BASE64, 'base64').equals(built)).toBe(true);
  });

  it('is loaded synchronously on import in Node; init/initSync are idempotent', async () => {
    expect(isReady()).toBe(true);
    await ready;
    const runtime = loader.runtime;
    await init();
    initSync();
    expect(loader.runtime).toBe(runtime);
  });

  it('tells a synchronous caller to `await init()` before the module is loaded', async () => {
    const fresh = new WasmLoader();
    expect(fresh.isReady).toBe(false);
    expect(() => fresh.runtime).toThrow(WasmNotReadyError);
    expect(() => fresh.runtime).toThrow(/await init\(\)/);
    try {
      void fresh.runtime;
    } catch (error) {
      expect((error as WasmNotReadyError).code).toBe('ERR_WASM_NOT_READY');
    }
    await Promise.all([fresh.init(), fresh.init()]);
    expect(fresh.isReady).toBe(true);
    await fresh.ready;
  });

  it('initSync accepts a compiled WebAssembly.Module (the Workers path)', () => {
    const fresh = new WasmLoader();
    fresh.initSync(new WebAssembly.Module(readFileSync(new URL('../build/ciphertoken.wasm', import.meta.url))));
    expect(fresh.runtime.exports.sha2(256, 0, 0, fresh.runtime.base)).toBe(32);
  });

  it('exports only the ABI of assembly/index.ts and imports nothing', () => {
    const module = new WebAssembly.Module(readFileSync(new URL('../build/ciphertoken.wasm', import.meta.url)));
    expect(WebAssembly.Module.imports(module)).toEqual([]);
    expect(WebAssembly.Module.exports(module).map((e) => e.name)).toContain('jwsHmacSign');
  });

  it('allocates nothing per operation: memory size is unchanged after 10,000 sign/verify calls', () => {
    const token = new CipherToken({ secret: secretKey(), algorithm: 'HS256', accessTtl: 600, refreshTtl: 3600 });
    token.verify(token.access({ warm: true }));
    const before = loader.runtime.memoryBytes;
    for (let i = 0; i < 10_000; i++) {
      if (!token.verify(token.access({ i, role: 'user' }))) throw new Error('round trip failed');
    }
    expect(loader.runtime.memoryBytes).toBe(before);
  });

  it('wipes the key slot after each operation', () => {
    const token = new CipherToken({ secret: secretKeyWithSize(64), algorithm: 'HS512', accessTtl: 600, refreshTtl: 3600 });
    token.verify(token.access());
    const { u8, keySlot, keySlotSize } = loader.runtime;
    expect(u8.subarray(keySlot, keySlot + keySlotSize).every((b) => b === 0)).toBe(true);
  });
});

describe('the "workerd" build', () => {
  it('carries no embedded wasm, and says how to load the module instead', async () => {
    const workerd = await import('../dist/workerd/wasm/loader.js');
    const embedded = await import('../dist/workerd/wasm/embedded.js');
    expect(embedded.WASM_BASE64).toBe('');
    expect(embedded.WASM_SHA256).toBe(WASM_SHA256);
    const fresh = new workerd.WasmLoader();
    expect(() => fresh.initSync()).toThrow(/initSync\(module\)/);
    await expect(fresh.init()).rejects.toMatchObject({ code: 'ERR_WASM_NOT_READY' });
    fresh.initSync(new WebAssembly.Module(readFileSync(new URL('../build/ciphertoken.wasm', import.meta.url))));
    expect(fresh.isReady).toBe(true);
  });
});
