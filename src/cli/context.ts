/**
 * What a command may touch of the outside world, gathered in one object so commands never reach
 * for `process` themselves.
 * @module
 */

import { IoError } from './errors.js';

export interface Context {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Writes to stdout (the command's result). */
  out(text: string): void;
  /** Writes to stderr (progress, warnings). */
  err(text: string): void;
  /** stdout is a terminal (and colour is wanted: `NO_COLOR` unset, or `FORCE_COLOR` set). */
  readonly color: boolean;
  readonly stdinIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** All of stdin as text. */
  readStdin(): Promise<string>;
}

function wantsColor(env: NodeJS.ProcessEnv): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return process.stdout.isTTY === true && env.TERM !== 'dumb';
}

export function processContext(): Context {
  return {
    env: process.env,
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    color: wantsColor(process.env),
    stdinIsTTY: process.stdin.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    readStdin: () =>
      new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
        process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        process.stdin.on('error', (cause) => reject(new IoError('could not read stdin', { cause })));
      }),
  };
}
