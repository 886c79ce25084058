/** Conformance entry for workerd, on the "workerd" build (no embedded bytes): each wasm module arrives as a Module. */
import ed25519 from 'ciphertoken/wasm/ed25519.wasm';
import gcm from 'ciphertoken/wasm/gcm.wasm';
import hash from 'ciphertoken/wasm/hash.wasm';
import p256 from 'ciphertoken/wasm/p256.wasm';
import p384 from 'ciphertoken/wasm/p384.wasm';
import p521 from 'ciphertoken/wasm/p521.wasm';
import rsa from 'ciphertoken/wasm/rsa.wasm';
import * as lib from '../../dist/workerd/index.js';
import * as jwe from '../../dist/workerd/jwe.js';
import { report } from './report.ts';
import { runConformance, type CipherTokenJwe, type CipherTokenLibrary } from './suite.ts';

lib.initSync({ hash, gcm, ed25519, p256, p384, p521, rsa });

export default {
  async fetch(): Promise<Response> {
    const lines: string[] = [];
    // The workerd build has the ESM build's declarations; its classes are distinct nominal types.
    const code = report(await runConformance(lib as unknown as CipherTokenLibrary, jwe as unknown as CipherTokenJwe), (line) =>
      lines.push(line),
    );
    return new Response(lines.join('\n') + '\n', { status: code === 0 ? 200 : 500 });
  },
};
