import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListoAuth } from '../src/index';
import { createListoNodeAuth } from '../src/node';
import { CookieJar } from './support/cookie-jar';
import { CLIENT, type RunningProvider, signInAt, startProvider, USERS } from './support/provider';

let sandbox: RunningProvider;
let app: Server;
let appUrl: string;

beforeAll(async () => {
  sandbox = await startProvider();
  // The registered redirect URI names port 5173; the app listens elsewhere, and the test carries the
  // provider's redirect over by hand, as a browser would after following it.
  const auth = createListoAuth({
    clientId: CLIENT.clientId,
    clientSecret: CLIENT.clientSecret,
    redirectUri: CLIENT.redirectUris[0],
    issuer: sandbox.issuer,
    allowInsecureRequests: true,
  });
  const listo = createListoNodeAuth({
    auth,
    sessionSecret: 'node-session-secret-long-enough-for-256-bits!',
    secureCookies: false,
  });
  app = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route =
      path === '/auth/login'
        ? listo.login
        : path === '/auth/callback'
          ? listo.callback
          : path === '/auth/logout'
            ? listo.logout
            : undefined;
    if (route) {
      route(req, res).catch(() => res.writeHead(500).end());
      return;
    }
    listo.getSession(req).then((session) => {
      res.setHeader('content-type', 'text/plain');
      res.end(session ? `hello ${session.claims.email}` : 'signed out');
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});

afterAll(async () => {
  app.closeAllConnections();
  await new Promise((resolve) => app.close(resolve));
  await sandbox.close();
});

async function get(path: string, jar: CookieJar): Promise<Response> {
  const response = await fetch(`${appUrl}${path}`, { headers: { cookie: jar.header() }, redirect: 'manual' });
  jar.store(response.headers.getSetCookie());
  return response;
}

describe('createListoNodeAuth (Node http / Express)', () => {
  it('signs in, shows the session, and signs out', async () => {
    const jar = new CookieJar();
    expect(await (await get('/', jar)).text()).toBe('signed out');
    const login = await get('/auth/login?returnTo=/welcome', jar);
    expect(login.status).toBe(303);
    expect(login.headers.getSetCookie()[0]).toMatch(/^listo\.login=v1\..*; HttpOnly; SameSite=Lax$/);
    const callbackUrl = await signInAt(new URL(login.headers.get('location')!));
    const callback = await get(`/auth/callback${callbackUrl.search}`, jar);
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/welcome');
    expect(await (await get('/', jar)).text()).toBe(`hello ${USERS[0].email}`);
    const logout = await get('/auth/logout', jar);
    expect(logout.headers.get('location')).toBe('/');
    expect(await (await get('/', jar)).text()).toBe('signed out');
  });

  it('answers a forged callback with 400 and the error code only', async () => {
    const response = await get('/auth/callback?code=stolen&state=guess', new CookieJar());
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Sign-in with Listo failed (invalid_transaction). Please try again.');
  });

  it('refuses open redirects given to login', async () => {
    const jar = new CookieJar();
    const login = await get(`/auth/login?returnTo=${encodeURIComponent('//evil.example/x')}`, jar);
    const callbackUrl = await signInAt(new URL(login.headers.get('location')!));
    expect((await get(`/auth/callback${callbackUrl.search}`, jar)).headers.get('location')).toBe('/');
  });
});
