import { afterAll, afterEach, beforeAll } from 'vitest';
import type { TokenStore } from '../../src/token/store/types.js';
import { startRedisCluster, type RedisCluster } from './redis-cluster.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

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

/** The Redis servers of one test file: set in its beforeAll, so read them inside tests only. */
export interface RedisServers {
  readonly server: RedisServer;
  readonly cluster: RedisCluster;
}

/** Starts a redis-server and a 3-master Redis Cluster on 127.0.0.1 for the file, stopped after it. */
export function redisServersForFile(): RedisServers {
  const servers = {} as { server: RedisServer; cluster: RedisCluster };
  beforeAll(async () => {
    [servers.server, servers.cluster] = await Promise.all([startRedisServer(), startRedisCluster()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([servers.server?.stop(), servers.cluster?.stop()]);
  });
  return servers;
}
