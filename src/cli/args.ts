/**
 * Command-line parsing over `node:util` `parseArgs`, with its errors turned into one-line
 * `UsageError`s that point at the command's `--help`.
 * @module
 */

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

export function parseCommandLine(command: string, argv: readonly string[], options: OptionSpec, maxPositionals: number): Parsed {
  let parsed: Parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs messages name the option, never its value; keep their first sentence only.
    const message = error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify .*$/, '') : 'bad arguments';
    throw new UsageError(`${message} (see ciphertoken ${command} --help)`);
  }
  if (parsed.values.help !== true && parsed.positionals.length > maxPositionals) {
    throw new UsageError(`too many arguments (see ciphertoken ${command} --help)`);
  }
  return parsed;
}

/** The value of a string option, or undefined. */
export function stringOption(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The values of a repeatable string option. */
export function listOption(parsed: Parsed, name: string): string[] {
  const value = parsed.values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
}

export const flag = (parsed: Parsed, name: string): boolean => parsed.values[name] === true;
