/**
 * Docs that run: every `ts` block of README.md is type-checked against the built package, then
 * run (tests/helpers/doc-blocks.ts). A block preceded by `<!-- doc-test: workers -->` is
 * type-checked with `@cloudflare/workers-types` and served by workerd; `<!-- doc-test: skip
 * (reason) -->` skips a deliberately partial block, and the skips are listed by name below, so
 * none is silent.
 */
import { describe, expect, it } from 'vitest';
import { describeDocBlocks, extractBlocks } from './helpers/doc-blocks.js';

describeDocBlocks('README.md code blocks', ['README.md'], { skipped: [], minNodeBlocks: 5, minWorkerBlocks: 1 });

// Keep the helper honest: a block the extractor misreads would make every check above vacuous.
describe('extractBlocks', () => {
  it('names blocks by section, honours markers, and ignores other languages', () => {
    const md = [
      '# A',
      '```ts',
      'one',
      '```',
      '```sh',
      'not ts',
      '```',
      '```ts',
      'two',
      '```',
      '## B: `c`',
      '<!-- doc-test: skip (partial) -->',
      '```ts',
      'three',
      '```',
    ].join('\n');
    expect(extractBlocks(md)).toEqual([
      { name: 'A', code: 'one', mode: 'node' },
      { name: 'A #2', code: 'two', mode: 'node' },
      { name: 'B c', code: 'three', mode: 'skip' },
    ]);
  });
});
