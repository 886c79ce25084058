// Verified-token cache (issue 18): a cached HS256 verify against fast-jwt's cached verifier, and
// the uncached path with and without a cache configured, measured in one process.
import { CipherToken, secretKeyWithSize } from 'ciphertoken';
import { createVerifyCache, verifyJwt } from 'ciphertoken/jws';
import { importKey } from 'ciphertoken/keys';
import { createVerifier } from 'fast-jwt';
import { measure, table } from './harness.mjs';

const payload = { user_id: 42, role: 'admin', scopes: ['read', 'write'] };
const secret = secretKeyWithSize(32);
const plain = new CipherToken({ secret, algorithm: 'HS256', accessTtl: 600, refreshTtl: 3600 });
const cached = new CipherToken({ secret, algorithm: 'HS256', accessTtl: 600, refreshTtl: 3600, cache: { max: 10_000 } });
const token = plain.access(payload);
const fastCached = createVerifier({ key: secret, algorithms: ['HS256'], cache: true });
const fastPlain = createVerifier({ key: secret, algorithms: ['HS256'] });
const key = importKey(secret, 'HS256');
const jwsCache = createVerifyCache({ max: 10_000 });
const jwsOptions = { algorithms: ['HS256'], cache: jwsCache };

table(`HS256 cached verify, same token every call (${token.length} chars)`, [
  ['ciphertoken decode() with cache', measure(() => cached.decode(token))],
  ['ciphertoken verifyJwt() with cache', measure(() => verifyJwt(token, key, jwsOptions))],
  ['fast-jwt createVerifier({ cache: true })', measure(() => fastCached(token))],
]);

// A distinct token on every call: the cache misses each time, so this is its whole overhead
// (hash, store, eviction) on top of a full verify.
const many = Array.from({ length: 20_000 }, (_, i) => plain.access({ ...payload, i }));
let next = 0;
const rotate = () => many[next++ % many.length];
table('HS256 uncached verify (a different token every call)', [
  ['ciphertoken decode(), no cache', measure(() => plain.decode(rotate()))],
  ['ciphertoken decode(), cache of 10,000, all misses', measure(() => cached.decode(rotate()))],
  ['fast-jwt createVerifier (no cache)', measure(() => fastPlain(rotate()))],
]);
