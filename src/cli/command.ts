/**
 * The shape every sub-command has: its help text, its options and what it runs.
 * @module
 */

import type { OptionSpec, Parsed } from './args.js';
import type { Context } from './context.js';

export interface Command {
  readonly name: string;
  /** One line for `ciphertoken --help`. */
  readonly summary: string;
  /** The full `ciphertoken NAME --help` text. */
  readonly help: string;
  readonly options: OptionSpec;
  readonly maxPositionals: number;
  /** Runs the command; resolves with the exit code (failures throw a CliError). */
  run(parsed: Parsed, ctx: Context): Promise<number>;
}
