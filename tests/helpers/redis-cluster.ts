/**
 * Starts a throw-away Redis Cluster of three masters (no replicas) for the store tests: each
 * `redis-server --cluster-enabled yes` on 127.0.0.1, on a free port, in its own temporary
 * directory with its own nodes.conf; `redis-cli --cluster create` assigns the 16384 slots.
 * `cluster-require-full-coverage no` keeps the other masters' slots served when one master dies,
 * which is what the slot-unavailable test observes.
 * @module
 */

import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ensureRedisServer, freePort, launch } from './redis-server.js';

const run = promisify(execFile);

export interface RedisCluster {
  readonly ports: readonly number[];
  /** `redis://127.0.0.1:<port>` of every master. */
  readonly urls: readonly string[];
  /** SIGKILL of the master on `port`: its slots become unavailable. */
  kill(port: number): Promise<void>;
  /** SIGKILL of every node and removal of their directories. */
  stop(): Promise<void>;
}

function redisCli(server: string): string {
  const cli = join(dirname(server), 'redis-cli');
  return existsSync(cli) ? cli : 'redis-cli';
}

export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const binary = ensureRedisServer();
  const cli = redisCli(binary);
  const nodes: { port: number; dir: string; child: ChildProcess | undefined }[] = [];
  const stop = async () => {
    await Promise.all(
      nodes.map(async (node) => {
        const child = node.child;
        node.child = undefined;
        if (child !== undefined && child.exitCode === null && child.signalCode === null) {
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          child.kill('SIGKILL');
          await exited;
        }
        rmSync(node.dir, { recursive: true, force: true });
      }),
    );
  };
  process.once('exit', () => {
    for (const node of nodes) node.child?.kill('SIGKILL');
  });
  try {
    for (let i = 0; i < masters; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'ciphertoken-cluster-'));
      const port = await freePort();
      const node: { port: number; dir: string; child: ChildProcess | undefined } = { port, dir, child: undefined };
      nodes.push(node);
      node.child = await launch(binary, port, dir, [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, 'nodes.conf'),
        '--cluster-node-timeout',
        '1000',
        '--cluster-require-full-coverage',
        'no',
      ]);
    }
    const addresses = nodes.map((n) => `127.0.0.1:${n.port}`);
    await run(cli, ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
    // Ready once every node has every slot assigned and agrees the cluster is ok.
    const deadline = Date.now() + 20_000;
    for (const node of nodes) {
      for (;;) {
        const { stdout } = await run(cli, ['-p', String(node.port), 'cluster', 'info']);
        if (stdout.includes('cluster_state:ok') && stdout.includes('cluster_slots_assigned:16384')) break;
        if (Date.now() > deadline) throw new Error(`cluster did not become ready: ${stdout}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ports: nodes.map((n) => n.port),
    urls: nodes.map((n) => `redis://127.0.0.1:${n.port}`),
    kill: async (port) => {
      const node = nodes.find((n) => n.port === port);
      const child = node?.child;
      if (node === undefined || child === undefined) return;
      node.child = undefined;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
    stop,
  };
}
