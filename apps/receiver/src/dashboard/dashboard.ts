import { createListoAuth, type ListoAuthError, type SessionStore } from '@listo/oauth';
import { createListoFetchAuth, type ListoFetchAuth } from '@listo/oauth/fetch';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { ReceiverStore } from '../store/store-types';
import { type DashboardConfig, isAllowed, isLoopbackHttp } from './dashboard-config';
import { escapeHtml, page, renderDashboard } from './render';

const DELIVERY_LIMIT = 50;

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
};

function html(body: string, status = 200): Response {
  return new Response(body, { status, headers: HTML_HEADERS });
}

function createAuth(
  config: Extract<DashboardConfig, { configured: true }>['oauth'],
  sessionStore: SessionStore,
): ListoFetchAuth {
  const auth = createListoAuth({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri: config.redirectUri,
    ...(config.issuer === undefined ? {} : { issuer: config.issuer }),
    // Only a provider on this machine (the sandbox) may be reached over plain http.
    allowInsecureRequests: config.issuer !== undefined && isLoopbackHttp(config.issuer),
  });
  return createListoFetchAuth({
    auth,
    sessionSecret: config.sessionSecret,
    // In the receiver's database: logout ends a session for good, even for a copied cookie, across restarts.
    sessionStore,
    cookieName: 'listo_receiver',
    // Secure cookies need https; a receiver served over plain http (local work) cannot keep them.
    secureCookies: new URL(config.redirectUri).protocol === 'https:',
    onError: (error: ListoAuthError) =>
      html(
        page(
          'Sign-in failed',
          `<div class="center"><h2>Sign-in failed</h2><p>${escapeHtml(error.code)}</p><p><a class="button" href="/auth/login">Try again</a></p></div>`,
        ),
        400,
      ),
  });
}

export interface Dashboard {
  /** True when the request's session belongs to someone on the allow-list (false when the dashboard is off). */
  isAuthorized(request: Request): Promise<boolean>;
  /** Adds `/` and `/auth/*` to the app. */
  mount(app: Hono): void;
}

const signInPage = () =>
  html(
    page(
      'Listo receiver',
      `<div class="center"><h2>Operator dashboard</h2><p>Sign in to see deliveries and mirrored data.</p>
<p><a class="button" href="/auth/login?returnTo=/">Sign in with Listo</a></p></div>`,
    ),
  );

const notAllowedPage = () =>
  html(
    page(
      'Not allowed',
      `<div class="center"><h2>This account may not use the dashboard</h2>
<p>Listo signed you in, but this receiver's operator has not put you on its allow-list
(DASHBOARD_ALLOWED_SUBJECTS, DASHBOARD_ALLOWED_EMAILS or DASHBOARD_ALLOWED_EMAIL_DOMAINS).</p>
<p><a class="button" href="/auth/login?returnTo=/">Sign in with another account</a></p></div>`,
    ),
    403,
  );

/**
 * The operator dashboard: `/` shows the delivery log and the mirrored clients, users and workers to whoever
 * signed in with Listo and is on the allow-list. `/auth/login`, `/auth/callback` and `/auth/logout` run the
 * sign-in.
 */
export function createDashboard(deps: {
  store: ReceiverStore;
  logger: Logger;
  config: DashboardConfig | undefined;
}): Dashboard {
  const { store, logger } = deps;
  const config = deps.config ?? { configured: false, missing: [], problems: [] };

  if (!config.configured) {
    const names = [...config.missing, ...config.problems];
    const notConfigured = () =>
      html(
        page(
          'Dashboard not configured',
          `<div class="center"><h2>The dashboard is not configured</h2>
<p>Set LISTO_OAUTH_CLIENT_ID, LISTO_OAUTH_CLIENT_SECRET, LISTO_OAUTH_REDIRECT_URI and SESSION_SECRET
(and LISTO_OAUTH_ISSUER for the sandbox) to enable "Sign in with Listo", and DASHBOARD_ALLOWED_SUBJECTS,
DASHBOARD_ALLOWED_EMAILS or DASHBOARD_ALLOWED_EMAIL_DOMAINS to say who may use it.</p>${
            names.length ? `<ul>${names.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''
          }</div>`,
        ),
        503,
      );
    return {
      isAuthorized: async () => false,
      mount(app) {
        app.get('/', notConfigured);
        app.on(['GET', 'POST'], '/auth/*', notConfigured);
      },
    };
  }

  const { allow } = config;
  const listo = createAuth(config.oauth, store.sessions);
  const authorizedSession = async (request: Request) => {
    const session = await listo.getSession(request);
    return session && isAllowed(session.claims, allow) ? session : undefined;
  };

  return {
    isAuthorized: async (request) => (await authorizedSession(request)) !== undefined,
    mount(app) {
      app.get('/auth/login', (c) => listo.login(c.req.raw));
      app.get('/auth/callback', async (c) => {
        const response = await listo.callback(c.req.raw);
        if (response.status >= 400) {
          logger.warn('dashboard sign-in failed');
          return response;
        }
        // Signed in; now authorised? Read the new session back from the cookies the callback just set.
        const cookies = response.headers
          .getSetCookie()
          .map((line) => line.split(';', 1)[0])
          .join('; ');
        const session = await listo.getSession(new Request(c.req.url, { headers: { cookie: cookies } }));
        if (session && isAllowed(session.claims, allow)) return response;
        logger.warn({ sub: session?.claims.sub }, 'dashboard sign-in refused: not on the allow-list');
        // No session for someone not allowed: the page says why, and the cookies are cleared at once.
        const refused = notAllowedPage();
        const cleared = await listo.logout(new Request(c.req.url, { headers: { cookie: cookies } }));
        for (const line of cleared.headers.getSetCookie()) refused.headers.append('set-cookie', line);
        return refused;
      });
      app.post('/auth/logout', (c) => listo.logout(c.req.raw));

      app.get('/', async (c) => {
        const session = await listo.getSession(c.req.raw);
        if (!session) return signInPage();
        if (!isAllowed(session.claims, allow)) return notAllowedPage();
        const [deliveries, clients, users, workers] = await Promise.all([
          store.listDeliveries({ limit: DELIVERY_LIMIT }),
          store.listClients(),
          store.listUsers(),
          store.listWorkers(),
        ]);
        const who = session.claims.name ?? session.claims.email ?? session.claims.sub;
        const header = `Signed in as <strong>${escapeHtml(who)}</strong>
    <form method="post" action="/auth/logout"><button type="submit">Sign out</button></form>`;
        return html(
          page(
            'Listo receiver',
            renderDashboard({ deliveries, clients, users, workers }, DELIVERY_LIMIT),
            header,
          ),
        );
      });
    },
  };
}
