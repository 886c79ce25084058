/**
 * Typed errors with stable codes. Every failure the library reports is a `CipherTokenError`
 * subclass; messages are fixed strings that never contain key material or token contents.
 * @module
 */

/** The stable `code` of every error class: match on it rather than on messages. */
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
  | 'ERR_TOKEN_TOO_LARGE'
  | 'ERR_NOT_SUPPORTED';

/**
 * Base class; also exported as `TokenError` (the Secure Token name).
 *
 * @example
 * ```ts
 * import { CipherTokenError } from 'ciphertoken';
 *
 * try {
 *   tokens.decode(jwt);
 * } catch (error) {
 *   if (error instanceof CipherTokenError) console.log(error.code); // e.g. 'ERR_TOKEN_EXPIRED'
 * }
 * ```
 */
export class CipherTokenError extends Error {
  /** The code of this class (also on each instance as `code`). */
  static code: CipherTokenErrorCode = 'ERR_CIPHERTOKEN';
  /** Stable code, such as `ERR_TOKEN_EXPIRED`. */
  readonly code: CipherTokenErrorCode;
  // Named by a literal in every class: minifiers rename classes, so `new.target.name` would say "l".
  override name = 'CipherTokenError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = (new.target as typeof CipherTokenError).code;
  }
}

/**
 * The token is past its `exp` (beyond `clockTolerance`).
 *
 * @example
 * ```ts
 * import { TokenExpiredError } from 'ciphertoken';
 *
 * try {
 *   tokens.decode(jwt);
 * } catch (error) {
 *   if (error instanceof TokenExpiredError) askTheClientToRefresh();
 * }
 * ```
 */
export class TokenExpiredError extends CipherTokenError {
  static override code = 'ERR_TOKEN_EXPIRED' as const;
  override name = 'TokenExpiredError';
}
/**
 * The token's `nbf` is still in the future (beyond `clockTolerance`).
 *
 * @example
 * ```ts
 * import { TokenNotYetValidError, verifyJwt } from 'ciphertoken';
 *
 * try {
 *   verifyJwt(jwt, key, { algorithms: ['ES256'] });
 * } catch (error) {
 *   if (error instanceof TokenNotYetValidError) console.log('clock skew?');
 * }
 * ```
 */
export class TokenNotYetValidError extends CipherTokenError {
  static override code = 'ERR_TOKEN_NOT_YET_VALID' as const;
  override name = 'TokenNotYetValidError';
}
/**
 * Malformed token, bad signature, wrong algorithm or claims.
 *
 * @example
 * ```ts
 * import { InvalidTokenError } from 'ciphertoken';
 *
 * try {
 *   tokens.decode('not.a.token');
 * } catch (error) {
 *   error instanceof InvalidTokenError; // true
 * }
 * ```
 */
export class InvalidTokenError extends CipherTokenError {
  static override code = 'ERR_TOKEN_INVALID' as const;
  override name = 'InvalidTokenError';
}
/**
 * An access token where a refresh token is required, or the reverse.
 *
 * @example
 * ```ts
 * import { TokenTypeError } from 'ciphertoken';
 *
 * try {
 *   tokens.decode(refreshJwt, { type: 'access' });
 * } catch (error) {
 *   error instanceof TokenTypeError; // true: a refresh token is not a bearer token
 * }
 * ```
 */
export class TokenTypeError extends CipherTokenError {
  static override code = 'ERR_TOKEN_TYPE' as const;
  override name = 'TokenTypeError';
}
/**
 * The token, or its whole family, was revoked (or it is a spent refresh token), per the store.
 *
 * @example
 * ```ts
 * import { TokenRevokedError } from 'ciphertoken';
 *
 * await tokens.revoke(access);
 * await tokens.decodeAsync(access).catch((error) => error instanceof TokenRevokedError); // true
 * ```
 */
export class TokenRevokedError extends CipherTokenError {
  static override code = 'ERR_TOKEN_REVOKED' as const;
  override name = 'TokenRevokedError';
}
/**
 * A refresh token was presented again after it had been rotated: its family is now revoked (RFC 9700 §4.14.2).
 *
 * @example
 * ```ts
 * import { RefreshTokenReusedError } from 'ciphertoken';
 *
 * await tokens.rotationAsync(refresh);
 * await tokens.rotationAsync(refresh).catch((error) => error instanceof RefreshTokenReusedError); // true
 * ```
 */
export class RefreshTokenReusedError extends CipherTokenError {
  static override code = 'ERR_REFRESH_REUSED' as const;
  override name = 'RefreshTokenReusedError';
}
/**
 * Unusable, weak or mismatched key.
 *
 * @example
 * ```ts
 * import { HS256, KeyError, importKey } from 'ciphertoken';
 *
 * try {
 *   importKey('short', HS256);
 * } catch (error) {
 *   error instanceof KeyError; // true: shorter than 32 bytes
 * }
 * ```
 */
export class KeyError extends CipherTokenError {
  static override code = 'ERR_KEY' as const;
  override name = 'KeyError';
}
/**
 * A Secure Token does not list the permission asked for.
 *
 * @example
 * ```ts
 * import { PermissionDeniedError } from 'ciphertoken/secure';
 *
 * try {
 *   manager.checkPermission(token, 'admin');
 * } catch (error) {
 *   if (error instanceof PermissionDeniedError) respond(403);
 * }
 * ```
 */
export class PermissionDeniedError extends CipherTokenError {
  static override code = 'ERR_PERMISSION_DENIED' as const;
  override name = 'PermissionDeniedError';
}
/**
 * The token store failed; the operation was refused (fail closed).
 *
 * @example
 * ```ts
 * import { StoreError } from 'ciphertoken';
 *
 * try {
 *   await tokens.rotationAsync(refresh);
 * } catch (error) {
 *   if (error instanceof StoreError) respond(503); // the store is down: refused, not let through
 * }
 * ```
 */
export class StoreError extends CipherTokenError {
  static override code = 'ERR_STORE' as const;
  override name = 'StoreError';
}
/**
 * A synchronous call was made before the wasm module was loaded (`await init()` first).
 *
 * @example
 * ```ts
 * import { init } from 'ciphertoken/wasm';
 *
 * await init(); // then sync calls cannot throw WasmNotReadyError
 * ```
 */
export class WasmNotReadyError extends CipherTokenError {
  static override code = 'ERR_WASM_NOT_READY' as const;
  override name = 'WasmNotReadyError';
}
/**
 * The runtime refused to compile a wasm module: a Content Security Policy without
 * `'wasm-unsafe-eval'` in `script-src`, or an embedder that forbids compiling bytes.
 *
 * @example
 * ```ts
 * import { WasmCompileError } from 'ciphertoken';
 * import { init } from 'ciphertoken/wasm';
 *
 * await init().catch((error) => {
 *   if (error instanceof WasmCompileError) console.error("allow 'wasm-unsafe-eval' in script-src");
 * });
 * ```
 */
export class WasmCompileError extends CipherTokenError {
  static override code = 'ERR_WASM_COMPILE' as const;
  override name = 'WasmCompileError';
}

/**
 * A failure inside the library that no input should cause — a wasm trap (`unreachable`, an
 * out-of-bounds access): a bug to report, never disguised as a user error (DESIGN.md "Statuses, not traps").
 *
 * @example
 * ```ts
 * import { InternalError } from 'ciphertoken';
 *
 * try {
 *   tokens.decode(jwt);
 * } catch (error) {
 *   if (error instanceof InternalError) reportBug(error); // never caused by input
 * }
 * ```
 */
export class InternalError extends CipherTokenError {
  static override code = 'ERR_INTERNAL' as const;
  override name = 'InternalError';
}

/**
 * A token would exceed `maxTokenSize` if issued: refused before it is built, so an instance never
 * issues what it would itself refuse on verify.
 *
 * @example
 * ```ts
 * import { TokenTooLargeError } from 'ciphertoken';
 *
 * try {
 *   tokens.access({ blob: 'x'.repeat(20_000) });
 * } catch (error) {
 *   error instanceof TokenTooLargeError; // true: over maxTokenSize (16 KiB)
 * }
 * ```
 */
export class TokenTooLargeError extends CipherTokenError {
  static override code = 'ERR_TOKEN_TOO_LARGE' as const;
  override name = 'TokenTooLargeError';
}

/**
 * An algorithm or header parameter refused by design, whatever the allow-lists say: JWE `RSA1_5`
 * (a padding oracle, RFC 7516 §11.5) and compressed JWE (`zip`: decompression bombs).
 *
 * @example
 * ```ts
 * import { NotSupportedError } from 'ciphertoken';
 * import { decryptJwt } from 'ciphertoken/jwe';
 *
 * try {
 *   decryptJwt(jwe, key, { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] });
 * } catch (error) {
 *   if (error instanceof NotSupportedError) console.log(error.message); // e.g. zip is refused
 * }
 * ```
 */
export class NotSupportedError extends CipherTokenError {
  static override code = 'ERR_NOT_SUPPORTED' as const;
  override name = 'NotSupportedError';
}

export { CipherTokenError as TokenError };

/** Every concrete error class, as a union that `switch (error.code)` narrows. */
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
  | TokenTooLargeError
  | NotSupportedError;

/** Why a remote JWKS could not supply keys (`JwksFetchError.reason`); stable strings. */
export type JwksFailureReason = 'network' | 'status' | 'redirect' | 'too-large' | 'invalid' | 'stale';

/**
 * A remote JWKS (`createRemoteJwks`) could not be fetched, or its last good set is older than
 * `maxStale` allows. A `KeyError` (code `ERR_KEY`) whose `reason` says which limit or failure.
 *
 * @example
 * ```ts
 * import { JwksFetchError, verifyJwtAsync } from 'ciphertoken';
 *
 * try {
 *   await verifyJwtAsync(jwt, remoteJwks, { algorithms: ['RS256'] });
 * } catch (error) {
 *   if (error instanceof JwksFetchError) console.warn(error.reason); // 'network', 'stale', …
 * }
 * ```
 */
export class JwksFetchError extends KeyError {
  override name = 'JwksFetchError';
  /** Which failure or limit: `network`, `status`, `redirect`, `too-large`, `invalid` or `stale`. */
  readonly reason: JwksFailureReason;

  constructor(reason: JwksFailureReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
