// Bearer-token middleware for Hono (RFC 6750): verifies the access token with CipherToken and
// answers 401 with a WWW-Authenticate challenge carrying the error code when it is missing or bad.
import { TokenExpiredError, TokenRevokedError, TokenTypeError } from 'ciphertoken';

/** RFC 6750 §3: the challenge; `error` only when credentials were presented. */
export function challenge(realm, error, description) {
  const parts = [`realm="${realm}"`];
  if (error) parts.push(`error="${error}"`);
  if (description) parts.push(`error_description="${description}"`);
  return `Bearer ${parts.join(', ')}`;
}

/** Why a token was refused, as a fixed text (RFC 6750 §3.1 error_description: no token contents). */
function describe(error) {
  if (error instanceof TokenExpiredError) return 'the access token expired';
  if (error instanceof TokenTypeError) return 'not an access token';
  if (error instanceof TokenRevokedError) return 'the access token was revoked';
  return 'the access token is invalid';
}

/**
 * `bearer(cipher)`: requires `Authorization: Bearer <access token>`; the verified claims are
 * available to handlers as `c.get('claims')`, the token itself as `c.get('token')`.
 */
export function bearer(cipher, { realm = 'ciphertoken-example' } = {}) {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined) {
      return c.json({ error: 'unauthorized' }, 401, { 'WWW-Authenticate': challenge(realm) });
    }
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
    if (!match) {
      // §3.1 invalid_request: malformed Authorization header → 400.
      return c.json({ error: 'invalid_request' }, 400, {
        'WWW-Authenticate': challenge(realm, 'invalid_request', 'malformed Authorization header'),
      });
    }
    let claims;
    try {
      // type: 'access': a refresh token is not a bearer token (RFC 8725 §3.12); it is refused
      // with TokenTypeError, and with a store a revoked token with TokenRevokedError.
      claims = await cipher.decodeAsync(match[1], { type: 'access' });
    } catch (error) {
      const description = describe(error);
      return c.json({ error: 'invalid_token', error_description: description }, 401, {
        'WWW-Authenticate': challenge(realm, 'invalid_token', description),
      });
    }
    c.set('claims', claims);
    c.set('token', match[1]);
    await next();
  };
}
