import { describe, expect, it } from 'vitest';
import { hmacSecretBits, keypairFamily } from '../src/cli/keypairs.js';

// The generators of ciphertoken/secret are taken from the module the caller hands over (the CLI's
// or the playground's copy). Pin the call shapes API.md gives them.
describe('key-pair generator lookup', () => {
  const calls: unknown[][] = [];
  const fake = {
    generateRsaKeypair: (...args: unknown[]) => (calls.push(['rsa', ...args]), Promise.resolve(['priv', 'pub'])),
    generateEcKeypair: (...args: unknown[]) => (calls.push(['ec', ...args]), ['priv', 'pub']),
    generateEd25519Keypair: (...args: unknown[]) => (calls.push(['ed', ...args]), ['priv', 'pub']),
  };

  it('calls generateRsaKeypair({ bits }), generateEcKeypair(alg), generateEd25519Keypair()', async () => {
    expect(await keypairFamily('RS256', fake)!.generate!('RS256', 4096)).toEqual(['priv', 'pub']);
    keypairFamily('PS384', fake)!.generate!('PS384', 2048);
    keypairFamily('ES384', fake)!.generate!('ES384', 0);
    keypairFamily('EdDSA', fake)!.generate!('EdDSA', 0);
    expect(calls).toEqual([['rsa', { bits: 4096 }], ['rsa', { bits: 2048 }], ['ec', 'ES384'], ['ed']]);
    expect(keypairFamily('RS512', fake)!.bits).toEqual({ default: 2048, min: 2048 });
    expect(keypairFamily('ES256', fake)!.bits).toBeUndefined();
  });

  it('refuses a module without the generator; HMAC needs none', () => {
    expect(() => keypairFamily('EdDSA', {})).toThrow(TypeError);
    expect(keypairFamily('HS256', fake)).toBeUndefined();
    expect([hmacSecretBits('HS256'), hmacSecretBits('HS384'), hmacSecretBits('HS512'), hmacSecretBits('ES256')]).toEqual([
      256,
      384,
      512,
      undefined,
    ]);
  });
});
