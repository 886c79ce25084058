import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciphertoken } from './helpers/cli.js';
import { serveWorkerd } from './helpers/workerd.js';

// examples/worker served by workerd on 127.0.0.1, as scripts/test-runtimes.mjs serves the conformance Worker.
const SECRET = 'worker-example-secret-'.repeat(2);
let origin = '';
let stop = () => {};

beforeAll(async () => {
  const buildScript = new URL('../examples/worker/build.mjs', import.meta.url).href;
  const config: string = await (await import(/* @vite-ignore */ buildScript)).buildWorker();
  ({ origin, stop } = await serveWorkerd(config, { JWT_SECRET: SECRET }));
}, 60_000);
afterAll(() => stop());

const sign = async (...args: string[]) =>
  (await ciphertoken(['sign', '--alg', 'HS256', '--secret-env', 'S', ...args], { env: { S: SECRET } })).stdout.trim();
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
    const otherKey = (
      await ciphertoken(['sign', '--alg', 'HS256', '--secret-env', 'S', '--ttl', '5m'], {
        env: { S: 'another-secret-of-enough-length-1234' },
      })
    ).stdout.trim();
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

  it("refuses a CipherToken refresh token (its equivalent of { type: 'access' }); access tokens pass", async () => {
    const refresh = await call(await sign('--ttl', '5m', '--sub', 'bob', '--type', 'refresh'));
    expect(refresh.status).toBe(401);
    expect(refresh.headers.get('www-authenticate')).toBe(
      'Bearer realm="worker", error="invalid_token", error_description="not an access token"',
    );
    const access = await call(await sign('--ttl', '5m', '--sub', 'bob', '--type', 'access'));
    expect([access.status, ((await access.json()) as { sub: string }).sub]).toEqual([200, 'bob']);
  });
});
