// Serving Workers with workerd on 127.0.0.1: the config writer and free-port helper that the
// bundlers' Workers use, and `askWorkerd`, one Worker for one request, which runs the conformance
// suite and the cross-runtime benchmark on workerd.
import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bin } from './runtime-binaries.mjs';
import { WASM_MODULES } from './wasm-modules.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * A workerd config that serves one Worker on 127.0.0.1:`port`: `modules` are `{ name, kind, file }`
 * (kind esModule or wasm; the entry first), `bindings` text bindings by name.
 */
export function workerdConfig(port, modules, bindings = {}) {
  const list = (items) => items.map((item) => `    ${item},\n`).join('');
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [
${list(modules.map(({ name, kind, file }) => `(name = ${JSON.stringify(name)}, ${kind} = embed ${JSON.stringify(file ?? name)})`))}  ],
  bindings = [
${list(Object.entries(bindings).map(([name, text]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(text)})`))}  ],
  compatibilityDate = "2025-09-01",
);
`;
}

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function fetchWhenUp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await (await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })).text();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Serves `dir`/worker.js with every wasm module of build/ (copied into `dir`), importable as
 * `ciphertoken/wasm/<name>.wasm`; asks it once and resolves with the answer's text (or workerd's
 * log and the error: never rejects).
 */
export async function askWorkerd(dir, { timeoutMs = 30_000 } = {}) {
  for (const name of WASM_MODULES) copyFileSync(join(root, `build/${name}.wasm`), join(dir, `${name}.wasm`));
  const port = await freePort();
  const config = join(dir, 'workerd.capnp');
  const modules = [
    { name: 'worker.js', kind: 'esModule' },
    ...WASM_MODULES.map((name) => ({ name: `ciphertoken/wasm/${name}.wasm`, kind: 'wasm', file: `${name}.wasm` })),
  ];
  writeFileSync(config, workerdConfig(port, modules));
  const server = spawn(bin('workerd'), ['serve', config], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr.on('data', (d) => (log += d));
  try {
    return await fetchWhenUp(`http://127.0.0.1:${port}/`, timeoutMs);
  } catch (error) {
    return `${log}\n${error.message}`;
  } finally {
    server.kill('SIGTERM');
  }
}
