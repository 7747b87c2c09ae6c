import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** Options of `createListoNodeAuth`: the web helpers' options plus how a failed callback is answered. */
export interface ListoNodeAuthOptions extends ListoWebAuthOptions {
  /** Writes the response for a failed callback. Default: 400 (502 if Listo is unreachable) with a short text naming the error code. */
  readonly onError?: (
    error: ListoAuthError,
    req: IncomingMessage,
    res: ServerResponse,
  ) => void | Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Login, callback and logout handlers for Node http and Express, from `createListoNodeAuth`. */
export interface ListoNodeAuth {
  /** GET: starts a login and redirects to Listo. `?returnTo=/path` (same-origin paths only) is where to land afterwards. */
  login: Handler;
  /** GET: the redirect URI. Completes the login, sets the session cookie and redirects to `returnTo`. */
  callback: Handler;
  /** GET or POST: ends the session (deleted from the session store, cookies cleared) and redirects to `?returnTo=` (same-origin) or `/`. */
  logout: Handler;
  /** The signed-in user's session, or undefined. */
  getSession(req: IncomingMessage): Promise<ListoWebSession | undefined>;
  /** The name of the sealed session cookie. */
  readonly sessionCookieName: string;
}

function toWebRequest(req: IncomingMessage) {
  // Express rewrites req.url under a mounted router; originalUrl keeps the full path.
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  // Only path and query matter here, so the Host header is never trusted for anything.
  return { url: new URL(path, 'http://localhost'), cookies: parseCookies(req.headers.cookie) };
}

/**
 * Login, callback and logout handlers for Node's http module and Express (`app.get('/auth/login', auth.login)`).
 * Tokens live only in a sealed HttpOnly cookie.
 */
export function createListoNodeAuth(options: ListoNodeAuthOptions): ListoNodeAuth {
  const core = createWebAuthCore(options);

  async function respond(result: WebResult, req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('cache-control', 'no-store');
    res.setHeader('set-cookie', [...result.setCookies]);
    if (result.kind === 'redirect') {
      res.statusCode = 303;
      res.setHeader('location', result.location);
      res.end();
      return;
    }
    if (options.onError !== undefined) {
      await options.onError(result.error, req, res);
      return;
    }
    res.statusCode = defaultErrorStatus(result.error);
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end(defaultErrorText(result.error));
  }

  return {
    sessionCookieName: core.sessionCookieName,
    login: async (req, res) => respond(await core.login(toWebRequest(req)), req, res),
    callback: async (req, res) => respond(await core.callback(toWebRequest(req)), req, res),
    logout: async (req, res) => respond(await core.logout(toWebRequest(req)), req, res),
    getSession: (req) => core.getSession(toWebRequest(req)),
  };
}

export { safeReturnTo } from './safe-redirect';
