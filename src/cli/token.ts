/**
 * Token input (argument or stdin) and the facts `inspect` and `verify` report about a token:
 * type, algorithm, key id and its times relative to now.
 * @module
 */

import { decodeJwt, decodeProtectedHeader, type ProtectedHeader } from '../jws/index.js';
import type { Context } from './context.js';
import { TokenRejectedError, UsageError } from './errors.js';
import { describeExpiry, describeInstant, isoDate } from './time.js';

/** The token from the argument, or from stdin when it is absent or "-"; whitespace trimmed. */
export async function readToken(argument: string | undefined, ctx: Context, command: string): Promise<string> {
  if (argument !== undefined && argument !== '-') return argument.trim();
  if (argument === undefined && ctx.stdinIsTTY) throw new UsageError(`no token: pass TOKEN or pipe it on stdin (see ciphertoken ${command} --help)`);
  const text = (await ctx.readStdin()).trim();
  if (text === '') throw new UsageError('no token on stdin');
  return text;
}

export interface Decoded {
  readonly header: ProtectedHeader;
  readonly payload: Record<string, unknown>;
}

/** Header and claims without verification; TokenRejectedError (with the reason) when malformed. */
export function decodeToken(token: string): Decoded {
  try {
    return { header: decodeProtectedHeader(token), payload: decodeJwt(token) };
  } catch (error) {
    throw new TokenRejectedError(`not a JWT: ${error instanceof Error ? error.message : 'malformed'}`);
  }
}

/** access / refresh from the CipherToken `token` claim or an RFC 9068 `at+jwt` header; else undefined. */
export function tokenType({ header, payload }: Decoded): 'access' | 'refresh' | undefined {
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
      claim === 'exp' ? describeExpiry(value, now)
      : claim === 'nbf' ? (value > now ? `valid ${describeInstant(value, now)}` : `valid since ${describeInstant(value, now)}`)
      : `issued ${describeInstant(value, now)}`;
    lines.push({ claim, value, iso: isoDate(value), relative });
  }
  return lines;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
