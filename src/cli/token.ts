/**
 * Token input for `inspect` and `verify`: from the argument or stdin, decoded without verification.
 * @module
 */

import { decodeJwt, decodeProtectedHeader, type ProtectedHeader } from '../jose/jws.js';
import type { Context } from './context.js';
import { TokenRejectedError, UsageError } from './errors.js';

/** The token from the argument, or from stdin when it is absent or "-"; whitespace trimmed. */
export async function readToken(argument: string | undefined, ctx: Context, command: string): Promise<string> {
  if (argument !== undefined && argument !== '-') return argument.trim();
  if (argument === undefined && ctx.stdinIsTTY)
    throw new UsageError(`no token: pass TOKEN or pipe it on stdin (see ciphertoken ${command} --help)`);
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

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
