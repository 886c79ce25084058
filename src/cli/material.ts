/**
 * Pasted or read key text sorted into what `importKey` takes: a JWK, a JWK set, PEM text, or a raw
 * HMAC secret. Pure (no I/O, no library import): the playground page shares it.
 * @module
 */

import type { Jwk } from '../jose/keys.js';
import { KeyInputError } from './errors.js';

/** Key material as read: PEM or secret text, a JWK, or a JWK set. */
export type Material = { kind: 'text'; text: string } | { kind: 'jwk'; jwk: Jwk } | { kind: 'jwks'; keys: Jwk[] };

/** Classifies key text: JSON (a JWK or a JWK set), PEM, or else a raw HMAC secret (one trailing newline dropped). */
export function classifyMaterial(text: string, source: string): Material {
  if (/^\s*\{/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new KeyInputError(`${source} looks like JSON but does not parse`);
    }
    const keys = (value as { keys?: unknown }).keys;
    if (Array.isArray(keys)) return { kind: 'jwks', keys: keys as Jwk[] };
    return { kind: 'jwk', jwk: value as Jwk };
  }
  return { kind: 'text', text: /-----BEGIN /.test(text) ? text : text.replace(/\r?\n$/, '') };
}
