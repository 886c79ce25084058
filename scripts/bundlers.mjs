// Real users' builds, checked and measured: the packed package is installed into a temporary app
// (offline, from tarballs), the fixtures of tests/bundlers/ are built with Vite, webpack and esbuild
// for the browser and with wrangler for Workers, each build is run (headless Chromium, workerd) and
// asserted, and the bytes a client downloads are summed (gzip -9 per file). The same apps written
// with jose are built and measured the same way. `npm run test:bundlers` and `npm run size` both
// print the table of this one implementation.
import { execFileSync, spawn } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from './chromium.mjs';
import { freePort, workerdConfig } from './workerd.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'tests/bundlers');
const LIBRARIES = ['ciphertoken', 'jose'];

/** Runs a command to completion; throws with its output on failure. */
const sh = (command, args, cwd, env = process.env) =>
  execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * A temporary app directory with `ciphertoken` (npm pack of this checkout) and `jose` installed
 * from tarballs, offline: the runtime dependencies are packed from our node_modules, so an empty
 * npm cache installs the same as a warm one (as tests/package.test.ts does). The fixtures are
 * copied beside it, one folder per library.
 */
function prepareApp() {
  const app = mkdtempSync(join(tmpdir(), 'ciphertoken-bundlers-'));
  try {
    installInto(app);
  } catch (error) {
    rmSync(app, { recursive: true, force: true });
    throw new Error(`could not install the packed package: ${error.stdout ?? ''}${error.stderr ?? ''}`, { cause: error });
  }
  return app;
}

function installInto(app) {
  const tarballs = join(app, 'tarballs');
  mkdirSync(tarballs);
  sh('npm', ['pack', '--silent', '--pack-destination', tarballs], root);
  const { dependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const name of [...Object.keys(dependencies), 'jose'])
    sh('npm', ['pack', '--silent', '--pack-destination', tarballs], join(root, 'node_modules', name));
  writeFileSync(join(app, 'package.json'), '{ "name": "bundlers-app", "private": true, "type": "module" }\n');
  const packed = readdirSync(tarballs).map((f) => join(tarballs, f));
  sh('npm', ['install', '--offline', '--no-audit', '--no-fund', ...packed], app);
  cpSync(join(fixtures, 'report.js'), join(app, 'report.js'));
  for (const library of LIBRARIES) {
    cpSync(join(fixtures, library), join(app, library), { recursive: true });
    cpSync(join(fixtures, 'index.html'), join(app, library, 'index.html'));
    cpSync(join(fixtures, 'wrangler.toml'), join(app, library, 'wrangler.toml'));
  }
}

/** Browser builds, each as a user runs it with defaults: no configuration for the wasm. */
const browserBuilds = {
  async vite(source, outDir) {
    const { build } = await import('vite');
    await build({ root: source, configFile: false, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  },
  async webpack(source, outDir) {
    const { default: webpack } = await import('webpack');
    const compiler = webpack({
      mode: 'production',
      context: source,
      entry: './app.js',
      output: { path: outDir, filename: 'main.js', clean: true },
      performance: { hints: false },
    });
    const stats = await new Promise((done, fail) => compiler.run((error, result) => (error ? fail(error) : done(result))));
    await new Promise((done) => compiler.close(done));
    if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
    // What html-webpack-plugin writes: a classic deferred script.
    writeFileSync(
      join(outDir, 'index.html'),
      readFileSync(join(source, 'index.html'), 'utf8').replace('<script type="module" src="./app.js">', '<script defer src="./main.js">'),
    );
  },
  async esbuild(source, outDir) {
    const { build } = await import('esbuild');
    await build({
      entryPoints: [join(source, 'app.js')],
      outdir: outDir,
      absWorkingDir: source,
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      logLevel: 'error',
    });
    cpSync(join(source, 'index.html'), join(outDir, 'index.html'));
  },
};

/** gzip -9 of each file, summed: what a client downloads from a server that compresses. */
function measure(dir, names) {
  const files = names.map((name) => {
    const bytes = readFileSync(join(dir, name));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return { files, raw: files.reduce((t, f) => t + f.raw, 0), gzip: files.reduce((t, f) => t + f.gzip, 0) };
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
};

/** A static server for one build output directory on 127.0.0.1 that records which files it served. */
async function serveStatic(dir) {
  const served = new Set();
  const missing = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html');
    const file = resolve(dir, `.${path}`);
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      missing.push(path);
      return res.writeHead(404).end();
    }
    served.add(relative(dir, file));
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    served,
    missing,
    close: () =>
      new Promise((done) => {
        server.close(done);
        // Chromium keeps its connections alive after the page closes; close() waits for them.
        server.closeAllConnections();
      }),
  };
}

const base64url = (text) => Buffer.from(text, 'base64url');

/** Checks a token's signature with node:crypto (not with the library that made it); returns its claims. */
function assertEs256(token, publicPem) {
  const [header, payload, signature] = token.split('.');
  if (JSON.parse(base64url(header)).alg !== 'ES256') throw new Error('the ES256 token names another algorithm');
  const key = createPublicKey(publicPem);
  if (!verify('sha256', Buffer.from(`${header}.${payload}`), { key, dsaEncoding: 'ieee-p1363' }, base64url(signature)))
    throw new Error('the ES256 signature does not verify with node:crypto');
  return JSON.parse(base64url(payload));
}

/** The user's claim: CipherToken nests the user's payload under `payload`, jose keeps it flat. */
const userId = (claims) => (claims.payload ?? claims).user_id;

/** Opens a build in Chromium, waits for the page's verdict and measures what the page loaded. */
async function runPage(context, outDir) {
  const server = await serveStatic(outDir);
  const page = await context.newPage();
  const offsite = [];
  const errors = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(server.origin)) offsite.push(request.url());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => document.title !== 'loading', null, { timeout: 30_000 }).catch(() => {});
    const title = await page.title();
    if (title !== 'ok') throw new Error(`page says ${JSON.stringify(title)}${errors.length ? `; errors: ${errors.join('; ')}` : ''}`);
    if (offsite.length) throw new Error(`requests left 127.0.0.1: ${offsite.join(', ')}`);
    if (server.missing.length) throw new Error(`the page asked for missing files: ${server.missing.join(', ')}`);
    const result = JSON.parse(await page.evaluate(() => document.body.dataset.result));
    if (JSON.parse(base64url(result.hs256.split('.')[0])).alg !== 'HS256') throw new Error('the HS256 token names another algorithm');
    if (userId(assertEs256(result.es256, result.publicPem)) !== 42) throw new Error('the ES256 token lost its claims');
    return measure(outDir, [...server.served].sort());
  } finally {
    await page.close();
    await server.close();
  }
}

/** Environment for wrangler: no account, no telemetry, no update check, and the network guard. */
function wranglerEnv(app, networkLog) {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(CLOUDFLARE_|CF_)/.test(name)) delete env[name];
  return {
    ...env,
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    // The banner is what runs wrangler's update check against the registry.
    WRANGLER_HIDE_BANNER: 'true',
    WRANGLER_LOG: 'error',
    // wrangler keeps its config and logs under the user's config dir: keep them in the temp app.
    XDG_CONFIG_HOME: join(app, '.config'),
    CI: 'true',
    NO_NETWORK_LOG: networkLog,
    NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --require ${join(fixtures, 'no-network.cjs')}`.trim(),
  };
}

/** `wrangler deploy --dry-run --outdir`: the upload bundle a deploy would send, built offline. */
function buildWorker(app, source, outDir) {
  const networkLog = join(app, 'network.log');
  writeFileSync(networkLog, '');
  const manifest = createRequire(import.meta.url).resolve('wrangler/package.json');
  const wrangler = join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.wrangler);
  try {
    sh(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', outDir], source, wranglerEnv(app, networkLog));
  } catch (error) {
    throw new Error(`wrangler failed: ${error.stdout}${error.stderr}`);
  }
  const attempts = readFileSync(networkLog, 'utf8').trim();
  if (attempts) throw new Error(`wrangler tried to reach the network: ${attempts.split('\n').join(', ')}`);
}

/** The upload bundle's modules: wrangler writes the entry, the modules it references and a README. */
function workerModules(outDir) {
  const kinds = { '.js': 'esModule', '.mjs': 'esModule', '.wasm': 'wasm', '.txt': 'text', '.bin': 'data' };
  const names = readdirSync(outDir, { recursive: true })
    .filter((name) => kinds[extname(name)] && statSync(join(outDir, name)).isFile())
    .sort();
  // The entry module comes first in a workerd config; wrangler names it after the source entry.
  const main = names.includes('worker.js') ? 'worker.js' : names.find((n) => kinds[extname(n)] === 'esModule');
  return [main, ...names.filter((n) => n !== main)].map((name) => ({ name, kind: kinds[extname(name)] }));
}

/**
 * Serves a wrangler output directory in workerd on 127.0.0.1, with the secret bindings of
 * `credentials` (JWT_SECRET, ES256_KEY); resolves once it answers. `first`
 * is the request polled for (every millisecond), so `startMs` is process start to the first
 * response that did the work: a Worker's cold start.
 */
async function serveWorker(outDir, credentials, first = {}) {
  const port = await freePort();
  const config = join(outDir, 'workerd.capnp');
  writeFileSync(config, workerdConfig(port, workerModules(outDir), { JWT_SECRET: credentials.secret, ES256_KEY: credentials.es256Key }));
  const began = performance.now();
  const child = spawn(join(root, 'node_modules/.bin/workerd'), ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await fetch(origin, first);
      return { origin, startMs: performance.now() - began, stop: () => child.kill('SIGTERM') };
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error(`workerd did not start: ${log}`);
      }
      await new Promise((r) => setTimeout(r, 1));
    }
  }
}

/** Median cold start of the Worker over `runs` fresh workerd processes (ms). */
async function workerColdStart(outDir, credentials, runs = 11) {
  const starts = [];
  for (let i = 0; i < runs; i++) {
    const worker = await serveWorker(outDir, credentials, { headers: { authorization: `Bearer ${credentials.token}` } });
    starts.push(worker.startMs);
    worker.stop();
  }
  return starts.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Asks the Worker with a good, a tampered and no bearer token; measures the upload bundle. */
async function runWorker(outDir, credentials) {
  const worker = await serveWorker(outDir, credentials);
  try {
    const ask = (token) => fetch(worker.origin, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const good = await ask(credentials.token);
    if (good.status !== 200) throw new Error(`a good token got ${good.status}: ${await good.text()}`);
    const body = await good.json();
    if (body.user_id !== 42 || userId(assertEs256(body.es256, credentials.es256PublicPem)) !== 42)
      throw new Error('the ES256 token lost its claims');
    for (const bad of [`${credentials.token.slice(0, -2)}AA`, ''])
      if ((await ask(bad)).status !== 401) throw new Error(`a ${bad ? 'tampered' : 'missing'} token was not refused`);
  } finally {
    worker.stop();
  }
  return {
    ...measure(
      outDir,
      workerModules(outDir).map((m) => m.name),
    ),
    coldStartMs: await workerColdStart(outDir, credentials),
  };
}

/**
 * Builds, runs and measures every app. Resolves with one row per (bundler, library):
 * `{ bundler, library, ok, error?, raw, gzip, files, ms }`; `log` hears of each row as it ends.
 */
export async function runBundlers({ log = () => {} } = {}) {
  const app = prepareApp();
  try {
    return await buildAndRunAll(app, log);
  } finally {
    // BUNDLERS_KEEP=1 keeps the app and its builds for a look at what a bundler made.
    if (process.env.BUNDLERS_KEEP) console.log(`kept ${app}`);
    else rmSync(app, { recursive: true, force: true });
  }
}

async function buildAndRunAll(app, log) {
  const rows = [];
  const record = async (bundler, library, work) => {
    const began = Date.now();
    let row;
    try {
      row = { bundler, library, ok: true, ...(await work()) };
    } catch (error) {
      row = { bundler, library, ok: false, error: error?.stack ?? String(error), raw: 0, gzip: 0, files: [] };
    }
    row.ms = Date.now() - began;
    rows.push(row);
    log(row);
  };
  const browser = await launchChromium();
  try {
    for (const [bundler, build] of Object.entries(browserBuilds))
      for (const library of LIBRARIES) {
        const outDir = join(app, 'out', `${bundler}-${library}`);
        await record(bundler, library, async () => {
          await build(join(app, library), outDir);
          return runPage(browser.context, outDir);
        });
      }
  } finally {
    await browser.close();
  }
  // The bearer token the Workers check, issued in Node by this checkout's build.
  const { CipherToken, HS256, secretKey } = await import('../dist/esm/index.js');
  const secret = secretKey();
  const token = new CipherToken({ secret, algorithm: HS256, accessTtl: 600, refreshTtl: 3600 }).access({ user_id: 42 });
  // The Workers' ES256 signing key, a secret binding as a deployed Worker holds it.
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const es256Key = privateKey.export({ type: 'pkcs8', format: 'pem' });
  const es256PublicPem = publicKey.export({ type: 'spki', format: 'pem' });
  for (const library of LIBRARIES) {
    const outDir = join(app, 'out', `wrangler-${library}`);
    await record('wrangler', library, async () => {
      buildWorker(app, join(app, library), outDir);
      return runWorker(outDir, { secret, token, es256Key, es256PublicPem });
    });
  }
  return rows;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/**
 * The table of downloads: each bundler's CipherToken app beside the same app with jose; with
 * `files`, each row is followed by its files (to see where the bytes go once the wasm is split).
 */
export function formatTable(rows, { files = false } = {}) {
  const lines = ['bundler    library       files         raw   gzip -9   vs jose   time   cold start'];
  for (const row of rows) {
    const jose = rows.find((r) => r.bundler === row.bundler && r.library === 'jose' && r.ok);
    const ratio = row.ok && jose && row.library !== 'jose' ? `${(row.gzip / jose.gzip).toFixed(1)}×` : '';
    lines.push(
      [
        row.bundler.padEnd(10),
        row.library.padEnd(12),
        (row.ok ? String(row.files.length) : 'FAIL').padStart(6),
        (row.ok ? kb(row.raw) : '').padStart(11),
        (row.ok ? kb(row.gzip) : '').padStart(9),
        ratio.padStart(9),
        `${(row.ms / 1000).toFixed(1)} s`.padStart(6),
        row.coldStartMs === undefined ? '' : `${row.coldStartMs.toFixed(1)} ms`.padStart(12),
      ].join(' '),
    );
    if (files) for (const f of row.files) lines.push(`${''.padEnd(31)}${kb(f.raw).padStart(11)} ${kb(f.gzip).padStart(9)}   ${f.name}`);
  }
  return lines.join('\n');
}
