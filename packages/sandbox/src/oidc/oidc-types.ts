import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthorizePageUser } from './authorize-page';

/** A relying party registered with the sandbox provider. */
export interface OidcClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Compared byte for byte with the `redirect_uri` of each request, as a real provider does. */
  readonly redirectUris: readonly string[];
}

/** A user who can sign in. The sandbox maps its dataset's users onto this. */
export interface OidcUser extends AuthorizePageUser {
  readonly givenName?: string | null;
  readonly familyName?: string | null;
}

/**
 * Claims for `signJwt`: the shape of jose's `JWTPayload`, written out so that the published types do not
 * import jose (ESM-only), which a CommonJS TypeScript consumer could not resolve.
 */
export interface OidcJwtClaims {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  jti?: string;
  nbf?: number;
  exp?: number;
  iat?: number;
  [claim: string]: unknown;
}

/** Options of `createOidcProvider`: the issuer, its clients and users, token lifetimes. */
export interface OidcProviderOptions {
  /** The issuer URL (no trailing slash), or a function giving it once the server knows its port. */
  readonly issuer: string | (() => string);
  /** The registered relying parties, or a function giving them. */
  readonly clients: readonly OidcClient[] | (() => readonly OidcClient[]);
  /** A function, so that users added to the dataset later can sign in too. */
  readonly users: readonly OidcUser[] | (() => readonly OidcUser[]);
  /** Default 1 hour. */
  readonly accessTokenTtlSeconds?: number;
  /** Default 1 hour. */
  readonly idTokenTtlSeconds?: number;
  /** Authorization codes are single-use and short-lived. Default 60 s. */
  readonly codeTtlSeconds?: number;
  /** Refresh tokens (issued for `offline_access`) rotate on each use. Default 14 days. */
  readonly refreshTokenTtlSeconds?: number;
  /** How long the provider remembers a browser's sign-in (its session cookie). Default 14 days. */
  readonly sessionTtlSeconds?: number;
  /** How long a rotated-out signing key stays in the JWKS. Default 1 hour. */
  readonly retiredKeyGraceSeconds?: number;
}

/** A Node http handler that answers the provider's paths (returns true) and leaves the others alone (false). */
export interface OidcProvider {
  (request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  /** Starts signing with a new key (new `kid`); the previous key stays published for the grace period. */
  rotateSigningKey(): Promise<string>;
  /** The `kid` of the key that signs now. */
  currentKid(): Promise<string>;
  /**
   * Signs arbitrary claims with the provider's current key (or a `kid` of your choice). Sandbox-only: lets
   * tests craft ID tokens a real provider would never issue (expired, wrong audience...).
   */
  signJwt(payload: OidcJwtClaims, header?: { kid?: string }): Promise<string>;
}
