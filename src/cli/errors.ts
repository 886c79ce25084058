/**
 * Typed CLI failures: each carries the process exit code it ends with. Messages are one line and
 * never contain key material, secrets or token contents.
 * @module
 */

/** Documented exit codes of `ciphertoken` (see `ciphertoken --help`). */
export const EXIT = {
  /** Success; for `verify`, the token is valid. */
  OK: 0,
  /** `verify`: the token is invalid (reason on stderr); `inspect`: the input is not a JWT. */
  INVALID_TOKEN: 1,
  /** Bad command line: unknown command or option, missing or malformed argument. */
  USAGE: 2,
  /** Key problem: missing, unreadable or unusable key, JWKS unavailable. */
  KEY: 3,
  /** Input/output problem: a file or stdin could not be read or written, payload not JSON. */
  IO: 4,
  /** Unexpected internal error (a bug: please report it). */
  INTERNAL: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Base of every CLI failure. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  override name = 'CliError';

  constructor(message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: string) {
    super(message, EXIT.USAGE);
  }
}

export class KeyInputError extends CliError {
  override name = 'KeyInputError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.KEY, options);
  }
}

export class IoError extends CliError {
  override name = 'IoError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.IO, options);
  }
}

/** A token that failed verification or could not be parsed; the message is the reason. */
export class TokenRejectedError extends CliError {
  override name = 'TokenRejectedError';
  constructor(message: string) {
    super(message, EXIT.INVALID_TOKEN);
  }
}
