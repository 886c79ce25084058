/**
 * The layers of DESIGN.md, enforced: imports only go down (core → wasm/webcrypto → families →
 * jose → token/secure → public entry files → cli), and no module imports itself back through a
 * cycle. Type-only imports count too: a type that a lower layer needs belongs to that layer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = new URL('../src/', import.meta.url).pathname;

/** Rank of each top-level folder of src/; files directly in src/ are the public entry points. */
const RANK: Readonly<Record<string, number>> = {
  core: 0,
  wasm: 1,
  webcrypto: 1,
  families: 2,
  jose: 3,
  token: 4,
  secure: 4,
  '': 5,
  cli: 6,
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The relative imports (and re-exports) of a file, resolved to `.ts` paths under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'(\.[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((spec) => resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
}

const folderOf = (file: string): string => {
  const parts = relative(src, file).split('/');
  return parts.length === 1 ? '' : parts[0]!;
};

const files = sources(src);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const name = (file: string) => relative(src, file);

/** Imports that leave their folder for one of the same or a higher layer. */
function upwardImports(imports: ReadonlyMap<string, readonly string[]>): string[] {
  const upward: string[] = [];
  for (const [file, targets] of imports) {
    for (const target of targets) {
      const from = folderOf(file);
      const to = folderOf(target);
      if (from !== to && RANK[to]! >= RANK[from]!) upward.push(`${name(file)} → ${name(target)}`);
    }
  }
  return upward;
}

/** Every cycle found by a depth-first walk, as `a → b → a`. */
function cyclesOf(imports: ReadonlyMap<string, readonly string[]>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      cycles.push([...path.slice(path.indexOf(file)), file].map(name).join(' → '));
      return;
    }
    state.set(file, 'visiting');
    for (const target of imports.get(file) ?? []) visit(target, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of imports.keys()) visit(file, []);
  return cycles;
}

describe('layers (DESIGN.md)', () => {
  it('every folder of src/ has a layer', () => {
    for (const file of files) expect(RANK[folderOf(file)], name(file)).toBeDefined();
  });

  it('imports only go down or stay in their folder', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('key material is decoded by the readers of core/ only (der.ts, pem.ts, jwk.ts, base64url.ts)', () => {
    // Base64 decoding (of PEM bodies and JWK members) and PEM label parsing: each family once had
    // its own DER, PEM and JWK readers, each of its own strictness. Outside core/ neither may appear.
    const decoding = /\batob\(|-----BEGIN \(/;
    const readers = files.filter((file) => folderOf(file) !== 'core' && decoding.test(readFileSync(file, 'utf8')));
    expect(readers.map(name)).toEqual([]);
    expect(decoding.test('const PEM = /^-----BEGIN ([A-Z ]+)-----/;') && decoding.test('atob(body)')).toBe(true);
  });

  it('the checks can fail: an upward import and a cycle are reported', () => {
    const a = join(src, 'core/a.ts');
    const b = join(src, 'jose/b.ts');
    const bad = new Map([
      [a, [b]],
      [b, [a]],
    ]);
    expect(upwardImports(bad)).toEqual(['core/a.ts → jose/b.ts']);
    expect(cyclesOf(bad)).toEqual(['core/a.ts → jose/b.ts → core/a.ts']);
  });
});
