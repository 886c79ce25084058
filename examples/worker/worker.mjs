// A Cloudflare Worker verifying bearer tokens with CipherToken. Workers never compile wasm bytes
// at run time: each `.wasm` module is imported as a WebAssembly.Module and handed to initSync once.
// A JWKS may hold keys of every family, so this Worker takes every module; an HS256-only
// Worker imports just `ciphertoken/wasm/hash.wasm`.
//
// Keys come from bindings, never from the code: JWT_SECRET (an HS256 secret, a Workers secret) or
// JWKS (a JSON Web Key Set with public keys, for tokens signed elsewhere; ALGORITHMS optionally
// narrows the allow-list, e.g. "ES256,EdDSA").
import { HS256, TokenExpiredError, createLocalJwks, importKey, initSync, verifyJwt } from 'ciphertoken';
import ed25519 from 'ciphertoken/wasm/ed25519.wasm';
import hash from 'ciphertoken/wasm/hash.wasm';
import p256 from 'ciphertoken/wasm/p256.wasm';
import p384 from 'ciphertoken/wasm/p384.wasm';
import p521 from 'ciphertoken/wasm/p521.wasm';
import rsa from 'ciphertoken/wasm/rsa.wasm';

initSync({ hash, ed25519, p256, p384, p521, rsa });

/** Key and allow-list per binding set, built on the first request (bindings arrive with it). */
const verifiers = new WeakMap();

function verifierFor(env) {
  let verifier = verifiers.get(env);
  if (verifier) return verifier;
  if (env.JWKS) {
    const algorithms = env.ALGORITHMS
      ? env.ALGORITHMS.split(',').map((a) => a.trim())
      : ['EdDSA', 'ES256', 'ES384', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    verifier = { keys: createLocalJwks(JSON.parse(env.JWKS)), algorithms };
  } else if (env.JWT_SECRET) {
    verifier = { keys: importKey(env.JWT_SECRET, HS256), algorithms: [HS256] };
  } else {
    throw new Error('configure JWT_SECRET or JWKS');
  }
  verifiers.set(env, verifier);
  return verifier;
}

const unauthorized = (error, description) =>
  Response.json(
    { error: error ?? 'unauthorized', ...(description && { error_description: description }) },
    {
      status: 401,
      headers: { 'WWW-Authenticate': `Bearer realm="worker"${error ? `, error="${error}", error_description="${description}"` : ''}` },
    },
  );

export default {
  async fetch(request, env) {
    const { keys, algorithms } = verifierFor(env);
    const match = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '');
    if (!match) return unauthorized();
    try {
      // Synchronous: the modules were handed over by initSync above.
      const { payload, protectedHeader } = verifyJwt(match[1], keys, { algorithms });
      // The Worker's equivalent of CipherToken's { type: 'access' } (RFC 8725 §3.12): a CipherToken
      // refresh token is signed with the same key but is not a bearer token. Tokens of other
      // issuers carry no "token" claim and are taken as they are.
      if (payload.token !== undefined && payload.token !== 'access') return unauthorized('invalid_token', 'not an access token');
      return Response.json({ sub: payload.sub ?? null, alg: protectedHeader.alg, claims: payload });
    } catch (error) {
      return unauthorized('invalid_token', error instanceof TokenExpiredError ? 'the token expired' : 'the token is invalid');
    }
  },
};
