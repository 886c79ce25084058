// `npm run fuzz -- --runs N [--seed S]`: bundles tests/fuzz/run.ts against the built package and runs it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}build/fuzz.mjs`;
await build({ entryPoints: [`${root}tests/fuzz/run.ts`], outfile, bundle: true, format: 'esm', platform: 'node', logLevel: 'error' });
const { status } = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = status ?? 1;
