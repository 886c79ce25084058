/**
 * Docs that run: the `ts` blocks of Markdown files, type-checked against the built package and
 * run. A block preceded by `<!-- doc-test: workers -->` is type-checked with
 * `@cloudflare/workers-types` and served by workerd (it must answer 401 without a bearer token and
 * the token's payload with one); `<!-- doc-test: skip (reason) -->` skips a deliberately partial
 * block, and each caller lists its skips by name, so none is silent. Used by tests/readme.test.ts
 * (README.md) and tests/guides.test.ts (docs/guides/*.md).
 * @module
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CipherToken, exportJwk, HS256, importKey, signJwt } from '../../src/index.js';
import { generateEcKeypair, secretKey } from '../../src/token/secret.js';
import { serveWorkerd } from './workerd.js';

const root = new URL('../..', import.meta.url).pathname;
const tsc = join(root, 'node_modules/typescript/bin/tsc');

export interface Block {
  name: string;
  code: string;
  mode: 'node' | 'workers' | 'skip';
}

/** The `ts` fences of a Markdown text, named after their section (`#2` for a second block). */
export function extractBlocks(markdown: string): Block[] {
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

export interface DocTestOptions {
  /** Blocks skipped on purpose, by name; the test fails if the files' markers disagree. */
  skipped: string[];
  /** At least this many blocks run on Node (a guard against an extractor that finds nothing). */
  minNodeBlocks: number;
  /** At least this many Worker blocks. */
  minWorkerBlocks: number;
  /** Prefix each block's name with its file's name (several files in one suite). */
  prefixFileName?: boolean;
  /** More environment for the blocks, set up before they run (and torn down by the returned function). */
  setup?: () => Promise<{ env: Record<string, string>; teardown: () => Promise<void> }>;
}

/**
 * Registers the doc tests of `files` (paths relative to the package root) under `title`. Every
 * block sees the same environment: fresh secrets (`CIPHERTOKEN_SECRET`, `JWT_SECRET`), Secure
 * Token settings (`SECRET_KEY`, `SALT`), a JWK set served on 127.0.0.1 (`ISSUER_JWKS_URL`) and an
 * ES256 token it verifies (`ID_TOKEN`, issuer `https://issuer.example`), plus `options.setup`'s.
 */
export function describeDocBlocks(title: string, files: readonly string[], options: DocTestOptions): void {
  const blocks = files.flatMap((file) => {
    const prefix = options.prefixFileName ? `${basename(file, '.md')}: ` : '';
    return extractBlocks(readFileSync(join(root, file), 'utf8')).map((b) => ({ ...b, name: prefix + b.name }));
  });
  const nodeBlocks = blocks.filter((b) => b.mode === 'node');
  const workerBlocks = blocks.filter((b) => b.mode === 'workers');
  const fileOf = (index: number) => `block${String(index).padStart(2, '0')}`;

  // Inside the package root, so `import 'ciphertoken'` resolves to this checkout's build (self-reference).
  let dir = '';
  let jwksServer: Server | undefined;
  let teardown: (() => Promise<void>) | undefined;
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

    // A remote JWK set on 127.0.0.1 and a token it verifies, for the `createRemoteJwks` blocks.
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
    if (options.setup) {
      const extra = await options.setup();
      Object.assign(env, extra.env);
      teardown = extra.teardown;
    }
  }, 60_000);

  afterAll(async () => {
    jwksServer?.close();
    await teardown?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe(title, () => {
    it('are found, and the skipped ones are exactly the listed ones', () => {
      expect(nodeBlocks.length).toBeGreaterThanOrEqual(options.minNodeBlocks);
      expect(workerBlocks.length).toBeGreaterThanOrEqual(options.minWorkerBlocks);
      expect(blocks.filter((b) => b.mode === 'skip').map((b) => b.name)).toEqual(options.skipped);
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
        const { bundleWorker } = await import(/* @vite-ignore */ new URL('../../examples/worker/build.mjs', import.meta.url).href);
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
}
