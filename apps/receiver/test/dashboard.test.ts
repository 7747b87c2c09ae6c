import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountDashboard } from '../src/dashboard/dashboard';
import { loadDashboardConfig } from '../src/dashboard/dashboard-config';
import { createLogger } from '../src/logger';
import type { ReceiverStore } from '../src/store/receiver-store';
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
    const login = await browser.request(`${setup.receiver.url}/auth/login?returnTo=/`);
    expect(login.status).toBe(303);
    const authorize = new URL(login.headers.get('location')!);
    expect(authorize.origin).toBe(setup.sandbox.url);
    // The sandbox's provider (oidc-provider) in a cookie jar of its own: its sign-in page, where the user
    // is picked, then its redirects until it sends the browser back to the receiver's callback.
    const atSandbox = new Browser();
    const signInPage = new URL(
      (await atSandbox.request(authorize.href)).headers.get('location')!,
      setup.sandbox.url,
    );
    let step = await atSandbox.request(signInPage.href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ sub: setup.user.id }),
    });
    let next = new URL(step.headers.get('location')!, setup.sandbox.url);
    while (next.origin === setup.sandbox.url) {
      step = await atSandbox.request(next.href);
      next = new URL(step.headers.get('location')!, setup.sandbox.url);
    }
    const callback = await browser.request(next.href);
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
  mountDashboard(app, {
    store: {} as ReceiverStore,
    logger: createLogger({ level: 'silent' }),
    config: loadDashboardConfig({}),
  });

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
    };
    expect(loadDashboardConfig(env)).toMatchObject({ configured: true, oauth: { issuer: undefined } });
    const partial = loadDashboardConfig({
      ...env,
      LISTO_OAUTH_CLIENT_ID: '',
      SESSION_SECRET: 'short-secret',
    });
    expect(partial).toEqual({
      configured: false,
      missing: ['LISTO_OAUTH_CLIENT_ID'],
      problems: ['SESSION_SECRET must be at least 32 characters'],
    });
    expect(JSON.stringify(partial)).not.toContain('short-secret');
  });
});
