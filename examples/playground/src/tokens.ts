/**
 * The page's four actions over the library: decode, verify (secret, key or JWK set), sign.
 * Failures come back as text to show; nothing is sent anywhere.
 * @module
 */

import { failureReason, timeLines, tokenType, type DecodedToken } from '../../../src/cli/describe.js';
import { classifyMaterial, type Material } from '../../../src/cli/material.js';
import { describeExpiry, parseDuration } from '../../../src/cli/time.js';
import { ALGORITHMS, lib, type Algorithm } from './library.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface DecodeView {
  readonly header: DecodedToken['header'];
  readonly payload: Record<string, unknown>;
  /** label → value rows: algorithm, key id, type, iat/nbf/exp. */
  readonly summary: readonly [string, string][];
}

/** Decodes without verification; throws with the library's reason when malformed. */
export function decode(token: string): DecodeView {
  const header = lib.decodeProtectedHeader(token);
  const payload = lib.decodeJwt(token);
  const summary: [string, string][] = [
    ['algorithm', String(header.alg)],
    ['key id', typeof header.kid === 'string' ? header.kid : 'none'],
    ['type', tokenType({ header, payload }) ?? 'unknown'],
  ];
  for (const t of timeLines(payload, nowSeconds())) summary.push([t.claim, `${t.iso ?? t.value} — ${t.relative}`]);
  return { header, payload, summary };
}

function material(text: string): Material {
  if (text.trim() === '') throw new Error('paste a secret, a key or a JWK set first');
  return classifyMaterial(text, 'the key');
}

/** Keys for every algorithm the material fits (or just `alg`). */
function importAll(m: Exclude<Material, { kind: 'jwks' }>, alg: Algorithm | undefined): Map<Algorithm, InstanceType<typeof lib.Key>> {
  const keys = new Map<Algorithm, InstanceType<typeof lib.Key>>();
  for (const candidate of alg ? [alg] : ALGORITHMS) {
    try {
      keys.set(candidate, lib.importKey(m.kind === 'jwk' ? m.jwk : m.text, candidate));
    } catch (error) {
      if (alg) throw error;
    }
  }
  if (keys.size === 0) throw new Error('the key fits none of the algorithms (choose one to see why)');
  return keys;
}

export interface VerifyResult {
  readonly valid: boolean;
  readonly text: string;
}

/** Verifies `token` with pasted key text; `alg` narrows the allow-list. */
export function verify(token: string, keyText: string, alg: Algorithm | undefined): VerifyResult {
  let decoded: DecodedToken;
  try {
    decoded = { header: lib.decodeProtectedHeader(token), payload: lib.decodeJwt(token) };
  } catch (error) {
    return { valid: false, text: `invalid: not a JWT: ${messageOf(error)}` };
  }
  let algorithms: readonly Algorithm[];
  let run: () => ReturnType<typeof lib.verifyJwt>;
  try {
    const m = material(keyText);
    if (m.kind === 'jwks') {
      const jwks = lib.createLocalJwks({ keys: m.keys });
      algorithms = alg ? [alg] : ALGORITHMS;
      run = () => lib.verifyJwt(token, jwks, { algorithms });
    } else {
      const keys = importAll(m, alg);
      algorithms = [...keys.keys()];
      run = () => lib.verifyJwt(token, [...keys.values()], { algorithms });
    }
  } catch (error) {
    return { valid: false, text: `key problem: ${messageOf(error)}` };
  }
  try {
    const { payload, protectedHeader } = run();
    const exp = typeof payload.exp === 'number' ? describeExpiry(payload.exp, nowSeconds()) : 'no expiry';
    return { valid: true, text: `valid: ${protectedHeader.alg}, ${exp}` };
  } catch (error) {
    if (error instanceof lib.KeyError) return { valid: false, text: `key problem: ${error.message}` };
    if (error instanceof lib.CipherTokenError)
      return { valid: false, text: `invalid: ${failureReason(error, decoded, {}, algorithms, nowSeconds())}` };
    return { valid: false, text: `invalid: ${messageOf(error)}` };
  }
}

/** Signs the claims JSON with pasted key text; sets iat, and exp from the lifetime ("10m", empty for none). */
export function sign(claimsText: string, ttlText: string, alg: Algorithm, keyText: string): string {
  let claims: unknown;
  try {
    claims = JSON.parse(claimsText);
  } catch {
    throw new Error('the claims are not valid JSON');
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Error('the claims must be a JSON object');
  const m = material(keyText);
  if (m.kind === 'jwks') throw new Error('a JWK set holds public keys: sign with a secret or a private key');
  const key = lib.importKey(m.kind === 'jwk' ? m.jwk : m.text, alg);
  const iat = nowSeconds();
  const timed: Record<string, unknown> = { ...claims, iat };
  if (ttlText.trim() !== '') timed.exp = iat + parseDuration(ttlText.trim(), 'the lifetime');
  const kid = m.kind === 'jwk' && typeof m.jwk.kid === 'string' ? m.jwk.kid : undefined;
  return lib.signJwt(timed, key, kid ? { kid } : {});
}
