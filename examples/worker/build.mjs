// Bundles a Worker entry into DIR/worker.js with esbuild (what wrangler does for a real deployment):
// `ciphertoken` resolves to this checkout's build and its wasm files stay separate modules, copied
// to DIR/<module>.wasm (hash, ed25519, p256, p384, p521, rsa: config.capnp embeds the ones the Worker imports).
// `node examples/worker/build.mjs` builds this example.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WASM_MODULES } from '../../scripts/wasm-modules.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles `entry` (a Worker module) into `outDir`; resolves with the config.capnp next to the entry. */
export async function bundleWorker(entry, outDir = join(dirname(entry), 'dist')) {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [entry],
    outfile: join(outDir, 'worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    external: ['ciphertoken/wasm/*.wasm'],
    logLevel: 'error',
  });
  for (const name of WASM_MODULES) copyFileSync(join(root, `build/${name}.wasm`), join(outDir, `${name}.wasm`));
  return join(dirname(entry), 'config.capnp');
}

/** This example's Worker. */
export const buildWorker = () => bundleWorker(fileURLToPath(new URL('worker.mjs', import.meta.url)));

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`built; serve with: npx workerd serve ${await buildWorker()}`);
