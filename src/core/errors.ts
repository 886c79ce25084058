/**
 * Typed errors with stable codes. Every failure the library reports is a `CipherTokenError`
 * subclass; messages are fixed strings that never contain key material or token contents.
 * @module
 */

export type CipherTokenErrorCode =
  | 'ERR_CIPHERTOKEN'
  | 'ERR_TOKEN_EXPIRED'
  | 'ERR_TOKEN_NOT_YET_VALID'
  | 'ERR_TOKEN_INVALID'
  | 'ERR_TOKEN_TYPE'
  | 'ERR_TOKEN_REVOKED'
  | 'ERR_REFRESH_REUSED'
  | 'ERR_KEY'
  | 'ERR_PERMISSION_DENIED'
  | 'ERR_STORE'
  | 'ERR_WASM_NOT_READY'
  | 'ERR_WASM_COMPILE'
  | 'ERR_INTERNAL'
  | 'ERR_TOKEN_TOO_LARGE';

/** Base class; also exported as `TokenError` (the Secure Token name). */
export class CipherTokenError extends Error {
  static code: CipherTokenErrorCode = 'ERR_CIPHERTOKEN';
  readonly code: CipherTokenErrorCode;
  // Named by a literal in every class: minifiers rename classes, so `new.target.name` would say "l".
  override name = 'CipherTokenError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = (new.target as typeof CipherTokenError).code;
  }
}

export class TokenExpiredError extends CipherTokenError {
  static override code = 'ERR_TOKEN_EXPIRED' as const;
  override name = 'TokenExpiredError';
}
export class TokenNotYetValidError extends CipherTokenError {
  static override code = 'ERR_TOKEN_NOT_YET_VALID' as const;
  override name = 'TokenNotYetValidError';
}
/** Malformed token, bad signature, wrong algorithm or claims. */
export class InvalidTokenError extends CipherTokenError {
  static override code = 'ERR_TOKEN_INVALID' as const;
  override name = 'InvalidTokenError';
}
/** An access token where a refresh token is required, or the reverse. */
export class TokenTypeError extends CipherTokenError {
  static override code = 'ERR_TOKEN_TYPE' as const;
  override name = 'TokenTypeError';
}
export class TokenRevokedError extends CipherTokenError {
  static override code = 'ERR_TOKEN_REVOKED' as const;
  override name = 'TokenRevokedError';
}
export class RefreshTokenReusedError extends CipherTokenError {
  static override code = 'ERR_REFRESH_REUSED' as const;
  override name = 'RefreshTokenReusedError';
}
/** Unusable, weak or mismatched key. */
export class KeyError extends CipherTokenError {
  static override code = 'ERR_KEY' as const;
  override name = 'KeyError';
}
export class PermissionDeniedError extends CipherTokenError {
  static override code = 'ERR_PERMISSION_DENIED' as const;
  override name = 'PermissionDeniedError';
}
/** The token store failed; the operation was refused (fail closed). */
export class StoreError extends CipherTokenError {
  static override code = 'ERR_STORE' as const;
  override name = 'StoreError';
}
/** A synchronous call was made before the wasm module was loaded (`await init()` first). */
export class WasmNotReadyError extends CipherTokenError {
  static override code = 'ERR_WASM_NOT_READY' as const;
  override name = 'WasmNotReadyError';
}
/**
 * The runtime refused to compile a wasm module: a Content Security Policy without
 * `'wasm-unsafe-eval'` in `script-src`, or an embedder that forbids compiling bytes.
 */
export class WasmCompileError extends CipherTokenError {
  static override code = 'ERR_WASM_COMPILE' as const;
  override name = 'WasmCompileError';
}

/**
 * A failure inside the library that no input should cause — a wasm trap (`unreachable`, an
 * out-of-bounds access): a bug to report, never disguised as a user error (DESIGN.md "Statuses, not traps").
 */
export class InternalError extends CipherTokenError {
  static override code = 'ERR_INTERNAL' as const;
  override name = 'InternalError';
}

/**
 * A token would exceed `maxTokenSize` if issued: refused before it is built, so an instance never
 * issues what it would itself refuse on verify.
 */
export class TokenTooLargeError extends CipherTokenError {
  static override code = 'ERR_TOKEN_TOO_LARGE' as const;
  override name = 'TokenTooLargeError';
}

export { CipherTokenError as TokenError };

export type AnyCipherTokenError =
  | TokenExpiredError
  | TokenNotYetValidError
  | InvalidTokenError
  | TokenTypeError
  | TokenRevokedError
  | RefreshTokenReusedError
  | KeyError
  | PermissionDeniedError
  | StoreError
  | WasmNotReadyError
  | InternalError
  | WasmCompileError
  | TokenTooLargeError;

/** Why a remote JWKS could not supply keys (`JwksFetchError.reason`); stable strings. */
export type JwksFailureReason = 'network' | 'status' | 'redirect' | 'too-large' | 'invalid' | 'stale';

/**
 * A remote JWKS (`createRemoteJwks`) could not be fetched, or its last good set is older than
 * `maxStale` allows. A `KeyError` (code `ERR_KEY`) whose `reason` says which limit or failure.
 */
export class JwksFetchError extends KeyError {
  override name = 'JwksFetchError';
  readonly reason: JwksFailureReason;

  constructor(reason: JwksFailureReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
