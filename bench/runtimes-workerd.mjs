// Entry of the cross-runtime benchmark for workerd, on the "workerd" build: the Worker receives the
// wasm modules it uses as Modules (Workers never compile bytes) and answers the driver's request
// with the results of bench/runtimes-suite.mjs as JSON.
import ed25519 from 'ciphertoken/wasm/ed25519.wasm';
import hash from 'ciphertoken/wasm/hash.wasm';
import p256 from 'ciphertoken/wasm/p256.wasm';
import { initSync } from 'ciphertoken/wasm';
import { runTokenBench } from './runtimes-suite.mjs';

initSync({ hash, ed25519, p256 });

export default {
  async fetch() {
    try {
      // workerd's clock counts whole milliseconds: batches of 32 keep that error near 3%.
      return Response.json(await runTokenBench(32));
    } catch (error) {
      return Response.json([{ op: 'all', error: String(error) }]);
    }
  },
};
