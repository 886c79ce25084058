/**
 * Test vectors, loaded once from tests/vectors/ (copies of ../shared/vectors so the repository
 * passes on its own; provenance and licences in each folder's README/LICENSE).
 * @module
 */

import { readFileSync } from 'node:fs';

const root = new URL('./vectors/', import.meta.url);

export function loadJson<T>(path: string): T {
  return JSON.parse(readFileSync(new URL(path, root), 'utf8')) as T;
}

export const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
