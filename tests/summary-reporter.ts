/**
 * Prints the plain closing line `tests: N passed, N failed` (with `, N skipped`) that CI reads.
 *
 * A test file whose import, or one of whose hooks, fails counts as one failure even though none of
 * its tests did: vitest leaves the tests under a throwing `beforeAll` in the skipped state, and a
 * summary that called them skipped would report green over a red run. Unhandled errors count too.
 */
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedTests++;
        else skipped++;
      }
      failed += failedTests;
      if (failedTests === 0 && moduleFailed(module)) failed++;
    }
    console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }
}

/** The file itself, or any suite in it, failed: an import error, or a throwing hook. */
function moduleFailed(module: TestModule): boolean {
  if (module.state() === 'failed' || module.errors().length > 0) return true;
  for (const suite of module.children.allSuites()) if (suite.state() === 'failed' || suite.errors().length > 0) return true;
  return false;
}
