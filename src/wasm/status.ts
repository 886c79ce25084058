/**
 * Mirror of assembly/util/status.ts: the negative statuses wasm entry points return.
 * @module
 */

export const ERR_BASE64 = -1;
export const ERR_SIGNATURE = -2;
export const ERR_ALGORITHM = -3;
export const ERR_LENGTH = -4;
export const ERR_KEY = -5;
