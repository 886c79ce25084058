// Cloudflare Workers entry for the same Hono app: the wasm core arrives as an imported Module
// (initSync; the app signs HS256, so the hash module is the only one it needs), the secret and
// the demo password as bindings (Workers secrets).
import { initSync } from 'ciphertoken';
import hash from 'ciphertoken/wasm/hash.wasm';
import { createApp } from './app.mjs';

initSync({ hash });

let app;

export default {
  async fetch(request, env) {
    app ??= await createApp({ secret: env.JWT_SECRET, users: new Map([['alice', { id: 1, password: env.DEMO_PASSWORD }]]) });
    return app.fetch(request, env);
  },
};
