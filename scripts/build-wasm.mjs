// `npm run build:wasm`: compiles each wasm module (scripts/wasm-modules.mjs) with its asconfig.json
// target, two at a time (the compiler is single-threaded; the build machines have two cores).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WASM_MODULES } from './wasm-modules.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const asc = fileURLToPath(new URL('../node_modules/assemblyscript/bin/asc.js', import.meta.url));

function compile(name) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [asc, `assembly/${name}.ts`, '--config', 'asconfig.json', '--target', name], {
      cwd: root,
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`asc ${name} exited with ${code}`))));
  });
}

const queue = [...WASM_MODULES];
await Promise.all(
  [0, 1].map(async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) await compile(name);
  }),
);
