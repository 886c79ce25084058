/**
 * `ciphertoken encrypt` and `ciphertoken decrypt`: encrypted JWTs (RFC 7516 compact JWE) with a
 * key file or a secret from the environment. Shared keys (`dir`, `A*KW`, `A*GCMKW`) are given as
 * base64url text (what `ciphertoken keygen --alg HS256` prints) or an `oct` JWK, PBES2 takes the
 * password text, RSA-OAEP and ECDH-ES take PEM or a JWK. RSA1_5 and `zip` are refused.
 * @module
 */

import { CipherTokenError } from '../../core/errors.js';
import type { Key } from '../../core/key.js';
import { CONTENT_ENCRYPTION } from '../../families/jwe/content.js';
import { KEY_MANAGEMENT } from '../../jose/jwe-registry.js';
import { decryptJwt, encryptJwt, importJweKey, type KeyManagementAlgorithm } from '../../jose/jwe.js';
import { flag, listOption, stringOption, type Parsed } from '../args.js';
import type { Command } from '../command.js';
import type { Context } from '../context.js';
import { EXIT, KeyInputError, TokenRejectedError, UsageError } from '../errors.js';
import { materialFromOptions, type Material } from '../keys.js';
import { parseDuration } from '../time.js';
import { readToken } from '../token.js';
import { jweKeyInput } from '../jwe-key.js';
import { readPayload } from './sign.js';

const ALGS = KEY_MANAGEMENT.map((entry) => entry.name);
const ENCS = Object.keys(CONTENT_ENCRYPTION);

function pick(text: string, names: readonly string[], what: string): string {
  const name = names.find((n) => n.toLowerCase() === text.toLowerCase());
  if (name === undefined) throw new UsageError(`unknown ${what} ${JSON.stringify(text.slice(0, 24))}: one of ${names.join(', ')}`);
  return name;
}

/** The key for `alg` from the key text (cli/jwe-key.ts); KeyInputError when it does not fit. */
function jweKey(material: Material, alg: KeyManagementAlgorithm): Key {
  const input = jweKeyInput(material, alg);
  try {
    return importJweKey(input, alg);
  } catch (error) {
    throw new KeyInputError(`${alg}: ${error instanceof CipherTokenError ? error.message : 'the key cannot be used'}`, { cause: error });
  }
}

const keyOptions = {
  alg: { type: 'string', short: 'a' },
  key: { type: 'string', short: 'k' },
  'secret-env': { type: 'string' },
} as const;

export const encrypt: Command = {
  name: 'encrypt',
  summary: 'encrypt a JWT (JWE) for a key file or a secret from the environment',
  maxPositionals: 1,
  options: { ...keyOptions, enc: { type: 'string', short: 'e' }, ttl: { type: 'string' }, kid: { type: 'string' } },
  help: `Usage: ciphertoken encrypt --alg ALG --enc ENC (--key FILE | --secret-env VAR) [--ttl 10m] [payload.json | -]

Encrypts the claims of payload.json (or stdin with "-") as a JWE compact JWT and prints it; iat is
set to now and exp to now + --ttl.

Options:
  --alg ALG, -a       key management: ${ALGS.join(', ')}
  --enc ENC, -e       content encryption: ${ENCS.join(', ')}
  --key FILE, -k      key file: base64url text or oct JWK (dir, A*KW, A*GCMKW), password text
                      (PBES2), PEM or JWK (RSA-OAEP, ECDH-ES: the recipient's public key)
  --secret-env VAR    read that key text from environment variable VAR
  --ttl DURATION      lifetime: 90, 30s, 10m, 2h, 7d, 1w or sums such as 1h30m
  --kid KID           key id in the header

RSA1_5 and compressed (zip) JWE are refused. Keys are never taken on the command line or printed.
Exit codes: 0 encrypted, 2 usage error, 3 key problem, 4 payload or file error.
`,
  async run(parsed: Parsed, ctx: Context): Promise<number> {
    const algText = stringOption(parsed, 'alg');
    const encText = stringOption(parsed, 'enc');
    if (algText === undefined || encText === undefined)
      throw new UsageError('encrypt needs --alg ALG and --enc ENC (see ciphertoken encrypt --help)');
    const alg = pick(algText, ALGS, 'key management algorithm') as KeyManagementAlgorithm;
    const enc = pick(encText, ENCS, 'content encryption') as 'A256GCM';
    const key = jweKey(materialFromOptions(stringOption(parsed, 'key'), stringOption(parsed, 'secret-env'), ctx, 'encrypt'), alg);
    const ttlText = stringOption(parsed, 'ttl');
    const claims = await readPayload(parsed.positionals[0], ctx);
    const issuedAt = Math.floor(Date.now() / 1000);
    claims.iat = issuedAt;
    if (ttlText !== undefined) claims.exp = issuedAt + parseDuration(ttlText, '--ttl');
    const kid = stringOption(parsed, 'kid');
    ctx.out(`${encryptJwt(claims, key, { alg, enc, ...(kid !== undefined && { kid }) })}\n`);
    return EXIT.OK;
  },
};

export const decrypt: Command = {
  name: 'decrypt',
  summary: 'decrypt a JWE JWT and check its claims: exit 0 valid, 1 invalid',
  maxPositionals: 1,
  options: { ...keyOptions, enc: { type: 'string', short: 'e', multiple: true }, leeway: { type: 'string' }, json: { type: 'boolean' } },
  help: `Usage: ciphertoken decrypt [TOKEN | -] --alg ALG [--enc ENC …] (--key FILE | --secret-env VAR) [options]

Decrypts a JWE compact JWT (from stdin when TOKEN is absent or "-"), checks exp and nbf, and prints
the claims as JSON (with --json: { header, payload }). A nested (signed) JWT is refused here: its
signature needs a key too, which \`decryptJwt\`'s verify option takes.

Options:
  --alg ALG, -a       the one allowed key management algorithm: ${ALGS.join(', ')}
  --enc ENC, -e       allowed content encryption (repeat for several); default: every one
  --key FILE, -k      key file: base64url text or oct JWK, password text (PBES2), PEM or JWK
                      private key (RSA-OAEP, ECDH-ES)
  --secret-env VAR    read that key text from environment variable VAR
  --leeway DURATION   clock tolerance for exp/nbf, e.g. 30s
  --json              print { header, payload }

Exit codes: 0 decrypted and valid, 1 invalid (reason on stderr), 2 usage error, 3 key problem, 4 file error.
`,
  async run(parsed: Parsed, ctx: Context): Promise<number> {
    const algText = stringOption(parsed, 'alg');
    if (algText === undefined) throw new UsageError('decrypt needs --alg ALG (see ciphertoken decrypt --help)');
    const alg = pick(algText, ALGS, 'key management algorithm') as KeyManagementAlgorithm;
    const encs = listOption(parsed, 'enc').map((e) => pick(e, ENCS, 'content encryption'));
    const key = jweKey(materialFromOptions(stringOption(parsed, 'key'), stringOption(parsed, 'secret-env'), ctx, 'decrypt'), alg);
    const token = await readToken(parsed.positionals[0], ctx, 'decrypt');
    const leeway = stringOption(parsed, 'leeway');
    let result: ReturnType<typeof decryptJwt>;
    try {
      result = decryptJwt(token, key, {
        keyManagementAlgorithms: [alg],
        contentEncryptionAlgorithms: encs.length > 0 ? encs : ENCS,
        ...(leeway !== undefined && { clockTolerance: parseDuration(leeway, '--leeway') }),
      });
    } catch (error) {
      if (error instanceof CipherTokenError && error.code !== 'ERR_KEY') throw new TokenRejectedError(error.message);
      throw error;
    }
    const output = flag(parsed, 'json') ? { header: result.protectedHeader, payload: result.payload } : result.payload;
    ctx.out(`${JSON.stringify(output, null, 2)}\n`);
    return EXIT.OK;
  },
};
