// `npm run bench:runtimes` (or `npm run bench -- --runtimes`): the token benchmarks of
// bench/runtimes-suite.mjs in one bundle, run on Node, Bun, Deno and headless Chromium in turn, and
// as a Worker on workerd, then one table of ours-vs-jose ratios per operation and runtime. The
// browser bundle and the Worker are served on 127.0.0.1 only; each runtime is killed after
// RUNTIME_TIMEOUT_MS.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launchChromium } from '../scripts/chromium.mjs';
import { bin, bunBinary } from '../scripts/runtime-binaries.mjs';
import { askWorkerd } from '../scripts/workerd.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'build/bench-runtimes');
const bundlePath = join(out, 'bench.js');
const workerOut = join(out, 'workerd');
const RESULT_MARK = 'CIPHERTOKEN_BENCH_RESULTS ';
const RUNTIME_TIMEOUT_MS = 60_000;

mkdirSync(workerOut, { recursive: true });
// One bundle for four: the browser conditions pick the portable builds of ciphertoken (wasm
// embedded, compiled synchronously on first use) and of jose (WebCrypto), which every runtime has.
// workerd gets the "workerd" build, whose wasm modules arrive as imports.
await Promise.all([
  build({
    entryPoints: [join(root, 'bench/runtimes-entry.mjs')],
    outfile: bundlePath,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'error',
  }),
  build({
    entryPoints: [join(root, 'bench/runtimes-workerd.mjs')],
    outfile: join(workerOut, 'worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker'],
    external: ['ciphertoken/wasm/*.wasm'],
    logLevel: 'error',
  }),
]);

/** Runs a command-line runtime on the bundle; resolves with its results or an error row (never rejects). */
function runCli(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, [...args, bundlePath], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUNTIME_TIMEOUT_MS);
    const finish = (why) => {
      clearTimeout(timer);
      const line = text.split('\n').find((l) => l.startsWith(RESULT_MARK));
      resolve(line ? JSON.parse(line.slice(RESULT_MARK.length)) : [{ op: 'all', error: `${why}: ${text.trim().slice(-300)}` }]);
    };
    child.on('error', (error) => finish(error.message));
    child.on('close', (code) => finish(`exit ${code}`));
  });
}

async function runWorkerd() {
  const text = await askWorkerd(workerOut, { timeoutMs: RUNTIME_TIMEOUT_MS });
  try {
    return JSON.parse(text);
  } catch {
    return [{ op: 'all', error: text.trim().slice(-300) }];
  }
}

async function runChromium() {
  writeFileSync(
    join(out, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="bench.js"></script>\n',
  );
  const files = { '/': ['index.html', 'text/html'], '/bench.js': ['bench.js', 'text/javascript'] };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url, 'http://x').pathname];
    if (file === undefined) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[1] }).end(readFileSync(join(out, file[0])));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const { context, close } = await launchChromium();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(RUNTIME_TIMEOUT_MS);
    await page.goto(`${origin}/`);
    return await page.evaluate(() => globalThis.tokenBench);
  } catch (error) {
    return [{ op: 'all', error: error.message }];
  } finally {
    await close();
    server.close();
  }
}

const runtimes = [
  ['node', () => runCli(process.execPath, [])],
  ['bun', () => runCli(bunBinary(), [])],
  ['deno', () => runCli(bin('deno'), ['run', '--no-prompt'])],
  ['workerd', runWorkerd],
  ['chromium', runChromium],
];

const fmt = (n) => n.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
console.log('\nCross-runtime token benchmark: ours (sync, wasm) vs jose (async WebCrypto, one at a time), one bundle');
console.log('fastest of 30 interleaved ~8 ms batches per row; ratio = jose µs/op ÷ ours (above 1: ours is faster)\n');
const columns = [];
for (const [name, run] of runtimes) {
  const began = Date.now();
  const results = await run();
  columns.push({ name, results, seconds: (Date.now() - began) / 1000 });
  for (const r of results) if (r.error) console.log(`${name} ${r.op}: ${r.error}`);
}
const ops = [...new Set(columns.flatMap((c) => c.results.map((r) => r.op)))].filter((op) => op !== 'all');
const cell = (r) => (r === undefined || r.error ? 'n/a' : `${fmt(r.jose / r.ours)}× (${fmt(r.ours)} | ${fmt(r.jose)})`);
const width = 30;
console.log('each cell: ratio (ours µs/op | jose µs/op)\n');
console.log(`${'op'.padEnd(14)}${columns.map((c) => c.name.padEnd(width)).join('')}`);
for (const op of ops) console.log(`${op.padEnd(14)}${columns.map((c) => cell(c.results.find((r) => r.op === op)).padEnd(width)).join('')}`);
console.log(`${'time'.padEnd(14)}${columns.map((c) => `${c.seconds.toFixed(1)} s`.padEnd(width)).join('')}`);
