/** `npm run fuzz -- --runs N [--seed S]`: a long hostile-input run over every algorithm. */
import * as lib from '../../dist/esm/index.js';
import * as jwe from '../../dist/esm/jwe.js';
import { fuzz } from './hostile.ts';
import { fuzzTargets, jweFuzzTargets } from './targets.ts';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const runs = arg('runs', 100_000);
const seed = arg('seed', Date.now() % 2 ** 31);
const started = performance.now();
const { checked, failures } = fuzz(
  lib,
  [...fuzzTargets(lib, ['HS256', 'HS384', 'HS512', 'EdDSA', 'ES256', 'ES384', 'ES512', 'RS256', 'PS256']), ...jweFuzzTargets(lib, jwe)],
  runs,
  seed,
);
for (const failure of failures) console.log(`FAIL ${failure}`);
console.log(`seed ${seed}, ${checked} inputs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`fuzz: ${checked - failures.length} passed, ${failures.length} failed`);
process.exitCode = failures.length === 0 ? 0 : 1;
