/** A JSON value, as found in ID token claims and userinfo responses. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue | undefined };

/**
 * The standard claims about the user (OIDC Core §5.1) that the `profile` and `email` scopes stand for.
 *
 * ASSUMPTION: Listo's OAuth guide is not available here, so these are the standard OIDC claims. The types
 * are closed (`claims.emial` does not compile); a claim they do not name is still kept at run time: read it
 * with `getClaim(claims, 'name_of_claim')`.
 */
export interface ListoStandardClaims {
  readonly sub: string;
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly name?: string;
  readonly given_name?: string;
  readonly family_name?: string;
  readonly middle_name?: string;
  readonly nickname?: string;
  readonly preferred_username?: string;
  readonly picture?: string;
  readonly locale?: string;
  readonly zoneinfo?: string;
  /** Epoch seconds. */
  readonly updated_at?: number;
}

/**
 * The claims of a validated Listo ID token. Only those OpenID Connect Core requires (`iss`, `sub`, `aud`,
 * `exp`, `iat`) are always present.
 */
export interface ListoIdTokenClaims extends ListoStandardClaims {
  readonly iss: string;
  readonly aud: string | string[];
  readonly exp: number;
  readonly iat: number;
  readonly nonce?: string;
  readonly auth_time?: number;
  readonly azp?: string;
  readonly acr?: string;
  readonly amr?: string[];
  readonly sid?: string;
}

/** A userinfo response (its `sub` is checked against the ID token's). */
export type ListoUserInfo = ListoStandardClaims;

/**
 * Reads a claim by name, typed as JSON: the way to reach claims the closed types do not name (a
 * Listo-specific claim, say), which are kept at run time. Own properties only.
 */
export function getClaim(
  claims: ListoStandardClaims | ListoIdTokenClaims,
  name: string,
): JsonValue | undefined {
  return Object.hasOwn(claims, name) ? (claims as unknown as Record<string, JsonValue>)[name] : undefined;
}

/** The tokens of a sign-in or a refresh. */
export interface ListoTokens {
  readonly accessToken: string;
  /** Lower-cased `token_type`, normally `bearer`. */
  readonly tokenType: string;
  /** Epoch seconds at which the access token expires, when the provider said (`expires_in`). */
  readonly expiresAt?: number;
  /** Issued only when `offline_access` was asked for and granted (OIDC Core §11). */
  readonly refreshToken?: string;
  readonly idToken?: string;
  readonly scope?: string;
}

/** What a successful callback yields. */
export interface ListoSignIn {
  /**
   * The user's claims: the validated ID token's, completed with the userinfo response's when it was fetched
   * (the ID token's value wins where both have a claim, so `iss`, `aud`, `nonce`... are always the token's).
   */
  readonly claims: ListoIdTokenClaims;
  /** The validated ID token's claims alone. */
  readonly idTokenClaims: ListoIdTokenClaims;
  /** The userinfo response, when it was fetched (see `fetchUserInfo`). */
  readonly userinfo?: ListoUserInfo;
  readonly tokens: ListoTokens;
}

/** What a refresh yields: new tokens, and new claims when the provider issued a new ID token. */
export interface ListoRefresh {
  readonly tokens: ListoTokens;
  /** The new ID token's claims (userinfo is not fetched again on a refresh). */
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
  /** The scopes this login asked for (to tell which claims the ID token should have carried). */
  readonly scope?: string;
}

export interface AuthorizationRequest extends LoginTransaction {
  /** Where to send the browser. */
  readonly url: URL;
  readonly scope: string;
}

/** How the client authenticates at the token endpoint. */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** The part of the provider's discovery document that this package reads (the rest is kept at run time). */
export interface ListoProviderMetadata {
  readonly issuer: string;
  readonly authorization_endpoint?: string;
  readonly token_endpoint?: string;
  readonly userinfo_endpoint?: string;
  readonly jwks_uri?: string;
  readonly revocation_endpoint?: string;
  readonly end_session_endpoint?: string;
  readonly scopes_supported?: string[];
  readonly claims_supported?: string[];
  readonly token_endpoint_auth_methods_supported?: string[];
  readonly code_challenge_methods_supported?: string[];
  readonly id_token_signing_alg_values_supported?: string[];
}
