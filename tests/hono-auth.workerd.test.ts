import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWorkerd } from './helpers/workerd.js';

// examples/hono-auth/worker.mjs (the same Hono app, initSync with the imported wasm Module) on workerd.
let origin = '';
let stop = () => {};

beforeAll(async () => {
  const { bundleWorker } = await import(/* @vite-ignore */ new URL('../examples/worker/build.mjs', import.meta.url).href);
  const config: string = await bundleWorker(fileURLToPath(new URL('../examples/hono-auth/worker.mjs', import.meta.url)));
  ({ origin, stop } = await serveWorkerd(config, { JWT_SECRET: 'workerd-hono-secret-'.repeat(3), DEMO_PASSWORD: 'wonderland' }));
}, 60_000);
afterAll(() => stop());

describe('examples/hono-auth on workerd', () => {
  it('login → /me → refresh; a bad token gets 401 with the invalid_token challenge', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/auth/login', { username: 'alice', password: 'nope' })).status).toBe(401);
    const pair = (await (await post('/auth/login', { username: 'alice', password: 'wonderland' })).json()) as {
      access_token: string;
      refresh_token: string;
    };
    expect(await (await fetch(`${origin}/me`, { headers: { authorization: `Bearer ${pair.access_token}` } })).json()).toMatchObject({
      user: 'alice',
      user_id: 1,
    });
    expect((await post('/auth/refresh', { refresh_token: pair.refresh_token })).status).toBe(200);
    const bad = await fetch(`${origin}/me`, { headers: { authorization: `Bearer ${pair.access_token}x` } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe(
      'Bearer realm="ciphertoken-example", error="invalid_token", error_description="the access token is invalid"',
    );
  });
});
