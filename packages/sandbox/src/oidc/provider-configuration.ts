import type { Adapter, AdapterPayload, Configuration } from 'oidc-provider';
import { renderErrorPage } from './authorize-page';
import type { OidcClient, OidcUser } from './oidc-types';

/** Where the provider answers, under the issuer (the sandbox URL). */
export const OIDC_PATHS = {
  discovery: '/.well-known/openid-configuration',
  jwks: '/oauth2/jwks',
  authorize: '/oauth2/authorize',
  token: '/oauth2/token',
  userinfo: '/oauth2/userinfo',
  revocation: '/oauth2/revoke',
  /** The sandbox's own sign-in page ("sign in as one of these users"), oidc-provider's interaction. */
  interaction: '/oauth2/interaction',
} as const;

/** The scopes the provider knows; any other requested scope is ignored, as OAuth 2.0 allows (RFC 6749 §3.3). */
export const OIDC_SCOPES = ['openid', 'offline_access', 'profile', 'email'] as const;

export interface ProviderTtls {
  readonly accessToken: number;
  readonly idToken: number;
  readonly authorizationCode: number;
  readonly refreshToken: number;
  readonly session: number;
  readonly interaction: number;
  readonly grant: number;
}

/** A registered client as oidc-provider's client metadata. Confidential clients only, code flow only. */
export function clientMetadata(client: OidcClient): AdapterPayload {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uris: [...client.redirectUris],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    // oidc-provider accepts the secret by either method for a client registered with one of them.
    token_endpoint_auth_method: 'client_secret_basic',
  };
}

/** The standard claims of a user; oidc-provider hands out only those the granted scopes stand for. */
function userClaims(user: OidcUser): Record<string, unknown> {
  return {
    sub: user.sub,
    email: user.email,
    email_verified: true,
    ...(user.name ? { name: user.name } : {}),
    ...(user.givenName ? { given_name: user.givenName } : {}),
    ...(user.familyName ? { family_name: user.familyName } : {}),
  };
}

/**
 * oidc-provider's configuration for the sandbox, every choice deliberate: no development interactions (the
 * sandbox has its own page), PKCE S256 required, confidential clients with `client_secret_basic` or
 * `client_secret_post`, the code flow only, refresh tokens for `offline_access` (which needs `prompt=consent`,
 * OIDC Core §11), revocation and userinfo on, and the ID token carrying scope claims only when no access token
 * for userinfo is issued (`conformIdTokenClaims`, OIDC Core §5.4): a relying party must read userinfo, as it
 * must with a certified provider.
 */
export function providerConfiguration(input: {
  readonly jwks: { keys: object[] };
  readonly cookieKeys: readonly string[];
  readonly adapter: (model: string) => Adapter;
  readonly findUser: (sub: string) => OidcUser | undefined;
  readonly ttl: ProviderTtls;
  /** oidc-provider's `errors.InvalidRequest` (the module is loaded lazily, so it is passed in). */
  readonly invalidRequest: (message: string) => Error;
}): Configuration {
  const { ttl } = input;
  return {
    adapter: input.adapter,
    clients: [],
    jwks: input.jwks as Configuration['jwks'],
    findAccount(_ctx, sub) {
      const user = input.findUser(sub);
      return user === undefined ? undefined : { accountId: sub, claims: () => userClaims(user) as never };
    },
    claims: {
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name'],
    },
    scopes: [...OIDC_SCOPES],
    conformIdTokenClaims: true,
    // Every refresh spends the refresh token and issues a new one (oidc-provider's default rotates only late
    // in its life): the strictest behaviour a relying party may meet, so the sandbox shows it.
    rotateRefreshToken: true,
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    pkce: { required: () => true },
    // Session cookies stay SameSite=Lax. oidc-provider's own POST support at the authorization endpoint
    // (enableHttpPostMethods) requires SameSite=None, which browsers accept only with Secure, and the sandbox
    // is plain http: Chromium drops the session cookie and the sign-in breaks at its second step. So the
    // sandbox turns a POSTed authorization request into the same request by GET before oidc-provider sees it
    // (see `asGetAuthorization`).
    cookies: {
      keys: [...input.cookieKeys],
      // Cookies ignore ports: on 127.0.0.1 the sandbox shares its cookies with the apps under test, so its
      // names say whose they are (and cannot clobber an app's `_session`).
      names: {
        session: 'listo_sandbox.session',
        interaction: 'listo_sandbox.interaction',
        resume: 'listo_sandbox.resume',
      },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    routes: {
      authorization: OIDC_PATHS.authorize,
      token: OIDC_PATHS.token,
      userinfo: OIDC_PATHS.userinfo,
      jwks: OIDC_PATHS.jwks,
      revocation: OIDC_PATHS.revocation,
      // Only its confirmation is served (rpInitiatedLogout is off): oidc-provider posts to it when a browser
      // signed in as one user signs in as another, to end the first session.
      end_session: '/oauth2/session/end',
    },
    interactions: { url: (_ctx, interaction) => `${OIDC_PATHS.interaction}/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: {
        enabled: true,
        // oidc-provider's default rule for confidential clients, written out: a client revokes only its own
        // tokens, and is told when it tries another's (RFC 7009 §2.1).
        async allowedPolicy(_ctx, client, token) {
          if (token.clientId !== client.clientId) {
            throw input.invalidRequest('client is not authorized to revoke the presented token');
          }
          return true;
        },
      },
      userinfo: { enabled: true },
      introspection: { enabled: false },
      // Listo's guides document no end-session endpoint, so the sandbox offers none either.
      rpInitiatedLogout: { enabled: false },
    },
    // Browser-side calls are not part of the guides' flow: no cross-origin access to any endpoint.
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: ttl.accessToken,
      IdToken: ttl.idToken,
      AuthorizationCode: ttl.authorizationCode,
      RefreshToken: ttl.refreshToken,
      Session: ttl.session,
      Interaction: ttl.interaction,
      Grant: ttl.grant,
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = renderErrorPage(
        typeof out.error_description === 'string' ? out.error_description : String(out.error),
      );
    },
  };
}
