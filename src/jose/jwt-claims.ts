/**
 * Validation of the registered JWT claims (RFC 7519 §4.1) shared by `verifyJwt` and `CipherToken`.
 * @module
 */

import { InvalidTokenError, TokenExpiredError, TokenNotYetValidError } from '../core/errors.js';
import { type NumberRange, numberOption, SECONDS } from '../core/options.js';

export interface RegisteredClaimOptions {
  /** Expected `iss`: one value or any of several. */
  readonly issuer?: string | readonly string[] | undefined;
  /** Expected `aud`: the token's audience (string or array) must contain one of these. */
  readonly audience?: string | readonly string[] | undefined;
  readonly subject?: string | undefined;
  /** Seconds of leeway for exp, nbf and maxTokenAge. */
  readonly clockTolerance?: number | undefined;
  /** Maximum age in seconds since `iat` (which then becomes required). */
  readonly maxTokenAge?: number | undefined;
  /** Claims that must be present. */
  readonly requiredClaims?: readonly string[] | undefined;
  /** The current time in Unix seconds. */
  readonly now: number;
  /** Skip the exp check (CipherToken.remainingTime reports 0 instead of failing). */
  readonly ignoreExpiry?: boolean | undefined;
}

/** Any finite number: the range of an instant (a literal here was an allocation per verify, measured). */
const ANY_FINITE: NumberRange = { min: -Number.MAX_VALUE, max: Number.MAX_VALUE };

const isNumericDate = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const asList = (value: string | readonly string[]): readonly string[] => (typeof value === 'string' ? [value] : value);

function audienceMatches(tokenAud: unknown, expected: readonly string[]): boolean {
  if (typeof tokenAud === 'string') return expected.includes(tokenAud);
  return Array.isArray(tokenAud) && tokenAud.some((aud) => typeof aud === 'string' && expected.includes(aud));
}

function requireClaim(claims: Record<string, unknown>, name: string): void {
  if (!Object.hasOwn(claims, name)) throw new InvalidTokenError(`missing required claim: ${name.slice(0, 32)}`);
}

/** Throws the typed error of the first failed check of RFC 7519 §4.1 on verified `claims`. */
export function checkRegisteredClaims(claims: Record<string, unknown>, options: RegisteredClaimOptions): void {
  const { exp, nbf, iat } = claims;
  // The callers validated these already; checking again here keeps the claim checks closed
  // against a NaN from any future caller (a NaN leeway would make every comparison below false).
  const tolerance = numberOption('clockTolerance', options.clockTolerance, SECONDS, 0);
  const maxTokenAge = options.maxTokenAge === undefined ? undefined : numberOption('maxTokenAge', options.maxTokenAge, SECONDS);
  const instant = numberOption('now', options.now, ANY_FINITE);
  // Required claims in order: the listed ones, then those the options imply. No Set of them is
  // built per call (measured: it was most of the claim checks' cost); a name listed twice passes
  // or fails alike both times, so the first missing claim is the one a Set would report.
  const listed = options.requiredClaims;
  if (listed !== undefined) for (const name of listed) requireClaim(claims, name);
  if (options.issuer !== undefined) requireClaim(claims, 'iss');
  if (options.audience !== undefined) requireClaim(claims, 'aud');
  if (options.subject !== undefined) requireClaim(claims, 'sub');
  if (maxTokenAge !== undefined) requireClaim(claims, 'iat');
  // §4.1.4–4.1.6: NumericDate values.
  if (exp !== undefined && !isNumericDate(exp)) throw new InvalidTokenError('claim exp is not a number');
  if (nbf !== undefined && !isNumericDate(nbf)) throw new InvalidTokenError('claim nbf is not a number');
  if (iat !== undefined && !isNumericDate(iat)) throw new InvalidTokenError('claim iat is not a number');
  if (options.issuer !== undefined && !asList(options.issuer).includes(claims.iss as string))
    throw new InvalidTokenError('unexpected issuer');
  if (options.subject !== undefined && claims.sub !== options.subject) throw new InvalidTokenError('unexpected subject');
  if (options.audience !== undefined && !audienceMatches(claims.aud, asList(options.audience))) {
    throw new InvalidTokenError('unexpected audience');
  }
  checkTimeClaims(claims, instant, tolerance, maxTokenAge, options.ignoreExpiry === true);
}

/**
 * The clock-dependent checks of RFC 7519 §4.1.4 (`exp`), §4.1.5 (`nbf`) and §4.1.6 (`iat` with
 * `maxTokenAge`): the only checks whose answer changes for one token under one set of options,
 * so the verified-token cache runs exactly these (this function, the same clock and leeway) on
 * every hit. `claims` were checked to hold NumericDates (and `iat` when `maxTokenAge` is given).
 */
export function checkTimeClaims(
  claims: { readonly exp?: unknown; readonly nbf?: unknown; readonly iat?: unknown },
  instant: number,
  tolerance: number,
  maxTokenAge: number | undefined,
  ignoreExpiry: boolean,
): void {
  const { exp, nbf, iat } = claims;
  // §4.1.4: not accepted on or after exp; §4.1.5: not before nbf; both with leeway. Each test is
  // written as "refuse unless provably valid", so an unexpected NaN refuses instead of accepting.
  if (exp !== undefined && !ignoreExpiry && !(instant - tolerance < (exp as number))) throw new TokenExpiredError('token has expired');
  if (nbf !== undefined && !(instant + tolerance >= (nbf as number))) throw new TokenNotYetValidError('token is not valid yet');
  if (maxTokenAge !== undefined) {
    // §4.1.6 iat is the issue time: one in the future would stretch maxTokenAge without bound
    // (an age computed from it is negative), so it is refused beyond the leeway, as jose does.
    if (!((iat as number) <= instant + tolerance)) throw new InvalidTokenError('claim iat is in the future');
    if (!(instant - tolerance - (iat as number) <= maxTokenAge)) throw new TokenExpiredError('token is older than maxTokenAge');
  }
}
