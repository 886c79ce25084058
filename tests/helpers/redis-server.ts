/**
 * Starts a throw-away `redis-server` for the store tests: on 127.0.0.1, on a free port, with no
 * persistence, in a temporary directory. Installs Debian's `redis-server` when it is missing
 * (CI runs as root on Debian); anywhere else a missing binary fails the tests with the command to run.
 * @module
 */

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY_DIRS = ['/usr/bin', '/usr/local/bin', '/usr/sbin'];

function findRedisServer(): string | undefined {
  return BINARY_DIRS.map((dir) => join(dir, 'redis-server')).find((path) => existsSync(path));
}

/** The path of `redis-server`, installing Debian's package first when it is missing. */
export function ensureRedisServer(): string {
  const found = findRedisServer();
  if (found !== undefined) return found;
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], { stdio: 'ignore', env });
  } catch (error) {
    throw new Error('redis-server is missing and apt-get could not install it: run `apt-get install -y redis-server`', { cause: error });
  }
  const installed = findRedisServer();
  if (installed === undefined) throw new Error('redis-server is still missing after apt-get install redis-server');
  return installed;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** SIGKILL: the server vanishes mid-run, as in a crash. */
  kill(): Promise<void>;
  /** Starts the server again on the same port (after `kill`). */
  restart(): Promise<void>;
  /** SIGTERM and cleanup. */
  stop(): Promise<void>;
}

/** Starts `redis-server` on `port` in `dir` (plus `extra` arguments); resolves once it accepts connections. */
export function launch(binary: string, port: number, dir: string, extra: readonly string[] = []): Promise<ChildProcess> {
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--loglevel',
      'warning',
      '--logfile',
      '',
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let log = '';
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start on port ${port}: ${log}`));
    }, 10_000);
    const poll = setInterval(() => {
      // Ready once it accepts a TCP connection.
      const socket = new Socket();
      socket.once('error', () => socket.destroy());
      socket.connect(port, '127.0.0.1', () => {
        socket.destroy();
        clearInterval(poll);
        clearTimeout(deadline);
        resolve(child);
      });
    }, 25);
    child.stdout?.on('data', (d) => (log += d));
    child.stderr?.on('data', (d) => (log += d));
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(deadline);
      reject(new Error(`redis-server exited (${code}): ${log}`));
    });
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  const binary = ensureRedisServer();
  const dir = mkdtempSync(join(tmpdir(), 'ciphertoken-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(binary, port, dir);
  // Never leave a server behind, even when the test run dies before stop().
  process.once('exit', () => child?.kill('SIGKILL'));
  const exited = (c: ChildProcess) =>
    new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));
  const signal = async (name: NodeJS.Signals) => {
    const current = child;
    child = undefined;
    if (current === undefined) return;
    current.kill(name);
    await exited(current);
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => signal('SIGKILL'),
    restart: async () => {
      await signal('SIGKILL');
      child = await launch(binary, port, dir);
    },
    stop: async () => {
      await signal('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
