import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciphertoken } from './helpers/cli.js';

// examples/worker served by workerd on 127.0.0.1, as scripts/test-runtimes.mjs serves the conformance Worker.
const SECRET = 'worker-example-secret-'.repeat(2);
let workerd: ChildProcess | undefined;
let origin = '';
let log = '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`workerd did not start: ${log}`, { cause: error });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

beforeAll(async () => {
  const buildScript = new URL('../examples/worker/build.mjs', import.meta.url).href;
  const config: string = await (await import(/* @vite-ignore */ buildScript)).buildWorker();
  const port = await freePort();
  workerd = spawn('node_modules/.bin/workerd', ['serve', config, '--socket-addr', `http=127.0.0.1:${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '', JWT_SECRET: SECRET },
  });
  workerd.stderr!.on('data', (d) => (log += d));
  origin = `http://127.0.0.1:${port}`;
  await waitUntilUp(origin, 30_000);
}, 60_000);
afterAll(() => {
  workerd?.kill('SIGTERM');
});

const sign = async (...args: string[]) => (await ciphertoken(['sign', '--alg', 'HS256', '--secret-env', 'S', ...args], { env: { S: SECRET } })).stdout.trim();
const call = (token?: string) => fetch(origin, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

describe('examples/worker on workerd (initSync with the imported wasm Module)', () => {
  it('answers a valid token with its claims', async () => {
    const r = await call(await sign('--ttl', '5m', '--sub', 'bob', '--claim', 'role=reader'));
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ sub: 'bob', alg: 'HS256', claims: { role: 'reader' } });
  });

  it('refuses missing, tampered, expired and wrong-key tokens with 401 and a Bearer challenge', async () => {
    const none = await call();
    expect([none.status, none.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="worker"']);
    const good = await sign('--ttl', '5m');
    const expired = await sign('--claim', `exp=${Math.floor(Date.now() / 1000) - 60}`);
    const otherKey = (await ciphertoken(['sign', '--alg', 'HS256', '--secret-env', 'S', '--ttl', '5m'], { env: { S: 'another-secret-of-enough-length-1234' } })).stdout.trim();
    const cases: [string, string][] = [
      [`${good.slice(0, -3)}AAA`, 'the token is invalid'],
      [expired, 'the token expired'],
      [otherKey, 'the token is invalid'],
      ['not-a-token', 'the token is invalid'],
    ];
    for (const [token, description] of cases) {
      const r = await call(token);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe(`Bearer realm="worker", error="invalid_token", error_description="${description}"`);
    }
  });
});
