/** Conformance entry for Chromium: no init(); each wasm module compiles synchronously on its family's first use. */
import * as lib from '../../dist/esm/index.js';
import * as jwe from '../../dist/esm/jwe.js';
import { report } from './report.ts';
import { runConformance } from './suite.ts';

const lines: string[] = [];
const run = async () => {
  report(await runConformance(lib, jwe), (line) => lines.push(line));
};
(globalThis as { conformance?: Promise<string[]> }).conformance = run().then(
  () => lines,
  (error) => [...lines, `FAIL ${String(error)}`, '0 passed, 1 failed'],
);
