// Node entry: `CIPHERTOKEN_SECRET=… node examples/hono-auth/server.mjs` serves the app on
// 127.0.0.1:8787 (PORT overrides). Bun/Deno can serve `app.fetch` directly, Workers export it.
import { createServer } from 'node:http';
import { secretKey } from 'ciphertoken';
import { createApp } from './app.mjs';

/** Serves a fetch handler (Hono's `app.fetch`) with node:http: request in, response out. */
export function serveFetch(fetchHandler, { port = 0, hostname = '127.0.0.1' } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = chunks.length > 0 && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const response = await fetchHandler(
        new Request(new URL(req.url ?? '/', `http://${hostname}`), { method: req.method, headers, body }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      res.writeHead(500).end();
    }
  });
  return new Promise((resolve) => server.listen(port, hostname, () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const secret = process.env.CIPHERTOKEN_SECRET ?? secretKey();
  const users = new Map([['alice', { id: 1, password: process.env.DEMO_PASSWORD ?? 'wonderland' }]]);
  const app = await createApp({ secret, users });
  const server = await serveFetch(app.fetch, { port: Number(process.env.PORT ?? 8787) });
  console.log(`hono-auth example on http://127.0.0.1:${server.address().port} (POST /auth/login, POST /auth/refresh, GET /me)`);
}
