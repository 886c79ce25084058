/**
 * What each header parameter and registered claim means, shown inline under the decoded token
 * (and as the row's hover title). Plain text: the page builds the DOM.
 * @module
 */

export interface Explanation {
  /** Short name shown beside the claim. */
  readonly name: string;
  /** One or two sentences: what it is for and what a verifier does with it. */
  readonly text: string;
}

/** RFC 7519 §4.1 registered claims, then CipherToken's own (token, ttl, fam, payload). */
export const CLAIMS: Readonly<Record<string, Explanation>> = {
  iss: { name: 'Issuer', text: 'Who created and signed the token. A verifier that expects one issuer rejects the others.' },
  sub: { name: 'Subject', text: 'Whom the token is about, usually a user id.' },
  aud: { name: 'Audience', text: 'Who the token is meant for. A service rejects a token whose audience does not name it.' },
  exp: { name: 'Expiration time', text: 'The token is refused at and after this time.' },
  nbf: { name: 'Not before', text: 'The token is refused before this time.' },
  iat: { name: 'Issued at', text: 'When the token was signed; a maximum age is counted from here.' },
  jti: { name: 'JWT ID', text: 'A unique id for this token, so that a server can revoke it or notice a replay.' },
  token: {
    name: 'Token type (CipherToken)',
    text: '"access" is sent with requests and lives minutes; "refresh" is only exchanged for new tokens. A verifier asking for one type refuses the other.',
  },
  ttl: { name: 'Lifetime (CipherToken)', text: 'The lifetime the token was issued with, in seconds (exp minus iat).' },
  fam: {
    name: 'Token family (CipherToken)',
    text: 'Shared by the tokens of one login. Reusing a refresh token that was already rotated revokes the whole family.',
  },
  payload: {
    name: 'Application data (CipherToken)',
    text: 'What the application put in the token; CipherToken keeps it apart from the claims it manages.',
  },
};

/** The JOSE header parameters a token commonly carries (RFC 7515 §4.1). */
export const HEADER: Readonly<Record<string, Explanation>> = {
  alg: {
    name: 'Algorithm',
    text: 'How the signature was made. A verifier must allow only the algorithms it expects, never take this on trust.',
  },
  typ: { name: 'Type', text: 'The media type of the token, usually "JWT" ("at+jwt" for an OAuth access token).' },
  kid: { name: 'Key ID', text: 'Which key signed it: a verifier with a JWK set picks the key with this kid.' },
  cty: { name: 'Content type', text: 'The type of the payload, for nested tokens.' },
  jku: {
    name: 'JWK set URL',
    text: 'Where the signer says its keys are. This page never fetches it; a verifier should not either unless it trusts the URL.',
  },
  jwk: { name: 'Embedded key', text: 'A key inside the token itself: never trust it to verify the same token.' },
  x5u: { name: 'X.509 URL', text: 'Where a certificate chain is said to be. Not fetched here.' },
  x5c: { name: 'X.509 chain', text: 'A certificate chain carried in the header.' },
  crit: { name: 'Critical', text: 'Header parameters the verifier must understand or reject the token.' },
};

/** Claims whose value is a NumericDate (seconds since 1970), shown as local and relative time. */
export const TIME_CLAIMS: ReadonlySet<string> = new Set(['exp', 'nbf', 'iat']);
