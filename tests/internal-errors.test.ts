/** A wasm trap is reported as the internal error it is (DESIGN.md "Statuses, not traps"), never as a user error. */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CipherToken, HS256, InternalError, secretKey } from '../src/index.js';
import { signJwt, signJwtAsync, verifyJwt } from '../src/jose/jws.js';
import { importKey } from '../src/jose/keys.js';
import { hashModule } from '../src/wasm/modules/hash.js';
import { rsaModule } from '../src/wasm/modules/rsa.js';
import { withTrap } from './helpers/trap.js';

describe('wasm traps', () => {
  it('CipherToken reports a trap while signing as InternalError (ERR_INTERNAL), not as a payload error', async () => {
    const token = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: 60, refreshTtl: 60 });
    const error = withTrap(hashModule, 'jwsHmacSign', () => {
      try {
        token.access({ a: 1 });
      } catch (e) {
        return e;
      }
    });
    expect(error).toBeInstanceOf(InternalError);
    expect(error).toMatchObject({ code: 'ERR_INTERNAL', name: 'InternalError' });
    expect((error as Error).message).toMatch(/wasm core trapped/);
    // A payload JSON cannot encode is still the caller's TypeError.
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => token.access(circular)).toThrow(TypeError);
  });

  it('signJwt reports a trap as InternalError; signJwtAsync signs RS256 on WebCrypto, not in wasm', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = importKey(privateKey.export({ format: 'jwk' }), 'RS256');
    const claims = { sub: 'u', exp: Math.floor(Date.now() / 1000) + 60 };
    await withTrap(rsaModule, 'rsaPrivate', async () => {
      expect(() => signJwt(claims, key)).toThrow(InternalError);
      // The wasm private operation traps, yet the async twin signs: it never called it.
      const jwt = await signJwtAsync(claims, key);
      expect(verifyJwt(jwt, key, { algorithms: ['RS256'] }).payload.sub).toBe('u');
    });
  });
});
