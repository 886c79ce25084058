#!/usr/bin/env node
/**
 * `ciphertoken`: the command-line tool (keygen, sign, verify, inspect, encrypt, decrypt). Every failure ends as one
 * line on stderr and a documented exit code (see `ciphertoken --help`).
 * @module
 */

import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CipherTokenError, KeyError } from '../core/errors.js';
import { parseCommandLine } from './args.js';
import type { Command } from './command.js';
import { processContext, type Context } from './context.js';
import { CliError, EXIT, UsageError } from './errors.js';
import { inspect } from './commands/inspect.js';
import { decrypt, encrypt } from './commands/jwe.js';
import { keygen } from './commands/keygen.js';
import { sign } from './commands/sign.js';
import { verify } from './commands/verify.js';

/** The package version, read from package.json three folders above dist/{esm,cjs}/cli/main.js. */
function version(): string {
  try {
    const file = join(dirname(realpathSync(process.argv[1] ?? '')), '../../../package.json');
    return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

const COMMANDS: readonly Command[] = [keygen, sign, verify, inspect, encrypt, decrypt];

const HELP = `Usage: ciphertoken <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(9)} ${c.summary}`).join('\n')}

Run "ciphertoken <command> --help" for a command's options.
Secrets and keys are read from files or environment variables, never from the command line, and
are never printed (except the new key keygen was asked to print). Nothing is sent over the network
(except fetching a JWKS URL given to verify --jwks).

Exit codes:
  0   success (verify: the token is valid)
  1   verify/decrypt: the token is invalid; inspect: the input is not a JWT
  2   usage error (unknown command or option, missing argument)
  3   key problem (unreadable or unusable key, JWKS unavailable)
  4   file or input error (cannot read or write a file, payload not JSON)
  70  internal error (CIPHERTOKEN_DEBUG=1 prints its stack)
`;

/** The line printed for a failure, and the exit code. Library messages never carry key material. */
function failure(error: unknown): [string, number] {
  if (error instanceof CliError)
    return [error.exitCode === EXIT.INVALID_TOKEN ? `invalid: ${error.message}` : `error: ${error.message}`, error.exitCode];
  if (error instanceof KeyError) return [`error: ${error.message}`, EXIT.KEY];
  if (error instanceof CipherTokenError) return [`error: ${error.message}`, EXIT.INVALID_TOKEN];
  return [`internal error: ${error instanceof Error ? error.name : 'unknown'} (please report it)`, EXIT.INTERNAL];
}

export async function main(argv: readonly string[], ctx: Context): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      // Asked for: stdout, exit 0. No command at all is a usage error: stderr, exit 2.
      if (name === undefined) ctx.err(HELP);
      else ctx.out(HELP);
      return name === undefined ? EXIT.USAGE : EXIT.OK;
    }
    if (name === '--version' || name === '-v') {
      ctx.out(`ciphertoken ${version()}\n`);
      return EXIT.OK;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (command === undefined)
      throw new UsageError(`unknown command ${JSON.stringify(name.slice(0, 24))}: one of ${COMMANDS.map((c) => c.name).join(', ')}`);
    const parsed = parseCommandLine(command.name, rest, command.options, command.maxPositionals);
    if (parsed.values.help === true) {
      ctx.out(command.help);
      return EXIT.OK;
    }
    return await command.run(parsed, ctx);
  } catch (error) {
    const [line, code] = failure(error);
    ctx.err(`${line}\n`);
    if (code === EXIT.INTERNAL && ctx.env.CIPHERTOKEN_DEBUG === '1' && error instanceof Error) ctx.err(`${error.stack ?? ''}\n`);
    return code;
  }
}

main(process.argv.slice(2), processContext()).then((code) => {
  process.exitCode = code;
});
