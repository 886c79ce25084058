// `npm run demo`: the quick start of the Python CipherToken guide, in TypeScript's JavaScript form.
// Issues, verifies, decodes, rotates and inspects tokens, and prints what it did.
import {
  CipherToken,
  HS256,
  InvalidTokenError,
  TokenExpiredError,
  TokenTypeError,
  days,
  minutes,
  secretKey,
} from 'ciphertoken';
import { access, refresh, rotation } from 'ciphertoken/jwt';

const show = (label, value) => console.log(`\n▸ ${label}\n${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}`);

// 1. Initialize — never hard-code secrets: read one from the environment or generate one.
const secret = process.env.CIPHERTOKEN_SECRET ?? secretKey();
const token = new CipherToken({ secret, algorithm: HS256, accessTtl: minutes(10), refreshTtl: days(7) });
show('CipherToken instance (the secret is always masked)', token.toJSON());

// 2. Generate tokens
const accessToken = token.access({ user_id: 42, role: 'admin' });
const refreshToken = token.refresh({ user_id: 42 });
show('access token', accessToken);
show('refresh token', refreshToken);

// 3. Verify and decode
show('token.verify(accessToken)', String(token.verify(accessToken)));
show('token.decode(accessToken)', token.decode(accessToken));

// 4. Rotate: exchange the refresh token for a new pair
const [newAccess, newRefresh] = token.rotation(refreshToken, { user_id: 42 });
show('rotation → new pair verifies', `${token.verify(newAccess)} / ${token.verify(newRefresh)}`);

// 5. Inspect (no checks: debugging only) and check expiry
show('token.inspect(accessToken)', token.inspect(accessToken));
show('token.remainingTime(accessToken) (seconds)', String(token.remainingTime(accessToken)));

// The jwt module: the same flows as functions, and the async twins.
const a = access(token, { sub: 'user@example.com' });
const r = refresh(token, { sub: 'user@example.com' });
const [a2] = rotation(token, r);
show('ciphertoken/jwt access → rotation', `${token.decode(a).payload.sub} → ${token.decode(a2).payload.sub}`);
show('await token.decodeAsync(newAccess)', (await token.decodeAsync(newAccess)).payload);

// What a bad token looks like: verify is false, decode throws a typed error with a stable code.
const tampered = accessToken.slice(0, -2) + (accessToken.endsWith('A') ? 'BB' : 'AA');
show('tampered token', `verify → ${token.verify(tampered)}`);
for (const [label, attempt] of [
  ['decode(tampered)', () => token.decode(tampered)],
  ['rotation(accessToken)', () => token.rotation(accessToken)],
  ['decode(expired)', () => new CipherToken({ secret, algorithm: HS256, accessTtl: 1, refreshTtl: 1, clockTolerance: 0 }).decode(expiredToken())],
]) {
  try {
    attempt();
  } catch (error) {
    if (!(error instanceof InvalidTokenError || error instanceof TokenTypeError || error instanceof TokenExpiredError)) throw error;
    console.log(`  ${label.padEnd(24)} → ${error.name} (${error.code}): ${error.message}`);
  }
}

/** A correctly signed token whose expiry has passed (issued with a clock one hour back). */
function expiredToken() {
  const realNow = Date.now;
  Date.now = () => realNow() - 3_600_000;
  try {
    return new CipherToken({ secret, algorithm: HS256, accessTtl: 1, refreshTtl: 1 }).access({ user_id: 42 });
  } finally {
    Date.now = realNow;
  }
}
