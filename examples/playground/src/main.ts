/**
 * The playground page: live decode and verify of the token box, the Verify / Sign / Generate
 * tabs, copy buttons and the shareable link, wired to the library once its wasm core is loaded.
 * @module
 */

import { describeExpiry, describeInstant } from '../../../src/cli/time.js';
import { CLAIMS, HEADER, TIME_CLAIMS, type Explanation } from './claims.js';
import { ALGORITHMS, canGenerate, generateKey, KEY_MANAGEMENT, lib, type Algorithm } from './library.js';
import { decode, decryptToken, jweAlgorithm, nowSeconds, sign, verify, type DecodeView, type Verdict } from './tokens.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const value = (id: string) => $<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(id).value;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

function fillAlgorithms(select: HTMLSelectElement, keep: (alg: Algorithm) => boolean) {
  for (const alg of ALGORITHMS) {
    const option = new Option(alg, alg);
    option.disabled = !keep(alg);
    if (option.disabled) option.textContent = `${alg} (not in this build)`;
    select.add(option);
  }
}

// ---- decode ---------------------------------------------------------------------------------

/** The decoded token shown now (undefined when the box is empty or malformed); the ticker reads it. */
let shown: DecodeView | undefined;

/** A NumericDate as local time (with its zone) for people, ISO in `datetime` for machines. */
function timeElement(seconds: number): HTMLTimeElement {
  const date = new Date(seconds * 1000);
  const time = element('time');
  if (Number.isNaN(date.getTime())) {
    time.textContent = 'not a representable date';
    return time;
  }
  time.dateTime = date.toISOString();
  time.textContent = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' });
  return time;
}

function relativeText(claim: string, seconds: number, now: number): string {
  if (claim === 'exp') return describeExpiry(seconds, now);
  if (claim === 'nbf') return seconds > now ? `valid ${describeInstant(seconds, now)}` : `valid since ${describeInstant(seconds, now)}`;
  return `issued ${describeInstant(seconds, now)}`;
}

/** One dt/dd row per member: name, value, local and relative time for dates, and what it means (also the hover title). */
function explain(list: HTMLElement, members: Record<string, unknown>, known: Readonly<Record<string, Explanation>>, other: Explanation) {
  const now = nowSeconds();
  const rows = Object.entries(members).map(([name, member]) => {
    const meaning = Object.hasOwn(known, name) ? known[name]! : other;
    const row = element('div', undefined, 'claim');
    row.dataset.claim = name;
    row.title = `${name} — ${meaning.name}: ${meaning.text}`;
    const dt = element('dt');
    dt.append(element('code', name), ' ', element('span', meaning.name, 'claim-name'));
    const dd = element('dd');
    const shownValue = JSON.stringify(member) ?? String(member);
    dd.append(element('code', shownValue.length > 200 ? `${shownValue.slice(0, 200)}…` : shownValue, 'claim-value'));
    if (known === CLAIMS && TIME_CLAIMS.has(name) && typeof member === 'number' && Number.isFinite(member)) {
      const relative = element('span', relativeText(name, member, now), 'relative');
      relative.dataset.relative = name;
      relative.dataset.at = String(member);
      if (name === 'exp' && member <= now) relative.classList.add('past');
      dd.append(' ', timeElement(member), ' · ', relative);
    }
    dd.append(element('span', meaning.text, 'why'));
    row.append(dt, dd);
    return row;
  });
  list.replaceChildren(...rows);
}

const OTHER_CLAIM: Explanation = { name: 'custom claim', text: 'Set by the issuer; it has no registered meaning.' };
const OTHER_HEADER: Explanation = { name: 'custom parameter', text: 'Not a registered header parameter.' };

function signatureNote(view: DecodeView): string {
  const bytes = Math.floor((view.segments[2].length * 3) / 4);
  const alg = typeof view.header.alg === 'string' ? view.header.alg : 'an unnamed algorithm';
  if (alg === 'none') return 'alg "none": an unsigned token. CipherToken never accepts it.';
  return `${bytes} bytes of ${alg} signature over "header.payload". Only a key checks it: paste one in Verify.`;
}

function clearDecoded() {
  for (const id of ['decode-header', 'decode-claims', 'decode-signature', 'signature-note']) $(id).textContent = '';
  $('header-explained').replaceChildren();
  $('claims-explained').replaceChildren();
  $('token-segments').replaceChildren();
  $('token-parts').hidden = true;
}

function renderDecode() {
  const token = value('token').trim();
  const error = $('decode-error');
  error.hidden = true;
  shown = undefined;
  clearDecoded();
  if (token !== '') {
    try {
      shown = decode(token);
    } catch (e) {
      error.textContent = `not a JWT: ${messageOf(e)}`;
      error.hidden = false;
    }
  }
  if (shown) {
    const [h, p, s] = shown.segments;
    $('token-segments').append(
      element('span', h, 'seg-header'),
      '.',
      element('span', p, 'seg-payload'),
      '.',
      element('span', s, 'seg-signature'),
    );
    $('token-parts').hidden = false;
    $('decode-header').textContent = JSON.stringify(shown.header, null, 2);
    $('decode-claims').textContent = JSON.stringify(shown.payload, null, 2);
    $('decode-signature').textContent = s;
    $('signature-note').textContent = signatureNote(shown);
    explain($('header-explained'), shown.header, HEADER, OTHER_HEADER);
    explain($('claims-explained'), shown.payload, CLAIMS, OTHER_CLAIM);
  }
  $<HTMLButtonElement>('edit-claims').disabled = shown === undefined;
  runVerify();
}

// ---- verify and the badge -------------------------------------------------------------------

const BADGE: Readonly<Record<Verdict | 'empty' | 'malformed', string>> = {
  verified: 'Verified',
  'bad-signature': 'Bad signature',
  expired: 'Expired',
  'not-yet-valid': 'Not yet valid',
  unverified: 'Not verified yet',
  invalid: 'Invalid',
  empty: 'No token yet',
  malformed: 'Not a JWT',
};

/** Which side of exp and nbf "now" is on: when it changes, the verdict is worked out again. */
let timeState = '';
const timeStateOf = (view: DecodeView | undefined, now: number) => {
  const { exp, nbf } = view?.payload ?? {};
  return `${typeof exp === 'number' && exp <= now}/${typeof nbf === 'number' && nbf > now}`;
};

function setBadge(state: Verdict | 'empty' | 'malformed', detail: string) {
  const badge = $('badge');
  // Only on change: the badge is a live region, and repeating the same words would be noise.
  if (badge.dataset.state !== state) {
    badge.dataset.state = state;
    badge.textContent = BADGE[state];
  }
  if ($('badge-detail').textContent !== detail) $('badge-detail').textContent = detail;
}

function unverifiedDetail(view: DecodeView): string {
  const { exp, nbf } = view.payload;
  const now = nowSeconds();
  const when =
    typeof nbf === 'number' && nbf > now
      ? `; not valid yet (valid ${describeInstant(nbf, now)})`
      : typeof exp === 'number'
        ? `; ${describeExpiry(exp, now)}`
        : '';
  return `Signature not checked: paste a secret or public key in Verify${when}.`;
}

function runVerify() {
  const token = value('token').trim();
  const result = $('verify-result');
  timeState = timeStateOf(shown, nowSeconds());
  if (token === '' || shown === undefined) {
    result.textContent = token === '' ? 'paste a token above' : 'the token above is not a JWT';
    result.className = token === '' ? '' : 'invalid';
    setBadge(token === '' ? 'empty' : 'malformed', '');
    return;
  }
  const alg = (value('verify-alg') || undefined) as Algorithm | undefined;
  const outcome = verify(token, value('verify-key'), alg);
  result.textContent = outcome.text;
  result.className = outcome.verdict === 'verified' ? 'valid' : outcome.verdict === 'unverified' ? '' : 'invalid';
  setBadge(outcome.verdict, badgeDetail(outcome.verdict, outcome.text, shown));
}

/** The line under the badge: what the verdict rests on, in words. */
function badgeDetail(verdict: Verdict, text: string, view: DecodeView): string {
  if (verdict === 'unverified') return unverifiedDetail(view);
  // The library checks the signature before the times, so these two mean the key did sign it.
  if (verdict === 'expired' || verdict === 'not-yet-valid') return `Good signature, but ${text.replace(/^invalid: /, '')}.`;
  if (verdict === 'bad-signature') return 'The key in Verify did not make this signature (or the token was changed).';
  return text;
}

/** Once a second: relative times move on, and crossing exp or nbf changes the verdict. */
function tick() {
  const now = nowSeconds();
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('#claims-explained .relative'))) {
    const text = relativeText(el.dataset.relative!, Number(el.dataset.at), now);
    if (el.textContent !== text) el.textContent = text;
  }
  if (shown && timeStateOf(shown, now) !== timeState) renderDecode();
  else if (shown && $('badge').dataset.state === 'unverified') setBadge('unverified', unverifiedDetail(shown));
}

// ---- tabs -----------------------------------------------------------------------------------

/** WAI-ARIA tabs: arrows, Home and End move between tabs; only the selected tab is in the Tab order. */
let selectTab: (name: string) => void = () => {};

function setUpTabs() {
  const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
  const select = (tab: HTMLButtonElement, focus: boolean) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')!).hidden = !on;
    }
    if (focus) tab.focus();
  };
  selectTab = (name) => select($<HTMLButtonElement>(`tab-${name}`), false);
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (event: KeyboardEvent) => {
      const i = tabs.indexOf(tab);
      const moves: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 };
      const next = moves[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select(tabs[(next + tabs.length) % tabs.length]!, true);
    });
  }
}

// ---- copy and share -------------------------------------------------------------------------

/** Copies `text`; where the clipboard API is refused, selects the field so that Ctrl+C does it. */
async function copy(text: string, what: string, field?: HTMLInputElement | HTMLTextAreaElement) {
  const status = $('copy-status');
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = `${what} copied`;
  } catch {
    field?.focus();
    field?.select();
    status.textContent = `${what} selected: press Ctrl+C (or ⌘C) to copy`;
  }
}

function setUpCopyButtons() {
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-copy]'))) {
    const field = $<HTMLTextAreaElement>(button.dataset.copy!);
    const label = document.querySelector(`label[for="${field.id}"]`)?.textContent ?? 'text';
    button.addEventListener('click', async () => {
      if (field.value === '') return;
      await copy(field.value, label, field);
      button.textContent = 'Copied';
      setTimeout(() => (button.textContent = 'Copy'), 1500);
    });
  }
}

/** The token travels in the fragment, which browsers never send in a request. */
function shareLink(token: string): string {
  return `${location.origin}${location.pathname}#token=${token}`;
}

function tokenFromFragment(): string | undefined {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  return token === null || token.trim() === '' ? undefined : token.trim();
}

function loadFragment() {
  const token = tokenFromFragment();
  if (token === undefined) return;
  $<HTMLTextAreaElement>('token').value = token;
  renderDecode();
}

/**
 * jwt.io edits the decoded payload in place; here the claims go to Sign instead, so that the
 * decoded view always shows the token as it is. iat and exp are left out: signing sets them anew,
 * exp from a lifetime equal to the token's own (exp − iat).
 */
function editClaims() {
  if (!shown) return;
  const { iat, exp, ...rest } = shown.payload;
  $<HTMLTextAreaElement>('sign-claims').value = JSON.stringify(rest, null, 2);
  $<HTMLInputElement>('sign-ttl').value = typeof iat === 'number' && typeof exp === 'number' && exp > iat ? `${exp - iat}s` : '';
  const alg = shown.header.alg;
  const option = Array.from($<HTMLSelectElement>('sign-alg').options).find((o) => o.value === alg && !o.disabled);
  if (option) $<HTMLSelectElement>('sign-alg').value = option.value;
  $<HTMLInputElement>('sign-kid').value = typeof shown.header.kid === 'string' ? shown.header.kid : '';
  selectTab('sign');
  $('sign-claims').focus();
}

// ---- decrypt (JWE) --------------------------------------------------------------------------

function setUpDecrypt() {
  const select = $<HTMLSelectElement>('decrypt-alg');
  for (const alg of KEY_MANAGEMENT) select.add(new Option(alg, alg));
  // The header names its alg: preselect it (the key decides whether it is accepted).
  $('decrypt-token').addEventListener('input', () => {
    const alg = jweAlgorithm(value('decrypt-token'));
    if (alg !== undefined && KEY_MANAGEMENT.includes(alg)) select.value = alg;
  });
  $('decrypt-button').addEventListener('click', () => {
    const result = $('decrypt-result');
    try {
      const { header, claims, nested } = decryptToken(value('decrypt-token'), value('decrypt-key'), value('decrypt-alg'));
      if (nested !== undefined) {
        $<HTMLTextAreaElement>('token').value = nested;
        renderDecode();
        result.textContent = 'decrypted: a nested JWT, now in the token box above to decode and verify';
      } else {
        result.textContent = 'decrypted';
      }
      $('decrypt-output').textContent = JSON.stringify(nested === undefined ? { header, claims } : { header }, null, 2);
      result.className = 'valid';
    } catch (e) {
      $('decrypt-output').textContent = '';
      result.textContent = messageOf(e);
      result.className = 'invalid';
    }
  });
}

// ---- start ----------------------------------------------------------------------------------

async function start() {
  await lib.init();
  $('status').textContent = 'ready — offline';

  fillAlgorithms($('verify-alg'), () => true);
  fillAlgorithms($('generate-alg'), canGenerate);
  fillAlgorithms($('sign-alg'), canGenerate);
  // HS256 first: a new user's first token needs no key pair.
  $<HTMLSelectElement>('generate-alg').value = 'HS256';
  $<HTMLSelectElement>('sign-alg').value = 'HS256';
  setUpTabs();
  setUpCopyButtons();

  $('token').addEventListener('input', renderDecode);
  $('edit-claims').addEventListener('click', editClaims);
  $('verify-key').addEventListener('input', runVerify);
  $('verify-alg').addEventListener('change', runVerify);
  setInterval(tick, 1000);

  $('share-button').addEventListener('click', async () => {
    const token = value('token').trim();
    if (token === '') {
      $('copy-status').textContent = 'paste or sign a token first';
      return;
    }
    const link = $<HTMLInputElement>('share-link');
    link.value = shareLink(token);
    $('share-output').hidden = false;
    await copy(link.value, 'Link', link);
  });
  window.addEventListener('hashchange', loadFragment);

  $('generate-button').addEventListener('click', async () => {
    const alg = value('generate-alg') as Algorithm;
    const button = $<HTMLButtonElement>('generate-button');
    button.disabled = true;
    try {
      $('generate-result').textContent = `generating ${alg}…`;
      $('generate-result').className = '';
      const key = await generateKey(alg);
      const fields: [string, string][] = [
        ['generate-private', key.privateText],
        ['generate-public-pem', key.publicPem],
        ['generate-public-jwk', key.jwk],
        ['generate-jwks', key.jwks],
      ];
      for (const [id, text] of fields) $<HTMLTextAreaElement>(id).value = text;
      // An HMAC secret has no public half and no PEM form: its JWK boxes hold the secret itself.
      $('generate-public-pem-box').hidden = key.symmetric;
      $('generate-private-label').textContent = key.symmetric ? 'Secret' : 'Private key (PEM)';
      $('generate-public-jwk-label').textContent = key.symmetric ? 'Secret as a JWK' : 'Public key (JWK)';
      $('generate-jwks-label').textContent = key.symmetric ? 'Secret as a JWK set' : 'Public key as a JWK set';
      $('generate-note').textContent = key.symmetric
        ? 'All three boxes hold the secret: keep them private. Each one alone pastes into Verify.'
        : 'Keep the private key to yourself. Each public box alone pastes into Verify.';
      $<HTMLTextAreaElement>('sign-key').value = key.privateText;
      $<HTMLSelectElement>('sign-alg').value = alg;
      $<HTMLInputElement>('sign-kid').value = (JSON.parse(key.jwk) as { kid: string }).kid;
      $<HTMLTextAreaElement>('verify-key').value = key.symmetric ? key.privateText : key.publicPem;
      $('generate-result').textContent = `${alg} key ready (also placed in Sign, and in Verify)`;
      $('generate-result').className = 'valid';
      runVerify();
    } catch (e) {
      $('generate-result').textContent = messageOf(e);
      $('generate-result').className = 'invalid';
    } finally {
      button.disabled = false;
    }
  });

  $('sign-button').addEventListener('click', () => {
    try {
      const token = sign(value('sign-claims'), value('sign-ttl'), value('sign-alg') as Algorithm, value('sign-key'), value('sign-kid'));
      $('sign-output').textContent = token;
      $<HTMLTextAreaElement>('token').value = token;
      renderDecode();
      $('sign-result').textContent = 'signed: now in the token box above';
      $('sign-result').className = 'valid';
    } catch (e) {
      $('sign-output').textContent = '';
      $('sign-result').textContent = messageOf(e);
      $('sign-result').className = 'invalid';
    }
  });

  setUpDecrypt();
  loadFragment();
  runVerify();
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  $('status').textContent = `could not start: ${messageOf(error)}`;
});
