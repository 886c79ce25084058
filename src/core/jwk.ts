/**
 * JSON Web Key checks shared by every key type (RFC 7517 §4): the members that bind a JWK to a
 * use, operations and algorithm, enforced before its material is read.
 * @module
 */

import type { Algorithm } from './key.js';
import { KeyError } from './errors.js';
import { bytesFromBase64url } from './base64url.js';

/** A JSON Web Key (RFC 7517) as the key functions take and return it, with its `kid` when it has one. */
export type Jwk = JsonWebKey & { kid?: string; [member: string]: unknown };

export function isJwk(value: unknown): value is Jwk {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array) && typeof (value as Jwk).kty === 'string';
}

/**
 * RFC 7517 §4.2–4.4: `use` must be `sig`, `key_ops` must allow one of `operations` (a private or
 * secret key signs or verifies, a public key verifies), and `alg` must be the requested algorithm,
 * whenever those members are present.
 */
export function checkJwkBinding(jwk: Jwk, alg: Algorithm, operations: readonly ('sign' | 'verify')[]): void {
  if (jwk.use !== undefined && jwk.use !== 'sig') throw new KeyError('the JWK is not for signatures (use)');
  if (jwk.key_ops !== undefined && (!Array.isArray(jwk.key_ops) || !operations.some((op) => jwk.key_ops!.includes(op)))) {
    throw new KeyError('the JWK does not allow signing or verifying (key_ops)');
  }
  if (jwk.alg !== undefined && jwk.alg !== alg) throw new KeyError(`the JWK is for ${String(jwk.alg).slice(0, 16)}, not ${alg}`);
}

/** A JWK given as JSON text (RFC 7517 §4): the object it holds, or KeyError for anything else. */
export function parseJwkText(text: string): Jwk {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new KeyError('the key is not valid JWK JSON', { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new KeyError('the key is not a JWK');
  return value as Jwk;
}

/** The bytes of a required base64url JWK member (RFC 7518 §6). */
export function jwkBytes(jwk: Jwk, member: string): Uint8Array {
  const value = jwk[member];
  const bytes = typeof value === 'string' ? bytesFromBase64url(value) : null;
  if (bytes === null) throw new KeyError(`JWK member ${member} is missing or not base64url`);
  return bytes;
}

/** RFC 7638 §3.2: the required members of each key type, in lexicographic order. */
const THUMBPRINT_MEMBERS: Record<string, readonly string[]> = {
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  RSA: ['e', 'kty', 'n'],
  oct: ['k', 'kty'],
};

/** The RFC 7638 §3 thumbprint input: required members only, sorted, no whitespace. */
export function thumbprintInput(jwk: Jwk): string {
  const members = THUMBPRINT_MEMBERS[jwk.kty as string];
  if (members === undefined) throw new KeyError('unsupported JWK key type');
  const canonical: Record<string, unknown> = {};
  for (const member of members) {
    if (typeof jwk[member] !== 'string') throw new KeyError(`JWK member ${member} is missing`);
    canonical[member] = jwk[member];
  }
  return JSON.stringify(canonical);
}
