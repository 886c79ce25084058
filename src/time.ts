/**
 * `ciphertoken/time`: the current time and durations, in whole seconds (RFC 7519 §2 NumericDate).
 * @module
 */
export * from './core/time.js';
