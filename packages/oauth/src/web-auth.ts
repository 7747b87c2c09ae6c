import { toBase64Url } from './base64url';
import { clearChunkedCookie, readChunkedCookie, serializeCookie, writeChunkedCookie } from './cookies';
import type { ListoAuth } from './listo-auth';
import { ListoAuthError } from './listo-auth-error';
import { safeReturnTo } from './safe-redirect';
import { createSealer } from './sealed-cookie';
import { createMemorySessionStore, type SessionStore } from './session-store';
import type { ListoIdTokenClaims, ListoTokens, LoginTransaction } from './types';

/** What the web helpers (`@listo/oauth/fetch`, `@listo/oauth/node`) need: the OIDC client, the session secret and store, cookie settings. */
export interface ListoWebAuthOptions {
  /** The OIDC client, from `createListoAuth`. */
  readonly auth: ListoAuth;
  /**
   * Seals the cookies. It must be able to carry 256 bits (e.g. `openssl rand -base64 32`, or
   * `generateSessionSecret()`) and not be predictable; see `checkSessionSecret`. An array rotates secrets: the
   * first seals, all unseal.
   */
  readonly sessionSecret: string | readonly string[];
  /**
   * Where live sessions are kept: a session cookie counts only while its id is there, so logout (or your own
   * `delete`) ends it even if the cookie was copied. Default: `createMemorySessionStore()`, which does not
   * survive a restart and is not shared between processes: plug a durable store for those.
   */
  readonly sessionStore?: SessionStore;
  /**
   * Default true. Set false ONLY for local http testing: cookies then lose `Secure` and the `__Host-` prefix.
   */
  readonly secureCookies?: boolean;
  /** Base name of the cookies. Default `listo`: `__Host-listo.session` and `__Host-listo.login`. */
  readonly cookieName?: string;
  /** How long a session lasts, enforced by the server (sealed value and store), not only the cookie. Default 8 hours. */
  readonly sessionMaxAgeSeconds?: number;
  /** How long a started login may take. Default 10 minutes. */
  readonly loginMaxAgeSeconds?: number;
  /** Where to land after login/logout when no (safe) `returnTo` was given. Default `/`. */
  readonly defaultReturnTo?: string;
}

/**
 * What the session cookie holds. The ID token itself is not kept (its claims are) to keep the cookie small.
 */
export interface ListoWebSession {
  /** The session's id in the `SessionStore` (random, 32 bytes base64url). */
  readonly id: string;
  /** The user's claims: the ID token's, completed from userinfo when the token lacked them (see `ListoSignIn`). */
  readonly claims: ListoIdTokenClaims;
  readonly tokens: Omit<ListoTokens, 'idToken'>;
  /** Epoch seconds. */
  readonly createdAt: number;
  /** Epoch seconds after which the session is refused. */
  readonly expiresAt: number;
}

/** Framework-neutral view of a request: adapters build it from a Fetch Request or a Node IncomingMessage. */
export interface WebRequest {
  /** Only path and query are read; the origin is never trusted. */
  readonly url: URL;
  readonly cookies: ReadonlyMap<string, string>;
}

export type WebResult =
  | { readonly kind: 'redirect'; readonly location: string; readonly setCookies: readonly string[] }
  | { readonly kind: 'error'; readonly error: ListoAuthError; readonly setCookies: readonly string[] };

interface StoredTransaction extends LoginTransaction {
  readonly returnTo: string;
}

export interface WebAuthCore {
  readonly sessionCookieName: string;
  readonly loginCookieName: string;
  login(request: WebRequest): Promise<WebResult>;
  callback(request: WebRequest): Promise<WebResult>;
  logout(request: WebRequest): Promise<WebResult>;
  getSession(request: WebRequest): Promise<ListoWebSession | undefined>;
}

export function createWebAuthCore(options: ListoWebAuthOptions): WebAuthCore {
  const { auth } = options;
  const sealer = createSealer(options.sessionSecret);
  const store = options.sessionStore ?? createMemorySessionStore();
  const secure = options.secureCookies !== false;
  const base = options.cookieName ?? 'listo';
  if (!/^[A-Za-z0-9_-]+$/.test(base)) {
    throw new ListoAuthError('invalid_config', 'cookieName may only contain letters, digits, "_" and "-"');
  }
  // __Host- cookies must be Secure, Path=/ and without Domain: the browser then refuses them from subdomains.
  const prefix = secure ? '__Host-' : '';
  const sessionCookieName = `${prefix}${base}.session`;
  const loginCookieName = `${prefix}${base}.login`;
  const sessionMaxAge = options.sessionMaxAgeSeconds ?? 8 * 3600;
  const loginMaxAge = options.loginMaxAgeSeconds ?? 600;
  const defaultReturnTo = safeReturnTo(options.defaultReturnTo, '/');
  const clearLogin = serializeCookie(loginCookieName, '', { maxAgeSeconds: 0, secure });

  /** The sealed session as it is in the cookie, whether or not the store still has it. */
  async function sealedSession(request: WebRequest): Promise<ListoWebSession | undefined> {
    const sealed = readChunkedCookie(request.cookies, sessionCookieName);
    if (sealed === undefined) return undefined;
    const session = await sealer.unseal<ListoWebSession>(sealed, sessionCookieName);
    if (
      session === undefined ||
      typeof session !== 'object' ||
      typeof session.id !== 'string' ||
      typeof session.expiresAt !== 'number' ||
      typeof session.claims?.sub !== 'string'
    )
      return undefined;
    return session;
  }

  async function getSession(request: WebRequest): Promise<ListoWebSession | undefined> {
    const session = await sealedSession(request);
    const now = Math.floor(Date.now() / 1000);
    if (session === undefined || session.expiresAt <= now) return undefined;
    const record = await store.get(session.id);
    if (record === undefined || record.expiresAt <= now || record.sub !== session.claims.sub)
      return undefined;
    return session;
  }

  return {
    sessionCookieName,
    loginCookieName,
    getSession,

    async login(request) {
      const returnTo = safeReturnTo(request.url.searchParams.get('returnTo'), defaultReturnTo);
      let authorization: Awaited<ReturnType<ListoAuth['createAuthorizationRequest']>>;
      try {
        authorization = await auth.createAuthorizationRequest();
      } catch (error) {
        // e.g. discovery failed: answer like a failed callback rather than with a bare 500.
        const authError =
          error instanceof ListoAuthError
            ? error
            : new ListoAuthError('discovery_failed', 'Sign-in could not start');
        return { kind: 'error', error: authError, setCookies: [] };
      }
      const { url, state, nonce, codeVerifier, scope } = authorization;
      const transaction: StoredTransaction = { state, nonce, codeVerifier, scope, returnTo };
      const sealed = await sealer.seal(transaction, { purpose: loginCookieName, maxAgeSeconds: loginMaxAge });
      return {
        kind: 'redirect',
        location: url.href,
        setCookies: [serializeCookie(loginCookieName, sealed, { maxAgeSeconds: loginMaxAge, secure })],
      };
    },

    async callback(request) {
      const sealed = request.cookies.get(loginCookieName);
      const transaction =
        sealed === undefined ? undefined : await sealer.unseal<StoredTransaction>(sealed, loginCookieName);
      if (transaction === undefined || typeof transaction.state !== 'string') {
        return {
          kind: 'error',
          error: new ListoAuthError(
            'invalid_transaction',
            'No valid login in progress (missing, expired or tampered cookie)',
          ),
          setCookies: [clearLogin],
        };
      }
      try {
        const { claims, tokens } = await auth.handleCallback(request.url, transaction);
        const { idToken: _dropped, ...kept } = tokens;
        const now = Math.floor(Date.now() / 1000);
        const id = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
        const session: ListoWebSession = {
          id,
          claims,
          tokens: kept,
          createdAt: now,
          expiresAt: now + sessionMaxAge,
        };
        // A session this browser still had ends here: one sign-in, one live session.
        const previous = await sealedSession(request);
        if (previous !== undefined) await store.delete(previous.id);
        await store.set(id, { sub: claims.sub, expiresAt: session.expiresAt });
        const sealedValue = await sealer.seal(session, {
          purpose: sessionCookieName,
          maxAgeSeconds: sessionMaxAge,
        });
        return {
          kind: 'redirect',
          location: safeReturnTo(transaction.returnTo, defaultReturnTo),
          setCookies: [
            clearLogin,
            ...writeChunkedCookie(request.cookies, sessionCookieName, sealedValue, {
              maxAgeSeconds: sessionMaxAge,
              secure,
            }),
          ],
        };
      } catch (error) {
        const authError =
          error instanceof ListoAuthError ? error : new ListoAuthError('invalid_response', 'Sign-in failed');
        // The login cookie is single-use: a failed callback cannot be retried with it.
        return { kind: 'error', error: authError, setCookies: [clearLogin] };
      }
    },

    async logout(request) {
      const session = await sealedSession(request);
      if (session !== undefined) await store.delete(session.id);
      return {
        kind: 'redirect',
        location: safeReturnTo(request.url.searchParams.get('returnTo'), defaultReturnTo),
        setCookies: [
          clearLogin,
          ...clearChunkedCookie(request.cookies, sessionCookieName, { maxAgeSeconds: 0, secure }),
        ],
      };
    },
  };
}

/** The status used when no `onError` is given: 502 when Listo could not be reached or discovered, else 400. */
export function defaultErrorStatus(error: ListoAuthError): number {
  return error.code === 'network_error' || error.code === 'discovery_failed' ? 502 : 400;
}

/** The response body used when a callback fails and no `onError` is given: the code only, no details. */
export function defaultErrorText(error: ListoAuthError): string {
  return `Sign-in with Listo failed (${error.code}). Please try again.`;
}
