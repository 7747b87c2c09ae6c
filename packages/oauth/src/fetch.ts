import { parseCookies } from './cookies';
import type { ListoAuthError } from './listo-auth-error';
import {
  createWebAuthCore,
  defaultErrorStatus,
  defaultErrorText,
  type ListoWebAuthOptions,
  type ListoWebSession,
  type WebResult,
} from './web-auth';

export type { ListoWebAuthOptions, ListoWebSession } from './web-auth';

/** Options of `createListoFetchAuth`: the web helpers' options plus how a failed callback is answered. */
export interface ListoFetchAuthOptions extends ListoWebAuthOptions {
  /** Builds the response for a failed callback. Default: 400 (502 if Listo is unreachable) with a short text naming the error code. */
  readonly onError?: (error: ListoAuthError, request: Request) => Response | Promise<Response>;
}

/** Login, callback and logout handlers for Fetch `Request`s, from `createListoFetchAuth`. */
export interface ListoFetchAuth {
  /** GET: starts a login and redirects to Listo. `?returnTo=/path` (same-origin paths only) is where to land afterwards. */
  login(request: Request): Promise<Response>;
  /** GET: the redirect URI. Completes the login, sets the session cookie and redirects to `returnTo`. */
  callback(request: Request): Promise<Response>;
  /** GET or POST: ends the session (deleted from the session store, cookies cleared) and redirects to `?returnTo=` (same-origin) or `/`. */
  logout(request: Request): Promise<Response>;
  /** The signed-in user's session, or undefined. */
  getSession(request: Request): Promise<ListoWebSession | undefined>;
  /** The name of the sealed session cookie. */
  readonly sessionCookieName: string;
}

function toWebRequest(request: Request) {
  return { url: new URL(request.url), cookies: parseCookies(request.headers.get('cookie')) };
}

function noStore(headers: Headers): Headers {
  headers.set('cache-control', 'no-store');
  return headers;
}

/**
 * Login, callback and logout handlers for any Fetch `Request` (Hono, Next.js route handlers, Workers,
 * Bun, Deno). Tokens live only in a sealed HttpOnly cookie.
 */
export function createListoFetchAuth(options: ListoFetchAuthOptions): ListoFetchAuth {
  const core = createWebAuthCore(options);

  async function respond(result: WebResult, request: Request): Promise<Response> {
    if (result.kind === 'redirect') {
      const headers = noStore(new Headers({ location: result.location }));
      for (const cookie of result.setCookies) headers.append('set-cookie', cookie);
      return new Response(null, { status: 303, headers });
    }
    const response =
      options.onError === undefined
        ? new Response(defaultErrorText(result.error), {
            status: defaultErrorStatus(result.error),
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          })
        : await options.onError(result.error, request);
    // Copy into fresh headers: a Response's own headers may be immutable.
    const headers = noStore(new Headers(response.headers));
    for (const cookie of result.setCookies) headers.append('set-cookie', cookie);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }

  return {
    sessionCookieName: core.sessionCookieName,
    login: async (request) => respond(await core.login(toWebRequest(request)), request),
    callback: async (request) => respond(await core.callback(toWebRequest(request)), request),
    logout: async (request) => respond(await core.logout(toWebRequest(request)), request),
    getSession: (request) => core.getSession(toWebRequest(request)),
  };
}

export { safeReturnTo } from './safe-redirect';
