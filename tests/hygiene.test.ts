import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as lib from '../dist/esm/index.js';
import { RSA_TEST_KEY_A } from './conformance/keys.ts';

/** Every 12-character window of the secret texts: no error or printout may contain any of them. */
function secretFragments(texts: string[]): string[] {
  const fragments = new Set<string>();
  for (const text of texts) {
    const body = text.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    for (let i = 0; i + 12 <= body.length; i += 6) fragments.add(body.slice(i, i + 12));
  }
  return [...fragments];
}

function shown(value: unknown): string {
  const parts = [inspect(value, { showHidden: true, depth: 8 }), String(value)];
  try {
    parts.push(JSON.stringify(value) ?? '');
  } catch {
    // circular structures cannot be stringified: inspect covers them
  }
  if (value instanceof Error) parts.push(value.message, value.stack ?? '', inspect(value.cause, { depth: 8 }));
  return parts.join('\n');
}

const cases: [lib.Algorithm, () => { material: string; secrets: string[] }][] = [
  [
    'HS256',
    () => {
      const s = lib.secretKeyWithSize(32);
      return { material: s, secrets: [s] };
    },
  ],
  [
    'HS512',
    () => {
      const s = lib.secretKeyWithSize(64);
      return { material: s, secrets: [s] };
    },
  ],
  [
    'EdDSA',
    () => {
      const [priv] = lib.generateEd25519Keypair();
      const d = lib.exportJwk(lib.importKey(priv, 'EdDSA'), { includePrivate: true }).d as string;
      return { material: priv, secrets: [priv, d] };
    },
  ],
  [
    'ES256',
    () => {
      const [priv] = lib.generateEcKeypair('ES256');
      const d = lib.exportJwk(lib.importKey(priv, 'ES256'), { includePrivate: true }).d as string;
      return { material: priv, secrets: [priv, d] };
    },
  ],
  [
    'ES384',
    () => {
      const [priv] = lib.generateEcKeypair('ES384');
      const d = lib.exportJwk(lib.importKey(priv, 'ES384'), { includePrivate: true }).d as string;
      return { material: priv, secrets: [priv, d] };
    },
  ],
  [
    'RS256',
    () => {
      const jwk = lib.exportJwk(lib.importKey(RSA_TEST_KEY_A, 'RS256'), { includePrivate: true });
      return { material: RSA_TEST_KEY_A, secrets: [RSA_TEST_KEY_A, ...['d', 'p', 'q', 'dp', 'dq', 'qi'].map((m) => jwk[m] as string)] };
    },
  ],
  ['PS256', () => ({ material: RSA_TEST_KEY_A, secrets: [RSA_TEST_KEY_A] })],
];

describe.each(cases)('%s: no key material in errors, keys or instances', (alg, make) => {
  const { material, secrets } = make();
  const fragments = secretFragments(secrets);
  const expectClean = (value: unknown) => {
    const text = shown(value);
    for (const fragment of fragments) expect(text.includes(fragment), `leaked ${fragment}`).toBe(false);
  };

  it('instances and keys print masked', () => {
    const token = new lib.CipherToken({ secret: material, algorithm: alg, accessTtl: 60, refreshTtl: 60 });
    expectClean(token);
    expectClean(lib.importKey(material, alg));
    expectClean({ token, key: lib.importKey(material, alg) });
  });

  it('every error path is clean', () => {
    const token = new lib.CipherToken({ secret: material, algorithm: alg, accessTtl: 60, refreshTtl: 60 });
    const good = token.access({ a: 1 });
    const attempts: (() => unknown)[] = [
      () => token.decode(`${good}x`),
      () => token.decode(good.replace(/\.[^.]+$/, '.AAAA')),
      () => token.rotation(good),
      () => new lib.CipherToken({ secret: material, algorithm: alg === 'HS256' ? 'ES256' : 'HS256', accessTtl: 60, refreshTtl: 60 }),
      () => new lib.CipherToken({ secret: material.slice(0, material.length - 9), algorithm: alg, accessTtl: 60, refreshTtl: 60 }),
      () => lib.importKey(material, 'EdDSA' === alg ? 'ES384' : 'EdDSA'),
      () => lib.importKey(`${material}garbage`, alg),
      () => lib.verifyJwt(good, lib.importKey(material, alg), { algorithms: ['HS384'] }),
      () => lib.exportPem(lib.importKey(material, alg), { includePrivate: false }),
    ];
    let errors = 0;
    for (const attempt of attempts) {
      try {
        attempt();
      } catch (error) {
        errors++;
        expectClean(error);
      }
    }
    expect(errors).toBeGreaterThanOrEqual(6);
  });
});
