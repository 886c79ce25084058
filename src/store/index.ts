/**
 * `ciphertoken/store`: token stores that make refresh-token rotation one-time and tokens
 * revocable (RFC 9700 §4.14.2, OAuth 2.0 Security BCP). Pass one as `new CipherToken({ store })`.
 * @module
 */

export type { ConsumeResult, Successor, TokenRef, TokenStatus, TokenStore } from './types.js';
export { MemoryStore, type MemoryStoreOptions } from './memory.js';
export { RedisStore, type RedisClientLike, type RedisStoreOptions } from './redis.js';
