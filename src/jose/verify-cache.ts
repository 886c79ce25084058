/**
 * The verified-token cache: a bounded LRU of verification results, keyed by a keyed hash of the
 * whole compact token (RFC 7515 §7.1), so a session's bearer token is verified once and then only
 * re-checked against the clock (RFC 7519 §4.1.4 `exp`, §4.1.5 `nbf`) on later requests.
 *
 * The hash is NH (RFC 4418 §5.2.2, UMAC's universal hash) in three Toeplitz lanes of 64 bits under
 * a per-process random key (src/wasm/token-hash.ts): two different tokens of one length share all
 * three lanes with probability at most 2^-96 whatever they are, as long as the key stays secret
 * (it never leaves wasm memory), and an entry also records the length. SHA-256 on the wasm core
 * was measured at 1.7 µs for a 312-character token (2026-12-01, 2 shared cores) — more than the
 * whole cached verify may cost; NH is a small fraction of it (bench/cache.mjs). The token text is
 * never kept: an entry holds the 192 hash bits, the length and the frozen result.
 * @module
 */

import { CACHE_ENTRIES, numberOption } from '../core/options.js';
import { tokenHash } from '../wasm/token-hash.js';

/**
 * Longest token cached, in characters. Longer tokens are verified every time (their hash would need
 * more key); bearer tokens are a few hundred characters.
 */
export const MAX_CACHED_TOKEN = 8192;

/** Six 32-bit words of the NH lanes; the first is the Map key (a small integer: the fastest key). */
const lanes = new Int32Array(6);

/** Hashes `token` into `lanes`; false when it is not cached (not a string, too long, not ASCII). */
const hashed = (token: unknown): token is string => typeof token === 'string' && tokenHash(token, MAX_CACHED_TOKEN, lanes);

/** The registered time claims of a cached result, re-checked on every hit. */
export interface TimeClaims {
  readonly exp?: unknown;
  readonly nbf?: unknown;
  readonly iat?: unknown;
}

/** One cached verification: the frozen result and what decides whether it applies. */
export interface CacheEntry<V, S> {
  /** Lane words 1 to 5 (word 0 is the Map key). */
  readonly h1: number;
  readonly h2: number;
  readonly h3: number;
  readonly h4: number;
  readonly h5: number;
  readonly length: number;
  readonly value: V;
  readonly time: TimeClaims;
  /** The options the result was verified under (compared by the caller). */
  readonly scope: S;
}

const matches = (entry: CacheEntry<unknown, unknown>, length: number): boolean =>
  entry.h1 === lanes[1] &&
  entry.h2 === lanes[2] &&
  entry.h3 === lanes[3] &&
  entry.h4 === lanes[4] &&
  entry.h5 === lanes[5] &&
  entry.length === length;

/**
 * The LRU itself: a `Map` from the first hash word to a slot; the slot's entry carries the other
 * five words and the length (a first-word match with other words is a miss; storing then replaces
 * it). Recency is a doubly linked list over slot numbers in typed arrays, so a hit and an eviction
 * are O(1). (Deleting the oldest key of a `Map` in insertion order instead was measured at several
 * µs per miss once full: V8 iterates over the holes deleted keys leave until it rehashes.)
 */
export class TokenCache<V, S> {
  readonly max: number;
  readonly #slots = new Map<number, number>();
  readonly #entries: (CacheEntry<V, S> | undefined)[] = [];
  // Slot arrays grow with use up to `max`, so a large bound costs nothing until it is reached.
  #keys = new Int32Array(0);
  #prev = new Int32Array(0);
  #next = new Int32Array(0);
  /** Slots freed by `delete`, reused before new ones. */
  #free: number[] = [];
  /** Most and least recently used slots; -1 when empty. */
  #head = -1;
  #tail = -1;

  constructor(max: number) {
    this.max = max;
  }

  get size(): number {
    return this.#slots.size;
  }

  clear(): void {
    this.#slots.clear();
    this.#entries.length = 0;
    this.#free = [];
    this.#head = this.#tail = -1;
  }

  /** The entry of `token`, if one was stored (the caller still checks time and scope). */
  get(token: string): CacheEntry<V, S> | undefined {
    if (!hashed(token)) return undefined;
    const slot = this.#slots.get(lanes[0]!);
    if (slot === undefined) return undefined;
    const entry = this.#entries[slot]!;
    if (!matches(entry, token.length)) return undefined;
    if (slot !== this.#head) {
      this.#unlink(slot);
      this.#pushHead(slot);
    }
    return entry;
  }

  /** Stores a result for `token`; `value` must already be frozen. */
  set(token: string, value: V, time: TimeClaims, scope: S): void {
    if (!hashed(token)) return;
    const key = lanes[0]!;
    const entry: CacheEntry<V, S> = {
      h1: lanes[1]!,
      h2: lanes[2]!,
      h3: lanes[3]!,
      h4: lanes[4]!,
      h5: lanes[5]!,
      length: token.length,
      value,
      time,
      scope,
    };
    let slot = this.#slots.get(key);
    if (slot !== undefined) {
      this.#unlink(slot);
    } else if (this.#slots.size >= this.max) {
      // Evict the least recently used entry and take its slot.
      slot = this.#tail;
      this.#unlink(slot);
      this.#slots.delete(this.#keys[slot]!);
    } else {
      slot = this.#free.pop() ?? this.#entries.length;
      if (slot >= this.#keys.length) this.#grow();
    }
    this.#entries[slot] = entry;
    this.#keys[slot] = key;
    this.#slots.set(key, slot);
    this.#pushHead(slot);
  }

  /** Forgets `token` (a result that can never be valid again: expired). */
  delete(token: string): void {
    if (!hashed(token)) return;
    const slot = this.#slots.get(lanes[0]!);
    if (slot === undefined || !matches(this.#entries[slot]!, token.length)) return;
    this.#unlink(slot);
    this.#slots.delete(lanes[0]!);
    this.#entries[slot] = undefined;
    this.#free.push(slot);
  }

  /** Doubles the slot arrays (at most to `max`). */
  #grow(): void {
    const size = Math.min(this.max, Math.max(16, this.#keys.length * 2));
    const widen = (old: Int32Array): Int32Array<ArrayBuffer> => {
      const wider = new Int32Array(size);
      wider.set(old);
      return wider;
    };
    this.#keys = widen(this.#keys);
    this.#prev = widen(this.#prev);
    this.#next = widen(this.#next);
  }

  #unlink(slot: number): void {
    const prev = this.#prev[slot]!;
    const next = this.#next[slot]!;
    if (prev === -1) this.#head = next;
    else this.#next[prev] = next;
    if (next === -1) this.#tail = prev;
    else this.#prev[next] = prev;
  }

  #pushHead(slot: number): void {
    this.#prev[slot] = -1;
    this.#next[slot] = this.#head;
    if (this.#head === -1) this.#tail = slot;
    else this.#prev[this.#head] = slot;
    this.#head = slot;
  }
}

/** Options of a verified-token cache. */
export interface VerifyCacheOptions {
  /** Most results kept (whole number ≥ 1); the least recently used is dropped first. */
  max: number;
}

/** The `max` option, validated: a whole number of entries, else `TypeError`. */
export function cacheSize(options: unknown, owner: string): number {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${owner} must be an object like { max: 10000 }`);
  return numberOption(`${owner}.max`, (options as { max?: unknown }).max, CACHE_ENTRIES);
}

/** Deep-freezes a JSON value (a parsed claim set or header) so no caller can alter a cached result. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
