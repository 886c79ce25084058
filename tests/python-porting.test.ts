/** The Python library's calling conventions that TypeScript users port verbatim (README "Porting from Python"). */
import { describe, expect, it } from 'vitest';
import * as algorithms from '../src/algorithms.js';
import { CipherToken, EDDSA, EdDSA, HS256, minutes, SecureTokenManager, Settings, secretKeyWithSize } from '../src/index.js';
import * as jwt from '../src/token/jwt.js';

const make = () => new CipherToken({ secret: secretKeyWithSize(32), algorithm: HS256, accessTtl: minutes(10), refreshTtl: minutes(60) });

describe('porting from Python', () => {
  it('null as a payload means no payload, as payload=None does, sync and async', async () => {
    const token = make();
    expect(token.decode(token.access(null)).payload).toEqual({});
    expect(token.decode(token.refresh(null)).payload).toEqual({});
    expect(token.decode(jwt.access(token, null)).payload).toEqual({});
    expect((await token.decodeAsync(await token.accessAsync(null))).payload).toEqual({});
    expect((await token.decodeAsync(await token.refreshAsync(null))).payload).toEqual({});
    // A rotation with a null payload keeps the refresh token's payload, as with no payload.
    const [access] = token.rotation(token.refresh({ user_id: 7 }), null);
    expect(token.decode(access).payload).toEqual({ user_id: 7 });
    const [accessAsync] = await token.rotationAsync(await token.refreshAsync({ user_id: 8 }), null);
    expect(token.decode(accessAsync).payload).toEqual({ user_id: 8 });
  });

  it('null optional fields of the Secure Token mean "not given"', () => {
    const manager = new SecureTokenManager({ settings: new Settings({ SECRET_KEY: 'Correct-Horse#Battery9', PBKDF2_ITERATIONS: 1000 }) });
    const token = manager.generateToken({ userId: 'u1', permissions: null, expiresInHours: null, additionalData: null });
    const info = manager.validateToken(token);
    expect(info.permissions).toEqual([]);
    expect(info.additionalData).toEqual({});
    expect(manager.validateToken(manager.refreshToken(token, { newExpiresInHours: null })).userId).toBe('u1');
  });

  it('EdDSA (the JWA name) and EDDSA (the Python name) are the same export', () => {
    expect(EdDSA).toBe('EdDSA');
    expect(EDDSA).toBe(EdDSA);
    expect(algorithms.EdDSA).toBe(algorithms.EDDSA);
  });
});
