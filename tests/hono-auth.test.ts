import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CipherToken, HS256, days, minutes } from '../src/index.js';

// The example is plain JavaScript run as is: load it by URL (no types).
const example = (file: string) => new URL(`../examples/hono-auth/${file}`, import.meta.url).href;
type App = { fetch: (request: Request) => Promise<Response> };

const SECRET = 'hono-example-secret-'.repeat(3);
let server: Server;
let origin = '';
let hasStore = false;

beforeAll(async () => {
  const { createApp } = await import(example('app.mjs'));
  const { serveFetch } = await import(example('server.mjs'));
  const app: App = await createApp({ secret: SECRET, users: new Map([['alice', { id: 7, password: 'wonderland' }]]) });
  server = await serveFetch(app.fetch);
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const storeModule = 'ciphertoken/store';
  hasStore = await import(/* @vite-ignore */ storeModule).then(
    () => true,
    () => false,
  );
});
afterAll(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

const post = (path: string, body: unknown) =>
  fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const me = (authorization?: string) => fetch(`${origin}/me`, authorization === undefined ? {} : { headers: { authorization } });
const login = async () =>
  (await post('/auth/login', { username: 'alice', password: 'wonderland' })).json() as Promise<{
    access_token: string;
    refresh_token: string;
  }>;

/** An access token signed with the app's secret an hour ago (so already expired). */
function expiredAccessToken(): string {
  const realNow = Date.now;
  Date.now = () => realNow() - 3_600_000;
  try {
    return new CipherToken({ secret: SECRET, algorithm: HS256, accessTtl: minutes(10), refreshTtl: days(7) }).access({
      sub: 'alice',
      user_id: 7,
    });
  } finally {
    Date.now = realNow;
  }
}

describe('examples/hono-auth over HTTP on 127.0.0.1', () => {
  it('POST /auth/login: tokens for good credentials, 401 otherwise', async () => {
    const ok = await post('/auth/login', { username: 'alice', password: 'wonderland' });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
    expect(String(body.access_token).split('.')).toHaveLength(3);
    for (const bad of [{ username: 'alice', password: 'nope' }, { username: 'bob', password: 'wonderland' }, {}]) {
      const r = await post('/auth/login', bad);
      expect(r.status).toBe(401);
      expect(await r.json()).toEqual({ error: 'invalid_credentials' });
    }
  });

  it('GET /me with the access token; 401 + WWW-Authenticate with the error code otherwise', async () => {
    const { access_token: access, refresh_token: refresh } = await login();
    const ok = await me(`Bearer ${access}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ user: 'alice', user_id: 7 });

    const none = await me();
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="ciphertoken-example"');

    const cases: [string, number, string][] = [
      [`Bearer ${access.slice(0, -3)}AAA`, 401, 'error="invalid_token", error_description="the access token is invalid"'],
      [`Bearer ${expiredAccessToken()}`, 401, 'error="invalid_token", error_description="the access token expired"'],
      [`Bearer ${refresh}`, 401, 'error="invalid_token", error_description="not an access token"'],
      ['Basic YWxpY2U6d29uZGVybGFuZA==', 400, 'error="invalid_request"'],
    ];
    for (const [authorization, status, challenge] of cases) {
      const r = await me(authorization);
      expect(r.status).toBe(status);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer realm="ciphertoken-example", /);
      expect(r.headers.get('www-authenticate')).toContain(challenge);
    }
  });

  it('POST /auth/refresh rotates: a new working pair; access tokens and junk are refused', async () => {
    const first = await login();
    const rotated = await post('/auth/refresh', { refresh_token: first.refresh_token });
    expect(rotated.status).toBe(200);
    const pair = (await rotated.json()) as { access_token: string; refresh_token: string };
    expect(pair.refresh_token).not.toBe(first.refresh_token);
    const rotatedMe = await me(`Bearer ${pair.access_token}`);
    expect([rotatedMe.status, await rotatedMe.json()]).toEqual([200, expect.objectContaining({ user: 'alice', user_id: 7 })]);
    const again = await post('/auth/refresh', { refresh_token: pair.refresh_token });
    expect(again.status).toBe(200);

    const withAccess = await post('/auth/refresh', { refresh_token: first.access_token });
    expect(withAccess.status).toBe(401);
    expect(await withAccess.json()).toEqual({ error: 'invalid_grant', code: 'ERR_TOKEN_TYPE' });
    expect((await post('/auth/refresh', { refresh_token: 'junk' })).status).toBe(401);
    expect((await post('/auth/refresh', {})).status).toBe(400);
  });

  it('with ciphertoken/store (once merged): a reused refresh token is refused', async (context) => {
    if (!hasStore) return context.skip();
    const first = await login();
    expect((await post('/auth/refresh', { refresh_token: first.refresh_token })).status).toBe(200);
    const reuse = await post('/auth/refresh', { refresh_token: first.refresh_token });
    expect(reuse.status).toBe(401);
    expect(((await reuse.json()) as { code: string }).code).toBe('ERR_REFRESH_REUSED');
  });

  it('login issues one session: both tokens share a family id (pair)', async () => {
    const { access_token: access, refresh_token: refresh } = await login();
    const inspector = new CipherToken({ secret: SECRET, algorithm: HS256, accessTtl: minutes(10), refreshTtl: days(7) });
    const fam = inspector.inspect(access).fam;
    expect(fam).toBeTypeOf('string');
    expect(inspector.inspect(refresh).fam).toBe(fam);
  });

  it('POST /auth/logout with the access token ends the session: the login refresh token no longer rotates', async (context) => {
    if (!hasStore) return context.skip();
    const { access_token: access, refresh_token: refresh } = await login();
    const logout = await fetch(`${origin}/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${access}` } });
    expect(logout.status).toBe(204);
    const after = await me(`Bearer ${access}`);
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toContain('error_description="the access token was revoked"');
    const rotate = await post('/auth/refresh', { refresh_token: refresh });
    expect(rotate.status).toBe(401);
    expect(await rotate.json()).toEqual({ error: 'invalid_grant', code: 'ERR_TOKEN_REVOKED' });
    // A refresh token is not a bearer token: it cannot log out (or call /me) either.
    const other = await login();
    const withRefresh = await fetch(`${origin}/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.refresh_token}` },
    });
    expect(withRefresh.status).toBe(401);
    expect(withRefresh.headers.get('www-authenticate')).toContain('error_description="not an access token"');
  });
});
