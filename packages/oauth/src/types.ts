/** A JSON value, as found in ID token claims and userinfo responses. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue | undefined };

/**
 * The claims of a validated Listo ID token.
 *
 * ASSUMPTION: Listo's OAuth guide is not available here, so only the claims OpenID Connect Core requires
 * (`iss`, `sub`, `aud`, `exp`, `iat`) are typed as always present; the `profile` and `email` scope claims
 * are the standard OIDC ones and typed as optional. Anything else Listo adds is kept as `unknown` JSON.
 */
export interface ListoIdTokenClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string | string[];
  readonly exp: number;
  readonly iat: number;
  readonly nonce?: string;
  readonly auth_time?: number;
  readonly azp?: string;
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly name?: string;
  readonly given_name?: string;
  readonly family_name?: string;
  readonly [claim: string]: JsonValue | undefined;
}

/** Standard OIDC userinfo claims (ASSUMPTION: Listo answers with the standard `profile`/`email` claims). */
export interface ListoUserInfo {
  readonly sub: string;
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly name?: string;
  readonly given_name?: string;
  readonly family_name?: string;
  readonly [claim: string]: JsonValue | undefined;
}

export interface ListoTokens {
  readonly accessToken: string;
  /** Lower-cased `token_type`, normally `bearer`. */
  readonly tokenType: string;
  /** Epoch seconds at which the access token expires, when the provider said (`expires_in`). */
  readonly expiresAt?: number;
  readonly refreshToken?: string;
  readonly idToken?: string;
  readonly scope?: string;
}

/** What a successful callback (or a refresh that returned an ID token) yields. */
export interface ListoSignIn {
  readonly claims: ListoIdTokenClaims;
  readonly tokens: ListoTokens;
}

/** What a refresh yields: new tokens, and new claims when the provider issued a new ID token. */
export interface ListoRefresh {
  readonly tokens: ListoTokens;
  readonly claims?: ListoIdTokenClaims;
}

/**
 * The transient values of one login, to keep server-side (or in a sealed cookie) between the redirect to
 * the provider and the callback. They are secrets: never put them in a URL, a log or a readable cookie.
 */
export interface LoginTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface AuthorizationRequest extends LoginTransaction {
  /** Where to send the browser. */
  readonly url: URL;
}

/** How the client authenticates at the token endpoint. */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** Subset of the provider's discovery document that this package reads. */
export interface ListoProviderMetadata {
  readonly issuer: string;
  readonly authorization_endpoint?: string;
  readonly token_endpoint?: string;
  readonly userinfo_endpoint?: string;
  readonly jwks_uri?: string;
  readonly end_session_endpoint?: string;
  readonly scopes_supported?: string[];
  readonly token_endpoint_auth_methods_supported?: string[];
  readonly code_challenge_methods_supported?: string[];
  readonly id_token_signing_alg_values_supported?: string[];
  readonly [key: string]: JsonValue | undefined;
}
