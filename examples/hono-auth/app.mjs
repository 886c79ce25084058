// The FastAPI login/refresh example of the Python async guide, ported to Hono. Only web APIs and
// the async CipherToken methods are used, so the same app runs on Node, Bun, Deno and Workers.
//
//   POST /auth/login    { username, password }  → { access_token, refresh_token, token_type, expires_in }
//   POST /auth/refresh  { refresh_token }       → a new pair; the old refresh token is rotated out
//   POST /auth/logout   Authorization: Bearer <access token> → 204; the whole session is revoked
//   GET  /me            Authorization: Bearer <access token>
import { CipherToken, HS256, days, minutes } from 'ciphertoken';
import { Hono } from 'hono';
import { bearer } from './bearer.mjs';

/** A MemoryStore makes rotation one-time (reuse is detected) once `ciphertoken/store` exists. */
async function defaultStore() {
  try {
    const storeModule = 'ciphertoken/store'; // a variable: bundlers must not require it before it exists
    const { MemoryStore } = await import(/* @vite-ignore */ storeModule);
    return new MemoryStore();
  } catch {
    return undefined;
  }
}

/** Equal-time comparison of two strings (a demo stand-in for a password-hash check). */
function sameText(a, b) {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i % (x.length || 1)] ?? 0) ^ (y[i % (y.length || 1)] ?? 0);
  return diff === 0;
}

async function readJson(c) {
  try {
    const body = await c.req.json();
    return typeof body === 'object' && body !== null ? body : {};
  } catch {
    return {};
  }
}

/**
 * Builds the app. `secret` comes from the environment in real deployments; `users` maps a
 * username to `{ id, password }` (use a password hash in practice).
 */
export async function createApp({ secret, users, store, accessTtl = minutes(10), refreshTtl = days(7) }) {
  store ??= await defaultStore();
  const cipher = new CipherToken({ secret, algorithm: HS256, accessTtl, refreshTtl, ...(store && { store }) });
  const app = new Hono();

  app.post('/auth/login', async (c) => {
    const { username, password } = await readJson(c);
    const user = typeof username === 'string' ? users.get(username) : undefined;
    if (!user || typeof password !== 'string' || !sameText(password, user.password)) {
      return c.json({ error: 'invalid_credentials' }, 401);
    }
    const payload = { sub: username, user_id: user.id };
    // One session: both tokens carry one family id, so a logout with the access token also ends
    // the refresh token (and every token rotated from it).
    const [accessToken, refreshToken] = await cipher.pairAsync(payload);
    return c.json({
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: accessTtl,
    });
  });

  app.post('/auth/refresh', async (c) => {
    const { refresh_token: refreshToken } = await readJson(c);
    if (typeof refreshToken !== 'string') return c.json({ error: 'invalid_request' }, 400);
    try {
      // Verifies the refresh token (signature, expiry, type) and carries its payload over; with a
      // store the old token is consumed, and a second use is refused (RefreshTokenReusedError).
      const [access, refresh] = await cipher.rotationAsync(refreshToken);
      return c.json({ access_token: access, refresh_token: refresh, token_type: 'Bearer', expires_in: accessTtl });
    } catch (error) {
      // Expired, tampered, an access token, or (with a store) a reused refresh token: OAuth's invalid_grant.
      return c.json({ error: 'invalid_grant', code: error?.code ?? 'ERR_TOKEN_INVALID' }, 401);
    }
  });

  app.post('/auth/logout', bearer(cipher), async (c) => {
    // Without a store nothing can be revoked: the tokens simply run out (at most accessTtl/refreshTtl).
    if (!store) return c.json({ error: 'logout_unavailable' }, 501);
    await cipher.revoke(c.get('token'), { family: true });
    return c.body(null, 204);
  });

  app.get('/me', bearer(cipher), (c) => {
    const { payload, exp } = c.get('claims');
    return c.json({ user: payload.sub, user_id: payload.user_id, expires_at: exp });
  });

  return app;
}
