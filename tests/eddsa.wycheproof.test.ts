import { describe, expect, it } from 'vitest';
import { ed25519PublicState, ed25519Verify } from '../src/wasm/ed25519.js';
import { hex, loadJson } from './vectors.js';

interface WycheproofEddsa {
  algorithm: string;
  numberOfTests: number;
  testGroups: {
    publicKey: { curve: string; pk: string };
    tests: { tcId: number; comment: string; msg: string; sig: string; result: 'valid' | 'invalid' | 'acceptable'; flags: string[] }[];
  }[];
}

const suite = loadJson<WycheproofEddsa>('wycheproof/ed25519_test.json');

describe('Wycheproof ed25519_test.json (RFC 8032 §5.1.7 verification)', () => {
  it('accepts every valid case and rejects every invalid one', () => {
    let run = 0;
    const failures: string[] = [];
    for (const group of suite.testGroups) {
      expect(group.publicKey.curve).toBe('edwards25519');
      const state = ed25519PublicState(hex(group.publicKey.pk));
      for (const t of group.tests) {
        run++;
        const ok = state !== null && ed25519Verify(state, hex(t.msg), hex(t.sig));
        let expected: boolean;
        if (t.result === 'valid' || t.result === 'acceptable') expected = true;
        else if (t.result === 'invalid') expected = false;
        else throw new Error(`unknown result ${String(t.result)} in tcId ${t.tcId}`);
        if (ok !== expected) failures.push(`tcId ${t.tcId} (${t.result}, ${t.flags.join(',')}): ${t.comment}`);
      }
    }
    expect(failures).toEqual([]);
    expect(run).toBe(suite.numberOfTests);
    expect(run).toBe(151);
  });
});
