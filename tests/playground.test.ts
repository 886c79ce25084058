import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium.js';

// `npm run playground` driven in headless Chromium: decode, verify (valid and invalid, secret,
// key and JWK set), generate and sign — and not one request may leave 127.0.0.1.
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];

let server: Server;
let url = '';
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;
const offsite: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  const serve = new URL('../examples/playground/serve.mjs', import.meta.url).href;
  ({ server, url } = await (await import(/* @vite-ignore */ serve)).startPlayground());
  browser = await launchChromium();
  page = await browser.context.newPage();
  const origin = new URL(url).origin;
  page.on('request', (request) => {
    if (!request.url().startsWith(`${origin}/`)) offsite.push(request.url());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const response = await page.goto(url);
  expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

// biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, not a DOM node
const text = (selector: string) => page.locator(selector).innerText();
// biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, not a DOM node
const field = (name: string) => page.locator(`#decode-summary dd[data-field="${name}"]`).innerText();

async function generate(alg: string) {
  await page.selectOption('#generate-alg', alg);
  await page.click('#generate-button');
  await expect.poll(() => text('#generate-result'), { timeout: 30_000 }).toContain('key ready');
}

async function signAndVerify(alg: string) {
  await page.click('#sign-button');
  expect(await text('#sign-result')).toContain('signed');
  const token = (await text('#sign-output')).trim();
  expect(token.split('.')).toHaveLength(3);
  expect(await field('algorithm')).toBe(alg);
  await page.click('#verify-button');
  expect(await text('#verify-result')).toMatch(new RegExp(`^valid: ${alg}, expires in (10 m|9 m 5\\d s)$`));
  return token;
}

describe('playground page (headless Chromium, offline)', () => {
  it('HS256: generate a secret, sign, decode, verify valid and invalid', async () => {
    await generate('HS256');
    const secret = await page.inputValue('#generate-private');
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(await page.inputValue('#generate-public')).toBe('');
    const token = await signAndVerify('HS256');

    // Decode: header, claims, type and times.
    expect(JSON.parse(await text('#decode-header'))).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(await text('#decode-claims'))).toMatchObject({ sub: 'user-42', role: 'admin', token: 'access' });
    expect(await field('type')).toBe('access');
    expect(await field('exp')).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z — expires in (10 m|9 m 5\d s)$/);

    // Invalid: tampered signature, wrong secret, wrong algorithm.
    await page.fill('#token', `${token.slice(0, -4)}AAAA`);
    await page.click('#verify-button');
    expect(await text('#verify-result')).toBe('invalid: bad signature');
    await page.fill('#token', token);
    await page.fill('#verify-key', 'another-secret-that-is-long-enough-0123456789');
    await page.click('#verify-button');
    expect(await text('#verify-result')).toBe('invalid: bad signature');
    await page.fill('#verify-key', secret);
    await page.selectOption('#verify-alg', 'HS512');
    await page.click('#verify-button');
    expect(await text('#verify-result')).toMatch(/^key problem: HS512 secrets must be at least 64 bytes/);
    await page.selectOption('#verify-alg', '');

    // A JWK set holding the secret verifies too.
    const jwks = { keys: [{ kty: 'oct', alg: 'HS256', k: Buffer.from(secret).toString('base64url') }] };
    await page.fill('#verify-key', JSON.stringify(jwks));
    await page.click('#verify-button');
    expect(await text('#verify-result')).toMatch(/^valid: HS256/);
    await page.fill('#verify-key', secret);
  });

  it('expired tokens: decode says "expired 2 h ago", verify says why', async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    await page.fill('#sign-claims', JSON.stringify({ sub: 'old', exp: past }));
    await page.fill('#sign-ttl', '');
    await page.click('#sign-button');
    expect(await field('exp')).toMatch(/expired 2 h ago$/);
    await page.click('#verify-button');
    expect(await text('#verify-result')).toBe('invalid: expired 2 h ago');
    await page.fill('#sign-claims', JSON.stringify({ sub: 'user-42', role: 'admin', token: 'access' }));
    await page.fill('#sign-ttl', '10m');
  });

  it('malformed input: decode and sign explain, nothing crashes', async () => {
    await page.fill('#token', 'not-a-token');
    expect(await text('#decode-error')).toBe('not a JWT: token is not a JWS compact serialization');
    await page.fill('#sign-claims', '[1, 2]');
    await page.click('#sign-button');
    expect(await text('#sign-result')).toBe('the claims must be a JSON object');
    await page.fill('#sign-claims', JSON.stringify({ sub: 'user-42' }));
  });

  it('every asymmetric algorithm this build has: generate, sign, verify with the public key', async () => {
    const available = await page.$$eval('#generate-alg option:not([disabled])', (options) =>
      options.map((o) => (o as HTMLOptionElement).value),
    );
    expect(available).toEqual(expect.arrayContaining(['HS256', 'HS384', 'HS512']));
    for (const alg of ASYMMETRIC.filter((a) => available.includes(a))) {
      await generate(alg);
      expect(await page.inputValue('#generate-public')).toContain('-----BEGIN PUBLIC KEY-----');
      const token = await signAndVerify(alg);
      await page.fill('#token', `${token.slice(0, -6)}AAAAAA`);
      await page.click('#verify-button');
      expect(await text('#verify-result')).toMatch(/^invalid: /);
    }
  });

  it('no request left 127.0.0.1 and the page raised no error; screenshot saved', async () => {
    await generate('HS256');
    await signAndVerify('HS256');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/playground.png', fullPage: true });
    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
