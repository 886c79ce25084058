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
  | 'ERR_WASM_NOT_READY';

/** Base class; also exported as `TokenError` (the Secure Token name). */
export class CipherTokenError extends Error {
  static code: CipherTokenErrorCode = 'ERR_CIPHERTOKEN';
  readonly code: CipherTokenErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = (new.target as typeof CipherTokenError).code;
  }
}

export class TokenExpiredError extends CipherTokenError {
  static override code = 'ERR_TOKEN_EXPIRED' as const;
}
export class TokenNotYetValidError extends CipherTokenError {
  static override code = 'ERR_TOKEN_NOT_YET_VALID' as const;
}
/** Malformed token, bad signature, wrong algorithm or claims. */
export class InvalidTokenError extends CipherTokenError {
  static override code = 'ERR_TOKEN_INVALID' as const;
}
/** An access token where a refresh token is required, or the reverse. */
export class TokenTypeError extends CipherTokenError {
  static override code = 'ERR_TOKEN_TYPE' as const;
}
export class TokenRevokedError extends CipherTokenError {
  static override code = 'ERR_TOKEN_REVOKED' as const;
}
export class RefreshTokenReusedError extends CipherTokenError {
  static override code = 'ERR_REFRESH_REUSED' as const;
}
/** Unusable, weak or mismatched key. */
export class KeyError extends CipherTokenError {
  static override code = 'ERR_KEY' as const;
}
export class PermissionDeniedError extends CipherTokenError {
  static override code = 'ERR_PERMISSION_DENIED' as const;
}
/** The token store failed; the operation was refused (fail closed). */
export class StoreError extends CipherTokenError {
  static override code = 'ERR_STORE' as const;
}
/** A synchronous call was made before the wasm module was loaded (`await init()` first). */
export class WasmNotReadyError extends CipherTokenError {
  static override code = 'ERR_WASM_NOT_READY' as const;
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
  | WasmNotReadyError;

/** Why a remote JWKS could not supply keys (`JwksFetchError.reason`); stable strings. */
export type JwksFailureReason = 'network' | 'status' | 'redirect' | 'too-large' | 'invalid' | 'stale';

/**
 * A remote JWKS (`createRemoteJwks`) could not be fetched, or its last good set is older than
 * `maxStale` allows. A `KeyError` (code `ERR_KEY`) whose `reason` says which limit or failure.
 */
export class JwksFetchError extends KeyError {
  readonly reason: JwksFailureReason;

  constructor(reason: JwksFailureReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JwksFetchError';
    this.reason = reason;
  }
}
