/**
 * `ciphertoken/time`: the current time and durations, in whole seconds (RFC 7519 §2 NumericDate).
 * @module ciphertoken/time
 */
export * from './core/time.js';
