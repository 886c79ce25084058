/**
 * `ciphertoken/jwt`: function forms of the common flows, thin wrappers over `CipherToken`.
 * @module
 */

import type { CipherToken } from './ciphertoken.js';

export { TOKEN_ACCESS, TOKEN_REFRESH } from '../jose/claims.js';

export const access = (token: CipherToken, payload?: object | null): string => token.access(payload);
export const refresh = (token: CipherToken, payload?: object | null): string => token.refresh(payload);
/** A login: `[access, refresh]` of one family, so `revoke(either, { family: true })` ends the session. */
export const pair = (token: CipherToken, payload?: object | null): [string, string] => token.pair(payload);
export const rotation = (token: CipherToken, refreshJwt: string, payload?: object | null): [string, string] =>
  token.rotation(refreshJwt, payload);

export const accessAsync = (token: CipherToken, payload?: object | null): Promise<string> => token.accessAsync(payload);
export const refreshAsync = (token: CipherToken, payload?: object | null): Promise<string> => token.refreshAsync(payload);
export const pairAsync = (token: CipherToken, payload?: object | null): Promise<[string, string]> => token.pairAsync(payload);
export const rotationAsync = (token: CipherToken, refreshJwt: string, payload?: object | null): Promise<[string, string]> =>
  token.rotationAsync(refreshJwt, payload);
