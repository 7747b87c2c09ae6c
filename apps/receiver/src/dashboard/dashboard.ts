import { createListoAuth, type ListoAuthError } from '@listo/oauth';
import { createListoFetchAuth, type ListoFetchAuth } from '@listo/oauth/fetch';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { ReceiverStore } from '../store/receiver-store';
import { type DashboardConfig, isLoopbackHttp } from './dashboard-config';
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

function createAuth(config: Extract<DashboardConfig, { configured: true }>['oauth']): ListoFetchAuth {
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

/**
 * The operator dashboard: `/` shows the delivery log and the mirrored clients, users and workers to whoever
 * signed in with Listo. `/auth/login`, `/auth/callback` and `/auth/logout` run the sign-in.
 */
export function mountDashboard(
  app: Hono,
  deps: { store: ReceiverStore; logger: Logger; config: DashboardConfig | undefined },
): void {
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
(and LISTO_OAUTH_ISSUER for the sandbox) to enable "Sign in with Listo".</p>${
            names.length ? `<ul>${names.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''
          }</div>`,
        ),
        503,
      );
    app.get('/', notConfigured);
    app.on(['GET', 'POST'], '/auth/*', notConfigured);
    return;
  }

  const listo = createAuth(config.oauth);
  app.get('/auth/login', (c) => listo.login(c.req.raw));
  app.get('/auth/callback', async (c) => {
    const response = await listo.callback(c.req.raw);
    if (response.status >= 400) logger.warn('dashboard sign-in failed');
    return response;
  });
  app.post('/auth/logout', (c) => listo.logout(c.req.raw));

  app.get('/', async (c) => {
    const session = await listo.getSession(c.req.raw);
    if (!session) {
      return html(
        page(
          'Listo receiver',
          `<div class="center"><h2>Operator dashboard</h2><p>Sign in to see deliveries and mirrored data.</p>
<p><a class="button" href="/auth/login?returnTo=/">Sign in with Listo</a></p></div>`,
        ),
      );
    }
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
}
