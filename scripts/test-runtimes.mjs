// `npm run test:runtimes`: the conformance suite (tests/conformance/suite.ts) on Node, Bun, Deno,
// workerd and headless Chromium, then one summary table. Servers listen on 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launchChromium } from './chromium.mjs';
import { bin, bunBinary } from './runtime-binaries.mjs';
import { askWorkerd } from './workerd.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'build/conformance');
const SUMMARY = /^(\d+) passed, (\d+) failed$/;

mkdirSync(out, { recursive: true });
const bundle = (entry, outfile, options) =>
  build({
    entryPoints: [join(root, 'tests/conformance', entry)],
    outfile: join(out, outfile),
    bundle: true,
    format: 'esm',
    logLevel: 'error',
    ...options,
  });
await Promise.all([
  bundle('run-cli.ts', 'run-node.mjs', { platform: 'node' }),
  bundle('run-workerd.ts', 'worker.js', { platform: 'neutral', external: ['ciphertoken/wasm/*.wasm'] }),
  bundle('run-browser.ts', 'browser.js', { platform: 'browser' }),
]);

/** Runs a command; resolves with its combined output (never rejects: failures are counted). */
function run(command, args, { timeoutMs = 120_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(`${text}\n${error.message}`);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? text : `${text}\n(exit ${code})`);
    });
  });
}

const runWorkerd = () => askWorkerd(out);

async function runChromium() {
  const types = { '.html': 'text/html', '.js': 'text/javascript' };
  writeFileSync(
    join(out, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>conformance</title><script type="module" src="browser.js"></script>\n',
  );
  const server = createServer((req, res) => {
    const file = join(out, new URL(req.url, 'http://x').pathname.replace(/^\/$/, '/index.html'));
    if (!file.startsWith(out) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const { context, close } = await launchChromium();
  const offsite = [];
  try {
    const page = await context.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith(origin)) offsite.push(request.url());
    });
    await page.goto(`${origin}/`);
    const lines = await page.evaluate(() => globalThis.conformance);
    if (offsite.length) lines.push(`FAIL requests left 127.0.0.1: ${offsite.join(', ')}`, '0 passed, 1 failed');
    return lines.join('\n');
  } catch (error) {
    return `${error.message}`;
  } finally {
    await close();
    server.close();
  }
}

const runtimes = [
  ['node', () => run(process.execPath, [join(out, 'run-node.mjs')])],
  ['bun', () => run(bunBinary(), ['tests/conformance/run-cli.ts'])],
  ['deno', () => run(bin('deno'), ['run', '--no-prompt', 'tests/conformance/run-cli.ts'])],
  ['workerd', runWorkerd],
  ['chromium', runChromium],
];

const rows = [];
for (const [name, start] of runtimes) {
  const began = Date.now();
  const output = String(await start()).trimEnd();
  const lines = output.split('\n');
  const summary = SUMMARY.exec(lines.at(-1) ?? '');
  const passed = summary ? Number(summary[1]) : 0;
  const failed = summary ? Number(summary[2]) : Math.max(1, lines.filter((l) => l.startsWith('FAIL')).length);
  rows.push({ name, passed, failed, ms: Date.now() - began });
  if (!summary || failed > 0) console.log(`--- ${name} output ---\n${output}\n`);
}

console.log('\nruntime    passed  failed   time');
for (const { name, passed, failed, ms } of rows)
  console.log(`${name.padEnd(10)} ${String(passed).padStart(6)}  ${String(failed).padStart(6)}  ${(ms / 1000).toFixed(1).padStart(5)} s`);
const total = rows.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed }), { passed: 0, failed: 0 });
console.log(`\nconformance: ${total.passed} passed, ${total.failed} failed`);
process.exitCode = total.failed === 0 && rows.every((r) => r.passed > 0) ? 0 : 1;
