/**
 * The playground page: wires the four sections to the library once its wasm core is loaded.
 * @module
 */

import { ALGORITHMS, canGenerate, generateKey, lib, type Algorithm } from './library.js';
import { decode, sign, verify } from './tokens.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function fillAlgorithms(select: HTMLSelectElement, keep: (alg: Algorithm) => boolean) {
  for (const alg of ALGORITHMS) {
    const option = new Option(alg, alg);
    option.disabled = !keep(alg);
    if (option.disabled) option.textContent = `${alg} (not in this build)`;
    select.add(option);
  }
}

function renderDecode() {
  const token = $<HTMLTextAreaElement>('token').value.trim();
  const error = $('decode-error');
  const summary = $('decode-summary');
  summary.replaceChildren();
  $('decode-header').textContent = '';
  $('decode-claims').textContent = '';
  error.hidden = true;
  if (token === '') return;
  try {
    const view = decode(token);
    $('decode-header').textContent = JSON.stringify(view.header, null, 2);
    $('decode-claims').textContent = JSON.stringify(view.payload, null, 2);
    for (const [label, value] of view.summary) {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      dd.dataset.field = label;
      summary.append(dt, dd);
    }
  } catch (e) {
    error.textContent = `not a JWT: ${messageOf(e)}`;
    error.hidden = false;
  }
}

function setResult(id: string, text: string, ok: boolean) {
  const el = $(id);
  el.textContent = text;
  el.className = ok ? 'valid' : 'invalid';
}

async function start() {
  await lib.init();
  $('status').textContent = 'ready — offline';
  document.body.dataset.ready = 'true';

  fillAlgorithms($('verify-alg'), () => true);
  fillAlgorithms($('generate-alg'), canGenerate);
  fillAlgorithms($('sign-alg'), canGenerate);

  $('token').addEventListener('input', renderDecode);
  setInterval(renderDecode, 1000);

  $('verify-button').addEventListener('click', () => {
    const alg = ($<HTMLSelectElement>('verify-alg').value || undefined) as Algorithm | undefined;
    const result = verify($<HTMLTextAreaElement>('token').value.trim(), $<HTMLTextAreaElement>('verify-key').value, alg);
    setResult('verify-result', result.text, result.valid);
  });

  $('generate-button').addEventListener('click', async () => {
    const alg = $<HTMLSelectElement>('generate-alg').value as Algorithm;
    try {
      setResult('generate-result', `generating ${alg}…`, true);
      const key = await generateKey(alg);
      $<HTMLTextAreaElement>('generate-private').value = key.privateText;
      $<HTMLTextAreaElement>('generate-public').value = key.publicText;
      $<HTMLTextAreaElement>('sign-key').value = key.privateText;
      $<HTMLSelectElement>('sign-alg').value = alg;
      // Verify with the public key (or the secret, for HMAC).
      $<HTMLTextAreaElement>('verify-key').value = key.publicText === '' ? key.privateText : key.publicText.split('\n\n')[0]!;
      setResult('generate-result', `${alg} key ready (also placed in Sign and Verify)`, true);
    } catch (e) {
      setResult('generate-result', messageOf(e), false);
    }
  });

  $('sign-button').addEventListener('click', () => {
    try {
      const token = sign(
        $<HTMLTextAreaElement>('sign-claims').value,
        $<HTMLInputElement>('sign-ttl').value,
        $<HTMLSelectElement>('sign-alg').value as Algorithm,
        $<HTMLTextAreaElement>('sign-key').value,
      );
      $('sign-output').textContent = token;
      $<HTMLTextAreaElement>('token').value = token;
      renderDecode();
      setResult('sign-result', 'signed — copied into Decode above', true);
    } catch (e) {
      $('sign-output').textContent = '';
      setResult('sign-result', messageOf(e), false);
    }
  });
}

start().catch((error) => {
  $('status').textContent = `could not start: ${messageOf(error)}`;
});
