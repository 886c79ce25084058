/**
 * `ciphertoken verify [TOKEN]`: checks signature, algorithm and claims against a key file, a
 * secret from the environment or a JWK set (file or URL). Exit 0 valid, 1 invalid with the reason.
 * @module
 */

import type { Algorithm } from '../../algorithms.js';
import { CipherTokenError, KeyError } from '../../core/errors.js';
import { verifyJwt, verifyJwtAsync, type VerifiedJwt, type VerifyJwtOptions } from '../../jose/jws.js';
import { createLocalJwks, createRemoteJwks, type Jwk, type Jwks, type Key } from '../../jose/keys.js';
import { flag, listOption, stringOption, type Parsed } from '../args.js';
import type { Command } from '../command.js';
import type { Context } from '../context.js';
import { EXIT, KeyInputError, TokenRejectedError, UsageError } from '../errors.js';
import { ALGORITHMS, importForEach, importMaterial, materialFromOptions, parseAlgorithm, readJsonFile, type Material } from '../keys.js';
import { failureReason, tokenType } from '../describe.js';
import { formatSpan, parseDuration } from '../time.js';
import { decodeToken, nowSeconds, readToken } from '../token.js';

interface Verifier {
  readonly algorithms: readonly Algorithm[];
  readonly verify: (token: string, options: VerifyJwtOptions) => VerifiedJwt | Promise<VerifiedJwt>;
}

function jwksVerifier(jwks: Jwks, algorithms: readonly Algorithm[]): Verifier {
  return { algorithms, verify: (token, options) => verifyJwtAsync(token, jwks, options) };
}

function localJwks(keys: Jwk[]): Jwks {
  try {
    return createLocalJwks({ keys });
  } catch (error) {
    throw new KeyInputError(error instanceof CipherTokenError ? error.message : 'unusable JWK set', { cause: error });
  }
}

/** The keys and allow-list: --alg when given, else every algorithm the key material fits. */
function verifierFor(parsed: Parsed, ctx: Context): Verifier {
  const requested = listOption(parsed, 'alg').map(parseAlgorithm);
  const jwksSource = stringOption(parsed, 'jwks');
  if (jwksSource !== undefined) {
    if (stringOption(parsed, 'key') !== undefined || stringOption(parsed, 'secret-env') !== undefined) {
      throw new UsageError('pass --jwks or a key, not both (see ciphertoken verify --help)');
    }
    const algorithms = requested.length > 0 ? requested : ALGORITHMS;
    if (/^https?:\/\//i.test(jwksSource)) return jwksVerifier(createRemoteJwks(jwksSource, { timeout: 5_000 }), algorithms);
    const value = readJsonFile(jwksSource, 'JWKS file') as { keys?: unknown };
    if (!Array.isArray(value?.keys)) throw new KeyInputError(`JWKS file ${jwksSource} has no "keys" array`);
    return jwksVerifier(localJwks(value.keys as Jwk[]), algorithms);
  }
  const material: Material = materialFromOptions(stringOption(parsed, 'key'), stringOption(parsed, 'secret-env'), ctx, 'verify');
  if (material.kind === 'jwks') return jwksVerifier(localJwks(material.keys), requested.length > 0 ? requested : ALGORITHMS);
  const settings = { allowWeakSecret: flag(parsed, 'allow-weak-secret') };
  let keys: Map<Algorithm, Key>;
  if (requested.length > 0) {
    keys = new Map(requested.map((alg) => [alg, importMaterial(material, alg, settings)]));
  } else {
    keys = importForEach(material, ALGORITHMS, settings);
    if (keys.size === 0) throw new KeyInputError('the key fits none of the available algorithms (pass --alg to see why)');
  }
  return { algorithms: [...keys.keys()], verify: (token, options) => verifyJwt(token, [...keys.values()], options) };
}

export const verify: Command = {
  name: 'verify',
  summary: 'verify a token with a key, a secret or a JWK set: exit 0 valid, 1 invalid',
  maxPositionals: 1,
  options: {
    key: { type: 'string', short: 'k' },
    'secret-env': { type: 'string' },
    jwks: { type: 'string' },
    alg: { type: 'string', short: 'a', multiple: true },
    iss: { type: 'string' },
    aud: { type: 'string', multiple: true },
    sub: { type: 'string' },
    type: { type: 'string' },
    leeway: { type: 'string' },
    'max-age': { type: 'string' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    'allow-weak-secret': { type: 'boolean' },
  },
  help: `Usage: ciphertoken verify [TOKEN | -] (--key FILE | --secret-env VAR | --jwks URL|FILE) [options]

Verifies the signature, the algorithm and the claims (exp, nbf, and iss/aud/sub when asked).
Reads the token from stdin when TOKEN is absent or "-". On success prints one line (or the
claims with --json); otherwise prints "invalid: <reason>" on stderr, e.g. "expired 3 m ago",
"bad signature", "wrong audience: …".

Options:
  --key FILE, -k      HMAC secret text, PEM public/private key, JWK or JWK set
  --secret-env VAR    read the secret (or PEM/JWK text) from environment variable VAR
  --jwks URL|FILE     a JWK set: http(s) URL (fetched, 5 s timeout) or file
  --alg ALG, -a       allowed algorithm (repeat for several); default: every algorithm the
                      key fits (any, for a JWK set)
  --iss ISS           required issuer
  --aud AUD           required audience (repeat to accept any of several)
  --sub SUB           required subject
  --type access|refresh  required CipherToken token type
  --leeway DURATION   clock tolerance for exp/nbf, e.g. 30s
  --max-age DURATION  refuse tokens issued (iat) longer ago than this
  --json              print the verified { header, payload } as JSON
  --quiet, -q         print nothing on success
  --allow-weak-secret accept an HMAC secret shorter than the hash output

Exit codes: 0 valid, 1 invalid (reason on stderr), 2 usage error, 3 key problem
(unreadable or unusable key, JWKS unavailable), 4 file error.
`,
  async run(parsed: Parsed, ctx: Context): Promise<number> {
    const verifier = verifierFor(parsed, ctx);
    const token = await readToken(parsed.positionals[0], ctx, 'verify');
    const leeway = stringOption(parsed, 'leeway');
    const maxAge = stringOption(parsed, 'max-age');
    const audience = listOption(parsed, 'aud');
    const type = stringOption(parsed, 'type');
    if (type !== undefined && type !== 'access' && type !== 'refresh') throw new UsageError('--type is access or refresh');
    const options: VerifyJwtOptions = {
      algorithms: verifier.algorithms,
      ...(stringOption(parsed, 'iss') !== undefined && { issuer: stringOption(parsed, 'iss') }),
      ...(stringOption(parsed, 'sub') !== undefined && { subject: stringOption(parsed, 'sub') }),
      ...(audience.length > 0 && { audience }),
      ...(leeway !== undefined && { clockTolerance: parseDuration(leeway, '--leeway') }),
      ...(maxAge !== undefined && { maxTokenAge: parseDuration(maxAge, '--max-age') }),
    };
    const decoded = decodeToken(token);
    let verified: VerifiedJwt;
    try {
      verified = await verifier.verify(token, options);
    } catch (error) {
      if (error instanceof KeyError) throw new KeyInputError(error.message, { cause: error });
      if (error instanceof CipherTokenError)
        throw new TokenRejectedError(failureReason(error, decoded, options, verifier.algorithms, nowSeconds()));
      throw error;
    }
    const actualType = tokenType(decoded);
    if (type !== undefined && actualType !== type)
      throw new TokenRejectedError(`wrong token type: expected ${type}, got ${actualType ?? 'a token without a type'}`);
    if (flag(parsed, 'json')) {
      ctx.out(`${JSON.stringify({ header: verified.protectedHeader, payload: verified.payload }, null, 2)}\n`);
    } else if (!flag(parsed, 'quiet')) {
      const exp = verified.payload.exp;
      const parts = [
        verified.protectedHeader.alg,
        actualType === undefined ? undefined : `${actualType} token`,
        typeof verified.protectedHeader.kid === 'string' ? `kid ${verified.protectedHeader.kid}` : undefined,
        typeof exp === 'number' ? `expires in ${formatSpan(exp - nowSeconds())}` : 'no expiry',
      ];
      ctx.out(`valid: ${parts.filter((p) => p !== undefined).join(', ')}\n`);
    }
    return EXIT.OK;
  },
};
