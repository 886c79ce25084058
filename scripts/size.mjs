// `npm run size`: esbuild-bundled, minified and gzipped size of typical usages, wasm included.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { formatTable, runBundlers } from './bundlers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const wasm = readFileSync(new URL('../build/ciphertoken.wasm', import.meta.url));

const usages = {
  'HS256 sign + verify': `
    import { CipherToken, HS256 } from './dist/esm/index.js';
    const t = new CipherToken({ secret: globalThis.SECRET, algorithm: HS256, accessTtl: 600, refreshTtl: 3600 });
    globalThis.out = t.verify(t.access({ user_id: 1 }));`,
  everything: `
    export * from './dist/esm/index.js';
    export * as algorithms from './dist/esm/algorithms.js';
    export * as time from './dist/esm/time.js';
    export * as secret from './dist/esm/secret.js';
    export * as jwt from './dist/esm/jwt.js';
    export * as wasm from './dist/esm/wasm/index.js';`,
};

async function bundleSize(contents, flavour = 'esm') {
  const result = await build({
    stdin: { contents: contents.replaceAll('./dist/esm/', `./dist/${flavour}/`), resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`wasm module: ${kb(wasm.length)} raw, ${kb(gzipSync(wasm, { level: 9 }).length)} gzip`);
console.log('\nusage                     min (wasm embedded)   min+gzip (wasm embedded)');
for (const [name, contents] of Object.entries(usages)) {
  const { min, gzip } = await bundleSize(contents);
  console.log(`${name.padEnd(25)} ${kb(min).padStart(20)}   ${kb(gzip).padStart(24)}`);
}
const wasmGzip = gzipSync(wasm, { level: 9 }).length;
console.log('\nWorkers ("workerd" condition: JS bundle + the .wasm module, gzip)');
for (const [name, contents] of Object.entries(usages)) {
  const { gzip } = await bundleSize(contents, 'workerd');
  console.log(`${name.padEnd(25)} ${kb(gzip)} JS + ${kb(wasmGzip)} wasm = ${kb(gzip + wasmGzip)}`);
}

// The same apps built by real bundlers from the packed package, and by jose for comparison: one
// implementation with `npm run test:bundlers` (scripts/bundlers.mjs), which also checks they run.
console.log('\nReal builds (every file the page loads; for Workers, the upload bundle), gzip -9 per file');
console.log(formatTable(await runBundlers()));
