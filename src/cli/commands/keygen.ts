/**
 * `ciphertoken keygen <alg>`: an HMAC secret or a key pair, as PEM or JWK, on stdout or in files
 * (private files mode 0600, never overwritten without --force).
 * @module
 */

import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Algorithm } from '../../algorithms.js';
import { exportJwk, importKey, jwkThumbprint, type Jwk, type Key } from '../../jose/keys.js';
import * as secretExports from '../../token/secret.js';
import { flag, stringOption, type Parsed } from '../args.js';
import type { Command } from '../command.js';
import type { Context } from '../context.js';
import { EXIT, IoError, UsageError } from '../errors.js';
import { hmacSecretBits, keypairFamily } from '../keypairs.js';
import { ALGORITHMS, parseAlgorithm } from '../keys.js';
import { withProgress } from '../progress.js';

interface Output {
  readonly file: string;
  readonly text: string;
  readonly private: boolean;
}

interface Generated {
  readonly description: string;
  readonly kid: string | undefined;
  /** What goes to stdout without --out. */
  readonly stdout: string;
  readonly files: readonly Output[];
}

/** RFC 7638 thumbprint of a public key, when its JWK export exists in this build. */
function thumbprintOf(publicKey: Key): string | undefined {
  try {
    return jwkThumbprint(exportJwk(publicKey));
  } catch {
    return undefined;
  }
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function parseBits(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text)) throw new UsageError('--bits takes a whole number such as 2048');
  return Number(text);
}

function hmacSecret(
  alg: Algorithm,
  hashBits: number,
  bits: number | undefined,
  format: string,
  name: string,
  kidOption: string | undefined,
): Generated {
  const size = bits ?? hashBits;
  if (size < hashBits || size % 8 !== 0 || size > 8192)
    throw new UsageError(`--bits for ${alg} must be a multiple of 8 from ${hashBits} to 8192`);
  // The secret is the base64url text itself, as secretKey() makes it: it reads back from a file or env var unchanged.
  const secret = secretExports.secretKeyWithSize(size / 8);
  const key = importKey(secret, alg);
  const jwk: Jwk = exportJwk(key, { includePrivate: true });
  const kid = kidOption ?? jwkThumbprint(jwk);
  const description = `${alg} secret, ${size} random bits`;
  if (format === 'jwk') {
    const text = json({ ...jwk, kid });
    return { description, kid, stdout: text, files: [{ file: `${name}.jwk.json`, text, private: true }] };
  }
  return { description, kid, stdout: `${secret}\n`, files: [{ file: `${name}.secret`, text: `${secret}\n`, private: true }] };
}

async function keyPair(
  alg: Algorithm,
  bits: number | undefined,
  format: string,
  name: string,
  kidOption: string | undefined,
  ctx: Context,
): Promise<Generated> {
  const family = keypairFamily(alg);
  if (family === undefined) throw new UsageError(`${alg} has no key pair: HMAC algorithms take a secret`);
  if (bits !== undefined && family.bits === undefined) throw new UsageError(`--bits applies to RSA keys only, not ${alg}`);
  const size = bits ?? family.bits?.default ?? 0;
  if (family.bits !== undefined && (size < family.bits.min || size % 8 !== 0 || size > 16_384)) {
    throw new UsageError(`--bits for ${alg} must be a multiple of 8 from ${family.bits.min} to 16384`);
  }
  const generate = family.generate;
  const label = family.bits !== undefined ? `generating a ${size}-bit ${family.label} key pair` : `generating an ${family.label} key pair`;
  const [privatePem, publicPem] = await withProgress(ctx, label, () => generate(alg, size));
  const privateKey = importKey(privatePem, alg);
  const publicKey = importKey(publicPem, alg);
  const kid = kidOption ?? thumbprintOf(publicKey);
  const description = family.bits !== undefined ? `${alg} key pair (${family.label} ${size} bits)` : `${alg} key pair (${family.label})`;
  if (format === 'jwk') {
    const priv: Jwk = { ...exportJwk(privateKey, { includePrivate: true }), alg, ...(kid !== undefined && { kid }) };
    const pub: Jwk = { ...exportJwk(publicKey), alg, ...(kid !== undefined && { kid }), use: 'sig' };
    return {
      description,
      kid,
      stdout: json({ private: priv, public: pub }),
      files: [
        { file: `${name}.jwk.json`, text: json(priv), private: true },
        { file: `${name}.pub.jwk.json`, text: json(pub), private: false },
        { file: `${name}.jwks.json`, text: json({ keys: [pub] }), private: false },
      ],
    };
  }
  return {
    description,
    kid,
    stdout: privatePem.trimEnd() + '\n' + publicPem.trimEnd() + '\n',
    files: [
      { file: `${name}.pem`, text: privatePem.trimEnd() + '\n', private: true },
      { file: `${name}.pub.pem`, text: publicPem.trimEnd() + '\n', private: false },
    ],
  };
}

function writeOutputs(dir: string, outputs: readonly Output[], force: boolean): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (cause) {
    throw new IoError(`cannot create directory ${dir}`, { cause });
  }
  const paths = outputs.map((o) => join(dir, o.file));
  const existing = paths.filter((p) => existsSync(p));
  if (existing.length > 0 && !force) throw new IoError(`${existing[0]} exists (pass --force to overwrite)`);
  outputs.forEach((output, i) => {
    try {
      const mode = output.private ? 0o600 : 0o644;
      writeFileSync(paths[i]!, output.text, { mode });
      chmodSync(paths[i]!, mode); // --force over an existing file keeps its old mode otherwise
    } catch (cause) {
      throw new IoError(`cannot write ${paths[i]}`, { cause });
    }
  });
  return paths;
}

export const keygen: Command = {
  name: 'keygen',
  summary: 'generate an HMAC secret or a key pair (PEM or JWK)',
  maxPositionals: 1,
  options: {
    bits: { type: 'string' },
    out: { type: 'string', short: 'o' },
    format: { type: 'string', short: 'f' },
    name: { type: 'string' },
    kid: { type: 'string' },
    force: { type: 'boolean' },
    list: { type: 'boolean' },
  },
  help: `Usage: ciphertoken keygen <alg> [--bits N] [--out DIR] [--format pem|jwk] [--name NAME] [--kid KID] [--force]
       ciphertoken keygen --list

Generates a key for <alg> (${ALGORITHMS.join(', ')}).
HS* make a random secret (base64url text, used as is); the others a key pair.

Options:
  --bits N          HMAC: secret size in bits (default: the hash size, the minimum);
                    RSA: modulus size (default 2048; 4096 shows a progress line)
  --out DIR, -o     write files into DIR instead of printing the key on stdout:
                    HS*: NAME.secret (pem) or NAME.jwk.json (jwk), mode 0600;
                    pairs: NAME.pem + NAME.pub.pem (pem), or NAME.jwk.json (0600),
                    NAME.pub.jwk.json and NAME.jwks.json (jwk)
  --format, -f      pem (default; a raw secret for HS*) or jwk
  --name NAME       file name stem (default: the algorithm in lower case)
  --kid KID         key id written into JWKs (default: the RFC 7638 thumbprint)
  --force           overwrite existing files
  --list            print the algorithms this build can generate keys for, one per line

Exit codes: 0 done, 2 usage error, 4 file error.
`,
  async run(parsed: Parsed, ctx: Context): Promise<number> {
    if (flag(parsed, 'list')) {
      for (const alg of ALGORITHMS) ctx.out(`${alg}\n`);
      return EXIT.OK;
    }
    const algText = parsed.positionals[0];
    if (algText === undefined)
      throw new UsageError('keygen needs an algorithm, e.g. ciphertoken keygen HS256 (see ciphertoken keygen --help)');
    const alg = parseAlgorithm(algText);
    const format = stringOption(parsed, 'format') ?? 'pem';
    if (format !== 'pem' && format !== 'jwk') throw new UsageError('--format is pem or jwk');
    const bits = parseBits(stringOption(parsed, 'bits'));
    const name = stringOption(parsed, 'name') ?? alg.toLowerCase();
    if (!/^[\w.-]{1,64}$/.test(name)) throw new UsageError('--name takes letters, digits, ".", "-" and "_" only');
    const kid = stringOption(parsed, 'kid');
    const hashBits = hmacSecretBits(alg);
    const generated =
      hashBits !== undefined ? hmacSecret(alg, hashBits, bits, format, name, kid) : await keyPair(alg, bits, format, name, kid, ctx);
    const dir = stringOption(parsed, 'out');
    if (dir === undefined) {
      ctx.out(generated.stdout);
      return EXIT.OK;
    }
    const paths = writeOutputs(dir, generated.files, flag(parsed, 'force'));
    const kidNote = generated.kid === undefined ? '' : `, kid ${generated.kid}`;
    ctx.out(`${generated.description}${kidNote}\n${paths.map((p) => `wrote ${p}\n`).join('')}`);
    return EXIT.OK;
  },
};
