// Entry of the cross-runtime benchmark for Node, Bun, Deno and Chromium (bundled by
// bench/runtimes.mjs): runs bench/runtimes-suite.mjs and hands its results to the driver.
import { runTokenBench } from './runtimes-suite.mjs';

const RESULT_MARK = 'CIPHERTOKEN_BENCH_RESULTS ';
const running = runTokenBench();
if (typeof document === 'undefined') {
  // A command-line runtime: one line the driver picks out of whatever else is printed.
  running.then(
    (results) => console.log(RESULT_MARK + JSON.stringify(results)),
    (error) => console.log(RESULT_MARK + JSON.stringify([{ op: 'all', error: String(error) }])),
  );
} else {
  globalThis.tokenBench = running.catch((error) => [{ op: 'all', error: String(error) }]);
}
