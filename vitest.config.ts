import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['./tests/setup/tools.ts'],
    reporters: ['default', './tests/summary-reporter.ts'],
    testTimeout: 60_000,
  },
});
