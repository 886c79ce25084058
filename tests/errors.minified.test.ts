import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

describe('error names survive minification', () => {
  it('every error class keeps its name in an esbuild --minify bundle', async () => {
    // A bundle that exports one instance of each class; minification renames the classes.
    const result = await build({
      stdin: {
        contents: `import * as e from './src/core/errors.ts';
          export const names = Object.entries(e).filter(([, v]) => typeof v === 'function').map(([k, C]) => [k, new C('m').name, new C('m').code]);`,
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
    });
    const source = result.outputFiles[0]!.text;
    const { names } = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { names: [string, string, string][] };
    expect(names.length).toBeGreaterThanOrEqual(11);
    for (const [exported, name, code] of names) {
      // TokenError is the Secure Token alias of the base class.
      expect(name).toBe(exported === 'TokenError' ? 'CipherTokenError' : exported);
      expect(code).toMatch(/^ERR_/);
    }
  });
});
