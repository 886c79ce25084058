import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run demo (examples/demo.mjs, against the built package)', () => {
  it('issues, verifies, decodes, rotates and inspects tokens', () => {
    const out = execFileSync(process.execPath, ['examples/demo.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, CIPHERTOKEN_SECRET: 'demo-secret-'.repeat(4) },
    });
    expect(out).toContain('"secret": "********"');
    expect(out).not.toContain('demo-secret-');
    expect(out).toMatch(/token\.verify\(accessToken\)\ntrue/);
    expect(out).toContain('true / true');
    expect(out).toContain('InvalidTokenError (ERR_TOKEN_INVALID)');
    expect(out).toContain('TokenTypeError (ERR_TOKEN_TYPE)');
    expect(out).toContain('TokenExpiredError (ERR_TOKEN_EXPIRED)');
  });
});
