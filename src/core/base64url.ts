/**
 * base64url encoding in plain JavaScript, for cold paths that must work before the wasm module is
 * loaded (secret generation, protected headers computed once per key). Hot paths use src/wasm/.
 * @module
 */

/** Unpadded base64url text of `bytes` (RFC 4648 §5). */
export function base64urlFromBytes(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const BASE64URL_TEXT = /^[A-Za-z0-9_-]*$/;

/**
 * Bytes of strict unpadded base64url `text` (RFC 4648 §5, canonical trailing bits), or null.
 * For cold paths (JWK members); tokens use the wasm decoder.
 */
export function bytesFromBase64url(text: string): Uint8Array | null {
  if (!BASE64URL_TEXT.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return base64urlFromBytes(bytes) === text ? bytes : null;
}
