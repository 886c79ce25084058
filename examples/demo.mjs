// `npm run demo`: the quick start of the Python CipherToken guide, in TypeScript's JavaScript form.
// Issues, verifies, decodes, rotates and inspects tokens, and prints what it did.
import { CipherToken, HS256, InvalidTokenError, KeyError, TokenExpiredError, TokenTypeError, days, minutes, secretKey } from 'ciphertoken';
import { access, refresh, rotation } from 'ciphertoken/jwt';
import * as algorithms from 'ciphertoken/algorithms';
import * as generators from 'ciphertoken/secret';

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
  [
    'decode(expired)',
    () => new CipherToken({ secret, algorithm: HS256, accessTtl: 1, refreshTtl: 1, clockTolerance: 0 }).decode(expiredToken()),
  ],
]) {
  try {
    attempt();
  } catch (error) {
    if (!(error instanceof InvalidTokenError || error instanceof TokenTypeError || error instanceof TokenExpiredError)) throw error;
    console.log(`  ${label.padEnd(24)} → ${error.name} (${error.code}): ${error.message}`);
  }
}

// Every asymmetric algorithm this build has: a key pair, then the same flow with the private key;
// a verify-only instance holding just the public key accepts the tokens.
console.log('\n▸ asymmetric algorithms (those this build has)');
for (const alg of new Set(Object.values(algorithms).filter((a) => !a.startsWith('HS')))) {
  const pair = await keyPair(alg);
  let signer;
  try {
    signer = pair && new CipherToken({ secret: pair[0], algorithm: alg, accessTtl: minutes(10), refreshTtl: days(7) });
  } catch (error) {
    if (!(error instanceof KeyError)) throw error;
  }
  if (!signer) {
    console.log(`  ${alg.padEnd(6)} – not in this build yet`);
    continue;
  }
  const verifier = new CipherToken({ secret: pair[1], algorithm: alg, accessTtl: minutes(10), refreshTtl: days(7) });
  const at = signer.access({ user_id: 42 });
  const [rotatedAccess] = signer.rotation(signer.refresh({ user_id: 42 }));
  const checks = [
    verifier.verify(at),
    verifier.verify(rotatedAccess),
    signer.decode(at).payload.user_id === 42,
    signer.inspect(at).header.alg === alg,
  ];
  console.log(
    `  ${alg.padEnd(6)} ${checks.every(Boolean) ? '✓' : '✗'} access, rotation, verify with the public key, decode, inspect; ${verifier.remainingTime(at)} s left`,
  );
}

/** A [privatePem, publicPem] pair for `alg` from ciphertoken/secret, or undefined when the generator is not in this build. */
async function keyPair(alg) {
  const rsa = () => (keyPair.rsa ??= generators.generateRsaKeypair?.({ bits: 2048 })); // one 2048-bit pair serves RS* and PS*
  const make =
    {
      EdDSA: () => generators.generateEd25519Keypair?.(),
      ES256: () => generators.generateEcKeypair?.(alg),
      ES384: () => generators.generateEcKeypair?.(alg),
      ES512: () => generators.generateEcKeypair?.(alg),
    }[alg] ?? rsa;
  return make();
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
