/**
 * `MemoryStore`: the embedded `TokenStore` for one process. Bounded by `maxEntries` (one entry per
 * rotated session, one per revocation, at most `maxRevokedPerFamily` revocations per session);
 * entries leave at their expiry through a min-heap, so sweeping costs O(log n) per entry, with no
 * timer (a timer would keep Node alive and is not allowed outside a request in Workers).
 * Reuse detection and revocation follow RFC 9700 §4.14.2 (OAuth 2.0 Security BCP).
 * @module
 */

import { StoreError } from '../../core/errors.js';
import type { ConsumeResult, Successor, TokenRef, TokenStatus, TokenStore } from './types.js';

/** Options of `new MemoryStore(options)`: bounds on what one process holds. */
export interface MemoryStoreOptions {
  /** The most entries held at once (default 100,000); beyond it writes fail with `StoreError`. */
  maxEntries?: number;
  /**
   * The most per-token revocations held for one family (default 8). One more revokes the whole
   * family instead, so a single session cannot fill the store for everyone.
   */
  maxRevokedPerFamily?: number;
}

interface Entry {
  /** Family entries: the family's current refresh `jti`, once it has rotated. */
  current?: string;
  /** Family entries: the refresh `jti` rotated last, retryable until `graceUntil` (`rotationGrace`). */
  previous?: string;
  /** Unix milliseconds. */
  graceUntil?: number;
  /** Token entries: the family they count against (`maxRevokedPerFamily`). */
  family?: string;
  /** The token (a `j:` entry) or the family (an `f:` entry) is refused. */
  revoked: boolean;
  /** Unix milliseconds after which the entry is gone. */
  until: number;
}

type Fields = Omit<Entry, 'until'>;

interface HeapItem {
  readonly until: number;
  readonly key: string;
}

const DEFAULT_MAX_ENTRIES = 100_000;
const DEFAULT_MAX_REVOKED_PER_FAMILY = 8;
const jtiKey = (jti: string): string => `j:${jti}`;
const familyKey = (family: string): string => `f:${family}`;
/** An entry's fields without its expiry, to rewrite it with changes. */
const fieldsOf = (entry: Entry | undefined): Fields => {
  if (entry === undefined) return { revoked: false };
  const { until: _until, ...fields } = entry;
  return fields;
};

/**
 * A token store in this process's memory: one-time rotation, reuse detection and revocation for a
 * single instance. Entries expire with the tokens they describe; a restart forgets them.
 *
 * @example
 * ```ts
 * import { CipherToken, HS256, secretKey } from 'ciphertoken';
 * import { MemoryStore } from 'ciphertoken/store';
 *
 * const tokens = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: 600, refreshTtl: 86_400, store: new MemoryStore() });
 * const [access, refresh] = await tokens.pairAsync({ user_id: 42 });
 * ```
 */
export class MemoryStore implements TokenStore {
  readonly maxEntries: number;
  readonly maxRevokedPerFamily: number;
  readonly #entries = new Map<string, Entry>();
  /** Live `j:` entries per family; never more families than entries, so it needs no bound of its own. */
  readonly #revokedPerFamily = new Map<string, number>();
  /** Min-heap on `until`. An item whose entry was extended or replaced is skipped when it surfaces. */
  #heap: HeapItem[] = [];
  #closed = false;

  constructor(options: MemoryStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new TypeError('maxEntries must be a positive whole number');
    this.maxEntries = maxEntries;
    const perFamily = options.maxRevokedPerFamily ?? DEFAULT_MAX_REVOKED_PER_FAMILY;
    if (!Number.isSafeInteger(perFamily) || perFamily < 1) throw new TypeError('maxRevokedPerFamily must be a positive whole number');
    this.maxRevokedPerFamily = perFamily;
  }

  /** Live entries (expired ones are swept first). */
  get size(): number {
    this.#sweep(Date.now());
    return this.#entries.size;
  }

  // Each method does all its work before its first (and only) implicit await, so on one JS thread
  // it is atomic: two concurrent consume() calls can never both see the token as current.

  async consume(ref: TokenRef, next: Successor): Promise<ConsumeResult> {
    const now = this.#open();
    const key = familyKey(ref.family);
    const family = this.#get(key, now);
    if (family?.current !== undefined && family.current !== ref.jti) {
      // `rotationGrace`: the token rotated moments ago is presented again (a retry, a lost
      // response, a second tab): the caller re-issues the current refresh token, nothing is revoked.
      if (family.previous === ref.jti && (family.graceUntil ?? 0) > now) {
        if (family.revoked || this.#get(jtiKey(ref.jti), now)) return 'revoked';
        // The re-issued copy expires with `next`: the family entry must outlive it.
        this.#put(key, fieldsOf(family), next.expiresAt, now);
        return { status: 'grace', current: family.current };
      }
      // RFC 9700 §4.14.2: a refresh token that is no longer its family's current one was used before.
      return 'reused';
    }
    if (family?.revoked === true || this.#get(jtiKey(ref.jti), now)) return 'revoked';
    const fields: Fields = { current: next.jti, revoked: false };
    const grace = next.grace ?? 0;
    if (grace > 0) {
      fields.previous = ref.jti;
      fields.graceUntil = now + grace * 1000;
    }
    this.#put(key, fields, Math.max(ref.expiresAt, next.expiresAt), now);
    return 'consumed';
  }

  async status(ref: TokenRef): Promise<TokenStatus> {
    const now = this.#open();
    const family = this.#get(familyKey(ref.family), now);
    if (family?.revoked === true || this.#get(jtiKey(ref.jti), now)) return 'revoked';
    if (ref.kind === 'refresh' && family?.current !== undefined && family.current !== ref.jti) return 'consumed';
    return 'active';
  }

  async revoke(ref: TokenRef): Promise<void> {
    const now = this.#open();
    const fkey = familyKey(ref.family);
    const family = this.#get(fkey, now);
    // The family's revocation covers the token already: lengthen it if needed, add nothing.
    if (family?.revoked === true) {
      this.#put(fkey, fieldsOf(family), ref.expiresAt, now);
      return;
    }
    const key = jtiKey(ref.jti);
    if (this.#get(key, now) === undefined && (this.#revokedPerFamily.get(ref.family) ?? 0) >= this.maxRevokedPerFamily) {
      // One session revoking token after token (rotate, revoke the new access token, repeat)
      // would otherwise add an entry each time until the store is full for every user. Past the
      // cap the whole family is revoked instead: one entry, and only this session pays.
      this.#put(fkey, { ...fieldsOf(family), revoked: true }, Math.max(ref.expiresAt, ref.familyExpiresAt ?? 0), now);
      return;
    }
    if (this.#put(key, { revoked: true, family: ref.family }, ref.expiresAt, now)) {
      this.#revokedPerFamily.set(ref.family, (this.#revokedPerFamily.get(ref.family) ?? 0) + 1);
    }
  }

  async revokeFamily(family: string, expiresAt: number): Promise<void> {
    const now = this.#open();
    const key = familyKey(family);
    // Keeps `current` (and a grace window's `previous`), so a later replay of a spent token is
    // still reported as reuse, or as revoked, never accepted.
    this.#put(key, { ...fieldsOf(this.#get(key, now)), revoked: true }, expiresAt, now);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#entries.clear();
    this.#revokedPerFamily.clear();
    this.#heap = [];
  }

  /** The current time in ms, after sweeping; refuses once closed (fail closed, never "unknown = fine"). */
  #open(): number {
    if (this.#closed) throw new StoreError('the token store is closed');
    const now = Date.now();
    this.#sweep(now);
    return now;
  }

  #get(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    return entry !== undefined && entry.until > now ? entry : undefined;
  }

  /**
   * Writes `fields` until `expiresAt` (Unix seconds); an existing entry's expiry is never
   * shortened. True when this created the entry.
   */
  #put(key: string, fields: Fields, expiresAt: number, now: number): boolean {
    const until = Math.ceil(expiresAt * 1000);
    const existing = this.#get(key, now);
    if (until <= now && existing === undefined) return false; // the token is refused by its exp already
    if (existing === undefined && this.#entries.size >= this.maxEntries) {
      // Evicting a live entry would forget a revocation or a use and re-open a replay; refuse instead.
      throw new StoreError('the memory token store is full');
    }
    const entry: Entry = { ...fields, until: Math.max(until, existing?.until ?? 0) };
    for (const name of ['current', 'previous', 'graceUntil', 'family'] as const) if (entry[name] === undefined) delete entry[name];
    this.#entries.set(key, entry);
    if (entry.until !== existing?.until) this.#push({ until: entry.until, key });
    return existing === undefined;
  }

  #sweep(now: number): void {
    const heap = this.#heap;
    while (heap.length > 0 && heap[0]!.until <= now) {
      const { key } = this.#pop();
      const entry = this.#entries.get(key);
      if (entry !== undefined && entry.until <= now) {
        this.#entries.delete(key);
        if (entry.family !== undefined) this.#uncount(entry.family);
      }
    }
  }

  #uncount(family: string): void {
    const left = (this.#revokedPerFamily.get(family) ?? 1) - 1;
    if (left > 0) this.#revokedPerFamily.set(family, left);
    else this.#revokedPerFamily.delete(family);
  }

  #push(item: HeapItem): void {
    // Extensions leave stale items behind; rebuild when they outnumber the live entries.
    if (this.#heap.length >= 2 * this.maxEntries) this.#rebuild();
    const heap = this.#heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.until <= item.until) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = item;
  }

  #pop(): HeapItem {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && heap[right]!.until < heap[left]!.until ? right : left;
        if (heap[child]!.until >= last.until) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }

  #rebuild(): void {
    const live = [...this.#entries].map(([key, { until }]) => ({ until, key }));
    this.#heap = [];
    for (const item of live) this.#push(item);
  }
}
