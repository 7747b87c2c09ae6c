import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono, Next } from 'hono';
import type { Dashboard } from '../dashboard/dashboard';
import { isAllowedHost, isCrossSite, type OriginPolicy } from './request-origin';

/** The routes with personal data or operator powers: the JSON API, the metrics, the dashboard and its sign-in. */
const OPERATOR_PATHS = ['/api/*', '/metrics', '/', '/auth/*'];
/** Of those, the ones that need a credential: the dashboard page does its own (a session on the allow-list). */
const CREDENTIAL_PATHS = ['/api/*', '/metrics'];

export interface OperatorAccessOptions {
  /** RECEIVER_API_TOKEN: `Authorization: Bearer <token>` opens the credential routes, for machines. */
  apiToken: string | undefined;
  policy: OriginPolicy;
  /** A signed-in person on the dashboard's allow-list opens them too, for people. */
  dashboard: Dashboard;
  /**
   * No credential of either kind is configured. The receiver then only starts on a loopback address (see
   * startReceiver), and the credential routes are open to this machine.
   */
  open: boolean;
}

/**
 * Installs, before any route, what keeps the operator routes to their operators:
 * - a request from another site may not change anything (replay, logout…): 403;
 * - the Host must be this receiver's (a configured origin, or a loopback name), so a DNS-rebinding page cannot
 *   read the API through a victim's browser: 421 (a request with the API token is not from a browser);
 * - `/api/*` and `/metrics` need the API token or an authorised dashboard session: 401.
 */
export function installOperatorAccess(app: Hono, options: OperatorAccessOptions): void {
  const { policy, dashboard } = options;
  const expected = options.apiToken ? createHash('sha256').update(options.apiToken).digest() : undefined;
  const hasToken = (c: Context) => {
    if (!expected) return false;
    const header = c.req.header('authorization') ?? '';
    const given = createHash('sha256')
      .update(header.startsWith('Bearer ') ? header.slice(7) : '')
      .digest();
    // Compare digests in constant time, so the token cannot be guessed byte by byte.
    return timingSafeEqual(given, expected);
  };
  const withToken = new WeakSet<Request>();

  app.use('*', async (c: Context, next: Next) => {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
    // The webhook endpoint is posted to by Listo's servers, never by a browser; its signature is the check.
    if (unsafe && c.req.path !== '/webhooks/listo' && isCrossSite(c.req.raw.headers, policy)) {
      return c.json({ error: 'cross_site_request', message: 'Cross-site requests are not accepted' }, 403);
    }
    await next();
  });

  for (const path of OPERATOR_PATHS) {
    app.use(path, async (c: Context, next: Next) => {
      if (hasToken(c)) withToken.add(c.req.raw);
      else if (!isAllowedHost(c.req.header('host'), policy)) {
        return c.json(
          { error: 'misdirected_request', message: 'This receiver does not answer for that host name' },
          421,
        );
      }
      await next();
    });
  }

  for (const path of CREDENTIAL_PATHS) {
    app.use(path, async (c: Context, next: Next) => {
      if (options.open || withToken.has(c.req.raw) || (await dashboard.isAuthorized(c.req.raw))) {
        await next();
        return;
      }
      return c.json(
        { error: 'unauthorized', message: 'Sign in to the dashboard, or send the API token' },
        401,
        expected ? { 'WWW-Authenticate': 'Bearer' } : {},
      );
    });
  }
}
