/** Loads the public test vectors under tests/vectors/ (copied from ../shared/vectors). */
import { readFileSync } from 'node:fs';

export function loadJson<T = unknown>(relativePath: string): T {
  return JSON.parse(readFileSync(new URL(`./vectors/${relativePath}`, import.meta.url), 'utf8')) as T;
}

export const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export interface WycheproofMacFile {
  numberOfTests: number;
  testGroups: {
    keySize: number;
    tagSize: number;
    tests: { tcId: number; key: string; msg: string; tag: string; result: 'valid' | 'invalid' | 'acceptable'; flags: string[] }[];
  }[];
}

export interface JoseExample {
  name: string;
  alg: string;
  jwk: Record<string, string>;
  protected_b64u: string;
  payload: string;
  signing_input: string;
  signature_b64u: string;
  compact: string;
  deterministic: boolean;
}

export const joseExamples = (): JoseExample[] => loadJson<{ examples: JoseExample[] }>('jose/rfc-examples.json').examples;
