import * as oauth from 'oauth4webapi';
import { toListoAuthError } from './error-mapping';
import { ListoAuthError } from './listo-auth-error';
import { lacksScopeClaims, withUserInfo } from './scope-claims';
import type {
  AuthorizationRequest,
  ClientAuthMethod,
  ListoIdTokenClaims,
  ListoProviderMetadata,
  ListoRefresh,
  ListoSignIn,
  ListoTokens,
  ListoUserInfo,
  LoginTransaction,
} from './types';

/**
 * Listo's OIDC issuer, from the Getting Started guide ("OAuth 2.0 / SSO ... https://api.dashboard.listoglobal.com").
 * ASSUMPTION: discovery is served at `<issuer>/.well-known/openid-configuration` and names exactly this issuer.
 */
export const LISTO_ISSUER = 'https://api.dashboard.listoglobal.com';

/**
 * ASSUMPTION: the guide does not list Listo's scopes; these are the OIDC standard ones. Override with
 * `scopes` once Listo documents its own.
 */
export const DEFAULT_SCOPES: readonly string[] = ['openid', 'profile', 'email'];

/** Options of `createListoAuth`: your OAuth client's credentials and redirect URI, and where Listo's issuer is. */
export interface ListoAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Must match, byte for byte, one of the redirect URIs registered with Listo. */
  readonly redirectUri: string;
  /** Defaults to `https://api.dashboard.listoglobal.com`. Point it at `listo-sandbox serve` for local work. */
  readonly issuer?: string;
  /** Defaults to `['openid', 'profile', 'email']`; `openid` is always added. */
  readonly scopes?: readonly string[];
  /**
   * ASSUMPTION: the guide does not say which client authentication Listo's token endpoint expects. When
   * unset, `client_secret_basic` (the OIDC default) is used unless the discovery document's
   * `token_endpoint_auth_methods_supported` lists only `client_secret_post`.
   */
  readonly clientAuthMethod?: ClientAuthMethod;
  /**
   * Ask for a refresh token at every login: adds the `offline_access` scope and `prompt=consent`, which
   * OIDC Core §11 requires for it (a certified provider ignores `offline_access` otherwise). Default false:
   * the session lasts as long as the access token.
   */
  readonly offlineAccess?: boolean;
  /**
   * When to call userinfo during the callback. `'when-missing'` (the default): when the ID token lacks the
   * claims of a granted scope, as it does with a certified provider that issues an access token for userinfo
   * (OIDC Core §5.4). `'always'` or `'never'` otherwise. The answer's `sub` must be the ID token's.
   */
  readonly fetchUserInfo?: 'when-missing' | 'always' | 'never';
  /** Allow plain-http endpoints. Only for a local sandbox (`http://127.0.0.1:...`); never in production. */
  readonly allowInsecureRequests?: boolean;
  /** A fetch implementation to use instead of the global one (proxies, tests). */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** How long the discovery document is cached. Default 3600 seconds. */
  readonly discoveryCacheSeconds?: number;
  /** Accepted clock difference when checking `exp`/`iat`. Default 30 seconds. */
  readonly clockToleranceSeconds?: number;
  /** Timeout of each request to the provider. Default 10 000 ms. */
  readonly timeoutMs?: number;
}

/** Options of `ListoAuth.createAuthorizationRequest`. */
export interface CreateAuthorizationRequestOptions {
  /** Extra authorization request parameters (`prompt`, `login_hint`, `ui_locales`...). Core parameters cannot be overridden. */
  readonly extraParams?: Readonly<Record<string, string>>;
  /** Ask for a refresh token for this login (`offline_access` + `prompt=consent`). Defaults to the `offlineAccess` option. */
  readonly offlineAccess?: boolean;
}

/** "Sign in with Listo" as an OIDC relying party (authorization code + PKCE), from `createListoAuth`. */
export interface ListoAuth {
  readonly issuer: string;
  readonly clientId: string;
  readonly redirectUri: string;
  /** The provider's discovery document (fetched once, then cached). */
  discover(): Promise<ListoProviderMetadata>;
  /** Builds the authorization URL with PKCE S256 and a fresh `state` and `nonce`. */
  createAuthorizationRequest(options?: CreateAuthorizationRequestOptions): Promise<AuthorizationRequest>;
  /**
   * Checks the callback's `state`, exchanges the code (with client authentication and the PKCE verifier),
   * validates the ID token (signature against the JWKS, `iss`, `aud`, `exp`, `nonce`) and returns its claims
   * and the tokens.
   */
  handleCallback(callbackUrl: URL | string, transaction: LoginTransaction): Promise<ListoSignIn>;
  /**
   * Uses a refresh token (there is one only if `offlineAccess` was asked for). A new ID token, when returned,
   * is validated like the first one.
   */
  refresh(refreshToken: string): Promise<ListoRefresh>;
  /** Calls the userinfo endpoint. Pass the ID token's `sub` to check the answer is about the same user. */
  userinfo(accessToken: string, expectedSubject?: string): Promise<ListoUserInfo>;
}

const CORE_PARAMS = new Set([
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
]);

function requireNonEmpty(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ListoAuthError('invalid_config', `createListoAuth: "${name}" must be a non-empty string`);
  }
  return value;
}

function parseUrl(name: string, value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new ListoAuthError('invalid_config', `createListoAuth: "${name}" must be an absolute URL`);
  }
}

function toTokens(response: oauth.TokenEndpointResponse, previous?: ListoTokens): ListoTokens {
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    ...(response.expires_in === undefined
      ? {}
      : { expiresAt: Math.floor(Date.now() / 1000) + response.expires_in }),
    ...(refreshToken === undefined ? {} : { refreshToken }),
    ...(response.id_token === undefined ? {} : { idToken: response.id_token }),
    ...(response.scope === undefined ? {} : { scope: response.scope }),
  };
}

/** Creates the OIDC client for "Sign in with Listo"; discovery is fetched on first use. A missing option throws `ListoAuthError` (`invalid_config`). */
export function createListoAuth(options: ListoAuthOptions): ListoAuth {
  const clientId = requireNonEmpty('clientId', options.clientId);
  const clientSecret = requireNonEmpty('clientSecret', options.clientSecret);
  const redirectUri = requireNonEmpty('redirectUri', options.redirectUri);
  parseUrl('redirectUri', redirectUri);
  const issuer = parseUrl('issuer', options.issuer ?? LISTO_ISSUER);
  const insecure = options.allowInsecureRequests === true;
  if (issuer.protocol !== 'https:' && !insecure) {
    throw new ListoAuthError(
      'invalid_config',
      'createListoAuth: the issuer must use https (set allowInsecureRequests: true only for a local sandbox)',
    );
  }
  const scopes = [...new Set(['openid', ...(options.scopes ?? DEFAULT_SCOPES)])];
  const fetchUserInfo = options.fetchUserInfo ?? 'when-missing';
  if (!['when-missing', 'always', 'never'].includes(fetchUserInfo)) {
    throw new ListoAuthError(
      'invalid_config',
      'createListoAuth: "fetchUserInfo" must be when-missing, always or never',
    );
  }
  const cacheMs = (options.discoveryCacheSeconds ?? 3600) * 1000;
  const timeoutMs = options.timeoutMs ?? 10_000;

  // ASSUMPTION: no ID token algorithm is pinned, so oauth4webapi accepts what discovery's
  // id_token_signing_alg_values_supported lists (RS256 when it lists none); `none` and HS* are never accepted.
  const client: oauth.Client = {
    client_id: clientId,
    [oauth.clockTolerance]: options.clockToleranceSeconds ?? 30,
  };

  // Options passed to every oauth4webapi request (timeouts, custom fetch, http for a local sandbox).
  type RequestOptions = oauth.DiscoveryRequestOptions &
    oauth.TokenEndpointRequestOptions &
    oauth.UserInfoRequestOptions &
    oauth.ValidateSignatureOptions;
  const requestOptions = (): RequestOptions => {
    const built: Record<string | symbol, unknown> = { signal: AbortSignal.timeout(timeoutMs) };
    if (insecure) built[oauth.allowInsecureRequests] = true;
    if (options.fetch !== undefined) built[oauth.customFetch] = options.fetch;
    return built as RequestOptions;
  };

  let cached: { as: oauth.AuthorizationServer; at: number } | undefined;
  let pending: Promise<oauth.AuthorizationServer> | undefined;

  async function authorizationServer(): Promise<oauth.AuthorizationServer> {
    if (cached !== undefined && Date.now() - cached.at < cacheMs) return cached.as;
    pending ??= (async () => {
      try {
        const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...requestOptions() });
        // processDiscoveryResponse checks that the document's `issuer` is exactly the configured one.
        const as = await oauth.processDiscoveryResponse(issuer, response);
        cached = { as, at: Date.now() };
        return as;
      } catch (error) {
        throw toListoAuthError(error, 'discovery');
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  }

  function clientAuth(as: oauth.AuthorizationServer): oauth.ClientAuth {
    let method = options.clientAuthMethod;
    if (method === undefined) {
      const supported = as.token_endpoint_auth_methods_supported;
      method =
        supported !== undefined &&
        !supported.includes('client_secret_basic') &&
        supported.includes('client_secret_post')
          ? 'client_secret_post'
          : 'client_secret_basic';
    }
    return method === 'client_secret_post'
      ? oauth.ClientSecretPost(clientSecret)
      : oauth.ClientSecretBasic(clientSecret);
  }

  async function validatedSignIn(
    as: oauth.AuthorizationServer,
    response: Response,
    processed: oauth.TokenEndpointResponse,
    step: 'callback' | 'refresh',
  ): Promise<ListoIdTokenClaims | undefined> {
    const claims = oauth.getValidatedIdTokenClaims(processed);
    if (claims === undefined) return undefined;
    // oauth4webapi has already checked iss, aud, azp, exp, iat and nonce; the signature check against the
    // issuer's JWKS is a separate step (the pre-flight checklist asks for it explicitly).
    try {
      await oauth.validateApplicationLevelSignature(as, response, requestOptions());
    } catch (error) {
      throw toListoAuthError(error, step);
    }
    return claims as ListoIdTokenClaims;
  }

  async function userinfo(accessToken: string, expectedSubject?: string): Promise<ListoUserInfo> {
    requireNonEmpty('accessToken', accessToken);
    const as = await authorizationServer();
    try {
      const response = await oauth.userInfoRequest(as, client, accessToken, requestOptions());
      const info = await oauth.processUserInfoResponse(
        as,
        client,
        expectedSubject ?? oauth.skipSubjectCheck,
        response,
      );
      return info as ListoUserInfo;
    } catch (error) {
      throw toListoAuthError(error, 'userinfo');
    }
  }

  return {
    issuer: options.issuer ?? LISTO_ISSUER,
    clientId,
    redirectUri,

    async discover() {
      return (await authorizationServer()) as unknown as ListoProviderMetadata;
    },

    async createAuthorizationRequest(requestOptions_ = {}) {
      const as = await authorizationServer();
      if (as.authorization_endpoint === undefined) {
        throw new ListoAuthError('discovery_failed', 'The discovery document has no authorization_endpoint');
      }
      const state = oauth.generateRandomState();
      const nonce = oauth.generateRandomNonce();
      const codeVerifier = oauth.generateRandomCodeVerifier();
      const codeChallenge = await oauth.calculatePKCECodeChallenge(codeVerifier);
      const url = new URL(as.authorization_endpoint);
      for (const [key, value] of Object.entries(requestOptions_.extraParams ?? {})) {
        if (!CORE_PARAMS.has(key)) url.searchParams.set(key, value);
      }
      const offline = requestOptions_.offlineAccess ?? options.offlineAccess === true;
      const scope = (offline ? [...new Set([...scopes, 'offline_access'])] : scopes).join(' ');
      if (offline || scopes.includes('offline_access')) {
        // OIDC Core §11: offline_access is granted only with prompt=consent.
        const prompt = new Set((url.searchParams.get('prompt') ?? '').split(' ').filter(Boolean));
        prompt.add('consent');
        url.searchParams.set('prompt', [...prompt].join(' '));
      }
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', clientId);
      url.searchParams.set('redirect_uri', redirectUri);
      url.searchParams.set('scope', scope);
      url.searchParams.set('state', state);
      url.searchParams.set('nonce', nonce);
      url.searchParams.set('code_challenge', codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
      return { url, state, nonce, codeVerifier, scope };
    },

    async handleCallback(callbackUrl, transaction) {
      const as = await authorizationServer();
      const url = typeof callbackUrl === 'string' ? new URL(callbackUrl) : callbackUrl;
      if (typeof transaction?.state !== 'string' || transaction.state.length === 0) {
        throw new ListoAuthError('state_mismatch', 'No expected state: the login was not started here');
      }
      let params: URLSearchParams;
      try {
        params = oauth.validateAuthResponse(as, client, url, transaction.state);
      } catch (error) {
        throw toListoAuthError(error, 'callback');
      }
      let response: Response;
      try {
        response = await oauth.authorizationCodeGrantRequest(
          as,
          client,
          clientAuth(as),
          params,
          redirectUri,
          transaction.codeVerifier,
          requestOptions(),
        );
      } catch (error) {
        throw toListoAuthError(error, 'token');
      }
      let processed: oauth.TokenEndpointResponse;
      try {
        processed = await oauth.processAuthorizationCodeResponse(as, client, response, {
          expectedNonce: transaction.nonce,
          requireIdToken: true,
        });
      } catch (error) {
        const fromTokenEndpoint =
          error instanceof oauth.ResponseBodyError || error instanceof oauth.WWWAuthenticateChallengeError;
        throw toListoAuthError(error, fromTokenEndpoint ? 'token' : 'callback');
      }
      const idTokenClaims = await validatedSignIn(as, response, processed, 'callback');
      if (idTokenClaims === undefined)
        throw new ListoAuthError('id_token_missing', 'The token response has no ID token');
      const tokens = toTokens(processed);
      // The scopes granted (the token response says when they differ from those asked for, RFC 6749 §5.1).
      const granted = processed.scope ?? transaction.scope ?? scopes.join(' ');
      const wanted =
        fetchUserInfo === 'always' ||
        (fetchUserInfo === 'when-missing' && lacksScopeClaims(granted, idTokenClaims));
      if (!wanted || as.userinfo_endpoint === undefined) {
        return { claims: idTokenClaims, idTokenClaims, tokens };
      }
      const info = await userinfo(tokens.accessToken, idTokenClaims.sub);
      return { claims: withUserInfo(idTokenClaims, info), idTokenClaims, userinfo: info, tokens };
    },

    async refresh(refreshToken) {
      requireNonEmpty('refreshToken', refreshToken);
      const as = await authorizationServer();
      let response: Response;
      let processed: oauth.TokenEndpointResponse;
      try {
        response = await oauth.refreshTokenGrantRequest(
          as,
          client,
          clientAuth(as),
          refreshToken,
          requestOptions(),
        );
        processed = await oauth.processRefreshTokenResponse(as, client, response);
      } catch (error) {
        throw toListoAuthError(error, 'refresh');
      }
      const claims = await validatedSignIn(as, response, processed, 'refresh');
      const tokens = toTokens(processed, { accessToken: '', tokenType: '', refreshToken });
      return claims === undefined ? { tokens } : { tokens, claims };
    },

    userinfo,
  };
}
