// The Worker of ../ciphertoken/worker.js written with jose, for the size comparison.
import { SignJWT, importPKCS8, jwtVerify } from 'jose';

export default {
  async fetch(request, env) {
    const bearer = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
    const secret = new TextEncoder().encode(env.JWT_SECRET);
    const verified = await jwtVerify(bearer, secret, { algorithms: ['HS256'] }).catch(() => null);
    if (!verified) return new Response('unauthorized', { status: 401 });
    // The bearer token is CipherToken's, which carries the user's claims under `payload`.
    const { user_id } = verified.payload.payload;
    const es256 = await new SignJWT({ user_id })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .setJti(crypto.randomUUID())
      .sign(await importPKCS8(env.ES256_KEY, 'ES256'));
    return Response.json({ user_id, es256 });
  },
};
