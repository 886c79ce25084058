/**
 * The page's actions over the library: decode, verify (secret, PEM, JWK or JWK set), sign.
 * Failures come back as text to show; nothing is sent anywhere.
 * @module
 */

import { failureReason, tokenType, type DecodedToken } from '../../../src/cli/describe.js';
import { jweKeyInput } from '../../../src/cli/jwe-key.js';
import { classifyMaterial, type Material } from '../../../src/cli/material.js';
import { describeExpiry, parseDuration } from '../../../src/cli/time.js';
import { ALGORITHMS, jwe, lib, type Algorithm } from './library.js';

export const nowSeconds = () => Math.floor(Date.now() / 1000);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface DecodeView {
  readonly header: DecodedToken['header'];
  readonly payload: Record<string, unknown>;
  /** The three base64url segments as pasted, for the colour-coded view. */
  readonly segments: readonly [header: string, payload: string, signature: string];
  /** access / refresh, when the token says. */
  readonly type: 'access' | 'refresh' | undefined;
}

/** Decodes without verification; throws with the library's reason when malformed. */
export function decode(token: string): DecodeView {
  const header = lib.decodeProtectedHeader(token);
  const payload = lib.decodeJwt(token);
  const [h = '', p = '', s = ''] = token.split('.');
  return { header, payload, segments: [h, p, s], type: tokenType({ header, payload }) };
}

/**
 * What the verdict badge shows. `unverified` is a decodable token with no key yet; `invalid` is
 * any other failure (key problem, algorithm not allowed, malformed claims).
 */
export type Verdict = 'verified' | 'bad-signature' | 'expired' | 'not-yet-valid' | 'unverified' | 'invalid';

export interface VerifyResult {
  readonly verdict: Verdict;
  readonly text: string;
}

function material(text: string): Material {
  return classifyMaterial(text, 'the key');
}

/**
 * Keys for every algorithm the material fits (or just `alg`). When none fits, the error is the one
 * for the token's own algorithm: "fits none" alone would not tell a user what to fix.
 */
function importAll(
  m: Exclude<Material, { kind: 'jwks' }>,
  alg: Algorithm | undefined,
  tokenAlg: unknown,
): Map<Algorithm, InstanceType<typeof lib.Key>> {
  const input = m.kind === 'jwk' ? m.jwk : m.text;
  const keys = new Map<Algorithm, InstanceType<typeof lib.Key>>();
  for (const candidate of alg ? [alg] : ALGORITHMS) {
    try {
      keys.set(candidate, lib.importKey(input, candidate));
    } catch (error) {
      if (alg) throw error;
    }
  }
  if (keys.size > 0) return keys;
  if (typeof tokenAlg === 'string' && (ALGORITHMS as readonly string[]).includes(tokenAlg)) {
    try {
      lib.importKey(input, tokenAlg as Algorithm);
    } catch (error) {
      throw new Error(`the key does not fit ${tokenAlg}, the token's algorithm: ${messageOf(error)}`);
    }
  }
  throw new Error('the key fits none of the algorithms (choose one to see why)');
}

/** Verifies `token` with pasted key text; `alg` narrows the allow-list. An empty key is `unverified`. */
export function verify(token: string, keyText: string, alg: Algorithm | undefined): VerifyResult {
  let decoded: DecodedToken;
  try {
    decoded = { header: lib.decodeProtectedHeader(token), payload: lib.decodeJwt(token) };
  } catch (error) {
    return { verdict: 'invalid', text: `invalid: not a JWT: ${messageOf(error)}` };
  }
  if (keyText.trim() === '') return { verdict: 'unverified', text: 'paste a secret, a public key (PEM), a JWK or a JWK set to verify' };
  let algorithms: readonly Algorithm[];
  let run: () => ReturnType<typeof lib.verifyJwt>;
  try {
    const m = material(keyText);
    if (m.kind === 'jwks') {
      const jwks = lib.createLocalJwks({ keys: m.keys });
      algorithms = alg ? [alg] : ALGORITHMS;
      run = () => lib.verifyJwt(token, jwks, { algorithms });
    } else {
      const keys = importAll(m, alg, decoded.header.alg);
      algorithms = [...keys.keys()];
      run = () => lib.verifyJwt(token, [...keys.values()], { algorithms });
    }
  } catch (error) {
    return { verdict: 'invalid', text: `key problem: ${messageOf(error)}` };
  }
  try {
    const { payload, protectedHeader } = run();
    const exp = typeof payload.exp === 'number' ? describeExpiry(payload.exp, nowSeconds()) : 'no expiry';
    return { verdict: 'verified', text: `verified: ${protectedHeader.alg}, ${exp}` };
  } catch (error) {
    if (error instanceof lib.KeyError) return { verdict: 'invalid', text: `key problem: ${error.message}` };
    if (error instanceof lib.CipherTokenError) {
      const reason = failureReason(error, decoded, {}, algorithms, nowSeconds());
      // The signature is checked before the claims, so expired / not yet valid mean "signed by this key, but…".
      const verdict: Verdict =
        error.code === 'ERR_TOKEN_EXPIRED'
          ? 'expired'
          : error.code === 'ERR_TOKEN_NOT_YET_VALID'
            ? 'not-yet-valid'
            : reason === 'bad signature'
              ? 'bad-signature'
              : 'invalid';
      return { verdict, text: `invalid: ${reason}` };
    }
    return { verdict: 'invalid', text: `invalid: ${messageOf(error)}` };
  }
}

/**
 * Signs the claims JSON with pasted key text; sets iat, and exp from the lifetime ("10m", empty
 * for none). `kid` (optional) goes into the header so that a JWK set with several keys picks this one.
 */
export function sign(claimsText: string, ttlText: string, alg: Algorithm, keyText: string, kidText = ''): string {
  let claims: unknown;
  try {
    claims = JSON.parse(claimsText);
  } catch {
    throw new Error('the claims are not valid JSON');
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Error('the claims must be a JSON object');
  if (keyText.trim() === '') throw new Error('paste a secret or a private key first (or generate one)');
  const m = material(keyText);
  if (m.kind === 'jwks') throw new Error('a JWK set holds public keys: sign with a secret or a private key');
  const key = lib.importKey(m.kind === 'jwk' ? m.jwk : m.text, alg);
  const iat = nowSeconds();
  // The claims typed in win over the default iat, so a user can try a backdated token.
  const timed: Record<string, unknown> = { iat, ...claims };
  if (ttlText.trim() !== '') timed.exp = iat + parseDuration(ttlText.trim(), 'the lifetime');
  const kid = kidText.trim() || (m.kind === 'jwk' && typeof m.jwk.kid === 'string' ? m.jwk.kid : '');
  return lib.signJwt(timed, key, kid ? { kid } : {});
}

/** What Decrypt shows: the JWE header, and the claims or (nested JWT) the inner signed token. */
export interface Decrypted {
  readonly header: Record<string, unknown>;
  readonly claims?: Record<string, unknown>;
  readonly nested?: string;
}

/** The `alg` of a JWE's protected header, when it has one (to preselect the algorithm). */
export function jweAlgorithm(token: string): string | undefined {
  try {
    const segment = token.trim().split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/');
    const alg = (JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(segment), (c) => c.charCodeAt(0)))) as { alg?: unknown }).alg;
    return typeof alg === 'string' ? alg : undefined;
  } catch {
    return undefined;
  }
}

/** Decrypts a compact JWE with key text for `alg` (every content encryption allowed); throws with the reason. */
export function decryptToken(token: string, keyText: string, alg: string): Decrypted {
  if (keyText.trim() === '') throw new Error('paste the key first');
  const key = jwe.importJweKey(jweKeyInput(classifyMaterial(keyText, 'the key'), alg), alg as jwe.KeyManagementAlgorithm);
  const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: ['A128GCM', 'A256GCM', 'A128CBC-HS256', 'A256CBC-HS512'] };
  const { plaintext, protectedHeader } = jwe.decrypt(token.trim(), key, options);
  const text = new TextDecoder().decode(plaintext);
  if (typeof protectedHeader.cty === 'string' && protectedHeader.cty.toUpperCase() === 'JWT')
    return { header: protectedHeader, nested: text };
  const claims = JSON.parse(text) as unknown;
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Error('the plaintext is not a JSON object');
  return { header: protectedHeader, claims: claims as Record<string, unknown> };
}
