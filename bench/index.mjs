// `npm run bench`: every benchmark, peers measured in the same run, ratios printed per table.
// `npm run bench -- --runtimes`: the token benchmarks on Node, Bun, Deno and Chromium instead (bench/runtimes.mjs).
import { cpus } from 'node:os';

if (process.argv.includes('--runtimes')) {
  await import('./runtimes.mjs');
} else {
  console.log(
    `CipherToken benchmarks — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}, ${new Date().toISOString()}`,
  );
  console.log('ratio = peer µs/op ÷ ours (above 1: ours is faster)');

  await import('./hmac.mjs');
  await import('./cache.mjs');
  await import('./eddsa.mjs');
  await import('./ecdsa.mjs');
  await import('./secure.mjs');
  await import('./rsa.mjs');
  await import('./async.mjs');
  await import('./jwe.mjs');

  await import('./cold-start.mjs');
}
