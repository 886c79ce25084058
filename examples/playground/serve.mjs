// `npm run playground`: bundles the page with esbuild and serves it on 127.0.0.1 (PORT, default
// 8791). The Content-Security-Policy keeps every request on this origin: the page cannot send a
// token anywhere even by mistake.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** `wasm-unsafe-eval` lets the page compile the library's WebAssembly core; nothing else is allowed out. */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

async function bundle() {
  const result = await build({
    entryPoints: [here('src/main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].contents;
}

/** Starts the server; resolves with it and its URL. */
export async function startPlayground({ port = 0 } = {}) {
  const files = {
    '/': ['text/html; charset=utf-8', readFileSync(here('index.html'))],
    '/style.css': ['text/css; charset=utf-8', readFileSync(here('style.css'))],
    '/app.js': ['text/javascript; charset=utf-8', await bundle()],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    if (!file || req.method !== 'GET') return res.writeHead(404, { 'content-security-policy': CSP }).end();
    res.writeHead(200, {
      'content-type': file[0],
      'content-security-policy': CSP,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(file[1]);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startPlayground({ port: Number(process.env.PORT ?? 8791) });
  console.log(`CipherToken playground: ${url} (offline; Ctrl-C to stop)`);
}
