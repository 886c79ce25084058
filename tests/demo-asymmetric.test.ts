import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ASYMMETRIC = ['EdDSA', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'RS256', 'RS384', 'RS512'];

describe('npm run demo: the asymmetric section', () => {
  it('has one line per asymmetric algorithm: the flow passed (✓), or not in this build yet — never ✗', () => {
    const out = execFileSync(process.execPath, ['examples/demo.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, CIPHERTOKEN_SECRET: 'demo-secret-'.repeat(4) },
    });
    const section = out.split('▸ asymmetric algorithms (those this build has)\n')[1];
    expect(section).toBeDefined();
    const lines = section!.trimEnd().split('\n');
    expect(lines.map((l) => l.trim().split(/\s+/)[0])).toEqual(ASYMMETRIC);
    for (const line of lines)
      expect(line).toMatch(
        /^ {2}\S+\s+(✓ access, rotation, verify with the public key, decode, inspect; (600|599) s left|– not in this build yet)$/,
      );
  });
});
