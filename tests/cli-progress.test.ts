import { describe, expect, it } from 'vitest';
import type { Context } from '../src/cli/context.js';
import { withProgress } from '../src/cli/progress.js';

const context = (stderrIsTTY: boolean, sink: string[]): Context => ({
  env: {},
  out: () => {},
  err: (text) => void sink.push(text),
  color: false,
  stdinIsTTY: false,
  stderrIsTTY,
  readStdin: async () => '',
});
const slow = () => new Promise<string>((r) => setTimeout(() => r('done'), 350));

describe('progress line for slow key generation', () => {
  it('on a terminal: a spinner with elapsed seconds, cleared at the end', async () => {
    const sink: string[] = [];
    expect(await withProgress(context(true, sink), 'generating a 4096-bit RSA key pair', slow, 50)).toBe('done');
    expect(sink.length).toBeGreaterThan(1);
    expect(sink[0]).toMatch(/^\r\S generating a 4096-bit RSA key pair… 0 s$/);
    expect(sink.at(-1)).toBe('\r\u001b[2K');
  });

  it('off a terminal: one plain line; nothing at all for quick work', async () => {
    const sink: string[] = [];
    await withProgress(context(false, sink), 'generating', slow, 50);
    expect(sink).toEqual(['generating…\n']);
    const quiet: string[] = [];
    await withProgress(context(false, quiet), 'generating', () => 1, 200);
    expect(quiet).toEqual([]);
  });
});
