/**
 * PBKDF2-HMAC-SHA256 on WebCrypto (W3C Web Cryptography API §30 "PBKDF2"; RFC 8018 §5.2), used by
 * async key derivation so it runs off the main thread where the runtime allows (Node: thread pool).
 * @module
 */

/**
 * Derives `dkLen` bytes; resolves to null when the runtime refuses the parameters (Cloudflare
 * Workers cap the iteration count at 100,000), so the caller can fall back to the wasm PBKDF2.
 */
export async function pbkdf2Sha256Async(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  dkLen: number,
): Promise<Uint8Array | null> {
  try {
    const base = await crypto.subtle.importKey('raw', password as BufferSource, 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
      base,
      dkLen * 8,
    );
    return new Uint8Array(bits);
  } catch {
    return null;
  }
}
