import { describe, expect, it } from 'vitest';
import * as lib from '../dist/esm/index.js';
import * as jwe from '../dist/esm/jwe.js';
import { runConformance } from './conformance/suite.ts';

describe('runtime conformance suite on Node (vitest, built package)', () => {
  it('passes every check', async () => {
    const result = await runConformance(lib, jwe);
    expect(result.failures).toEqual([]);
    expect(result.passed).toBeGreaterThan(30);
  });
});
