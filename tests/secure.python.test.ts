/**
 * Interoperability with Python `cryptography` (the Fernet the Python Secure Token library uses):
 * its Fernet, given the PBKDF2-derived key, opens our tokens, and ours opens its tokens.
 * Skipped where python3 with `cryptography` is not installed.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SecureTokenManager, Settings } from '../src/index.js';

const PY = `
import base64, json, os, sys
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=os.environ["SALT"].encode(), iterations=int(os.environ["ITER"]))
f = Fernet(base64.urlsafe_b64encode(kdf.derive(os.environ["SECRET_KEY"].encode())))
body = json.loads(f.decrypt(os.environ["TOKEN"].encode()))
mine = {"token_id": "py-1", "user_id": "from-python", "permissions": ["read"], "issued_at": body["issued_at"], "expires_at": body["expires_at"], "additional_data": {"lang": "py"}}
print(json.dumps({"seen": body, "token": f.encrypt(json.dumps(mine).encode()).decode()}))
`;

function pythonHasCryptography(): boolean {
  try {
    execFileSync('python3', ['-c', 'import cryptography.fernet'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!pythonHasCryptography())('Python cryptography Fernet interop', () => {
  it('Python decrypts our token and we validate its token', () => {
    const env = { SECRET_KEY: 'Python#Interop-Key-42', SALT: 'python-interop-salt', ITER: '1000' };
    const manager = new SecureTokenManager({
      settings: new Settings({ SECRET_KEY: env.SECRET_KEY, SALT: env.SALT, PBKDF2_ITERATIONS: 1000 }),
    });
    const token = manager.generateToken({ userId: 'from-ts', permissions: ['read', 'write'], additionalData: { lang: 'ts' } });
    const out = JSON.parse(execFileSync('python3', ['-c', PY], { env: { ...process.env, ...env, TOKEN: token }, encoding: 'utf8' }));
    expect(out.seen).toMatchObject({ user_id: 'from-ts', permissions: ['read', 'write'], additional_data: { lang: 'ts' } });
    const theirs = manager.validateToken(out.token);
    expect([theirs.userId, theirs.tokenId, theirs.permissions, theirs.additionalData]).toEqual([
      'from-python',
      'py-1',
      ['read'],
      { lang: 'py' },
    ]);
    expect(manager.checkPermission(out.token, 'read')).toBe(true);
  });
});
