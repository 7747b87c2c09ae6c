import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AuthorizePageUser, renderAuthorizePage, renderErrorPage } from './authorize-page';
import { SIGNING_ALG, SigningKeyRing } from './signing-keys';

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

export interface OidcProviderOptions {
  /** The issuer URL (no trailing slash), or a function giving it once the server knows its port. */
  readonly issuer: string | (() => string);
  readonly clients: readonly OidcClient[] | (() => readonly OidcClient[]);
  /** A function, so that users added to the dataset later can sign in too. */
  readonly users: readonly OidcUser[] | (() => readonly OidcUser[]);
  readonly accessTokenTtlSeconds?: number;
  readonly idTokenTtlSeconds?: number;
  /** Authorization codes are single-use and short-lived. Default 60 s. */
  readonly codeTtlSeconds?: number;
  /** How long a rotated-out signing key stays in the JWKS. Default 1 hour. */
  readonly retiredKeyGraceSeconds?: number;
}

/** A Node http handler that answers the provider's paths (returns true) and leaves the others alone (false). */
export interface OidcProvider {
  (request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  /** Starts signing with a new key (new `kid`); the previous key stays published for the grace period. */
  rotateSigningKey(): Promise<string>;
  currentKid(): Promise<string>;
  /**
   * Signs arbitrary claims with the provider's current key (or a `kid` of your choice). Sandbox-only: lets
   * tests craft ID tokens a real provider would never issue (expired, wrong audience...).
   */
  signJwt(payload: OidcJwtClaims, header?: { kid?: string }): Promise<string>;
}

export const OIDC_PATHS = {
  discovery: '/.well-known/openid-configuration',
  jwks: '/oauth2/jwks',
  authorize: '/oauth2/authorize',
  token: '/oauth2/token',
  userinfo: '/oauth2/userinfo',
} as const;

const SCOPES = ['openid', 'profile', 'email', 'offline_access'];
const MAX_FORM_BYTES = 64 * 1024;

interface CodeGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly sub: string;
  readonly scope: string;
  readonly nonce: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly expiresAt: number;
  readonly authTime: number;
  used: boolean;
  /** Tokens issued from this code, revoked if the code is replayed (RFC 6749 section 4.1.2). */
  readonly issued: string[];
}

interface TokenGrant {
  readonly clientId: string;
  readonly sub: string;
  readonly scope: string;
  readonly expiresAt: number;
  readonly authTime: number;
}

class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

const random = () => randomBytes(32).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action *",
  });
  response.end(html);
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(303, { location, 'cache-control': 'no-store' });
  response.end();
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const type = request.headers['content-type'] ?? '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new OAuthError(413, 'invalid_request', 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new OAuthError(400, 'invalid_request', 'Expected application/x-www-form-urlencoded');
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function list<T>(value: readonly T[] | (() => readonly T[])): readonly T[] {
  return typeof value === 'function' ? value() : value;
}

/**
 * The sandbox's OpenID Connect provider: discovery, a rotating JWKS, an authorize page (sign in as one of
 * the dataset's users), the token endpoint (client_secret_basic / client_secret_post, PKCE S256,
 * single-use codes, exact redirect_uri match, refresh tokens) and userinfo.
 */
export function createOidcProvider(options: OidcProviderOptions): OidcProvider {
  const keys = new SigningKeyRing((options.retiredKeyGraceSeconds ?? 3600) * 1000);
  const accessTtl = options.accessTokenTtlSeconds ?? 3600;
  const idTtl = options.idTokenTtlSeconds ?? 3600;
  const codeTtl = options.codeTtlSeconds ?? 60;
  const codes = new Map<string, CodeGrant>();
  const accessTokens = new Map<string, TokenGrant>();
  const refreshTokens = new Map<string, TokenGrant>();
  const issuer = () =>
    (typeof options.issuer === 'function' ? options.issuer() : options.issuer).replace(/\/$/, '');

  const findClient = (clientId: string | null) =>
    clientId === null ? undefined : list(options.clients).find((c) => c.clientId === clientId);
  const findUser = (sub: string | null) =>
    sub === null ? undefined : list(options.users).find((u) => u.sub === sub);

  function discovery() {
    const base = issuer();
    return {
      issuer: base,
      authorization_endpoint: `${base}${OIDC_PATHS.authorize}`,
      token_endpoint: `${base}${OIDC_PATHS.token}`,
      userinfo_endpoint: `${base}${OIDC_PATHS.userinfo}`,
      jwks_uri: `${base}${OIDC_PATHS.jwks}`,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [SIGNING_ALG],
      scopes_supported: SCOPES,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'nonce',
        'email',
        'email_verified',
        'name',
        'given_name',
        'family_name',
      ],
      authorization_response_iss_parameter_supported: true,
    };
  }

  function userClaims(user: OidcUser, scope: string): Record<string, unknown> {
    const scopes = new Set(scope.split(' '));
    const claims: Record<string, unknown> = { sub: user.sub };
    if (scopes.has('email')) Object.assign(claims, { email: user.email, email_verified: true });
    if (scopes.has('profile')) {
      if (user.name) claims.name = user.name;
      if (user.givenName) claims.given_name = user.givenName;
      if (user.familyName) claims.family_name = user.familyName;
    }
    return claims;
  }

  /** Validates client_id and redirect_uri; errors here are shown, never redirected (the URI is not trusted). */
  function checkClientAndRedirect(
    params: URLSearchParams,
  ): { client: OidcClient; redirectUri: string } | string {
    const client = findClient(params.get('client_id'));
    if (!client) return 'Unknown client_id.';
    const redirectUri = params.get('redirect_uri');
    if (redirectUri === null || !client.redirectUris.includes(redirectUri)) {
      return 'The redirect_uri is not registered for this client.';
    }
    return { client, redirectUri };
  }

  function errorRedirect(
    redirectUri: string,
    params: URLSearchParams,
    error: string,
    description: string,
  ): string {
    const url = new URL(redirectUri);
    url.searchParams.set('error', error);
    url.searchParams.set('error_description', description);
    const state = params.get('state');
    if (state !== null) url.searchParams.set('state', state);
    url.searchParams.set('iss', issuer());
    return url.href;
  }

  /** Returns an error redirect target, or undefined when the request is acceptable. */
  function checkAuthorizeParams(params: URLSearchParams, redirectUri: string): string | undefined {
    if (params.get('response_type') !== 'code') {
      return errorRedirect(
        redirectUri,
        params,
        'unsupported_response_type',
        'Only response_type=code is supported',
      );
    }
    const challenge = params.get('code_challenge');
    const method = params.get('code_challenge_method');
    if (challenge !== null && method !== 'S256') {
      return errorRedirect(redirectUri, params, 'invalid_request', 'code_challenge_method must be S256');
    }
    if (challenge !== null && !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      return errorRedirect(redirectUri, params, 'invalid_request', 'Malformed code_challenge');
    }
    const scopes = (params.get('scope') ?? '').split(' ').filter(Boolean);
    if (!scopes.includes('openid')) {
      return errorRedirect(redirectUri, params, 'invalid_scope', 'The openid scope is required');
    }
    if (scopes.some((s) => !SCOPES.includes(s))) {
      return errorRedirect(redirectUri, params, 'invalid_scope', 'Unknown scope');
    }
    return undefined;
  }

  async function authorize(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const params = request.method === 'POST' ? await readForm(request) : url.searchParams;
    const checked = checkClientAndRedirect(params);
    if (typeof checked === 'string') return sendHtml(response, 400, renderErrorPage(checked));
    const { client, redirectUri } = checked;
    const invalid = checkAuthorizeParams(params, redirectUri);
    if (invalid !== undefined) return redirect(response, invalid);

    if (request.method !== 'POST') {
      const users = list(options.users);
      return sendHtml(
        response,
        200,
        renderAuthorizePage({ action: OIDC_PATHS.authorize, clientId: client.clientId, params, users }),
      );
    }
    if (params.get('deny') !== null) {
      return redirect(
        response,
        errorRedirect(redirectUri, params, 'access_denied', 'The user cancelled the sign-in'),
      );
    }
    const user = findUser(params.get('sub'));
    if (!user) return sendHtml(response, 400, renderErrorPage('Unknown user.'));

    const code = random();
    codes.set(code, {
      clientId: client.clientId,
      redirectUri,
      sub: user.sub,
      scope: (params.get('scope') ?? 'openid').split(' ').filter(Boolean).join(' '),
      nonce: params.get('nonce') ?? undefined,
      codeChallenge: params.get('code_challenge') ?? undefined,
      expiresAt: Date.now() + codeTtl * 1000,
      authTime: nowSeconds(),
      used: false,
      issued: [],
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = params.get('state');
    if (state !== null) target.searchParams.set('state', state);
    target.searchParams.set('iss', issuer());
    return redirect(response, target.href);
  }

  function authenticateClient(request: IncomingMessage, form: URLSearchParams): OidcClient {
    const header = request.headers.authorization;
    const bodyId = form.get('client_id');
    const bodySecret = form.get('client_secret');
    let id: string | null = null;
    let secret: string | null = null;
    if (header?.startsWith('Basic ')) {
      if (bodySecret !== null)
        throw new OAuthError(400, 'invalid_request', 'Use one client authentication method');
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw new OAuthError(401, 'invalid_client', 'Malformed Basic credentials');
      try {
        // RFC 6749 section 2.3.1: both parts are form-urlencoded before base64.
        id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
        secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
      } catch {
        throw new OAuthError(401, 'invalid_client', 'Malformed Basic credentials');
      }
      if (bodyId !== null && bodyId !== id)
        throw new OAuthError(400, 'invalid_request', 'client_id mismatch');
    } else {
      id = bodyId;
      secret = bodySecret;
    }
    const client = findClient(id);
    if (!client || secret === null || !safeEqual(secret, client.clientSecret)) {
      throw new OAuthError(401, 'invalid_client', 'Client authentication failed');
    }
    return client;
  }

  async function issueTokens(grant: TokenGrant, nonce: string | undefined, withRefresh: boolean) {
    const user = findUser(grant.sub);
    if (!user) throw new OAuthError(400, 'invalid_grant', 'The user no longer exists');
    const accessToken = random();
    accessTokens.set(accessToken, { ...grant, expiresAt: Date.now() + accessTtl * 1000 });
    const now = nowSeconds();
    const idToken = await keys.sign({
      ...userClaims(user, grant.scope),
      iss: issuer(),
      aud: grant.clientId,
      iat: now,
      exp: now + idTtl,
      auth_time: grant.authTime,
      ...(nonce === undefined ? {} : { nonce }),
    });
    const body: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: accessTtl,
      id_token: idToken,
      scope: grant.scope,
    };
    const issued = [accessToken];
    if (withRefresh) {
      const refreshToken = random();
      refreshTokens.set(refreshToken, { ...grant, expiresAt: Number.POSITIVE_INFINITY });
      body.refresh_token = refreshToken;
      issued.push(refreshToken);
    }
    return { body, issued };
  }

  async function token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') throw new OAuthError(405, 'invalid_request', 'Use POST');
    const form = await readForm(request);
    const client = authenticateClient(request, form);
    const grantType = form.get('grant_type');

    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      if (!grant || grant.clientId !== client.clientId)
        throw new OAuthError(400, 'invalid_grant', 'Unknown code');
      if (grant.used) {
        // A replayed code: refuse it and revoke what it already produced.
        for (const t of grant.issued) {
          accessTokens.delete(t);
          refreshTokens.delete(t);
        }
        throw new OAuthError(400, 'invalid_grant', 'The code was already used');
      }
      grant.used = true;
      if (grant.expiresAt < Date.now()) throw new OAuthError(400, 'invalid_grant', 'The code has expired');
      if (form.get('redirect_uri') !== grant.redirectUri) {
        throw new OAuthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
      }
      const verifier = form.get('code_verifier');
      if (grant.codeChallenge !== undefined) {
        if (verifier === null || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) {
          throw new OAuthError(400, 'invalid_grant', 'Missing or malformed code_verifier');
        }
        const computed = createHash('sha256').update(verifier).digest('base64url');
        if (!safeEqual(computed, grant.codeChallenge))
          throw new OAuthError(400, 'invalid_grant', 'PKCE verification failed');
      } else if (verifier !== null) {
        throw new OAuthError(400, 'invalid_grant', 'code_verifier sent but no code_challenge was');
      }
      const { body, issued } = await issueTokens(
        {
          clientId: grant.clientId,
          sub: grant.sub,
          scope: grant.scope,
          expiresAt: 0,
          authTime: grant.authTime,
        },
        grant.nonce,
        true,
      );
      grant.issued.push(...issued);
      return sendJson(response, 200, body);
    }

    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(presented);
      if (!grant || grant.clientId !== client.clientId)
        throw new OAuthError(400, 'invalid_grant', 'Unknown refresh token');
      // Refresh tokens rotate: the presented one is spent.
      refreshTokens.delete(presented);
      const { body } = await issueTokens(grant, undefined, true);
      return sendJson(response, 200, body);
    }

    throw new OAuthError(400, 'unsupported_grant_type', 'Unsupported grant_type');
  }

  async function userinfo(request: IncomingMessage, response: ServerResponse): Promise<void> {
    request.resume();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]+)$/i.exec(header);
    const grant = match ? accessTokens.get(match[1]!) : undefined;
    const user = grant && grant.expiresAt > Date.now() ? findUser(grant.sub) : undefined;
    if (!grant || !user) {
      return sendJson(
        response,
        401,
        { error: 'invalid_token' },
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      );
    }
    return sendJson(response, 200, userClaims(user, grant.scope));
  }

  async function route(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    switch (url.pathname) {
      case OIDC_PATHS.discovery:
        request.resume();
        sendJson(response, 200, discovery(), { 'cache-control': 'public, max-age=300' });
        return true;
      case OIDC_PATHS.jwks:
        request.resume();
        sendJson(response, 200, await keys.jwks(), { 'cache-control': 'public, max-age=60' });
        return true;
      case OIDC_PATHS.authorize:
        await authorize(request, response, url);
        return true;
      case OIDC_PATHS.token:
        await token(request, response);
        return true;
      case OIDC_PATHS.userinfo:
        await userinfo(request, response);
        return true;
      default:
        return false;
    }
  }

  const handler = async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    try {
      return await route(request, response, url);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      request.resume();
      const headers: Record<string, string> =
        error.status === 401 ? { 'www-authenticate': 'Basic realm="listo-sandbox"' } : {};
      sendJson(response, error.status, { error: error.error, error_description: error.description }, headers);
      return true;
    }
  };

  return Object.assign(handler, {
    rotateSigningKey: () => keys.rotate(),
    currentKid: () => keys.currentKid(),
    signJwt: (payload: OidcJwtClaims, header?: { kid?: string }) => keys.sign(payload, header),
  });
}
