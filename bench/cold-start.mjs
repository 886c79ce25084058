// Time to first token in fresh processes, ours against jose (bench/first-token.mjs is the child):
// what a serverless cold start or a CLI invocation waits for before its first token.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';

console.log('\nTime to first token, fresh process (import + first sign + first verify), median of 7 (ms)');
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const env = {
  ...process.env,
  BENCH_PEM: privateKey.export({ type: 'pkcs8', format: 'pem' }),
  BENCH_PUBLIC_PEM: publicKey.export({ type: 'spki', format: 'pem' }),
};
for (const alg of ['HS256', 'ES256']) {
  const totals = {};
  for (const which of ['ciphertoken', 'jose']) {
    const runs = Array.from({ length: 7 }, () =>
      JSON.parse(
        execFileSync(process.execPath, [new URL('./first-token.mjs', import.meta.url).pathname, which, alg], { encoding: 'utf8', env }),
      ),
    );
    const med = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[3];
    totals[which] = med('importMs') + med('signMs') + med('verifyMs');
    console.log(
      `  ${alg} ${which.padEnd(12)} import ${med('importMs').toFixed(2)}  first sign ${med('signMs').toFixed(2)}  first verify ${med('verifyMs').toFixed(2)}  total ${totals[which].toFixed(1)}`,
    );
  }
  console.log(`  ${alg} jose/ours ${(totals.jose / totals.ciphertoken).toFixed(2)}× (above 1: we reach the first token sooner)`);
}
