/**
 * `ciphertoken/secure`: Fernet-encrypted tokens with permissions (the Python Secure Token library,
 * API.md `ciphertoken/secure`). Tokens are standard Fernet under a key derived by
 * PBKDF2-HMAC-SHA256 from `SECRET_KEY` and `SALT`.
 *
 * Without a `SECRET_KEY` (in `Settings` or the environment) `new SecureTokenManager()` throws
 * `TokenError`: there is no built-in key and no per-process random key, because tokens would then
 * silently stop validating after a restart or on another instance. Make one with
 * `generateSecretKey()` and keep it in your secret store.
 * @module ciphertoken/secure
 */

export { SecureTokenManager } from './manager.js';
export type {
  GenerateTokenOptions,
  RefreshTokenOptions,
  SecureTokenConfig,
  SecureTokenManagerOptions,
  TokenInfo,
  TokenValidation,
} from './manager.js';
export { Settings, DEFAULT_PBKDF2_ITERATIONS, MIN_PBKDF2_ITERATIONS, MAX_PBKDF2_ITERATIONS, MAX_PREVIOUS_SECRET_KEYS } from './settings.js';
export type { SettingsInit, SettingSource } from './settings.js';
export { generateSecretKey, generateSalt, validatePermissions, validateExpiresHours } from './validators.js';
export { TokenError, TokenExpiredError, InvalidTokenError, PermissionDeniedError } from '../core/errors.js';
