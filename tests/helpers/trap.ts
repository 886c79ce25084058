import type { ScratchExports, WasmModule } from '../../src/wasm/loader.js';

/**
 * Runs `operation` with the export `name` of `module` replaced by one that traps, as a bug in the
 * wasm core would; the real export is back once the operation (or the promise it returns) settles.
 */
export function withTrap<E extends ScratchExports, T>(module: WasmModule<E>, name: keyof E, operation: () => T): T {
  const rt = module.runtime as { exports: E };
  const real = rt.exports;
  const restore = () => {
    rt.exports = real;
  };
  rt.exports = {
    ...real,
    [name]: () => {
      throw new WebAssembly.RuntimeError('unreachable');
    },
  };
  let result: T;
  try {
    result = operation();
  } catch (error) {
    restore();
    throw error;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}
