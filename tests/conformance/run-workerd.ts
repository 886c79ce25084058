/** Conformance entry for workerd, on the "workerd" build (no embedded bytes): the wasm arrives as a Module. */
import * as lib from '../../dist/workerd/index.js';
// @ts-expect-error: a workerd module of type wasm, listed in the generated config
import wasm from 'ciphertoken.wasm';
import { report } from './report.ts';
import { runConformance, type CipherTokenLibrary } from './suite.ts';

lib.initSync(wasm as WebAssembly.Module);

export default {
  async fetch(): Promise<Response> {
    const lines: string[] = [];
    // The workerd build has the ESM build's declarations; its classes are distinct nominal types.
    const code = report(await runConformance(lib as unknown as CipherTokenLibrary), (line) => lines.push(line));
    return new Response(lines.join('\n') + '\n', { status: code === 0 ? 200 : 500 });
  },
};
