// `npm run bench:store`: what a token store costs per rotation and per verification, and how long
// 200 concurrent rotations of one refresh token take (exactly one wins). MemoryStore always;
// RedisStore on a throw-away redis-server (127.0.0.1, free port) and on a throw-away 3-master
// Redis Cluster (three such servers with --cluster-enabled yes) when redis-server is installed.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CipherToken, HS256, secretKeyWithSize } from 'ciphertoken';
import { MemoryStore, RedisStore } from 'ciphertoken/store';
import { measureAsync, table } from './harness.mjs';

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const redisBinary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(existsSync);

async function startRedis(extra = []) {
  const binary = redisBinary;
  if (binary === undefined) return undefined;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ciphertoken-bench-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extra];
  const child = spawn(binary, args, { stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    const up = await new Promise((resolve) => {
      const socket = new Socket();
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return { port, url: `redis://127.0.0.1:${port}`, stop: () => (child.kill('SIGTERM'), rmSync(dir, { recursive: true, force: true })) };
}

/** Three cluster-enabled servers joined by `redis-cli --cluster create`; undefined without redis-cli. */
async function startCluster() {
  const cli = redisBinary?.replace(/redis-server$/, 'redis-cli');
  if (cli === undefined || !existsSync(cli)) return undefined;
  const nodes = [];
  for (let i = 0; i < 3; i++) nodes.push(await startRedis(['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf']));
  const cluster = {
    urls: nodes.map((n) => n.url),
    stop: () => {
      for (const n of nodes) n.stop();
    },
  };
  const run = (args) => new Promise((resolve, reject) => execFile(cli, args, (e, out) => (e ? reject(e) : resolve(out))));
  try {
    await run(['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (const node of nodes) {
      while (!(await run(['-p', String(node.port), 'cluster', 'info'])).includes('cluster_state:ok'))
        await new Promise((r) => setTimeout(r, 50));
    }
  } catch (error) {
    cluster.stop();
    console.log(`(could not start a Redis Cluster: ${error.message.split('\n')[0]}; cluster rows skipped)`);
    return undefined;
  }
  return cluster;
}

console.log(
  `Token store costs — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}, ${new Date().toISOString()}`,
);
console.log('ratio = store µs/op ÷ stateless µs/op');

const redis = await startRedis();
const cluster = await startCluster();
const secret = secretKeyWithSize(32);
const make = (store) => new CipherToken({ secret, algorithm: HS256, accessTtl: 600, refreshTtl: 3600, store });
const variants = [
  ['stateless (no store)', undefined],
  ['MemoryStore', new MemoryStore({ maxEntries: 10_000_000 })],
];
if (redis) variants.push(['RedisStore (local redis-server)', new RedisStore({ url: redis.url })]);
else console.log('(redis-server not installed: RedisStore rows skipped)');
if (cluster) variants.push(['RedisStore (local 3-master Redis Cluster)', new RedisStore({ cluster: cluster.urls })]);

const payload = { user_id: 42, role: 'admin' };
for (const inFlight of [1, 32]) {
  const rows = [];
  for (const [name, store] of variants) {
    const token = make(store);
    // `inFlight` sessions, each rotating its own chain (the steady state: one store entry per session).
    const chains = Array.from({ length: inFlight }, () => token.refresh(payload));
    let k = 0;
    const step = async () => {
      const i = k++ % inFlight;
      [, chains[i]] = await token.rotationAsync(chains[i]);
    };
    rows.push([name, await measureAsync(step, { inFlight })]);
  }
  table(`rotationAsync() of a session's current refresh token, ${inFlight} session(s) in flight`, rows);
}

{
  const rows = [];
  for (const [name, store] of variants) {
    const token = make(store);
    const access = token.access(payload);
    rows.push([name, await measureAsync(() => token.verifyAsync(access))]);
  }
  table('verifyAsync(access), 1 in flight', rows);
}

console.log('\n200 concurrent rotationAsync() of one refresh token (median of 5 runs)');
for (const [name, store] of variants.slice(1)) {
  const token = make(store);
  const times = [];
  for (let run = 0; run < 5; run++) {
    const refresh = token.refresh(payload);
    const start = process.hrtime.bigint();
    const settled = await Promise.allSettled(Array.from({ length: 200 }, () => token.rotationAsync(refresh)));
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    const wins = settled.filter((s) => s.status === 'fulfilled').length;
    const reused = settled.filter((s) => s.status === 'rejected' && s.reason.code === 'ERR_REFRESH_REUSED').length;
    if (wins !== 1 || reused !== 199) throw new Error(`${name}: ${wins} winners, ${reused} reuse errors`);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${name.padEnd(44)} ${times[2].toFixed(1).padStart(8)} ms   (1 winner, 199 RefreshTokenReusedError every run)`);
}

for (const [, store] of variants) await store?.close();
redis?.stop();
cluster?.stop();
