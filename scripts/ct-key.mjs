// Writes build/ct-rsa-key.mjs: the conformance suite's RSA test key as plain JavaScript for bench/ct.mjs.
import { readFileSync, writeFileSync } from 'node:fs';

const source = readFileSync(new URL('../tests/conformance/keys.ts', import.meta.url), 'utf8');
writeFileSync(new URL('../build/ct-rsa-key.mjs', import.meta.url), source.replace(/: string\b/g, ''));
