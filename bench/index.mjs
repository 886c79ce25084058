// `npm run bench`: every benchmark, peers measured in the same run, ratios printed per table.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

console.log(
  `CipherToken benchmarks — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}, ${new Date().toISOString()}`,
);
console.log('ratio = peer µs/op ÷ ours (above 1: ours is faster)');

await import('./hmac.mjs');
await import('./eddsa.mjs');
await import('./ecdsa.mjs');
await import('./secure.mjs');
await import('./rsa.mjs');

console.log('\nTime to first token, fresh process, median of 5 (ms)');
for (const which of ['ciphertoken', 'jose']) {
  const runs = Array.from({ length: 5 }, () =>
    JSON.parse(execFileSync(process.execPath, [new URL('./first-token.mjs', import.meta.url).pathname, which], { encoding: 'utf8' })),
  );
  const med = (key) =>
    runs
      .map((r) => r[key])
      .sort((a, b) => a - b)[2]
      .toFixed(2);
  console.log(`  ${which.padEnd(12)} import ${med('importMs')}  first sign ${med('signMs')}  first verify ${med('verifyMs')}`);
}
