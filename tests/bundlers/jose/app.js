// The same app written with jose, so its download can be compared with CipherToken's: an HS256
// token issued and verified, an ES256 token signed and verified with a key generated in the page.
// The claims match CipherToken's access tokens (iat, exp, jti).
import { SignJWT, exportSPKI, generateKeyPair, jwtVerify } from 'jose';
import { report } from '../report.js';

const issue = (payload, alg, key) =>
  new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).setIssuedAt().setExpirationTime('10m').setJti(crypto.randomUUID()).sign(key);

report(async () => {
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const hs256 = await issue({ user_id: 42 }, 'HS256', secret);
  const { payload } = await jwtVerify(hs256, secret, { algorithms: ['HS256'] });
  if (payload.user_id !== 42) throw new Error('HS256 round trip failed');
  const tampered = await jwtVerify(`${hs256}x`, secret, { algorithms: ['HS256'] }).catch(() => null);
  if (tampered) throw new Error('HS256 accepted a tampered token');

  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const es256 = await issue({ user_id: 42 }, 'ES256', privateKey);
  await jwtVerify(es256, publicKey, { algorithms: ['ES256'] });
  return { hs256, es256, publicPem: await exportSPKI(publicKey) };
});
