// A browser app as a user writes it: CipherToken imported from the installed package, no bundler
// configuration for the wasm. It issues and verifies an HS256 token, then signs and verifies an
// ES256 token with a key generated in the page.
import { CipherToken, ES256, HS256, generateEcKeypair, secretKey } from 'ciphertoken';
import { report } from '../report.js';

report(async () => {
  // No init(): each wasm module compiles synchronously on its family's first use.
  const ttl = { accessTtl: 600, refreshTtl: 3600 };
  const hs = new CipherToken({ secret: secretKey(), algorithm: HS256, ...ttl });
  const hs256 = hs.access({ user_id: 42 });
  if (!hs.verify(hs256, { type: 'access' }) || hs.decode(hs256).payload.user_id !== 42) throw new Error('HS256 round trip failed');
  if (hs.verify(`${hs256}x`)) throw new Error('HS256 accepted a tampered token');

  const [privatePem, publicPem] = generateEcKeypair('ES256');
  const es256 = new CipherToken({ secret: privatePem, algorithm: ES256, ...ttl }).access({ user_id: 42 });
  if (!new CipherToken({ secret: publicPem, algorithm: ES256, ...ttl }).verify(es256)) throw new Error('ES256 round trip failed');
  return { hs256, es256, publicPem };
});
