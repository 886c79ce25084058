/**
 * `ciphertoken/jwt`: function forms of the common flows, thin wrappers over `CipherToken`.
 * @module
 */

import type { CipherToken } from './ciphertoken.js';

export { TOKEN_ACCESS, TOKEN_REFRESH } from '../jose/claims.js';

/**
 * Issues an access token: `token.access(payload)` as a function (the Python `jwt.access`).
 *
 * @example
 * ```ts
 * import { CipherToken, HS256, secretKey } from 'ciphertoken';
 * import { const jwt = access } from 'ciphertoken/jwt';
 *
 * const tokens = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: 600, refreshTtl: 86_400 });
 * const jwt = access(tokens, { user_id: 42 });
 * ```
 */
export const access = (token: CipherToken, payload?: object | null): string => token.access(payload);
/**
 * Issues a refresh token: `token.refresh(payload)` as a function.
 *
 * @example
 * ```ts
 * import { CipherToken, HS256, secretKey } from 'ciphertoken';
 * import { const jwt = refresh } from 'ciphertoken/jwt';
 *
 * const tokens = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: 600, refreshTtl: 86_400 });
 * const jwt = refresh(tokens, { user_id: 42 });
 * ```
 */
export const refresh = (token: CipherToken, payload?: object | null): string => token.refresh(payload);
/**
 * A login: `[access, refresh]` of one family, so `revoke(either, { family: true })` ends the session.
 *
 * @example
 * ```ts
 * import { CipherToken, HS256, secretKey } from 'ciphertoken';
 * import { const [access, refresh] = pair } from 'ciphertoken/jwt';
 *
 * const tokens = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: 600, refreshTtl: 86_400 });
 * const [access, refresh] = pair(tokens, { user_id: 42 });
 * ```
 */
export const pair = (token: CipherToken, payload?: object | null): [string, string] => token.pair(payload);
/**
 * Exchanges a refresh token for a new `[access, refresh]`: `token.rotation` as a function.
 *
 * @example
 * ```ts
 * import { CipherToken, HS256, secretKey } from 'ciphertoken';
 * import { const [access, refresh] = rotation } from 'ciphertoken/jwt';
 *
 * const tokens = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: 600, refreshTtl: 86_400 });
 * const [access, refresh] = rotation(tokens, tokens.refresh({ user_id: 42 }));
 * ```
 */
export const rotation = (token: CipherToken, refreshJwt: string, payload?: object | null): [string, string] =>
  token.rotation(refreshJwt, payload);

/**
 * Async twin of `access`: loads the wasm module itself.
 *
 * @example
 * ```ts
 * import { CipherToken, HS256, secretKey } from 'ciphertoken';
 * import { const jwt = await accessAsync } from 'ciphertoken/jwt';
 *
 * const tokens = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: 600, refreshTtl: 86_400 });
 * const jwt = await accessAsync(tokens, { user_id: 42 });
 * ```
 */
export const accessAsync = (token: CipherToken, payload?: object | null): Promise<string> => token.accessAsync(payload);
/**
 * Async twin of `refresh`.
 *
 * @example
 * ```ts
 * import { CipherToken, HS256, secretKey } from 'ciphertoken';
 * import { const jwt = await refreshAsync } from 'ciphertoken/jwt';
 *
 * const tokens = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: 600, refreshTtl: 86_400 });
 * const jwt = await refreshAsync(tokens, { user_id: 42 });
 * ```
 */
export const refreshAsync = (token: CipherToken, payload?: object | null): Promise<string> => token.refreshAsync(payload);
/**
 * Async twin of `pair`: a login of one family.
 *
 * @example
 * ```ts
 * import { CipherToken, HS256, secretKey } from 'ciphertoken';
 * import { const [access, refresh] = await pairAsync } from 'ciphertoken/jwt';
 *
 * const tokens = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: 600, refreshTtl: 86_400 });
 * const [access, refresh] = await pairAsync(tokens, { user_id: 42 });
 * ```
 */
export const pairAsync = (token: CipherToken, payload?: object | null): Promise<[string, string]> => token.pairAsync(payload);
/**
 * Async twin of `rotation`; with a store, rotation is one-time (see `CipherToken.rotationAsync`).
 *
 * @example
 * ```ts
 * import { CipherToken, HS256, secretKey } from 'ciphertoken';
 * import { const [access, refresh] = await rotationAsync } from 'ciphertoken/jwt';
 *
 * const tokens = new CipherToken({ secret: secretKey(), algorithm: HS256, accessTtl: 600, refreshTtl: 86_400 });
 * const [access, refresh] = await rotationAsync(tokens, tokens.refresh({ user_id: 42 }));
 * ```
 */
export const rotationAsync = (token: CipherToken, refreshJwt: string, payload?: object | null): Promise<[string, string]> =>
  token.rotationAsync(refreshJwt, payload);
