import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

describe('summary reporter', () => {
  it('counts a throwing beforeAll and a file that fails to import as failures, never as skips', () => {
    // The fixtures: one passing and one skipped test, a suite whose beforeAll throws (its two
    // tests end skipped), and a file that throws on import.
    const run = spawnSync(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--config', 'tests/fixtures/reporter/vitest.config.ts'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true' },
      },
    );
    const summary = run.stdout.split('\n').filter((line) => line.startsWith('tests: '));
    expect(summary).toEqual(['tests: 1 passed, 2 failed, 3 skipped']);
    expect(run.status).not.toBe(0);
  }, 60_000);
});
