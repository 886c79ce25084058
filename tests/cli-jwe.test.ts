/** `ciphertoken encrypt` and `ciphertoken decrypt` (built binary): round trips, jose interop, refusals, exit codes. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciphertoken } from './helpers/cli.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ciphertoken-cli-jwe-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('encrypt / decrypt', () => {
  it('--help for both', async () => {
    for (const command of ['encrypt', 'decrypt']) {
      const r = await ciphertoken([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: ciphertoken ${command}`));
      expect(r.stdout).toContain('RSA-OAEP-256');
    }
    expect((await ciphertoken(['--help'])).stdout).toContain('encrypt');
  });

  it('A256KW with a base64url key from the environment: encrypt → decrypt, jose reads it, the key never printed', async () => {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const secret = Buffer.from(raw).toString('base64url');
    const env = { JWE_KEY: secret };
    const enc = await ciphertoken(['encrypt', '--alg', 'A256KW', '--enc', 'A256GCM', '--secret-env', 'JWE_KEY', '--ttl', '10m', '-'], {
      env,
      input: '{"sub":"cli"}',
    });
    expect(enc.code).toBe(0);
    const token = enc.stdout.trim();
    expect(token.split('.')).toHaveLength(5);
    const dec = await ciphertoken(['decrypt', token, '--alg', 'A256KW', '--secret-env', 'JWE_KEY', '--json'], { env });
    expect(dec.code).toBe(0);
    const out = JSON.parse(dec.stdout);
    expect(out.payload.sub).toBe('cli');
    expect(out.payload.exp - out.payload.iat).toBe(600);
    expect(out.header).toMatchObject({ alg: 'A256KW', enc: 'A256GCM' });
    expect((await jose.jwtDecrypt(token, raw)).payload.sub).toBe('cli');
    for (const r of [enc, dec]) expect(r.stdout + r.stderr).not.toContain(secret);
    // A wrong key, an alg outside the allow-list, a tampered token: exit 1 with the reason.
    const other = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    const wrong = await ciphertoken(['decrypt', token, '--alg', 'A256KW', '--secret-env', 'K'], { env: { K: other } });
    expect([wrong.code, wrong.stderr.trim()]).toEqual([1, 'invalid: decryption failed']);
    const notAllowed = await ciphertoken(['decrypt', token, '--alg', 'A256KW', '--enc', 'A128GCM', '--secret-env', 'JWE_KEY'], { env });
    expect([notAllowed.code, notAllowed.stderr.trim()]).toEqual([1, 'invalid: algorithm not allowed']);
  });

  it('RSA-OAEP-256 with PEM files; PBES2 with a password file', async () => {
    const { publicKey, privateKey } = await jose.generateKeyPair('RSA-OAEP-256', { extractable: true });
    const pub = join(dir, 'pub.pem');
    const priv = join(dir, 'priv.pem');
    writeFileSync(pub, await jose.exportSPKI(publicKey));
    writeFileSync(priv, await jose.exportPKCS8(privateKey));
    const payload = join(dir, 'claims.json');
    writeFileSync(payload, '{"role":"admin"}');
    const enc = await ciphertoken(['encrypt', '-a', 'rsa-oaep-256', '-e', 'A128CBC-HS256', '--key', pub, payload]);
    expect(enc.code).toBe(0);
    const dec = await ciphertoken(['decrypt', '-a', 'RSA-OAEP-256', '--key', priv], { input: enc.stdout });
    expect([dec.code, JSON.parse(dec.stdout).role]).toEqual([0, 'admin']);
    const password = join(dir, 'password.txt');
    writeFileSync(password, 'a long passphrase of words');
    const pbes = await ciphertoken(['encrypt', '-a', 'PBES2-HS512+A256KW', '-e', 'A256GCM', '--key', password, payload]);
    const back = await ciphertoken(['decrypt', pbes.stdout.trim(), '-a', 'PBES2-HS512+A256KW', '--key', password]);
    expect([back.code, JSON.parse(back.stdout).role]).toEqual([0, 'admin']);
  });

  it('usage errors: RSA1_5 is not an algorithm here, --alg/--enc are required', async () => {
    const r = await ciphertoken(['encrypt', '--alg', 'RSA1_5', '--enc', 'A256GCM', '--secret-env', 'X'], { env: { X: 'AAAA' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown key management algorithm');
    expect((await ciphertoken(['encrypt', '--secret-env', 'X'], { env: { X: 'AAAA' } })).code).toBe(2);
    const short = await ciphertoken(['encrypt', '--alg', 'A256KW', '--enc', 'A256GCM', '--secret-env', 'X'], { env: { X: 'AAAA' } });
    expect(short.code).toBe(3);
  });
});
