import { request } from 'node:http';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboard } from '../src/dashboard/dashboard';
import { isAllowed, loadDashboardConfig } from '../src/dashboard/dashboard-config';
import { createLogger } from '../src/logger';
import type { ReceiverStore } from '../src/store/store-types';
import { type DashboardSetup, SESSION_SECRET, startDashboardSetup } from './support/dashboard';

/** A tiny cookie-keeping client that does not follow redirects, to watch each step of the sign-in. */
class Browser {
  readonly cookies = new Map<string, string>();
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const name = pair.slice(0, pair.indexOf('='));
      if (/Max-Age=0/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(pair.indexOf('=') + 1));
    }
    return response;
  }
}

/** A GET with an exact Host header (fetch would always send the URL's), carrying the browser's cookies. */
function rawGet(port: number, path: string, host: string, browser: Browser) {
  return new Promise<{ status: number }>((resolve, reject) => {
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const req = request({ host: '127.0.0.1', port, path, headers: { host, cookie } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Runs the whole sign-in as `sub`: the receiver's login, then the sandbox's provider (oidc-provider) in a cookie jar
 * of its own, its sign-in page where the user is picked and its redirects, until it sends the browser back to the
 * receiver's callback. Returns the login's answer and the callback's.
 */
async function signIn(browser: Browser, setup: DashboardSetup, sub: string) {
  const login = await browser.request(`${setup.receiver.url}/auth/login?returnTo=/`);
  const authorize = new URL(login.headers.get('location')!);
  const atSandbox = new Browser();
  const signInPage = new URL(
    (await atSandbox.request(authorize.href)).headers.get('location')!,
    setup.sandbox.url,
  );
  let step = await atSandbox.request(signInPage.href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ sub }),
  });
  let next = new URL(step.headers.get('location')!, setup.sandbox.url);
  while (next.origin === setup.sandbox.url) {
    step = await atSandbox.request(next.href);
    next = new URL(step.headers.get('location')!, setup.sandbox.url);
  }
  return { login, authorize, callback: await browser.request(next.href) };
}

const PERSONAL_ROUTES = [
  '/api/clients',
  '/api/users',
  '/api/workers',
  '/api/contracts',
  '/api/deliveries',
  '/metrics',
];

describe('the dashboard behind "Sign in with Listo"', () => {
  let setup: DashboardSetup;
  beforeAll(async () => {
    setup = await startDashboardSetup();
  });
  afterAll(() => setup?.close());

  it('offers only a sign-in link to a visitor without a session', async () => {
    const response = await fetch(`${setup.receiver.url}/`);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('Sign in with Listo');
    expect(body).not.toContain(setup.seen.userEmail);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('signs in at the sandbox, shows deliveries and mirrored data (escaped), and signs out', async () => {
    const browser = new Browser();
    const { login, authorize, callback } = await signIn(browser, setup, setup.user.id);
    expect(login.status).toBe(303);
    expect(authorize.origin).toBe(setup.sandbox.url);
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/');
    expect([...browser.cookies.keys()]).toEqual(['listo_receiver.session']);

    const page = await (await browser.request(`${setup.receiver.url}/`)).text();
    expect(page).toContain(`Signed in as <strong>${setup.user.name}</strong>`);
    for (const id of setup.seen.eventIds) expect(page).toContain(id);
    expect(page).toContain('Acme &lt;b&gt;EOR&lt;/b&gt; &amp; Co');
    expect(page).not.toContain('<b>EOR</b>');
    expect(page).toContain(setup.seen.userEmail);
    expect(page).toContain(setup.seen.workerEmail);

    const logout = await browser.request(`${setup.receiver.url}/auth/logout`, { method: 'POST' });
    expect(logout.status).toBe(303);
    expect(browser.cookies.size).toBe(0);
    expect(await (await browser.request(`${setup.receiver.url}/`)).text()).toContain('Sign in with Listo');
  });

  it('serves the operator API to a signed-in operator only, and not after sign-out', async () => {
    for (const path of PERSONAL_ROUTES) {
      expect((await fetch(`${setup.receiver.url}${path}`)).status).toBe(401);
    }
    const browser = new Browser();
    expect((await signIn(browser, setup, setup.user.id)).callback.status).toBe(303);
    for (const path of PERSONAL_ROUTES) {
      expect((await browser.request(`${setup.receiver.url}${path}`)).status).toBe(200);
    }
    const { users } = (await (await browser.request(`${setup.receiver.url}/api/users`)).json()) as {
      users: { email: string }[];
    };
    expect(users.map((u) => u.email)).toContain(setup.seen.userEmail);
    await browser.request(`${setup.receiver.url}/auth/logout`, { method: 'POST' });
    expect((await browser.request(`${setup.receiver.url}/api/users`)).status).toBe(401);
  });

  it('ends the session for good at sign-out: a copied cookie stops working too', async () => {
    const browser = new Browser();
    await signIn(browser, setup, setup.user.id);
    const copy = new Browser();
    for (const [name, value] of browser.cookies) copy.cookies.set(name, value);
    expect((await copy.request(`${setup.receiver.url}/api/users`)).status).toBe(200);
    expect(await (await copy.request(`${setup.receiver.url}/`)).text()).toContain('Signed in as');

    await browser.request(`${setup.receiver.url}/auth/logout`, { method: 'POST' });
    expect((await copy.request(`${setup.receiver.url}/api/users`)).status).toBe(401);
    const page = await (await copy.request(`${setup.receiver.url}/`)).text();
    expect(page).toContain('Sign in with Listo');
    expect(page).not.toContain(setup.seen.userEmail);
  });

  it('keeps sessions in the receiver’s database, not in the process', async () => {
    const browser = new Browser();
    await signIn(browser, setup, setup.user.id);
    expect(await setup.receiver.store.sessions.deleteBySubject(setup.user.id)).toBeGreaterThan(0);
    expect((await browser.request(`${setup.receiver.url}/api/users`)).status).toBe(401);
  });

  it('refuses someone Listo signed in who is not on the allow-list, and keeps no session for them', async () => {
    const browser = new Browser();
    const { callback } = await signIn(browser, setup, setup.outsider.id);
    expect(callback.status).toBe(403);
    const body = await callback.text();
    expect(body).toContain('may not use the dashboard');
    expect(body).not.toContain(setup.seen.userEmail);
    expect(browser.cookies.size).toBe(0);
    expect(await (await browser.request(`${setup.receiver.url}/`)).text()).toContain('Sign in with Listo');
    expect((await browser.request(`${setup.receiver.url}/api/users`)).status).toBe(401);
  });

  it('refuses a sign-out posted from another site, and answers only for its own host name', async () => {
    const browser = new Browser();
    await signIn(browser, setup, setup.user.id);
    for (const headers of [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ]) {
      const logout = await browser.request(`${setup.receiver.url}/auth/logout`, { method: 'POST', headers });
      expect(logout.status).toBe(403);
    }
    // Still signed in: none of them reached the sign-out.
    expect((await browser.request(`${setup.receiver.url}/api/users`)).status).toBe(200);
    const sameOrigin = await browser.request(`${setup.receiver.url}/auth/logout`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', origin: setup.receiver.url },
    });
    expect(sameOrigin.status).toBe(303);

    // A DNS-rebinding page reaches this port under its own name: no page, no data, even with a session.
    await signIn(browser, setup, setup.user.id);
    for (const path of ['/', '/api/users', '/auth/login']) {
      const { status } = await rawGet(setup.receiver.port, path, 'rebind.evil.example', browser);
      expect(status).toBe(421);
    }
    expect(
      (await rawGet(setup.receiver.port, '/api/users', `127.0.0.1:${setup.receiver.port}`, browser)).status,
    ).toBe(200);
  });

  it('shows an error page, not the data, for a forged callback', async () => {
    const response = await fetch(`${setup.receiver.url}/auth/callback?code=forged&state=forged`);
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('invalid_transaction');
    expect(body).not.toContain(setup.seen.userEmail);
  });
});

describe('a receiver without dashboard configuration', () => {
  // Nothing is read from the store when the dashboard is off, so a bare app is enough here.
  const app = new Hono();
  createDashboard({
    store: {} as ReceiverStore,
    logger: createLogger({ level: 'silent' }),
    config: loadDashboardConfig({}),
  }).mount(app);

  it('says the dashboard is not configured and names the variables to set', async () => {
    const response = await app.request('/');
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(body).toContain('The dashboard is not configured');
    expect(body).toContain('LISTO_OAUTH_CLIENT_ID');
    expect((await app.request('/auth/login')).status).toBe(503);
  });
});

describe('loadDashboardConfig', () => {
  it('is configured only with every variable, and never echoes a value', () => {
    const env = {
      LISTO_OAUTH_CLIENT_ID: 'id',
      LISTO_OAUTH_CLIENT_SECRET: 'secret-value',
      LISTO_OAUTH_REDIRECT_URI: 'https://ops.example/auth/callback',
      SESSION_SECRET,
      DASHBOARD_ALLOWED_EMAIL_DOMAINS: '@Ops.Example, partner.example',
    };
    expect(loadDashboardConfig(env)).toMatchObject({
      configured: true,
      oauth: { issuer: undefined },
      allow: { subjects: [], emails: [], emailDomains: ['ops.example', 'partner.example'] },
    });
    const partial = loadDashboardConfig({
      ...env,
      LISTO_OAUTH_CLIENT_ID: '',
      SESSION_SECRET: 'short-secret',
    });
    expect(partial).toEqual({
      configured: false,
      missing: ['LISTO_OAUTH_CLIENT_ID'],
      problems: [expect.stringMatching(/^SESSION_SECRET is refused: it can hold at most \d+ bits/)],
    });
    expect(JSON.stringify(partial)).not.toContain('short-secret');
  });

  it('does not open the dashboard without an allow-list, and says why', () => {
    const config = loadDashboardConfig({
      LISTO_OAUTH_CLIENT_ID: 'id',
      LISTO_OAUTH_CLIENT_SECRET: 'secret-value',
      LISTO_OAUTH_REDIRECT_URI: 'https://ops.example/auth/callback',
      SESSION_SECRET,
    });
    expect(config).toMatchObject({ configured: false, missing: [] });
    expect(config.configured === false && config.problems.join(' ')).toMatch(
      /DASHBOARD_ALLOWED_SUBJECTS, DASHBOARD_ALLOWED_EMAILS or DASHBOARD_ALLOWED_EMAIL_DOMAINS/,
    );
  });
});

describe('isAllowed', () => {
  const allow = {
    subjects: ['lglsousr_ops'],
    emails: ['ada@partner.example'],
    emailDomains: ['ops.example'],
  };
  const claims = (email: string | undefined, verified: boolean | undefined, sub = 'lglsousr_other') => ({
    sub,
    email,
    email_verified: verified,
  });

  it('lets in a listed subject, a listed verified e-mail and a verified e-mail of a listed domain', () => {
    expect(isAllowed(claims(undefined, undefined, 'lglsousr_ops'), allow)).toBe(true);
    expect(isAllowed(claims('Ada@Partner.Example', true), allow)).toBe(true);
    expect(isAllowed(claims('someone@ops.example', true), allow)).toBe(true);
  });

  it('keeps out unverified addresses, look-alike domains and everybody else', () => {
    expect(isAllowed(claims('ada@partner.example', false), allow)).toBe(false);
    expect(isAllowed(claims('ada@partner.example', undefined), allow)).toBe(false);
    expect(isAllowed(claims('someone@evil-ops.example', true), allow)).toBe(false);
    expect(isAllowed(claims('someone@ops.example.evil', true), allow)).toBe(false);
    expect(isAllowed(claims('someone@sub.ops.example', true), allow)).toBe(false);
    expect(isAllowed(claims(undefined, undefined), allow)).toBe(false);
  });
});
