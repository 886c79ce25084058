/**
 * Hostile-input properties for every algorithm: random strings and bytes, and mutations of valid
 * tokens (bit flips, truncation, segment swaps, padded or standard base64, duplicate keys, huge and
 * non-finite numbers, deep nesting, unicode escapes, `__proto__` keys). Every input must end in
 * `false` or a typed CipherTokenError — never another exception, a hang or an accepted forgery.
 * Runtime-neutral (library passed in) so `npm test` runs it briefly and `npm run fuzz` at length.
 * @module
 */

import fc from 'fast-check';
import type * as Library from '../../dist/esm/index.js';

type Lib = typeof Library;

export interface FuzzTarget {
  readonly name: string;
  /** Must be false or throw a CipherTokenError; `valid` lists the inputs allowed to verify. */
  readonly verify: (token: string) => boolean;
  readonly decode: (token: string) => unknown;
  readonly valid: readonly string[];
}

const te = new TextEncoder();
const b64url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const b64urlText = (text: string): string => b64url(te.encode(text));

/** JSON texts a hostile issuer might send as header or payload. */
const hostileJson = fc.oneof(
  fc.constantFrom(
    '{"alg":"none"}',
    '{"alg":"HS256","alg":"none"}',
    '{"alg":"HS256","crit":["b64"],"b64":false}',
    '{"__proto__":{"polluted":true},"alg":"HS256"}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"exp":"9999999999","token":"access","payload":{}}',
    '{"exp":1e309,"token":"access","payload":{}}',
    '{"exp":NaN}',
    '{"exp":1.5e300,"nbf":-1e309}',
    '{"exp":99999999999999999999999999999999,"token":"refresh","payload":{}}',
    '{"payload":{},"token":"access","exp":1,"exp":99999999999}',
    '{"\\u0061lg":"HS256"}',
    '{"alg":"\\ud800"}',
    '[]',
    'null',
    '"string"',
  ),
  fc.nat({ max: 3000 }).map((depth) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`),
  fc.nat({ max: 3000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.json(),
);

/** A mutation of `token` (a valid compact JWS). */
function mutations(token: string) {
  const [h, p, s] = token.split('.') as [string, string, string];
  return fc.oneof(
    fc.nat({ max: token.length * 8 - 1 }).map((bit) => {
      const i = bit >> 3;
      return token.slice(0, i) + String.fromCharCode(token.charCodeAt(i) ^ (1 << (bit & 7))) + token.slice(i + 1);
    }),
    fc.nat({ max: token.length }).map((n) => token.slice(0, n)),
    fc.constantFrom(`${p}.${h}.${s}`, `${h}.${s}.${p}`, `${h}.${p}`, `${h}.${p}.${s}.${s}`, `${h}..${s}`, `.${p}.${s}`, `${h}.${p}.`),
    fc.constantFrom(
      `${h}.${p}.${s}=`,
      `${h}=.${p}.${s}`,
      `${h}.${p}==.${s}`,
      token.replace(/-/g, '+').replace(/_/g, '/'),
      ` ${token}`,
      `${token}\n`,
    ),
    hostileJson.map((json) => `${b64urlText(json)}.${p}.${s}`),
    hostileJson.map((json) => `${h}.${b64urlText(json)}.${s}`),
    fc.tuple(hostileJson, hostileJson).map(([a, b]) => `${b64urlText(a)}.${b64urlText(b)}.`),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => `${h}.${p}.${b64url(bytes)}`),
  );
}

/** Inputs of any shape: random text, random bytes as text, and mutations of each valid token. */
export function hostileInputs(valid: readonly string[]) {
  return fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.uint8Array({ maxLength: 600 }).map((bytes) => String.fromCharCode(...bytes)),
    fc.constantFrom('', '.', '..', '...', 'a.b.c', 'x'.repeat(20_000)),
    ...valid.map(mutations),
  );
}

/** Checks one input against a target; returns a failure description or undefined. */
export function checkInput(lib: Lib, target: FuzzTarget, input: string): string | undefined {
  const started = Date.now();
  let verified: unknown;
  try {
    verified = target.verify(input);
  } catch (error) {
    return `${target.name}: verify threw ${String(error)}`;
  }
  if (verified !== false && !(verified === true && target.valid.includes(input)))
    return `${target.name}: verify returned ${String(verified)} for a hostile input`;
  try {
    target.decode(input);
    if (!target.valid.includes(input)) return `${target.name}: decode accepted a hostile input`;
  } catch (error) {
    if (!(error instanceof lib.CipherTokenError) || typeof error.code !== 'string')
      return `${target.name}: decode threw an untyped ${String(error)}`;
  }
  if (Date.now() - started > 1000) return `${target.name}: one input took ${Date.now() - started} ms`;
  if ((Object.prototype as Record<string, unknown>).polluted !== undefined) return `${target.name}: Object.prototype was polluted`;
  return undefined;
}

/** Runs `runs` hostile inputs against every target; returns failures and the count checked. */
export function fuzz(lib: Lib, targets: readonly FuzzTarget[], runs: number, seed: number): { checked: number; failures: string[] } {
  const failures: string[] = [];
  let checked = 0;
  for (const target of targets) {
    // Failures are collected rather than shrunk: a fuzz run reports every distinct way it broke.
    fc.assert(
      fc.property(hostileInputs(target.valid), (input) => {
        checked++;
        const failure = checkInput(lib, target, input);
        if (failure !== undefined && failures.length < 20) failures.push(`${failure} — input ${JSON.stringify(input.slice(0, 120))}`);
      }),
      { numRuns: Math.ceil(runs / targets.length), seed },
    );
  }
  return { checked, failures };
}
