// Where the runtimes that the suites and benchmarks launch live: the npm packages' binaries.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A binary linked into node_modules/.bin by its npm package (deno, workerd, …). */
export const bin = (name) => join(root, 'node_modules/.bin', name);

/** The bun binary: the npm package links it; without install scripts, use the platform package's. */
export const bunBinary = () => {
  const platform = join(root, 'node_modules/@oven/bun-linux-x64/bin/bun');
  return existsSync(platform) ? platform : bin('bun');
};
