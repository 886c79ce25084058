import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const sh = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('npm pack → install → import', () => {
  let project = '';

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'ciphertoken-pack-'));
    sh('npm', ['pack', '--silent', '--pack-destination', project], root);
    // The runtime dependencies are packed from our own node_modules, so the offline install needs
    // no registry metadata: an empty npm cache (a fresh machine) installs the same as a warm one.
    const { dependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const name of Object.keys(dependencies))
      sh('npm', ['pack', '--silent', '--pack-destination', project], join(root, 'node_modules', name));
    writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "private": true }\n');
    const tarballs = readdirSync(project).filter((f) => f.endsWith('.tgz'));
    sh('npm', ['install', '--offline', '--no-audit', '--no-fund', ...tarballs.map((f) => `./${f}`)], project);
  }, 120_000);

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('ships the wasm and the built modules', () => {
    const files = sh('find', ['node_modules/ciphertoken', '-type', 'f'], project);
    for (const name of ['hash', 'gcm', 'ed25519', 'p256', 'p384', 'p521', 'rsa']) expect(files).toContain(`build/${name}.wasm`);
    expect(files).toContain('dist/esm/index.js');
    expect(files).toContain('dist/cjs/index.js');
    expect(files).toContain('dist/esm/index.d.ts');
    expect(files).not.toContain('assembly/');
  });

  it('works from ESM (import) for every module of API.md that exists', () => {
    writeFileSync(
      join(project, 'esm.mjs'),
      `
      import { CipherToken, HS256, secretKey } from 'ciphertoken';
      import { minutes, days } from 'ciphertoken/time';
      import { access } from 'ciphertoken/jwt';
      import { HS512 } from 'ciphertoken/algorithms';
      import { secretKeyWithSize } from 'ciphertoken/secret';
      import { init, isReady } from 'ciphertoken/wasm';
      import { encryptJwt, decryptJwt, importJweKey } from 'ciphertoken/jwe';
      await init();
      const t = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: minutes(10), refreshTtl: days(7) });
      const t5 = new CipherToken({ secret: secretKeyWithSize(64), algorithm: HS512, accessTtl: 60, refreshTtl: 60 });
      const k = new Uint8Array(32).fill(7);
      const jwe = encryptJwt({ a: 1 }, k, { alg: 'dir', enc: 'A256GCM' });
      const opened = decryptJwt(jwe, importJweKey(k, 'dir'), { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
      console.log(isReady(), t.verify(access(t, { a: 1 })), t5.decode(t5.access()).token, opened.payload.a);
    `,
    );
    expect(sh(process.execPath, ['esm.mjs'], project).trim()).toBe('true true access 1');
  });

  it('works from CommonJS (require)', () => {
    writeFileSync(
      join(project, 'cjs.cjs'),
      `
      const { CipherToken, HS256, secretKey, InvalidTokenError } = require('ciphertoken');
      const { minutes } = require('ciphertoken/time');
      const t = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: minutes(1), refreshTtl: minutes(2) });
      let code = '';
      try { t.decode('x.y.z'); } catch (e) { code = e instanceof InvalidTokenError && e.code; }
      console.log(t.verify(t.refresh()), code);
    `,
    );
    expect(sh(process.execPath, ['cjs.cjs'], project).trim()).toBe('true ERR_TOKEN_INVALID');
  });

  it('ships ciphertoken/store (ESM and CommonJS) and needs ioredis only for RedisStore({ url })', () => {
    writeFileSync(
      join(project, 'store.mjs'),
      `
      import { CipherToken, HS256, secretKey } from 'ciphertoken';
      import { MemoryStore, RedisStore } from 'ciphertoken/store';
      const t = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: 60, refreshTtl: 60, store: new MemoryStore() });
      const r = t.refresh();
      await t.rotationAsync(r);
      const reused = await t.rotationAsync(r).catch((e) => e.code);
      const missing = await new RedisStore({ url: 'redis://127.0.0.1:1' }).status({ jti: 'a', family: 'a', expiresAt: 1e10 }).catch((e) => e.code + ' ' + /ioredis/.test(e.message));
      console.log(reused, missing);
    `,
    );
    expect(sh(process.execPath, ['store.mjs'], project).trim()).toBe('ERR_REFRESH_REUSED ERR_STORE true');
    writeFileSync(
      join(project, 'store.cjs'),
      `
      const { MemoryStore } = require('ciphertoken/store');
      const { MemoryStore: FromRoot } = require('ciphertoken');
      console.log(MemoryStore === FromRoot, new MemoryStore({ maxEntries: 5 }).maxEntries);
    `,
    );
    expect(sh(process.execPath, ['store.cjs'], project).trim()).toBe('true 5');
  });

  it('ciphertoken/secure works from ESM and CommonJS (with its @noble/ciphers dependency)', () => {
    const script = (load: string) => `
      ${load}
      const settings = new Settings({ SECRET_KEY: generateSecretKey(), PBKDF2_ITERATIONS: 1000 });
      const m = new SecureTokenManager({ settings });
      const t = m.generateToken({ userId: 'u1', permissions: ['read'] });
      console.log(m.validateToken(t).userId, m.checkPermission(t, 'read'), m.exportConfig().algorithm);
    `;
    writeFileSync(
      join(project, 'secure.mjs'),
      script(`import { SecureTokenManager, Settings, generateSecretKey } from 'ciphertoken/secure';`),
    );
    writeFileSync(
      join(project, 'secure.cjs'),
      script(`const { SecureTokenManager, Settings, generateSecretKey } = require('ciphertoken/secure');`),
    );
    expect(sh(process.execPath, ['secure.mjs'], project).trim()).toBe('u1 true Fernet');
    expect(sh(process.execPath, ['secure.cjs'], project).trim()).toBe('u1 true Fernet');
  });

  it('type-checks a TypeScript consumer against the shipped .d.ts', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          lib: ['ES2022', 'DOM'],
          types: [],
        },
      }),
    );
    writeFileSync(
      join(project, 'consumer.mts'),
      `
      import { CipherToken, HS256, type Claims, type CipherTokenErrorCode } from 'ciphertoken';
      import { minutes } from 'ciphertoken/time';
      const t = new CipherToken({ secret: 'x'.repeat(32), algorithm: HS256, accessTtl: minutes(1), refreshTtl: minutes(2) });
      const claims: Claims = t.decode(t.access({ a: 1 }));
      const kind: 'access' | 'refresh' = claims.token;
      const code: CipherTokenErrorCode = 'ERR_TOKEN_INVALID';
      export { kind, code };
    `,
    );
    writeFileSync(
      join(project, 'consumer.cts'),
      `
      import ct = require('ciphertoken');
      const ok: boolean = new ct.CipherToken({ secret: 'x'.repeat(32), algorithm: ct.HS256, accessTtl: 60, refreshTtl: 60 }).verify('x');
      export = ok;
    `,
    );
    sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], project);
    // A type error must fail the same command (the check above is not vacuous).
    writeFileSync(join(project, 'broken.mts'), `import { CipherToken } from 'ciphertoken';\nnew CipherToken({ secret: 1 });\n`);
    expect(() => sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], project)).toThrow();
  });
});
