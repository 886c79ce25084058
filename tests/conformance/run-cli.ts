/** Conformance entry for Node (bundled by esbuild), Bun and Deno (run as TypeScript). */
import * as lib from '../../dist/esm/index.js';
import * as jwe from '../../dist/esm/jwe.js';
import { exit, report } from './report.ts';
import { runConformance } from './suite.ts';

exit(report(await runConformance(lib, jwe)));
