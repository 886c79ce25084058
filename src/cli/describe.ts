/**
 * What the CLI and the playground page say about a token: its type, its times relative to now,
 * and the reason a verification failed ("expired 3 m ago", "bad signature", "wrong audience…").
 * Pure: errors are recognised by their stable `code`, so any copy of the library works.
 * @module
 */

import { describeExpiry, describeInstant, formatSpan, isoDate } from './time.js';

export interface DecodedToken {
  readonly header: { readonly alg?: unknown; readonly kid?: unknown; readonly typ?: unknown; readonly [name: string]: unknown };
  readonly payload: Record<string, unknown>;
}

/** access / refresh from the CipherToken `token` claim or an RFC 9068 `at+jwt` header; else undefined. */
export function tokenType({ header, payload }: DecodedToken): 'access' | 'refresh' | undefined {
  if (payload.token === 'access' || payload.token === 'refresh') return payload.token;
  if (typeof header.typ === 'string' && /^(application\/)?at\+jwt$/i.test(header.typ)) return 'access';
  return undefined;
}

export interface TimeLine {
  readonly claim: 'iat' | 'nbf' | 'exp';
  readonly value: number;
  readonly iso: string | undefined;
  readonly relative: string;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** iat, nbf, exp (those present and numeric) as ISO dates and relative times. */
export function timeLines(payload: Record<string, unknown>, now: number): TimeLine[] {
  const lines: TimeLine[] = [];
  for (const claim of ['iat', 'nbf', 'exp'] as const) {
    const value = payload[claim];
    if (!isNumber(value)) continue;
    const relative =
      claim === 'exp'
        ? describeExpiry(value, now)
        : claim === 'nbf'
          ? value > now
            ? `valid ${describeInstant(value, now)}`
            : `valid since ${describeInstant(value, now)}`
          : `issued ${describeInstant(value, now)}`;
    lines.push({ claim, value, iso: isoDate(value), relative });
  }
  return lines;
}

export interface Expectations {
  readonly issuer?: unknown;
  readonly audience?: unknown;
  readonly subject?: unknown;
  readonly maxTokenAge?: number;
}

const quote = (value: unknown) => JSON.stringify(value)?.slice(0, 80) ?? String(value);

/** The reason shown for a verification failure of `error` (a library error: `code` and fixed `message`). */
export function failureReason(
  error: { readonly code?: unknown; readonly message: string },
  decoded: DecodedToken,
  expected: Expectations,
  algorithms: readonly string[],
  now: number,
): string {
  const { exp, nbf, iat } = decoded.payload;
  if (error.code === 'ERR_TOKEN_EXPIRED') {
    if (isNumber(exp) && exp <= now) return `expired ${formatSpan(now - exp)} ago`;
    if (isNumber(iat)) return `too old: issued ${describeInstant(iat, now)} (max age ${formatSpan(expected.maxTokenAge ?? 0)})`;
    return 'expired';
  }
  if (error.code === 'ERR_TOKEN_NOT_YET_VALID')
    return isNumber(nbf) ? `not valid yet: valid ${describeInstant(nbf, now)}` : 'not valid yet';
  switch (error.message) {
    case 'signature verification failed':
      return 'bad signature';
    case 'algorithm not allowed':
      return `algorithm ${String(decoded.header.alg)} not allowed (the key is for ${algorithms.join(', ')})`;
    case 'unexpected audience':
      return `wrong audience: token has ${quote(decoded.payload.aud)}, expected ${quote(expected.audience)}`;
    case 'unexpected issuer':
      return `wrong issuer: token has ${quote(decoded.payload.iss)}, expected ${quote(expected.issuer)}`;
    case 'unexpected subject':
      return `wrong subject: token has ${quote(decoded.payload.sub)}, expected ${quote(expected.subject)}`;
    default:
      return error.message;
  }
}
