import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidTokenError, TokenExpiredError } from '../src/core/errors.js';
import { aesCbcDecrypt, aesCbcEncrypt } from '../src/secure/aes-cbc.js';
import { FernetKey, fernetDecrypt, fernetDecryptAsync, fernetEncrypt, fernetEncryptAsync } from '../src/secure/fernet.js';
import { aesCbcDecryptAsync, aesCbcEncryptAsync, importAesCbcKey } from '../src/webcrypto/aes-cbc.js';
import { hex, loadJson, toHex } from './vectors.js';

interface FernetCase {
  token: string;
  now: string;
  secret: string;
  src?: string;
  iv?: number[];
  ttl_sec?: number;
  desc?: string;
}

const seconds = (rfc3339: string) => Date.parse(rfc3339) / 1000;
const keyOf = (secret: string) => new FernetKey(Uint8Array.from(Buffer.from(secret, 'base64url')));
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('Fernet spec vectors (tests/vectors/fernet)', () => {
  it('generate.json: byte-exact tokens with the fixed IV and time (sync and async)', async () => {
    const cases = loadJson<FernetCase[]>('fernet/generate.json');
    expect(cases).toHaveLength(1);
    for (const c of cases) {
      const options = { iv: Uint8Array.from(c.iv!), now: seconds(c.now) };
      expect(fernetEncrypt(keyOf(c.secret), utf8(c.src!), options)).toBe(c.token);
      expect(await fernetEncryptAsync(keyOf(c.secret), utf8(c.src!), options)).toBe(c.token);
    }
  });

  it('verify.json: decrypts to src within the TTL (sync and async)', async () => {
    const cases = loadJson<FernetCase[]>('fernet/verify.json');
    expect(cases).toHaveLength(1);
    for (const c of cases) {
      const key = keyOf(c.secret);
      const options = { ttl: c.ttl_sec!, now: seconds(c.now) };
      const sync = fernetDecrypt([() => key], c.token, options);
      expect(text(sync.plaintext)).toBe(c.src);
      expect(sync.timestamp).toBe(seconds('1985-10-26T01:20:00-07:00'));
      expect(text((await fernetDecryptAsync([() => key], c.token, options)).plaintext)).toBe(c.src);
    }
  });

  it('invalid.json: all 8 cases rejected with the documented error (sync and async)', async () => {
    const cases = loadJson<FernetCase[]>('fernet/invalid.json');
    expect(cases).toHaveLength(8);
    for (const c of cases) {
      const key = keyOf(c.secret);
      const options = { ttl: c.ttl_sec!, now: seconds(c.now) };
      const expected = c.desc === 'expired TTL' ? TokenExpiredError : InvalidTokenError;
      expect(() => fernetDecrypt([() => key], c.token, options), c.desc).toThrow(expected);
      await expect(fernetDecryptAsync([() => key], c.token, options), c.desc).rejects.toThrow(expected);
    }
  });

  it('sync and async tokens decrypt each other, for plaintexts of 0..100 bytes', async () => {
    const key = new FernetKey(crypto.getRandomValues(new Uint8Array(32)));
    for (let n = 0; n <= 100; n += 7) {
      const msg = crypto.getRandomValues(new Uint8Array(n));
      expect(toHex((await fernetDecryptAsync([() => key], fernetEncrypt(key, msg))).plaintext)).toBe(toHex(msg));
      expect(toHex(fernetDecrypt([() => key], await fernetEncryptAsync(key, msg)).plaintext)).toBe(toHex(msg));
    }
  });

  it('matches an independent node:crypto Fernet (AES-128-CBC + HMAC-SHA256) both ways', () => {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const key = new FernetKey(raw);
    const iv = crypto.getRandomValues(new Uint8Array(16));
    const msg = utf8('{"user_id":"zoë"}');
    const now = 1_700_000_000;
    // Independent assembly per the spec, from node:crypto primitives.
    const cipher = createCipheriv('aes-128-cbc', raw.subarray(16), iv);
    const ct = Buffer.concat([cipher.update(msg), cipher.final()]);
    const head = Buffer.alloc(9);
    head[0] = 0x80;
    head.writeBigUInt64BE(BigInt(now), 1);
    const signed = Buffer.concat([head, iv, ct]);
    const token = Buffer.concat([signed, createHmac('sha256', raw.subarray(0, 16)).update(signed).digest()]).toString('base64url');
    const padded = token + '='.repeat((4 - (token.length % 4)) % 4);
    expect(fernetEncrypt(key, msg, { iv, now })).toBe(padded);
    const ours = Buffer.from(fernetEncrypt(key, msg, { now }), 'base64url');
    const decipher = createDecipheriv('aes-128-cbc', raw.subarray(16), ours.subarray(9, 25));
    expect(Buffer.concat([decipher.update(ours.subarray(25, -32)), decipher.final()]).toString()).toBe('{"user_id":"zoë"}');
  });

  it('rejects tampered, truncated, re-padded, wrong-key and far-future tokens with InvalidTokenError', () => {
    const key = new FernetKey(new Uint8Array(32).fill(3));
    const now = 1_700_000_000;
    const token = fernetEncrypt(key, utf8('hello world, 17+ bytes'), { now });
    const ok = () => fernetDecrypt([() => key], token, { now });
    expect(text(ok().plaintext)).toBe('hello world, 17+ bytes');
    const bytes = Buffer.from(token, 'base64url');
    const bad: string[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const flipped = Buffer.from(bytes);
      flipped[i]! ^= 0x01;
      bad.push(flipped.toString('base64url') + '='.repeat((4 - (flipped.toString('base64url').length % 4)) % 4));
    }
    const stripped = token.replace(/=+$/, '');
    bad.push(
      token.slice(0, -4), // truncated
      token.slice(0, 40),
      stripped, // padding removed
      stripped + '====',
      token + '=',
      token + '====',
      ` ${token}`,
      token.replace(/-/g, '+').replace(/_/g, '/') === token ? token + 'A' : token.replace(/-/g, '+').replace(/_/g, '/'),
      '',
      'gAAAAA==',
    );
    expect(token.endsWith('=')).toBe(true);
    for (const b of bad) expect(() => fernetDecrypt([() => key], b, { now }), b).toThrow(InvalidTokenError);
    const other = new FernetKey(new Uint8Array(32).fill(4));
    expect(() => fernetDecrypt([() => other], token, { now })).toThrow(InvalidTokenError);
    expect(text(fernetDecrypt([() => other, () => key], token, { now }).plaintext)).toBe('hello world, 17+ bytes');
    expect(fernetDecrypt([() => other, () => key], token, { now }).keyIndex).toBe(1);
    expect(() => fernetDecrypt([() => key], fernetEncrypt(key, utf8('x'), { now: now + 61 }), { now })).toThrow(InvalidTokenError);
    expect(text(fernetDecrypt([() => key], fernetEncrypt(key, utf8('x'), { now: now + 60 }), { now }).plaintext)).toBe('x');
    for (const junk of [null, 42, {}, 'x'.repeat(70_000)])
      expect(() => fernetDecrypt([() => key], junk, { now })).toThrow(InvalidTokenError);
  });

  it('never prints key material', () => {
    const key = new FernetKey(new Uint8Array(32).fill(0xab));
    expect(JSON.stringify({ key })).toBe('{"key":"FernetKey"}');
    expect(String((key as unknown as Record<symbol, () => string>)[Symbol.for('nodejs.util.inspect.custom')]!())).toBe('FernetKey {}');
  });
});

interface WycheproofCbcFile {
  numberOfTests: number;
  testGroups: { keySize: number; tests: { tcId: number; key: string; iv: string; msg: string; ct: string; result: string }[] }[];
}

describe('AES-CBC-PKCS#7: Wycheproof aes_cbc_pkcs5_test.json through the sync (noble) and async (WebCrypto) paths', () => {
  it('valid cases encrypt to ct and decrypt to msg; invalid ones are refused', async () => {
    const file = loadJson<WycheproofCbcFile>('wycheproof/aes_cbc_pkcs5_test.json');
    let run = 0;
    for (const group of file.testGroups) {
      for (const tc of group.tests) {
        const key = hex(tc.key);
        const iv = hex(tc.iv);
        const ct = hex(tc.ct);
        const cryptoKey = await importAesCbcKey(key);
        const sync = aesCbcDecrypt(key, iv, ct);
        const async = await aesCbcDecryptAsync(cryptoKey, iv, ct);
        if (tc.result === 'valid') {
          expect(toHex(sync!), `tcId ${tc.tcId}`).toBe(tc.msg);
          expect(toHex(async!), `tcId ${tc.tcId}`).toBe(tc.msg);
          expect(toHex(aesCbcEncrypt(key, iv, hex(tc.msg))), `tcId ${tc.tcId}`).toBe(tc.ct);
          expect(toHex(await aesCbcEncryptAsync(cryptoKey, iv, hex(tc.msg))), `tcId ${tc.tcId}`).toBe(tc.ct);
        } else if (tc.result === 'invalid') {
          expect(sync, `tcId ${tc.tcId}`).toBeNull();
          expect(async, `tcId ${tc.tcId}`).toBeNull();
        } else {
          throw new Error(`unexpected result ${tc.result} in tcId ${tc.tcId}`);
        }
        run++;
      }
    }
    expect(run).toBe(file.numberOfTests);
    expect(run).toBe(216);
  });
});
