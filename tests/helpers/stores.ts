import { afterEach } from 'vitest';
import type { TokenStore } from '../../src/token/store/types.js';

/** Settles `n` concurrent calls and counts failures by error class name. */
export async function race<T>(n: number, call: () => Promise<T>): Promise<{ wins: T[]; errors: Record<string, number> }> {
  const settled = await Promise.allSettled(Array.from({ length: n }, call));
  const wins: T[] = [];
  const errors: Record<string, number> = {};
  for (const s of settled) {
    if (s.status === 'fulfilled') wins.push(s.value);
    else errors[(s.reason as Error).name] = (errors[(s.reason as Error).name] ?? 0) + 1;
  }
  return { wins, errors };
}

/** Registers an afterEach that closes every store passed to the returned `track` during the test. */
export function closeStoresAfterEach(): <S extends TokenStore>(store: S) => S {
  const opened: TokenStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  return (store) => (opened.push(store), store);
}
