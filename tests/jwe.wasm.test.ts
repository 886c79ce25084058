/**
 * The wasm boundary for JWE's new entry points (DESIGN.md "The wasm boundary"): no memory growth
 * over many operations, and no secret left in linear memory afterwards — X25519 scalars and shared
 * secrets, the GHASH subkey H and E_K(J0), PBKDF2 passwords.
 */
import { describe, expect, it } from 'vitest';
import './helpers/jwe.js';
import { decryptJwt, encryptJwt, importJweKey } from '../src/jose/jwe.js';
import { x25519, x25519PublicKey } from '../src/wasm/x25519.js';
import { pbkdf2Sha512 } from '../src/wasm/pbkdf2.js';
import { findResidues, wasmMemoryBytes } from './helpers/residue.js';
import { createCipheriv } from 'node:crypto';

describe('JWE on the wasm boundary', () => {
  it('no wasm memory growth over 10,000 dir + A256GCM and 2,000 ECDH-ES (X25519) round trips', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const k = importJweKey(key, 'dir');
    const options = { keyManagementAlgorithms: ['dir', 'ECDH-ES+A256KW'], contentEncryptionAlgorithms: ['A256GCM'] };
    const d = crypto.getRandomValues(new Uint8Array(32));
    const x = Buffer.from(x25519PublicKey(d)).toString('base64url');
    const priv = importJweKey({ kty: 'OKP', crv: 'X25519', x, d: Buffer.from(d).toString('base64url') }, 'ECDH-ES+A256KW');
    decryptJwt(encryptJwt({ warm: true }, k, { alg: 'dir', enc: 'A256GCM' }), k, options);
    decryptJwt(encryptJwt({ warm: true }, priv, { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' }), priv, options);
    const before = wasmMemoryBytes();
    for (let i = 0; i < 10_000; i++) decryptJwt(encryptJwt({ i }, k, { alg: 'dir', enc: 'A256GCM' }), k, options);
    for (let i = 0; i < 2_000; i++) decryptJwt(encryptJwt({ i }, priv, { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' }), priv, options);
    expect(wasmMemoryBytes()).toEqual(before);
  });

  it('leaves no X25519 scalar or shared secret, GHASH subkey, E_K(J0) or PBKDF2 password in wasm memory', () => {
    const scalar = crypto.getRandomValues(new Uint8Array(32));
    const peer = x25519PublicKey(crypto.getRandomValues(new Uint8Array(32)));
    const shared = x25519(scalar, peer)!;
    const pub = x25519PublicKey(scalar);
    // GCM: H = E_K(0^128) and E_K(J0) for a known key and IV, computed by node:crypto.
    const key = crypto.getRandomValues(new Uint8Array(32));
    const k = importJweKey(key, 'dir');
    const jwe = encryptJwt({ a: 1 }, k, { alg: 'dir', enc: 'A256GCM' });
    decryptJwt(jwe, k, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
    const iv = Buffer.from(jwe.split('.')[2]!, 'base64url');
    const ecb = (block: Uint8Array) => {
      const cipher = createCipheriv('aes-256-ecb', key, null);
      cipher.setAutoPadding(false);
      return new Uint8Array(cipher.update(block));
    };
    const h = ecb(new Uint8Array(16));
    const j0 = new Uint8Array(16);
    j0.set(iv);
    j0[15] = 1;
    const password = crypto.getRandomValues(new Uint8Array(40));
    pbkdf2Sha512(password, new Uint8Array(16), 10, 32);
    expect(findResidues({ scalar, shared, h, mask: ecb(j0), key, password })).toEqual([]);
    expect(pub).toHaveLength(32);
  });
});
