// A Cloudflare Worker as the README's Workers section writes it, built by wrangler: the wasm
// modules of the families it uses arrive as WebAssembly.Modules (Workers never compile bytes) and
// are handed to initSync once.
// It verifies an HS256 bearer token and answers with an ES256 token signed for the same subject
// with the private key of a secret binding (PKCS#8 PEM), as a deployed Worker keeps its keys.
import hash from 'ciphertoken/wasm/hash.wasm';
import p256 from 'ciphertoken/wasm/p256.wasm';
import { initSync } from 'ciphertoken/wasm';
import { CipherToken, ES256, HS256 } from 'ciphertoken';

initSync({ hash, p256 });

const ttl = { accessTtl: 600, refreshTtl: 3600 };

export default {
  async fetch(request, env) {
    const bearer = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
    const hs = new CipherToken({ secret: env.JWT_SECRET, algorithm: HS256, ...ttl });
    if (!hs.verify(bearer, { type: 'access' })) return new Response('unauthorized', { status: 401 });
    const { payload } = hs.decode(bearer);
    const es256 = new CipherToken({ secret: env.ES256_KEY, algorithm: ES256, ...ttl }).access({ user_id: payload.user_id });
    return Response.json({ user_id: payload.user_id, es256 });
  },
};
