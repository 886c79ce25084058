import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciphertoken } from './helpers/cli.js';

const HMAC = ['HS256', 'HS384', 'HS512'] as const;
const ALL = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const now = () => Math.floor(Date.now() / 1000);
const oneLine = (text: string) => expect(text.trimEnd().split('\n')).toHaveLength(1);

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ciphertoken-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything a run printed must be free of `secret`. */
function neverEchoes(secret: string, ...results: { stdout: string; stderr: string }[]) {
  for (const r of results) {
    expect(r.stdout).not.toContain(secret);
    expect(r.stderr).not.toContain(secret);
  }
}

describe('ciphertoken: help, usage errors and exit codes', () => {
  it('prints the command list and the exit codes; no command is a usage error', async () => {
    const help = await ciphertoken(['--help']);
    expect(help.code).toBe(0);
    for (const word of ['keygen', 'sign', 'verify', 'inspect', 'Exit codes:', '  3   key problem']) expect(help.stdout).toContain(word);
    const bare = await ciphertoken([]);
    expect([bare.code, bare.stdout]).toEqual([2, '']);
    expect(bare.stderr).toBe(help.stdout);
  });

  it.each(['keygen', 'sign', 'verify', 'inspect'])('%s --help', async (command) => {
    const r = await ciphertoken([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: ciphertoken ${command}`));
    expect(r.stdout).toContain('Exit codes:');
  });

  it('unknown commands and options fail with one line and exit 2', async () => {
    const unknown = await ciphertoken(['frobnicate']);
    expect(unknown.code).toBe(2);
    oneLine(unknown.stderr);
    const option = await ciphertoken(['sign', '--secret=hunter2-hunter2-hunter2-hunter2', '--alg', 'HS256']);
    expect(option.code).toBe(2);
    oneLine(option.stderr);
    expect(option.stderr).toContain('see ciphertoken sign --help');
    neverEchoes('hunter2', option);
    const alg = await ciphertoken(['keygen', 'HS999']);
    expect(alg.code).toBe(2);
    expect(alg.stderr).toMatch(/^error: unknown algorithm "HS999"/);
  });

  it('--version prints the package version', async () => {
    const r = await ciphertoken(['--version']);
    expect(r.stdout.trim()).toBe(`ciphertoken ${JSON.parse(readFileSync('package.json', 'utf8')).version}`);
  });
});

describe('keygen --list: HMAC is always available (asymmetric tests below cannot hide an HS gap)', () => {
  it('lists HS256, HS384 and HS512, and only known algorithms', async () => {
    const r = await ciphertoken(['keygen', '--list']);
    const listed = r.stdout.trim().split('\n');
    expect([...listed].sort()).toEqual([...ALL].sort());
  });
});

describe.each(HMAC)('%s: keygen → sign → verify → inspect', (alg) => {
  const bytes = { HS256: 32, HS384: 48, HS512: 64 }[alg];

  it('keygen prints a fresh secret of the hash size (base64url text) on stdout', async () => {
    const [a, b] = await Promise.all([ciphertoken(['keygen', alg]), ciphertoken(['keygen', alg.toLowerCase()])]);
    expect(a.code).toBe(0);
    expect(a.stdout.trim()).toMatch(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`));
    expect(a.stdout).not.toBe(b.stdout);
    const short = await ciphertoken(['keygen', alg, '--bits', '128']);
    expect(short.code).toBe(2);
  });

  it('secret file (mode 0600): sign, verify, wrong key, tampering, algorithm allow-list', async () => {
    const out = join(dir, `${alg}-pem`);
    const gen = await ciphertoken(['keygen', alg, '--out', out]);
    expect(gen.code).toBe(0);
    const file = join(out, `${alg.toLowerCase()}.secret`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, 'utf8').trim();
    neverEchoes(secret, gen);
    expect((await ciphertoken(['keygen', alg, '--out', out])).code).toBe(4);
    chmodSync(file, 0o644);
    expect((await ciphertoken(['keygen', alg, '--out', out, '--force'])).code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = readFileSync(file, 'utf8').trim();

    const signed = await ciphertoken([
      'sign',
      '--alg',
      alg,
      '--key',
      file,
      '--ttl',
      '10m',
      '--claim',
      'role=admin',
      '--claim',
      'n=42',
      '--type',
      'access',
      '--kid',
      'k1',
    ]);
    expect(signed.code).toBe(0);
    const token = signed.stdout.trim();
    neverEchoes(again, signed);

    const ok = await ciphertoken(['verify', token, '--key', file]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toMatch(new RegExp(`^valid: ${alg}, access token, kid k1, expires in (10 m|9 m 5\\d s)$`));
    neverEchoes(again, ok);

    const json = JSON.parse((await ciphertoken(['verify', token, '--key', file, '--json'])).stdout);
    expect(json.payload).toMatchObject({ role: 'admin', n: 42, token: 'access' });
    expect(json.payload.exp - json.payload.iat).toBe(600);
    expect(json.header).toMatchObject({ alg, kid: 'k1', typ: 'JWT' });

    const tampered = await ciphertoken(['verify', `${token.slice(0, -4)}AAAA`, '--key', file]);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toBe('invalid: bad signature\n');

    writeFileSync(join(dir, `${alg}-other`), (await ciphertoken(['keygen', alg])).stdout);
    const wrongKey = await ciphertoken(['verify', token, '--key', join(dir, `${alg}-other`)]);
    expect([wrongKey.code, wrongKey.stderr]).toEqual([1, 'invalid: bad signature\n']);

    const otherAlg = alg === 'HS256' ? 'HS384' : 'HS256';
    const refused = await ciphertoken(['verify', token, '--key', file, '--alg', otherAlg, '--allow-weak-secret']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`invalid: algorithm ${alg} not allowed (the key is for ${otherAlg})\n`);
  });

  it('--secret-env: the secret from the environment, never printed, also on failures', async () => {
    const secret = (await ciphertoken(['keygen', alg])).stdout.trim();
    const env = { APP_SECRET: secret };
    const signed = await ciphertoken(
      ['sign', '--alg', alg, '--secret-env', 'APP_SECRET', '--ttl', '1h30m', '--sub', 'user-1', '--iss', 'me', '--aud', 'api'],
      { env },
    );
    expect(signed.code).toBe(0);
    const token = signed.stdout.trim();
    const results = [
      signed,
      await ciphertoken(['verify', token, '--secret-env', 'APP_SECRET', '--aud', 'api', '--iss', 'me', '--sub', 'user-1'], { env }),
      await ciphertoken(['verify', token, '--secret-env', 'APP_SECRET', '--aud', 'web'], { env }),
      await ciphertoken(['verify', token, '--secret-env', 'APP_SECRET', '--iss', 'you'], { env }),
      await ciphertoken(['verify', token, '--secret-env', 'APP_SECRET', '--type', 'refresh'], { env }),
      await ciphertoken(['sign', '--alg', alg, '--secret-env', 'WEAK'], { env: { WEAK: secret.slice(0, 10) } }),
      await ciphertoken(['sign', '--alg', 'ES256', '--secret-env', 'APP_SECRET'], { env }),
      await ciphertoken(['inspect', token], { env }),
    ];
    neverEchoes(secret, ...results);
    neverEchoes(secret.slice(0, 10), results[5]!);
    const [, ok, aud, iss, type, weak, other] = results;
    expect(ok!.code).toBe(0);
    expect(ok!.stdout).toMatch(/expires in (1 h 30 m|1 h 29 m)/);
    expect([aud!.code, aud!.stderr]).toEqual([1, 'invalid: wrong audience: token has "api", expected ["web"]\n']);
    expect([iss!.code, iss!.stderr]).toEqual([1, 'invalid: wrong issuer: token has "me", expected "you"\n']);
    expect([type!.code, type!.stderr]).toEqual([1, 'invalid: wrong token type: expected refresh, got a token without a type\n']);
    expect(weak!.code).toBe(3);
    expect(weak!.stderr).toMatch(
      new RegExp(`^error: ${alg}: ${alg} secrets must be at least ${bytes} bytes .*--allow-weak-secret to accept a shorter one\\n$`),
    );
    expect(other!.code).toBe(3);
    oneLine(other!.stderr);
    expect((await ciphertoken(['verify', token, '--secret-env', 'MISSING'])).stderr).toBe(
      'error: environment variable MISSING is not set or empty\n',
    );
  });

  it('expired and not-yet-valid tokens: the reason says when', async () => {
    const file = join(dir, `${alg}.secret`);
    writeFileSync(file, (await ciphertoken(['keygen', alg])).stdout);
    const t = now();
    const expired = (await ciphertoken(['sign', '--alg', alg, '--key', file, '--claim', `exp=${t - 7200}`])).stdout.trim();
    const early = (await ciphertoken(['sign', '--alg', alg, '--key', file, '--claim', `nbf=${t + 3600}`])).stdout.trim();
    const e = await ciphertoken(['verify', expired, '--key', file]);
    expect([e.code, e.stderr]).toEqual([1, 'invalid: expired 2 h ago\n']);
    expect((await ciphertoken(['verify', expired, '--key', file, '--leeway', '3h'])).code).toBe(0);
    const old = (await ciphertoken(['sign', '--alg', alg, '--key', file, '--ttl', '1d', '--claim', `iat=${t - 5400}`])).stdout.trim();
    expect((await ciphertoken(['verify', old, '--key', file, '--max-age', '2h'])).code).toBe(0);
    const tooOld = await ciphertoken(['verify', old, '--key', file, '--max-age', '1h']);
    expect([tooOld.code, tooOld.stderr]).toEqual([1, 'invalid: too old: issued 1 h 30 m ago (max age 1 h)\n']);
    const n = await ciphertoken(['verify', early, '--key', file]);
    expect(n.code).toBe(1);
    expect(n.stderr).toMatch(/^invalid: not valid yet: valid in (1 h|59 m 5\d s)\n$/);
    const insp = await ciphertoken(['inspect', expired]);
    expect(insp.stdout).toMatch(/exp\s+\d{4}-\d\d-\d\dT[\d:.]+Z\s+expired 2 h ago/);
  });

  it('JWK format: keygen → sign with the JWK (alg and kid from it) → verify with a JWK set file', async () => {
    const out = join(dir, `${alg}-jwk`);
    expect((await ciphertoken(['keygen', alg, '--format', 'jwk', '--out', out, '--kid', 'team-key'])).code).toBe(0);
    const jwkFile = join(out, `${alg.toLowerCase()}.jwk.json`);
    const jwk = JSON.parse(readFileSync(jwkFile, 'utf8'));
    expect(jwk).toMatchObject({ kty: 'oct', alg, kid: 'team-key' });
    const signed = await ciphertoken(['sign', '--key', jwkFile, '--ttl', '5m']);
    expect(signed.code).toBe(0);
    neverEchoes(jwk.k, signed);
    const token = signed.stdout.trim();
    const jwksFile = join(out, 'set.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [jwk] }));
    const ok = await ciphertoken(['verify', token, '--jwks', jwksFile]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`valid: ${alg}, kid team-key`);
    expect((await ciphertoken(['verify', token, '--key', jwkFile])).code).toBe(0);
    neverEchoes(jwk.k, ok);
  });
});

describe('sign: payloads and durations', () => {
  const file = () => join(dir, 'payload-key.secret');
  beforeAll(() => writeFileSync(join(dir, 'payload-key.secret'), 'a'.repeat(32)));

  it('reads the payload from a file or stdin; claims and options override it', async () => {
    writeFileSync(join(dir, 'payload.json'), JSON.stringify({ user_id: 42, role: 'user', nested: { a: [1, 2] } }));
    const fromFile = await ciphertoken([
      'sign',
      '--alg',
      'HS256',
      '--key',
      file(),
      '--claim',
      'role=admin',
      '--jti',
      '--no-iat',
      join(dir, 'payload.json'),
    ]);
    const claims = JSON.parse((await ciphertoken(['inspect', '--json', fromFile.stdout.trim()])).stdout).payload;
    expect(claims).toMatchObject({ user_id: 42, role: 'admin', nested: { a: [1, 2] } });
    expect(claims.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(claims.iat).toBeUndefined();
    const fromStdin = await ciphertoken(['sign', '--alg', 'HS256', '--key', file(), '-', '--ttl', '1w'], { input: '{"x":1}' });
    const c2 = JSON.parse((await ciphertoken(['inspect', '--json'], { input: fromStdin.stdout })).stdout).payload;
    expect(c2.x).toBe(1);
    expect(c2.exp - c2.iat).toBe(604_800);
  });

  it('bad payloads and durations are one-line errors', async () => {
    writeFileSync(join(dir, 'bad.json'), '{nope');
    const bad = await ciphertoken(['sign', '--alg', 'HS256', '--key', file(), join(dir, 'bad.json')]);
    expect([bad.code, bad.stderr]).toEqual([4, `error: payload file ${join(dir, 'bad.json')} is not valid JSON\n`]);
    const arr = await ciphertoken(['sign', '--alg', 'HS256', '--key', file(), '-'], { input: '[1]' });
    expect([arr.code, arr.stderr]).toEqual([4, 'error: the payload must be a JSON object\n']);
    const ttl = await ciphertoken(['sign', '--alg', 'HS256', '--key', file(), '--ttl', 'soon']);
    expect(ttl.code).toBe(2);
    oneLine(ttl.stderr);
    const missing = await ciphertoken(['sign', '--alg', 'HS256', '--key', join(dir, 'nope.key')]);
    expect([missing.code, missing.stderr]).toEqual([3, `error: cannot read key file ${join(dir, 'nope.key')}: ENOENT\n`]);
    const noKey = await ciphertoken(['sign', '--alg', 'HS256']);
    expect(noKey.code).toBe(2);
    const noAlg = await ciphertoken(['sign', '--key', file()]);
    expect([noAlg.code, noAlg.stderr]).toEqual([2, 'error: sign needs --alg ALG (see ciphertoken sign --help)\n']);
  });

  it('refuses PEM or JSON text as an HMAC secret (algorithm confusion) without printing it', async () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEsecretish\n-----END PUBLIC KEY-----\n';
    const r = await ciphertoken(['sign', '--alg', 'HS256', '--secret-env', 'K'], { env: { K: pem } });
    expect(r.code).toBe(3);
    oneLine(r.stderr);
    neverEchoes('secretish', r);
  });
});

describe('inspect', () => {
  const key = 'k'.repeat(64);
  let access = '';
  let refresh = '';
  beforeAll(async () => {
    const env = { K: key };
    access = (
      await ciphertoken(['sign', '--alg', 'HS512', '--secret-env', 'K', '--ttl', '9m12s', '--type', 'access', '--kid', 'key-7'], { env })
    ).stdout.trim();
    refresh = (
      await ciphertoken(['sign', '--alg', 'HS512', '--secret-env', 'K', '--ttl', '7d', '--type', 'refresh'], { env })
    ).stdout.trim();
  });

  it('shows header, claims, type, algorithm, key id and times (ISO and relative), uncoloured off a TTY', async () => {
    const r = await ciphertoken(['inspect', access]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stdout).toMatch(/^Header\n\{\n {2}"alg": "HS512"/);
    expect(r.stdout).toMatch(/exp\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z\s+expires in 9 m (12|11|10) s/);
    expect(r.stdout).toMatch(/type\s+access\n/);
    expect(r.stdout).toMatch(/algorithm\s+HS512\n/);
    expect(r.stdout).toMatch(/key id\s+key-7\n/);
    expect(r.stdout).toContain('not checked');
    const rt = await ciphertoken(['inspect', '-'], { input: `${refresh}\n` });
    expect(rt.stdout).toMatch(/type\s+refresh\n/);
    expect(rt.stdout).toMatch(/expires in (7 d|6 d 23 h)/);
  });

  it('colours when asked (FORCE_COLOR, as on a TTY)', async () => {
    const r = await ciphertoken(['inspect', access], { env: { FORCE_COLOR: '1' } });
    expect(r.stdout).toContain('\u001b[36m"alg"\u001b[39m');
    expect(r.stdout).toContain('\u001b[32mexpires in 9 m');
  });

  it('--json, and malformed input is exit 1 with the reason', async () => {
    const j = JSON.parse((await ciphertoken(['inspect', access, '--json'])).stdout);
    expect(j).toMatchObject({ header: { alg: 'HS512', kid: 'key-7' }, type: 'access' });
    expect(j.times.map((t: { claim: string }) => t.claim)).toEqual(['iat', 'exp']);
    const bad = await ciphertoken(['inspect', 'not.a-token']);
    expect([bad.code, bad.stderr]).toEqual([1, 'invalid: not a JWT: token is not a JWS compact serialization\n']);
    const notJson = await ciphertoken(['inspect', 'eyJhbGciOiJIUzI1NiJ9.bm9wZQ.c2ln']);
    expect([notJson.code, notJson.stderr]).toEqual([1, 'invalid: not a JWT: payload is not a JSON object\n']);
  });
});

describe('verify --jwks URL (HTTP on 127.0.0.1)', () => {
  let server: Server;
  let url = '';
  const jwk = { kty: 'oct', k: Buffer.from('j'.repeat(48)).toString('base64url'), alg: 'HS384', kid: 'remote-1' };
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/jwks.json') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('fetches the set, selects by kid; an unreachable set is a key error', async () => {
    writeFileSync(join(dir, 'remote.jwk.json'), JSON.stringify(jwk));
    const token = (await ciphertoken(['sign', '--key', join(dir, 'remote.jwk.json'), '--ttl', '1m'])).stdout.trim();
    const ok = await ciphertoken(['verify', token, '--jwks', `${url}/jwks.json`]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^valid: HS384, kid remote-1, expires in (1 m|5\d s)\n$/);
    const missing = await ciphertoken(['verify', token, '--jwks', `${url}/missing.json`]);
    expect(missing.code).toBe(3);
    oneLine(missing.stderr);
  });
});

/** Every asymmetric algorithm: the same round trip as HS*. */
describe.each(ALL.filter((a) => !a.startsWith('HS')))('%s', (alg) => {
  it('keygen → sign → verify (PEM, JWK, JWK set)', async () => {
    const out = join(dir, `asym-${alg}`);
    const gen = await ciphertoken(['keygen', alg, '--out', out]);
    expect(gen.code).toBe(0);
    const stem = join(out, alg.toLowerCase());
    expect(statSync(`${stem}.pem`).mode & 0o777).toBe(0o600);
    const privatePem = readFileSync(`${stem}.pem`, 'utf8');
    const token = (await ciphertoken(['sign', '--alg', alg, '--key', `${stem}.pem`, '--ttl', '10m', '--type', 'access'])).stdout.trim();
    const ok = await ciphertoken(['verify', token, '--key', `${stem}.pub.pem`]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^valid: ${alg}, access token`));
    neverEchoes(privatePem.split('\n')[1]!, gen, ok);
    const tampered = await ciphertoken(['verify', `${token.slice(0, -6)}AAAAAA`, '--key', `${stem}.pub.pem`]);
    expect(tampered.code).toBe(1);
    // A public key cannot be used as an HMAC secret.
    expect((await ciphertoken(['verify', token, '--key', `${stem}.pub.pem`, '--alg', 'HS256'])).code).toBe(3);

    expect((await ciphertoken(['keygen', alg, '--format', 'jwk', '--out', out])).code).toBe(0);
    const jwkToken = (await ciphertoken(['sign', '--key', `${stem}.jwk.json`, '--ttl', '1m'])).stdout.trim();
    const viaSet = await ciphertoken(['verify', jwkToken, '--jwks', `${stem}.jwks.json`]);
    expect(viaSet.code).toBe(0);
    expect(viaSet.stdout).toMatch(new RegExp(`^valid: ${alg}, kid [\\w-]{43}, expires in`));
  });
});

describe('npx ciphertoken', () => {
  it('package.json bin points at the built, executable entry with a node shebang', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.bin).toEqual({ ciphertoken: 'dist/esm/cli/main.js' });
    expect(readFileSync(pkg.bin.ciphertoken, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(statSync(pkg.bin.ciphertoken).mode & 0o111).not.toBe(0);
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync('npx', ['--no-install', 'ciphertoken', '--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(out.trim()).toBe(`ciphertoken ${pkg.version}`);
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    );
    const entry = packed[0].files.find((f: { path: string }) => f.path === pkg.bin.ciphertoken);
    expect(entry.mode & 0o111).not.toBe(0);
  });
});
