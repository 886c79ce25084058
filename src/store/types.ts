/**
 * The `TokenStore` contract: the few atomic operations that refresh-token rotation with reuse
 * detection and revocation need (RFC 9700 §4.14.2, OAuth 2.0 Security BCP). Every operation is
 * async, and every entry it writes expires when the token it describes would be refused anyway,
 * so a store never grows without bound.
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
  /** Unix seconds from which the token is refused by its `exp` anyway: the entry must last until then. */
  readonly expiresAt: number;
}

/** What `consume` found: `'consumed'` means this call, and no other, used the token. */
export type ConsumeResult = 'consumed' | 'reused' | 'revoked';

/** What the store knows about a token: `'consumed'` is a refresh token already exchanged. */
export type TokenStatus = 'active' | 'consumed' | 'revoked';

export interface TokenStore {
  /**
   * Marks the refresh token `ref.jti` as used, atomically: of any number of concurrent calls
   * for one `jti`, exactly one resolves `'consumed'`. Later calls resolve `'reused'`; a token
   * whose `jti` or family is revoked resolves `'revoked'` (a used one stays `'reused'`).
   */
  consume(ref: TokenRef): Promise<ConsumeResult>;
  /** The state of a token: revoked (itself or its family), consumed, or active. */
  status(ref: TokenRef): Promise<TokenStatus>;
  /** Refuses `ref.jti` from now on, until `ref.expiresAt` (a consumed jti stays consumed: still refused). */
  revoke(ref: TokenRef): Promise<void>;
  /** Refuses every token of `family` from now on, until `expiresAt` (never shortened). */
  revokeFamily(family: string, expiresAt: number): Promise<void>;
  /** Releases what the store holds (connections it opened); later calls reject. */
  close(): Promise<void>;
}

/** Milliseconds from `nowMs` until `expiresAt` (Unix seconds), at least 1: the entry's lifetime. */
export function ttlMillis(expiresAt: number, nowMs: number): number {
  return Math.max(1, Math.ceil(expiresAt * 1000 - nowMs));
}
