// `npm run size`: each wasm module's size, and the esbuild-bundled, minified and gzipped size of
// typical usages, with which modules' embedded bytes each bundle carries.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WASM_MODULES } from './wasm-modules.mjs';
import { formatTable, runBundlers } from './bundlers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const wasm = Object.fromEntries(WASM_MODULES.map((name) => [name, readFileSync(new URL(`../build/${name}.wasm`, import.meta.url))]));

const token = (alg, secret) => `
    import { CipherToken, ${alg} } from './dist/esm/index.js';
    const t = new CipherToken({ secret: ${secret}, algorithm: ${alg}, accessTtl: 600, refreshTtl: 3600 });
    globalThis.out = t.verify(t.access({ user_id: 1 }));`;
/** Each usage. The wasm modules it needs are the ones whose embedded bytes its bundle keeps (a Worker hands over exactly these). */
const usages = {
  'HS256 sign + verify': token('HS256', 'globalThis.SECRET'),
  'ES256 sign + verify': token('ES256', 'globalThis.PEM'),
  'ES512 sign + verify': token('ES512', 'globalThis.PEM'),
  'EdDSA sign + verify': token('EdDSA', 'globalThis.PEM'),
  'RS256 sign + verify': token('RS256', 'globalThis.PEM'),
  'signJwt + verifyJwt ES256': `
    import { ES256 } from './dist/esm/algorithms.js';
    import { signJwt, verifyJwt } from './dist/esm/jws.js';
    import { importKey } from './dist/esm/keys.js';
    const key = importKey(globalThis.PEM, ES256);
    globalThis.out = verifyJwt(signJwt({ user_id: 1 }, key), key, { algorithms: [ES256] });`,
  'verifyJwt EdDSA (a JWK)': `
    import { EdDSA } from './dist/esm/algorithms.js';
    import { verifyJwt } from './dist/esm/jws.js';
    import { importKey } from './dist/esm/keys.js';
    globalThis.out = verifyJwt(globalThis.JWT, importKey(globalThis.JWK, EdDSA), { algorithms: [EdDSA] });`,
  'decryptJwt dir + A256GCM': `
    import { decryptJwt, dir, importJweKey } from './dist/esm/jwe.js';
    globalThis.out = decryptJwt(globalThis.JWE, importJweKey(globalThis.KEY, dir), { keyManagementAlgorithms: [dir], contentEncryptionAlgorithms: ['A256GCM'] });`,
  everything: `
    export * from './dist/esm/index.js';
    export * as algorithms from './dist/esm/algorithms.js';
    export * as time from './dist/esm/time.js';
    export * as secret from './dist/esm/secret.js';
    export * as jwt from './dist/esm/jwt.js';
    export * as wasm from './dist/esm/wasm/index.js';`,
};

async function bundle(contents, flavour = 'esm') {
  const result = await build({
    stdin: { contents: contents.replaceAll('./dist/esm/', `./dist/${flavour}/`), resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  // The wasm modules whose embedded bytes survived tree-shaking.
  const embedded = WASM_MODULES.filter((name) => (inputs[`dist/${flavour}/wasm/embedded/${name}.js`]?.bytesInOutput ?? 0) > 0);
  return { code: result.outputFiles[0].contents, embedded };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('wasm module      raw      gzip');
for (const name of WASM_MODULES) console.log(`${name.padEnd(12)} ${kb(wasm[name].length).padStart(8)} ${kb(gzip(wasm[name])).padStart(9)}`);
const total = Buffer.concat(Object.values(wasm));
console.log(
  `${'all'.padEnd(12)} ${kb(total.length).padStart(8)} ${kb(WASM_MODULES.reduce((n, name) => n + gzip(wasm[name]), 0)).padStart(9)}  (gzip: sum of each)`,
);

console.log('\nusage                     min (wasm embedded)   min+gzip   embedded modules');
const needed = {};
for (const [name, contents] of Object.entries(usages)) {
  const { code, embedded } = await bundle(contents);
  needed[name] = embedded;
  console.log(`${name.padEnd(25)} ${kb(code.length).padStart(20)} ${kb(gzip(code)).padStart(10)}   ${embedded.join(', ')}`);
}
console.log('\nWorkers ("workerd" condition: JS bundle + the .wasm modules it hands over, gzip)');
for (const [name, contents] of Object.entries(usages)) {
  const needs = needed[name];
  const js = gzip((await bundle(contents, 'workerd')).code);
  const modules = needs.reduce((n, m) => n + gzip(wasm[m]), 0);
  console.log(`${name.padEnd(25)} ${kb(js)} JS + ${kb(modules)} wasm (${needs.join(', ')}) = ${kb(js + modules)}`);
}

// The same apps built by real bundlers from the packed package, and by jose for comparison: one
// implementation with `npm run test:bundlers` (scripts/bundlers.mjs), which also checks they run.
console.log('\nReal builds (every file the page loads; for Workers, the upload bundle), gzip -9 per file');
console.log(formatTable(await runBundlers()));
