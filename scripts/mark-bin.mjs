// Makes the CLI entry executable so `npx ciphertoken` runs it in this checkout (npm does the same
// for installed packages).
import { chmodSync } from 'node:fs';

chmodSync(new URL('../dist/esm/cli/main.js', import.meta.url), 0o755);
