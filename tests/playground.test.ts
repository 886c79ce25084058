import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium.js';

// `npm run playground` driven in headless Chromium: live decode with explained claims, live verify
// with every key format, the verdict badge, generate → sign → verify, the shareable link,
// keyboard-only use, axe-core, desktop and 375 px screenshots — and not one request may leave
// 127.0.0.1.
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: Server;
let url = '';
let origin = '';
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;
const requested: string[] = [];
const offsite: string[] = [];
const pageErrors: string[] = [];
/** Every axe violation seen, any impact, for the summary at the end. */
const axeFindings: string[] = [];

async function openPage(at = url): Promise<Page> {
  const p = await browser.context.newPage();
  p.on('request', (request) => {
    requested.push(request.url());
    if (!request.url().startsWith(`${origin}/`)) offsite.push(request.url());
  });
  p.on('pageerror', (error) => pageErrors.push(error.message));
  const response = await p.goto(at);
  expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
  await p.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return p;
}

beforeAll(async () => {
  const serve = new URL('../examples/playground/serve.mjs', import.meta.url).href;
  ({ server, url } = await (await import(/* @vite-ignore */ serve)).startPlayground());
  origin = new URL(url).origin;
  browser = await launchChromium();
  // The copy buttons write to the clipboard, and the tests paste from it as a user would.
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  page = await openPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

// biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, not a DOM node
const text = (selector: string, p = page) => p.locator(selector).innerText();
const badge = async (p = page) => ({ state: await p.getAttribute('#badge', 'data-state'), text: await text('#badge', p) });
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function openTab(name: 'verify' | 'sign' | 'generate', p = page) {
  await p.click(`#tab-${name}`);
  expect(await p.getAttribute(`#tab-${name}`, 'aria-selected')).toBe('true');
}

async function generate(alg: string) {
  await openTab('generate');
  await page.selectOption('#generate-alg', alg);
  await page.click('#generate-button');
  await expect.poll(() => text('#generate-result'), { timeout: 30_000 }).toContain('key ready');
}

/** Signs the Sign tab's claims; the token lands in the token box, decoded and verified live. */
async function signToken(claims: object, ttl = '10m'): Promise<string> {
  await openTab('sign');
  await page.fill('#sign-claims', JSON.stringify(claims));
  await page.fill('#sign-ttl', ttl);
  await page.click('#sign-button');
  expect(await text('#sign-result')).toContain('signed');
  const token = (await text('#sign-output')).trim();
  expect(token.split('.')).toHaveLength(3);
  expect(await page.inputValue('#token')).toBe(token);
  return token;
}

/** Clicks a Generate tab copy button and pastes the clipboard into Verify's key box with the keyboard. */
async function copyIntoVerify(box: string) {
  await openTab('generate');
  await page.click(`#copy-${box}`);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await page.inputValue(`#${box}`));
  await openTab('verify');
  await page.fill('#verify-key', '');
  await page.focus('#verify-key');
  await page.keyboard.press('ControlOrMeta+V');
  expect(await page.inputValue('#verify-key')).toBe(copied);
  return copied;
}

async function axe(p: Page, where: string) {
  await p.evaluate(AXE_SOURCE); // evaluated by the driver, so the page's CSP stays as it is
  const violations = await p.evaluate(async () => {
    const { axe } = globalThis as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } };
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  for (const v of violations) axeFindings.push(`${where}: ${v.id} (${v.impact}) at ${v.targets.join(', ')}`);
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

describe('playground page (headless Chromium, offline)', () => {
  it('decodes as you type: coloured parts, explained claims with local and relative times, "not verified yet"', async () => {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'HS256', typ: 'JWT', kid: 'k1' };
    const claims = {
      iss: 'https://issuer.example',
      sub: 'user-42',
      aud: 'api',
      exp: now + 600,
      nbf: now - 60,
      iat: now - 60,
      jti: 'a-b-c',
      token: 'access',
      ttl: 660,
      fam: 'f-1',
      role: 'admin',
    };
    const token = `${b64url(header)}.${b64url(claims)}.c2lnbmF0dXJl`;
    await page.fill('#token', '');
    await page.locator('#token').pressSequentially(token.slice(0, 20));
    expect(await page.isVisible('#decode-error')).toBe(true);
    await page.locator('#token').pressSequentially(token.slice(20));
    expect(await page.isVisible('#decode-error')).toBe(false);
    expect(JSON.parse(await text('#decode-header'))).toEqual(header);
    expect(JSON.parse(await text('#decode-claims'))).toEqual(claims);
    expect(await text('#decode-signature')).toBe('c2lnbmF0dXJl');

    // Each coloured part of the token has its pane's colour.
    const colours = await page.evaluate(() => {
      const colour = (selector: string) => getComputedStyle(document.querySelector(selector)!).color;
      return ['header', 'payload', 'signature'].map((part) => [
        colour(`#token-segments .seg-${part}`),
        colour(`.pane-${part} h3`),
        getComputedStyle(document.querySelector(`.pane-${part}`)!).borderTopColor,
      ]);
    });
    for (const [segment, heading, border] of colours) expect([heading, border]).toEqual([segment, segment]);
    expect(new Set(colours.map(([c]) => c)).size).toBe(3);
    expect(await text('#token-segments')).toBe(token);

    // Every claim has a row with its meaning (inline and as the hover title); ours included.
    for (const name of ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'token', 'ttl', 'fam']) {
      expect((await text(`#claims-explained [data-claim="${name}"] .why`)).length).toBeGreaterThan(20);
      expect(await page.getAttribute(`#claims-explained [data-claim="${name}"]`, 'title')).toContain(`${name} — `);
    }
    expect(await text('#claims-explained [data-claim="role"] .claim-name')).toBe('custom claim');
    expect(await text('#header-explained [data-claim="kid"] .claim-name')).toBe('Key ID');
    // Times: local time (as this browser formats it) and relative time.
    const local = await page.evaluate(
      (s) => new Date(s * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' }),
      claims.exp,
    );
    expect(await text('#claims-explained [data-claim="exp"] time')).toBe(local);
    expect(await page.getAttribute('#claims-explained [data-claim="exp"] time', 'datetime')).toBe(
      new Date(claims.exp * 1000).toISOString(),
    );
    expect(await text('#claims-explained [data-claim="exp"] .relative')).toMatch(/^expires in (10 m|9 m 5\d s)$/);
    expect(await text('#claims-explained [data-claim="iat"] .relative')).toMatch(/^issued 1 m( \d s)? ago$/);
    expect(await text('#claims-explained [data-claim="nbf"] .relative')).toMatch(/^valid since 1 m( \d s)? ago$/);

    // "Edit these claims": the payload goes to Sign (without iat and exp, which signing sets anew).
    await page.click('#edit-claims');
    expect(await page.getAttribute('#tab-sign', 'aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-claims');
    const { iat: _iat, exp: _exp, ...rest } = claims;
    expect(JSON.parse(await page.inputValue('#sign-claims'))).toEqual(rest);
    expect(await page.inputValue('#sign-ttl')).toBe('660s');
    expect(await page.inputValue('#sign-alg')).toBe('HS256');
    expect(await page.inputValue('#sign-kid')).toBe('k1');

    // No key yet: the badge says so, and what to do.
    await openTab('verify');
    await page.fill('#verify-key', '');
    expect(await badge()).toEqual({ state: 'unverified', text: 'Not verified yet' });
    expect(await text('#badge-detail')).toMatch(/^Signature not checked: paste a secret or public key in Verify; expires in/);

    // Garbage: says why, badge too.
    await page.fill('#token', 'not-a-token');
    expect(await text('#decode-error')).toBe('not a JWT: token is not a JWS compact serialization');
    expect(await badge()).toEqual({ state: 'malformed', text: 'Not a JWT' });
  });

  it('HS256 verifies live with the secret, its JWK and its JWK set; badge: verified / bad signature', async () => {
    await generate('HS256');
    const secret = await page.inputValue('#generate-private');
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(await page.isVisible('#generate-public-pem')).toBe(false); // no PEM form for a secret
    const token = await signToken({ sub: 'user-42', role: 'admin', token: 'access' });
    expect(await badge()).toEqual({ state: 'verified', text: 'Verified' });
    expect(await text('#verify-result')).toMatch(/^verified: HS256, expires in (10 m|9 m 5\d s)$/);

    for (const box of ['generate-private', 'generate-public-jwk', 'generate-jwks']) {
      await copyIntoVerify(box);
      expect(await badge(), box).toEqual({ state: 'verified', text: 'Verified' });
    }
    expect(JSON.parse(await page.inputValue('#verify-key')).keys[0]).toMatchObject({ kty: 'oct', alg: 'HS256' });

    // Wrong secret, then a tampered signature: bad signature, live.
    await page.fill('#verify-key', 'another-secret-that-is-long-enough-0123456789');
    expect(await badge()).toEqual({ state: 'bad-signature', text: 'Bad signature' });
    expect(await text('#verify-result')).toBe('invalid: bad signature');
    expect(await text('#badge-detail')).toMatch(/^The key in Verify did not make this signature/);
    await page.fill('#verify-key', secret);
    expect((await badge()).state).toBe('verified');
    await page.fill('#token', `${token.slice(0, -4)}AAAA`);
    expect(await badge()).toEqual({ state: 'bad-signature', text: 'Bad signature' });
    // An algorithm the secret is too short for says why.
    await page.fill('#token', token);
    await page.selectOption('#verify-alg', 'HS512');
    expect(await text('#verify-result')).toMatch(/^key problem: HS512 secrets must be at least 64 bytes/);
    expect((await badge()).state).toBe('invalid');
    await page.selectOption('#verify-alg', '');
    expect((await badge()).state).toBe('verified');
  });

  it('badge states: expired, not yet valid, not verified yet (and back to verified)', async () => {
    const now = Math.floor(Date.now() / 1000);
    await signToken({ sub: 'old', exp: now - 7200 }, '');
    expect(await badge()).toEqual({ state: 'expired', text: 'Expired' });
    expect(await text('#verify-result')).toBe('invalid: expired 2 h ago');
    expect(await text('#badge-detail')).toBe('Good signature, but expired 2 h ago.');
    expect(await text('#claims-explained [data-claim="exp"] .relative')).toMatch(/^expired 2 h ago$/);

    await signToken({ sub: 'later', nbf: now + 3600 });
    expect(await badge()).toEqual({ state: 'not-yet-valid', text: 'Not yet valid' });
    expect(await text('#verify-result')).toMatch(/^invalid: not valid yet: valid in (1 h|59 m 5\d s)$/);
    expect(await text('#badge-detail')).toMatch(/^Good signature, but not valid yet: valid in (1 h|59 m 5\d s)\.$/);
    expect(await text('#claims-explained [data-claim="nbf"] .relative')).toMatch(/^valid in (1 h|59 m 5\d s)$/);

    await openTab('verify');
    const key = await page.inputValue('#verify-key');
    await page.fill('#verify-key', '');
    expect(await badge()).toEqual({ state: 'unverified', text: 'Not verified yet' });
    expect(await text('#badge-detail')).toMatch(/; not valid yet \(valid in (1 h|59 m 5\d s)\)\.$/);
    await page.fill('#verify-key', key);

    // A token that expires while shown turns from verified to expired without any input.
    await signToken({ sub: 'soon' }, '2s');
    expect((await badge()).state).toBe('verified');
    await expect.poll(async () => (await badge()).state, { timeout: 5000 }).toBe('expired');
  });

  for (const alg of ['ES256', 'EdDSA']) {
    it(`${alg}: generate, sign, verify live with the public key as PEM, as JWK and as JWK set`, async () => {
      await generate(alg);
      const pem = await page.inputValue('#generate-public-pem');
      expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----$/);
      expect(JSON.parse(await page.inputValue('#generate-public-jwk'))).toMatchObject({ alg, use: 'sig' });
      expect(await page.inputValue('#generate-private')).toContain('-----BEGIN PRIVATE KEY-----');
      const token = await signToken({ sub: 'user-42', token: 'access' });
      expect(JSON.parse(await text('#decode-header'))).toMatchObject({ alg, kid: expect.any(String) });
      expect(await badge()).toEqual({ state: 'verified', text: 'Verified' });

      for (const box of ['generate-public-pem', 'generate-public-jwk', 'generate-jwks']) {
        await copyIntoVerify(box);
        expect(await badge(), box).toEqual({ state: 'verified', text: 'Verified' });
        expect(await text('#verify-result')).toMatch(new RegExp(`^verified: ${alg}, expires in`));
      }
      // A private key pasted where the public one goes verifies too (its public half does the work).
      await page.fill('#verify-key', await page.inputValue('#generate-private'));
      expect((await badge()).state).toBe('verified');

      await page.fill('#token', `${token.slice(0, -6)}AAAAAA`);
      expect(await badge()).toEqual({ state: 'bad-signature', text: 'Bad signature' });
      await page.fill('#token', token);
      // Another key pair's public key: bad signature.
      await page.fill('#verify-key', pem);
      expect((await badge()).state).toBe('verified');
      await generate(alg);
      await page.fill('#token', token);
      await openTab('verify');
      await page.fill('#verify-key', await page.inputValue('#generate-public-pem'));
      expect(await badge()).toEqual({ state: 'bad-signature', text: 'Bad signature' });
    });
  }

  it('every asymmetric algorithm this build has: generate → sign → verify with the public key', async () => {
    const available = await page.$$eval('#generate-alg option:not([disabled])', (options) =>
      options.map((o) => (o as HTMLOptionElement).value),
    );
    expect(available).toEqual(expect.arrayContaining(['HS256', 'HS384', 'HS512', 'ES256', 'EdDSA']));
    for (const alg of ASYMMETRIC.filter((a) => available.includes(a))) {
      await generate(alg);
      await signToken({ sub: 'user-42', token: 'access' });
      expect(await badge(), alg).toEqual({ state: 'verified', text: 'Verified' });
      expect(await text('#verify-result')).toMatch(new RegExp(`^verified: ${alg}, expires in (10 m|9 m 5\\d s)$`));
    }
  });

  it('malformed input in Sign explains, nothing crashes', async () => {
    await openTab('sign');
    await page.fill('#sign-claims', '[1, 2]');
    await page.click('#sign-button');
    expect(await text('#sign-result')).toBe('the claims must be a JSON object');
    await page.fill('#sign-claims', '{ "sub": ');
    await page.click('#sign-button');
    expect(await text('#sign-result')).toBe('the claims are not valid JSON');
  });

  it('copy link: the token rides in the #fragment (never requested), with a warning; opening it decodes', async () => {
    await generate('HS256');
    const token = await signToken({ sub: 'shared', token: 'access' });
    expect(await page.isVisible('#share-warning')).toBe(true);
    expect(await text('#share-warning')).toMatch(/anyone you give the link to can read the claims/);
    await page.click('#share-button');
    const link = await page.inputValue('#share-link');
    expect(link).toBe(`${url}#token=${token}`);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    const opened = await openPage(link);
    expect(await opened.inputValue('#token')).toBe(token);
    expect(JSON.parse(await text('#decode-claims', opened))).toMatchObject({ sub: 'shared' });
    expect(await badge(opened)).toEqual({ state: 'unverified', text: 'Not verified yet' });
    await opened.close();
    // The fragment stayed in the browser: no request carried any part of the token.
    const signature = token.split('.')[2]!;
    expect(requested.filter((r) => r.includes(signature) || r.includes('token='))).toEqual([]);
  });

  it('decrypts a JWE given its key: claims shown; a nested JWT goes to the token box, decoded and verifiable; a wrong key explains', async () => {
    const jose = await import('jose');
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const secret = Buffer.from(raw).toString('base64url');
    const token = await new jose.EncryptJWT({ sub: 'jwe-user' }).setProtectedHeader({ alg: 'A256KW', enc: 'A256GCM' }).encrypt(raw);
    await page.fill('#decrypt-token', token);
    expect(await page.inputValue('#decrypt-alg')).toBe('A256KW');
    await page.fill('#decrypt-key', secret);
    await page.click('#decrypt-button');
    expect(await text('#decrypt-result')).toBe('decrypted');
    expect(JSON.parse(await text('#decrypt-output')).claims).toEqual({ sub: 'jwe-user' });
    // Nested: an HS256 JWT inside an RSA-OAEP-256 JWE.
    const { publicKey, privateKey } = await jose.generateKeyPair('RSA-OAEP-256', { extractable: true });
    const hs = new TextEncoder().encode('a-thirty-two-byte-long-secret-key!!');
    const inner = await new jose.SignJWT({ sub: 'nested' }).setProtectedHeader({ alg: 'HS256' }).sign(hs);
    const nested = await new jose.CompactEncrypt(new TextEncoder().encode(inner))
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256', cty: 'JWT' })
      .encrypt(publicKey);
    await page.fill('#decrypt-token', nested);
    expect(await page.inputValue('#decrypt-alg')).toBe('RSA-OAEP-256');
    await page.fill('#decrypt-key', await jose.exportPKCS8(privateKey));
    await page.click('#decrypt-button');
    expect(await text('#decrypt-result')).toContain('nested JWT');
    expect(await page.inputValue('#token')).toBe(inner);
    await page.fill('#decrypt-key', Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url'));
    await page.selectOption('#decrypt-alg', 'A256KW');
    await page.fill('#decrypt-token', token);
    await page.click('#decrypt-button');
    expect(await text('#decrypt-result')).toBe('decryption failed');
  });

  it('keyboard only: tabs with arrow keys, generate, sign and verify without the mouse', async () => {
    const kb = await openPage();
    const focused = () => kb.evaluate(() => document.activeElement?.id ?? '');
    // Tab from the top of the page to the tab list.
    for (let i = 0; i < 40 && (await focused()) !== 'tab-verify'; i++) await kb.keyboard.press('Tab');
    expect(await focused()).toBe('tab-verify');
    await kb.keyboard.press('End');
    expect(await focused()).toBe('tab-generate');
    expect(await kb.getAttribute('#tab-generate', 'aria-selected')).toBe('true');
    expect(await kb.isVisible('#pane-verify')).toBe(false);
    await kb.keyboard.press('Tab');
    expect(await focused()).toBe('generate-alg');
    await kb.keyboard.press('Tab');
    expect(await focused()).toBe('generate-button');
    await kb.keyboard.press('Enter');
    await expect.poll(() => text('#generate-result', kb), { timeout: 30_000 }).toContain('HS256 key ready');
    // Back to the tab list and left to Sign.
    await kb.keyboard.press('Shift+Tab');
    await kb.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('tab-generate');
    await kb.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('tab-sign');
    for (let i = 0; i < 10 && (await focused()) !== 'sign-button'; i++) await kb.keyboard.press('Tab');
    expect(await focused()).toBe('sign-button');
    await kb.keyboard.press('Enter');
    expect(await text('#sign-result', kb)).toContain('signed');
    expect(await badge(kb)).toEqual({ state: 'verified', text: 'Verified' });
    // Focus is visible: the focused control has an outline.
    expect(await kb.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await kb.close();
  });

  it('axe-core: no serious or critical violation (token decoded; each tab; 375 px)', async () => {
    await generate('ES256');
    await signToken({ sub: 'user-42', role: 'admin', token: 'access', iss: 'playground' });
    await openTab('verify');
    await axe(page, 'desktop, verify tab');
    await openTab('generate');
    await axe(page, 'desktop, generate tab');
    await openTab('sign');
    await axe(page, 'desktop, sign tab');
    await page.setViewportSize({ width: 375, height: 812 });
    await openTab('verify');
    await axe(page, '375 px');
    await page.setViewportSize({ width: 1280, height: 720 });
    console.log(
      `axe-core ${JSON.parse(readFileSync(createRequire(import.meta.url).resolve('axe-core/package.json'), 'utf8')).version}: ${axeFindings.length === 0 ? 'no violations' : axeFindings.join('; ')}`,
    );
  });

  it('screenshots (desktop, 375 px); no request left 127.0.0.1 and the page raised no error', async () => {
    mkdirSync('test-results', { recursive: true });
    await generate('EdDSA');
    await signToken({ sub: 'user-42', role: 'admin', token: 'access', iss: 'playground' });
    await openTab('verify');
    await page.screenshot({ path: 'test-results/playground.png', fullPage: true });

    await page.setViewportSize({ width: 375, height: 812 });
    // Usable at 375 px: nothing wider than the screen, so no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: 'test-results/playground-375.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });

    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
