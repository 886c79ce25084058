import { describe, expect, it } from 'vitest';
import { hmacSecretBits, keypairFamily } from '../src/cli/keypairs.js';
import { importKey } from '../src/jose/keys.js';

// keygen and the playground take what each algorithm can make from its family in the registry.
describe('key material per algorithm, from the families', () => {
  it('shared-secret algorithms have a least size (RFC 7518 §3.2) and no key pair', () => {
    expect(['HS256', 'HS384', 'HS512', 'ES256'].map((alg) => hmacSecretBits(alg as 'HS256'))).toEqual([256, 384, 512, undefined]);
    expect(keypairFamily('HS256')).toBeUndefined();
  });

  it('key-pair algorithms generate PEM pairs that import as private and public keys of that algorithm', async () => {
    for (const alg of ['EdDSA', 'ES256', 'ES384', 'PS256'] as const) {
      const family = keypairFamily(alg)!;
      const [privatePem, publicPem] = await family.generate(alg, family.bits?.default ?? 0);
      expect([importKey(privatePem, alg).type, importKey(publicPem, alg).type]).toEqual(['private', 'public']);
    }
    expect(keypairFamily('RS512')!.bits).toEqual({ default: 2048, min: 2048 });
    expect(keypairFamily('ES256')!.bits).toBeUndefined();
    expect(['RS256', 'ES384', 'EdDSA'].map((alg) => keypairFamily(alg as 'RS256')!.label)).toEqual(['RSA', 'EC', 'Ed25519']);
  });
});
