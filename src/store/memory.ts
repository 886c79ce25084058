/**
 * `MemoryStore`: the embedded `TokenStore` for one process. Bounded by `maxEntries`; entries
 * leave at their expiry through a min-heap, so sweeping costs O(log n) per entry, with no timer
 * (a timer would keep Node alive and is not allowed outside a request in Workers).
 * Reuse detection and revocation follow RFC 9700 §4.14.2 (OAuth 2.0 Security BCP).
 * @module
 */

import { StoreError } from '../errors.js';
import type { ConsumeResult, TokenRef, TokenStatus, TokenStore } from './types.js';

export interface MemoryStoreOptions {
  /** The most entries held at once (default 100,000); beyond it writes fail with `StoreError`. */
  maxEntries?: number;
}

type State = 'consumed' | 'revoked';

interface Entry {
  state: State;
  /** Unix milliseconds after which the entry is gone. */
  until: number;
}

interface HeapItem {
  readonly until: number;
  readonly key: string;
}

const DEFAULT_MAX_ENTRIES = 100_000;
const jtiKey = (jti: string): string => `j:${jti}`;
const familyKey = (family: string): string => `f:${family}`;

export class MemoryStore implements TokenStore {
  readonly maxEntries: number;
  readonly #entries = new Map<string, Entry>();
  /** Min-heap on `until`. An item whose entry was extended or replaced is skipped when it surfaces. */
  #heap: HeapItem[] = [];
  #closed = false;

  constructor(options: MemoryStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new TypeError('maxEntries must be a positive whole number');
    this.maxEntries = maxEntries;
  }

  /** Live entries (expired ones are swept first). */
  get size(): number {
    this.#sweep(Date.now());
    return this.#entries.size;
  }

  // Each method does all its work before its first (and only) implicit await, so on one JS thread
  // it is atomic: two concurrent consume() calls can never both see the token unused.

  async consume(ref: TokenRef): Promise<ConsumeResult> {
    const now = this.#open();
    const own = this.#get(jtiKey(ref.jti), now);
    // A used token stays 'reused' even once its family is revoked, so every replay is reported as one.
    if (own) return own.state === 'consumed' ? 'reused' : 'revoked';
    if (this.#get(familyKey(ref.family), now)) return 'revoked';
    this.#put(jtiKey(ref.jti), 'consumed', ref.expiresAt, now);
    return 'consumed';
  }

  async status(ref: TokenRef): Promise<TokenStatus> {
    const now = this.#open();
    const own = this.#get(jtiKey(ref.jti), now);
    if (own?.state === 'revoked' || this.#get(familyKey(ref.family), now)) return 'revoked';
    return own ? 'consumed' : 'active';
  }

  async revoke(ref: TokenRef): Promise<void> {
    const now = this.#open();
    this.#put(jtiKey(ref.jti), 'revoked', ref.expiresAt, now);
  }

  async revokeFamily(family: string, expiresAt: number): Promise<void> {
    const now = this.#open();
    this.#put(familyKey(family), 'revoked', expiresAt, now);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#entries.clear();
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

  /** Writes `state` until `expiresAt` (Unix seconds); an existing entry's expiry is never shortened. */
  #put(key: string, state: State, expiresAt: number, now: number): void {
    const until = Math.ceil(expiresAt * 1000);
    if (until <= now) return; // the token is refused by its exp already: nothing to remember
    const existing = this.#get(key, now);
    if (existing === undefined && this.#entries.size >= this.maxEntries) {
      // Evicting a live entry would forget a revocation or a use and re-open a replay; refuse instead.
      throw new StoreError('the memory token store is full');
    }
    // A spent refresh token stays 'consumed' when revoked: it is refused either way, and a replay
    // of it must still be reported as reuse (and revoke its family).
    const entry = { state: existing?.state === 'consumed' ? existing.state : state, until: Math.max(until, existing?.until ?? 0) };
    this.#entries.set(key, entry);
    if (entry.until !== existing?.until) this.#push({ until: entry.until, key });
  }

  #sweep(now: number): void {
    const heap = this.#heap;
    while (heap.length > 0 && heap[0]!.until <= now) {
      const { key } = this.#pop();
      const entry = this.#entries.get(key);
      if (entry !== undefined && entry.until <= now) this.#entries.delete(key);
    }
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
