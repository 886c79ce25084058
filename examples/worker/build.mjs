// Bundles the example Worker into examples/worker/dist/ (what wrangler does for a real deployment):
// `ciphertoken` is resolved to this checkout's build, its wasm file stays a separate module.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export async function buildWorker() {
  mkdirSync(here('dist'), { recursive: true });
  await build({
    entryPoints: [here('worker.mjs')],
    outfile: here('dist/worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    external: ['ciphertoken/ciphertoken.wasm'],
    logLevel: 'error',
  });
  copyFileSync(here('../../build/ciphertoken.wasm'), here('dist/ciphertoken.wasm'));
  return here('config.capnp');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`built; serve with: npx workerd serve ${await buildWorker()}`);
