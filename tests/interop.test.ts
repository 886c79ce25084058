import { createHmac } from 'node:crypto';
import { createSigner, createVerifier } from 'fast-jwt';
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { CipherToken, now, secretKeyWithSize, type Algorithm } from '../src/index.js';

const ALGS = [
  ['HS256', 32, 'sha256'],
  ['HS384', 48, 'sha384'],
  ['HS512', 64, 'sha512'],
] as const;

describe.each(ALGS)('%s interoperability', (alg, size, hash) => {
  const secret = secretKeyWithSize(size);
  const key = new TextEncoder().encode(secret);
  const ours = new CipherToken({ secret, algorithm: alg as Algorithm, accessTtl: 600, refreshTtl: 3600, issuer: 'ct', audience: 'api' });
  const claims = () => ({
    payload: { user_id: 7, name: 'Zoë ✓' },
    exp: now() + 600,
    iat: now(),
    ttl: 600,
    token: 'access',
    jti: crypto.randomUUID(),
    iss: 'ct',
    aud: 'api',
  });

  it('jose, fast-jwt, jsonwebtoken and node:crypto verify our tokens', async () => {
    const token = ours.access({ user_id: 7, name: 'Zoë ✓' });
    const { payload, protectedHeader } = await jose.jwtVerify(token, key, { algorithms: [alg], issuer: 'ct', audience: 'api' });
    expect(protectedHeader).toEqual({ alg, typ: 'JWT' });
    expect(payload.payload).toEqual({ user_id: 7, name: 'Zoë ✓' });
    expect(createVerifier({ key: secret, algorithms: [alg] })(token).token).toBe('access');
    expect((jsonwebtoken.verify(token, secret, { algorithms: [alg] }) as { jti: string }).jti).toBe(payload.jti);
    const [h, p, s] = token.split('.');
    expect(createHmac(hash, secret).update(`${h}.${p}`).digest('base64url')).toBe(s);
  });

  it('we verify tokens signed by jose, fast-jwt, jsonwebtoken and node:crypto', async () => {
    const fromJose = await new jose.SignJWT(claims()).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
    const fromFastJwt = createSigner({ key: secret, algorithm: alg, noTimestamp: true })(claims());
    const fromJsonwebtoken = jsonwebtoken.sign(claims(), secret, { algorithm: alg, noTimestamp: true });
    const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg })).toString('base64url');
    const body = Buffer.from(JSON.stringify(claims())).toString('base64url');
    const fromNode = `${header}.${body}.${createHmac(hash, secret).update(`${header}.${body}`).digest('base64url')}`;
    for (const token of [fromJose, fromFastJwt, fromJsonwebtoken, fromNode]) {
      expect(ours.decode(token).payload).toEqual({ user_id: 7, name: 'Zoë ✓' });
    }
  });
});
