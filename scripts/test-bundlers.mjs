// `npm run test:bundlers`: real users' builds of the packed package (Vite, webpack, esbuild in
// headless Chromium; wrangler in workerd), checked and measured beside jose (scripts/bundlers.mjs).
import { formatTable, runBundlers } from './bundlers.mjs';

const began = Date.now();
const rows = await runBundlers({
  log: (row) => {
    if (!row.ok) console.log(`FAIL ${row.bundler} ${row.library}: ${row.error}\n`);
  },
}).catch((error) => {
  // Setup failed (packing, the offline install, Chromium): one failure, and the closing line still.
  console.log(`FAIL setup: ${error?.stack ?? error}\n`);
  return [{ bundler: 'setup', library: '', ok: false, raw: 0, gzip: 0, files: [], ms: Date.now() - began }];
});
console.log(`\nwhat a client downloads (every file the page loads; for Workers, the upload bundle), gzip -9 per file\n`);
// --files lists each row's files under it.
console.log(formatTable(rows, { files: process.argv.includes('--files') }));
const failed = rows.filter((r) => !r.ok).length;
console.log(`\n(${((Date.now() - began) / 1000).toFixed(0)} s in all)\nbundlers: ${rows.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 && rows.length > 0 ? 0 : 1;
