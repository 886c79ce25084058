/**
 * An app pays only for the families it names (DESIGN.md): a bundle of the package keeps the
 * family modules and wasm modules of the algorithm constants it imports, and no others.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

/** The dist/esm modules an esbuild bundle of `contents` keeps, and the bundle's code. */
async function bundle(contents: string): Promise<{ modules: string[]; code: string }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.values(result.metafile.outputs)[0]!.inputs;
  const modules = Object.keys(inputs)
    .filter((path) => inputs[path]!.bytesInOutput > 0)
    .map((path) => path.replace(/^dist\/esm\//, ''));
  return { modules, code: result.outputFiles[0]!.text };
}

const familiesOf = (modules: string[]) => [...new Set(modules.flatMap((m) => /^families\/(\w+)\//.exec(m)?.[1] ?? []))].sort();
// The embedded bytes of each module (alphabet.js is the shared decoder table, not a module).
const wasmOf = (modules: string[]) =>
  modules
    .flatMap((m) => /^wasm\/embedded\/(\w+)\.js$/.exec(m)?.[1] ?? [])
    .filter((name) => name !== 'alphabet')
    .sort();

const app = (alg: string) => `
  import { CipherToken, ${alg} } from './dist/esm/index.js';
  const t = new CipherToken({ secret: globalThis.KEY, algorithm: ${alg}, accessTtl: 600, refreshTtl: 3600 });
  globalThis.out = t.verify(t.access({ user_id: 1 }));`;

describe('tree-shaking by family', () => {
  it.each([
    ['HS256', ['hmac'], ['hash']],
    ['EdDSA', ['eddsa'], ['ed25519']],
    ['ES256', ['ecdsa'], ['p256']],
    ['ES512', ['ecdsa'], ['p521']],
    ['RS256', ['rsa'], ['hash', 'rsa']],
  ])('a CipherToken %s app bundles the %j family and the %j wasm modules only', async (alg, families, wasm) => {
    const { modules } = await bundle(app(alg));
    expect(familiesOf(modules)).toEqual(families);
    expect(wasmOf(modules)).toEqual(wasm);
    expect(modules).not.toContain('jose/registry.js');
  });

  it('verifyJwt with importKey(jwk, EdDSA) bundles the EdDSA family alone', async () => {
    const { modules } = await bundle(`
      import { EdDSA } from './dist/esm/algorithms.js';
      import { verifyJwt } from './dist/esm/jws.js';
      import { importKey } from './dist/esm/keys.js';
      globalThis.out = verifyJwt(globalThis.JWT, importKey(globalThis.JWK, EdDSA), { algorithms: [EdDSA] });`);
    expect(familiesOf(modules)).toEqual(['eddsa']);
    // The ed25519 module decodes and verifies the token itself; nothing needs the hash module.
    expect(wasmOf(modules)).toEqual(['ed25519']);
  });

  it('generateEcKeypair resolves its name like CipherToken: the curves whose constants the app imports, and only them', async () => {
    const { modules, code } = await bundle(`
      import { ES256 } from './dist/esm/algorithms.js';
      import { generateEcKeypair } from './dist/esm/secret.js';
      globalThis.pair = generateEcKeypair(ES256);
      try {
        generateEcKeypair('ES384');
        globalThis.result = 'accepted';
      } catch (error) {
        globalThis.result = error.code + ' ' + error.message;
      }`);
    expect(wasmOf(modules)).toEqual(['p256']);
    const scope = globalThis as { pair?: [string, string]; result?: string };
    await import(`data:text/javascript,${encodeURIComponent(code)}`);
    expect(scope.pair?.[0]).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(scope.result).toMatch(/^ERR_KEY unsupported algorithm ES384 \(an algorithm is available once its constant/);
  });

  it('a JWK set learns its algorithms from data, so it loads every family (the registry)', async () => {
    const { modules } = await bundle(
      `import { createLocalJwks } from './dist/esm/keys.js'; globalThis.k = createLocalJwks(globalThis.SET);`,
    );
    expect(familiesOf(modules)).toEqual(['ecdsa', 'eddsa', 'hmac', 'rsa']);
  });

  it('a name whose constant the bundle never imports is refused with a hint, not silently', async () => {
    const { code } = await bundle(`
      import { CipherToken, HS256 } from './dist/esm/index.js';
      try {
        new CipherToken({ secret: 'x'.repeat(32), algorithm: 'ES256', accessTtl: 60, refreshTtl: 60 });
        globalThis.result = 'accepted';
      } catch (error) {
        globalThis.result = error.code + ' ' + error.message;
      }
      globalThis.hs = HS256;`);
    const scope = globalThis as { result?: string };
    await import(`data:text/javascript,${encodeURIComponent(code)}`);
    expect(scope.result).toMatch(/^ERR_KEY unsupported algorithm ES256 \(an algorithm is available once its constant/);
  });
});

describe('tree-shaking of ciphertoken/jwe', () => {
  it('decryptJwt with the dir constant bundles the symmetric JWE family, the hash module (CBC-HS) and gcm only', async () => {
    const { modules } = await bundle(`
      import { decryptJwt, dir, importJweKey } from './dist/esm/jwe.js';
      globalThis.out = decryptJwt(globalThis.JWE, importJweKey(globalThis.KEY, dir), { keyManagementAlgorithms: [dir], contentEncryptionAlgorithms: ['A256GCM'] });`);
    expect(modules).toContain('families/jwe/oct.js');
    for (const family of ['ecdh', 'rsa-oaep', 'pbes2']) expect(modules).not.toContain(`families/jwe/${family}.js`);
    expect(familiesOf(modules)).toEqual(['jwe']);
    expect(wasmOf(modules)).toEqual(['gcm', 'hash']);
  });
});
