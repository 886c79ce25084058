/**
 * `ciphertoken sign`: a JWT from a payload file (or stdin), `--claim k=v` pairs and a `--ttl`,
 * signed with a key file or a secret from an environment variable.
 * @module
 */

import { randomUUID } from 'node:crypto';
import { signJwt } from '../../jose/jws.js';
import { flag, listOption, stringOption, type Parsed } from '../args.js';
import type { Command } from '../command.js';
import type { Context } from '../context.js';
import { EXIT, IoError, UsageError } from '../errors.js';
import { importMaterial, jwkAlgorithm, materialFromOptions, parseAlgorithm, readJsonFile } from '../keys.js';
import { parseDuration } from '../time.js';

const CLAIM_NAME = /^[^=]{1,128}$/;

/** `k=v`: v as JSON when it parses (numbers, booleans, objects), else as a string. */
function parseClaim(pair: string): [string, unknown] {
  const at = pair.indexOf('=');
  const name = at < 0 ? '' : pair.slice(0, at);
  if (!CLAIM_NAME.test(name)) throw new UsageError('--claim takes name=value, e.g. --claim role=admin');
  const text = pair.slice(at + 1);
  try {
    return [name, JSON.parse(text)];
  } catch {
    return [name, text];
  }
}

/** The claims object of a payload file, or of stdin for "-"; `{}` without one. */
export async function readPayload(file: string | undefined, ctx: Context): Promise<Record<string, unknown>> {
  if (file === undefined) return {};
  let value: unknown;
  if (file === '-') {
    try {
      value = JSON.parse(await ctx.readStdin());
    } catch (cause) {
      if (cause instanceof IoError) throw cause;
      throw new IoError('the payload on stdin is not valid JSON');
    }
  } else {
    value = readJsonFile(file, 'payload file');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new IoError('the payload must be a JSON object');
  return value as Record<string, unknown>;
}

export const sign: Command = {
  name: 'sign',
  summary: 'sign a JWT with a key file or a secret from the environment',
  maxPositionals: 1,
  options: {
    alg: { type: 'string', short: 'a' },
    key: { type: 'string', short: 'k' },
    'secret-env': { type: 'string' },
    ttl: { type: 'string' },
    claim: { type: 'string', short: 'c', multiple: true },
    kid: { type: 'string' },
    iss: { type: 'string' },
    sub: { type: 'string' },
    aud: { type: 'string', multiple: true },
    type: { type: 'string' },
    jti: { type: 'boolean' },
    'no-iat': { type: 'boolean' },
    'allow-weak-secret': { type: 'boolean' },
  },
  help: `Usage: ciphertoken sign --alg ALG (--key FILE | --secret-env VAR) [--ttl 10m] [--claim k=v …] [payload.json | -]

Signs a JWT and prints it. Claims come from payload.json (or stdin with "-"); then iat is set to
now, exp to now + --ttl, and the options below; --claim pairs are applied last and win.

Options:
  --alg ALG, -a       the algorithm (default: the "alg" of a JWK key file)
  --key FILE, -k      key file: HMAC secret text, PEM private key, or JWK
  --secret-env VAR    read the secret (or PEM/JWK text) from environment variable VAR
  --ttl DURATION      lifetime: 90, 30s, 10m, 2h, 7d, 1w or sums such as 1h30m
  --claim k=v, -c     add a claim; v is parsed as JSON when it can be (42, true, {"a":1})
  --kid KID           key id in the header
  --iss, --sub        issuer and subject claims
  --aud AUD           audience (repeat for several)
  --type access|refresh  the CipherToken "token" claim
  --jti               add a random jti (UUID v4)
  --no-iat            leave out iat
  --allow-weak-secret accept an HMAC secret shorter than the hash output

Secrets are never taken on the command line and never printed.
Exit codes: 0 signed, 2 usage error, 3 key problem, 4 payload or file error.
`,
  async run(parsed: Parsed, ctx: Context): Promise<number> {
    const material = materialFromOptions(stringOption(parsed, 'key'), stringOption(parsed, 'secret-env'), ctx, 'sign');
    const algText = stringOption(parsed, 'alg');
    const alg = algText !== undefined ? parseAlgorithm(algText) : jwkAlgorithm(material);
    if (alg === undefined) throw new UsageError('sign needs --alg ALG (see ciphertoken sign --help)');
    const ttlText = stringOption(parsed, 'ttl');
    const ttl = ttlText === undefined ? undefined : parseDuration(ttlText, '--ttl');
    const type = stringOption(parsed, 'type');
    if (type !== undefined && type !== 'access' && type !== 'refresh') throw new UsageError('--type is access or refresh');
    const key = importMaterial(material, alg, { allowWeakSecret: flag(parsed, 'allow-weak-secret') });

    const claims: Record<string, unknown> = await readPayload(parsed.positionals[0], ctx);
    const issuedAt = Math.floor(Date.now() / 1000);
    if (!flag(parsed, 'no-iat')) claims.iat = issuedAt;
    if (ttl !== undefined) claims.exp = issuedAt + ttl;
    const iss = stringOption(parsed, 'iss');
    const sub = stringOption(parsed, 'sub');
    const aud = listOption(parsed, 'aud');
    if (iss !== undefined) claims.iss = iss;
    if (sub !== undefined) claims.sub = sub;
    if (aud.length > 0) claims.aud = aud.length === 1 ? aud[0] : aud;
    if (type !== undefined) claims.token = type;
    if (flag(parsed, 'jti')) claims.jti = randomUUID();
    // --claim pairs come last: the most explicit wins (e.g. --claim iat=… for a backdated token).
    for (const pair of listOption(parsed, 'claim')) {
      const [name, value] = parseClaim(pair);
      claims[name] = value;
    }

    const kid =
      stringOption(parsed, 'kid') ?? (material.kind === 'jwk' && typeof material.jwk.kid === 'string' ? material.jwk.kid : undefined);
    ctx.out(`${signJwt(claims, key, kid === undefined ? {} : { kid })}\n`);
    return EXIT.OK;
  },
};
