/**
 * Docs that run: every `ts` block of README.md is type-checked against the built package, then
 * run. A block preceded by `<!-- doc-test: workers -->` is type-checked with
 * `@cloudflare/workers-types` and served by workerd; `<!-- doc-test: skip (reason) -->` skips a
 * deliberately partial block, and the skips are listed by name below, so none is silent.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CipherToken, exportJwk, HS256, importKey, signJwt } from '../src/index.js';
import { generateEcKeypair, secretKey } from '../src/token/secret.js';
import { serveWorkerd } from './helpers/workerd.js';

const root = new URL('..', import.meta.url).pathname;
const tsc = join(root, 'node_modules/typescript/bin/tsc');

/** Blocks skipped on purpose, by name; the test fails if the README's markers disagree. */
const SKIPPED: string[] = [];

interface Block {
  name: string;
  code: string;
  mode: 'node' | 'workers' | 'skip';
}

/** The `ts` fences of a Markdown text, named after their section (`#2` for a second block). */
function extractBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const seen = new Map<string, number>();
  let heading = 'top';
  let marker: string | undefined;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const title = /^#+\s+(.*)$/.exec(line);
    if (title) heading = title[1]!.replace(/[`:]/g, '').trim();
    const doc = /^<!-- doc-test: (workers|skip)\b.*-->$/.exec(line);
    if (doc) marker = doc[1];
    if (line === '```ts') {
      const end = lines.indexOf('```', i + 1);
      const count = (seen.get(heading) ?? 0) + 1;
      seen.set(heading, count);
      const mode = (marker ?? 'node') as Block['mode'];
      blocks.push({ name: count > 1 ? `${heading} #${count}` : heading, code: lines.slice(i + 1, end).join('\n'), mode });
      marker = undefined;
      i = end;
    } else if (line.trim() !== '' && !doc) marker = undefined;
  }
  return blocks;
}

const blocks = extractBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
const nodeBlocks = blocks.filter((b) => b.mode === 'node');
const workerBlocks = blocks.filter((b) => b.mode === 'workers');
const fileOf = (index: number) => `block${String(index).padStart(2, '0')}`;

// Inside the package root, so `import 'ciphertoken'` resolves to this checkout's build (self-reference).
let dir = '';
let jwksServer: Server | undefined;
const env: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(root, '.doc-tests-'));
  for (const [i, block] of nodeBlocks.entries()) writeFileSync(join(dir, `${fileOf(i)}.mts`), `${block.code}\nexport {};\n`);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        types: ['node'],
        strict: true,
        skipLibCheck: true,
        rootDir: '.',
        outDir: 'out',
      },
      include: ['*.mts'],
    }),
  );

  // A remote JWK set on 127.0.0.1 and a token it verifies, for the `createRemoteJwks` block.
  const [privatePem, publicPem] = generateEcKeypair('ES256');
  const jwks = JSON.stringify({ keys: [{ ...exportJwk(importKey(publicPem, 'ES256')), kid: 'issuer-1', alg: 'ES256' }] });
  jwksServer = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => jwksServer!.listen(0, '127.0.0.1', resolve));
  const { port } = jwksServer.address() as AddressInfo;
  const exp = Math.floor(Date.now() / 1000) + 600;
  Object.assign(env, {
    CIPHERTOKEN_SECRET: secretKey(),
    JWT_SECRET: secretKey(),
    SECRET_KEY: 'Correct-Horse#Battery9',
    SALT: 'per-deployment-salt-0123',
    ISSUER_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
    ID_TOKEN: signJwt({ iss: 'https://issuer.example', sub: 'user-1', exp }, importKey(privatePem, 'ES256'), { kid: 'issuer-1' }),
  });
}, 60_000);

afterAll(() => {
  jwksServer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('README.md code blocks', () => {
  it('are found, and the skipped ones are exactly the listed ones', () => {
    expect(nodeBlocks.length).toBeGreaterThanOrEqual(5);
    expect(workerBlocks.length).toBeGreaterThanOrEqual(1);
    expect(blocks.filter((b) => b.mode === 'skip').map((b) => b.name)).toEqual(SKIPPED);
  });

  it('type-check against the built package (Node blocks)', () => {
    const result = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 60_000);

  // Asynchronously: the JWK set server lives in this process and must answer while a block runs.
  it.each(nodeBlocks.map((block, i) => [block.name, i] as const))('runs: %s', async (_, i) => {
    const { stderr } = await promisify(execFile)(process.execPath, [join(dir, 'out', `${fileOf(i)}.mjs`)], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 30_000,
    });
    expect(stderr).toBe('');
  });

  describe.each(workerBlocks.map((block, i) => [block.name, block, i] as const))('Worker block: %s', (_, block, i) => {
    const workerDir = () => join(dir, `worker${i}`);

    it('type-checks with @cloudflare/workers-types', () => {
      mkdirSync(workerDir(), { recursive: true });
      writeFileSync(join(workerDir(), 'worker.ts'), block.code);
      writeFileSync(
        join(workerDir(), 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'ESNext',
            moduleResolution: 'Bundler',
            customConditions: ['workerd'],
            target: 'ES2022',
            lib: ['ES2022'],
            types: ['@cloudflare/workers-types'],
            strict: true,
            noEmit: true,
          },
          include: ['worker.ts'],
        }),
      );
      const result = spawnSync(process.execPath, [tsc, '-p', workerDir()], { encoding: 'utf8' });
      expect(result.stdout + result.stderr).toBe('');
      expect(result.status).toBe(0);
    }, 60_000);

    it('runs on workerd: 401 without a token, the payload with one', async () => {
      const { bundleWorker } = await import(/* @vite-ignore */ new URL('../examples/worker/build.mjs', import.meta.url).href);
      copyFileSync(join(root, 'examples/worker/config.capnp'), join(workerDir(), 'config.capnp'));
      const config: string = await bundleWorker(join(workerDir(), 'worker.ts'));
      const secret = secretKey();
      const { origin, stop } = await serveWorkerd(config, { JWT_SECRET: secret });
      try {
        expect((await fetch(origin)).status).toBe(401);
        const bearer = new CipherToken({ secret, algorithm: HS256, accessTtl: 60, refreshTtl: 60 }).access({ user_id: 42 });
        const answer = await fetch(origin, { headers: { authorization: `Bearer ${bearer}` } });
        expect(answer.status).toBe(200);
        expect(await answer.json()).toEqual({ user_id: 42 });
      } finally {
        stop();
      }
    }, 60_000);
  });
});

// Keep the helper honest: a block the extractor misreads would make every check above vacuous.
describe('extractBlocks', () => {
  it('names blocks by section, honours markers, and ignores other languages', () => {
    const md = [
      '# A',
      '```ts',
      'one',
      '```',
      '```sh',
      'not ts',
      '```',
      '```ts',
      'two',
      '```',
      '## B: `c`',
      '<!-- doc-test: skip (partial) -->',
      '```ts',
      'three',
      '```',
    ].join('\n');
    expect(extractBlocks(md)).toEqual([
      { name: 'A', code: 'one', mode: 'node' },
      { name: 'A #2', code: 'two', mode: 'node' },
      { name: 'B c', code: 'three', mode: 'skip' },
    ]);
  });
});
