/**
 * `ciphertoken/store`: token stores that make refresh-token rotation one-time and tokens
 * revocable (RFC 9700 §4.14.2, OAuth 2.0 Security BCP,
 * https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2). Pass one as `new CipherToken({ store })`:
 *
 * - every refresh token then carries a family id, claim `fam` (a UUID v4; rotation keeps it, and
 *   the access token a rotation issues carries it too; `pair()` gives a login's access token the
 *   refresh token's family, so `revoke(either, { family: true })` is a logout);
 * - `rotationAsync` exchanges the family's current refresh token exactly once; presenting any
 *   other refresh token of the family throws `RefreshTokenReusedError` and revokes the family
 *   (except, with `rotationGrace`, the token rotated last, presented again within that period);
 * - `revoke(jwt)` refuses one token (`{ family: true }`: its whole family);
 * - `verifyAsync`/`decodeAsync` consult the store; the sync `verify`/`decode`/`rotation` throw
 *   `StoreError` naming their async twin; a store that fails or does not answer is a `StoreError`.
 *
 * `MemoryStore` serves one process; `RedisStore` (needs the optional `ioredis` package) is shared.
 * @module
 */

export type { ConsumeResult, GraceRetry, Successor, TokenRef, TokenStatus, TokenStore } from './types.js';
export { MemoryStore, type MemoryStoreOptions } from './memory.js';
export { RedisStore, type RedisClientLike, type RedisStoreOptions } from './redis.js';
