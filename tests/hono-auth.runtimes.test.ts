import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The same Hono app served by Bun and Deno (both run examples/hono-auth/server.mjs through their
// node:http support), driven with real HTTP on 127.0.0.1.
const RUNTIMES: [string, string, string[]][] = [
  ['bun', 'node_modules/.bin/bun', ['examples/hono-auth/server.mjs']],
  [
    'deno',
    'node_modules/.bin/deno',
    ['run', '--no-prompt', '--allow-net=127.0.0.1', '--allow-env', '--allow-read', 'examples/hono-auth/server.mjs'],
  ],
];

/** Starts the server and resolves with its origin once it prints its address. */
function start(command: string, args: string[]): Promise<{ child: ChildProcess; origin: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        PORT: '0',
        CIPHERTOKEN_SECRET: 'runtime-secret-'.repeat(3),
        NO_COLOR: '1',
      },
    });
    let output = '';
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`no address after 30 s: ${output}`))), 30_000);
    const onData = (d: Buffer) => {
      output += d;
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, origin: match[0] });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', (error) => (clearTimeout(timer), reject(error)));
  });
}

describe.each(RUNTIMES)('examples/hono-auth on %s', (_name, command, args) => {
  it('login → /me → refresh → /me; 401 with WWW-Authenticate without a token', async () => {
    const { child, origin } = await start(command, args);
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const pair = (await (await post('/auth/login', { username: 'alice', password: 'wonderland' })).json()) as {
        access_token: string;
        refresh_token: string;
      };
      const me = await fetch(`${origin}/me`, { headers: { authorization: `Bearer ${pair.access_token}` } });
      expect(await me.json()).toMatchObject({ user: 'alice', user_id: 1 });
      const rotated = (await (await post('/auth/refresh', { refresh_token: pair.refresh_token })).json()) as { access_token: string };
      expect((await fetch(`${origin}/me`, { headers: { authorization: `Bearer ${rotated.access_token}` } })).status).toBe(200);
      const none = await fetch(`${origin}/me`);
      expect([none.status, none.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="ciphertoken-example"']);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
