/**
 * The `TokenStore` contract: the few atomic operations that refresh-token rotation with reuse
 * detection and revocation need (RFC 9700 §4.14.2, OAuth 2.0 Security BCP,
 * https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2). Every operation is async, and every
 * entry expires when the tokens it describes would be refused anyway, so a store never grows
 * without bound.
 *
 * A store keeps one entry per token family that has rotated at least once — its current refresh
 * `jti` — rather than one per used token: any other refresh token of the family is then known to
 * be spent, so a session costs one entry however often it rotates. Revocations add one entry each,
 * up to a per-family cap; none inside a revoked family.
 * @module
 */

/** One token as the store sees it: identifiers only, never the token text or any key. */
export interface TokenRef {
  /** The token's `jti` claim. */
  readonly jti: string;
  /**
   * The token's family: the `fam` claim that every refresh token (and every token issued by a
   * store-backed rotation) carries, or the token's own `jti` when it has none.
   */
  readonly family: string;
  readonly kind: 'access' | 'refresh';
  /** Unix seconds from which the token is refused by its `exp` anyway: its entries must last until then. */
  readonly expiresAt: number;
  /**
   * Unix seconds by which every token of the family issued so far is refused by its `exp`: how long
   * a revocation of the whole family must last. A store that turns a per-token revocation into a
   * family revocation (its per-family cap) uses it; `ref.expiresAt` when absent.
   */
  readonly familyExpiresAt?: number;
}

/** The refresh token a rotation issues in place of the one it consumes. */
export interface Successor {
  readonly jti: string;
  /** Unix seconds from which it is refused by its `exp`. */
  readonly expiresAt: number;
  /**
   * Seconds during which the consumed token may be presented again as a retry (`rotationGrace`);
   * 0 or absent: strict one-time use.
   */
  readonly grace?: number;
}

/**
 * A retry within the grace period: the token was rotated moments ago, so the caller re-issues the
 * family's current refresh token (`current`, a `jti`) instead of starting a new one.
 */
export interface GraceRetry {
  readonly status: 'grace';
  readonly current: string;
}

/** What `consume` found: `'consumed'` means this call, and no other, used the token. */
export type ConsumeResult = 'consumed' | 'reused' | 'revoked' | GraceRetry;

/** What the store knows about a token: `'consumed'` is a refresh token already exchanged. */
export type TokenStatus = 'active' | 'consumed' | 'revoked';

/**
 * The few atomic operations that one-time rotation and revocation need, all async. Implement it
 * for another database, or use `MemoryStore` or `RedisStore`.
 */
export interface TokenStore {
  /**
   * Exchanges the refresh token `ref` for `next`, atomically: when `ref.jti` is its family's
   * current refresh token (or the family has never rotated), `next.jti` becomes the current one
   * and the call resolves `'consumed'`; of any number of concurrent calls for one token exactly
   * one does. A refresh token of the family that is not the current one resolves `'reused'`
   * (even once the family is revoked, so every replay is reported); a revoked token or family
   * resolves `'revoked'`. The family's entry must last until both tokens are refused.
   *
   * With `next.grace` > 0 the consumed token is remembered for that many seconds: presenting it
   * again meanwhile (a retry, a second tab, a lost response) resolves `{ status: 'grace', current }`
   * with the family's current refresh `jti` and changes nothing else, unless the token or family
   * was revoked (`'revoked'`). After the grace period it is `'reused'` as before.
   */
  consume(ref: TokenRef, next: Successor): Promise<ConsumeResult>;
  /** Revoked (the token or its family), consumed (a refresh token that is no longer current), or active. */
  status(ref: TokenRef): Promise<TokenStatus>;
  /**
   * Refuses `ref.jti` from now on, until `ref.expiresAt`. Inside an already revoked family it adds
   * nothing (the family's revocation covers the token); a store may cap the per-token entries of
   * one family and revoke the whole family (until `ref.familyExpiresAt`) instead, so that one
   * session cannot fill it.
   */
  revoke(ref: TokenRef): Promise<void>;
  /** Refuses every token of `family` from now on, until `expiresAt` (an entry is never shortened). */
  revokeFamily(family: string, expiresAt: number): Promise<void>;
  /** Releases what the store holds (connections it opened); later calls reject with `StoreError`. */
  close(): Promise<void>;
}

/** Milliseconds from `nowMs` until `expiresAt` (Unix seconds), at least 1: an entry's lifetime. */
export function ttlMillis(expiresAt: number, nowMs: number): number {
  return Math.max(1, Math.ceil(expiresAt * 1000 - nowMs));
}
