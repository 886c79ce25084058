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
