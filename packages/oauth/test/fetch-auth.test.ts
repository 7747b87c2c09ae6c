import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createListoFetchAuth, type ListoFetchAuthOptions } from '../src/fetch';
import {
  createListoAuth,
  createMemorySessionStore,
  generateSessionSecret,
  type SessionRecord,
  type SessionStore,
} from '../src/index';
import { CookieJar } from './support/cookie-jar';
import { CLIENT, type RunningProvider, signInAt, startProvider, USERS } from './support/provider';

const APP = 'http://127.0.0.1:5173';
const SECRET = 'a-session-secret-of-at-least-32-characters!';
const store = createMemorySessionStore();
let sandbox: RunningProvider;
beforeAll(async () => {
  sandbox = await startProvider();
});
afterAll(() => sandbox.close());

function web(overrides: Partial<ListoFetchAuthOptions> = {}) {
  const auth = createListoAuth({
    clientId: CLIENT.clientId,
    clientSecret: CLIENT.clientSecret,
    redirectUri: `${APP}/auth/callback`,
    issuer: sandbox.issuer,
    allowInsecureRequests: true,
  });
  // One store for every handler set, as one for all of an app's processes would be.
  return createListoFetchAuth({ auth, sessionSecret: SECRET, sessionStore: store, ...overrides });
}

function get(path: string, jar?: CookieJar): Request {
  return new Request(`${APP}${path}`, { headers: jar ? { cookie: jar.header() } : {} });
}

/** Login -> provider sign-in page -> callback, as a browser would, keeping cookies in `jar`. */
async function signIn(handlers = web(), returnTo?: string, jar = new CookieJar()) {
  const login = await handlers.login(
    get(`/auth/login${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`),
  );
  jar.store(login.headers.getSetCookie());
  const callbackUrl = await signInAt(new URL(login.headers.get('location')!));
  const callback = await handlers.callback(get(`${callbackUrl.pathname}${callbackUrl.search}`, jar));
  jar.store(callback.headers.getSetCookie());
  return { login, callback, jar, handlers };
}

describe('login', () => {
  it('redirects to the provider and keeps the login secrets in a sealed, HttpOnly, Secure, SameSite=Lax cookie', async () => {
    const response = await web().login(get('/auth/login'));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(`${sandbox.issuer}/auth?`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-listo\.login=v1\.[A-Za-z0-9_-]+; /);
    expect(cookie).toContain('; HttpOnly');
    expect(cookie).toContain('; Secure');
    expect(cookie).toContain('; SameSite=Lax');
    expect(cookie).toContain('; Path=/');
    const state = new URL(response.headers.get('location')!).searchParams.get('state')!;
    expect(cookie).not.toContain(state);
  });

  it('drops Secure and the __Host- prefix only when secureCookies is explicitly false', async () => {
    const [cookie] = (await web({ secureCookies: false }).login(get('/auth/login'))).headers.getSetCookie();
    expect(cookie).toMatch(/^listo\.login=/);
    expect(cookie).not.toContain('Secure');
    expect(cookie).toContain('HttpOnly');
  });

  it('refuses a weak session secret', () => {
    expect(() => web({ sessionSecret: 'too-short' })).toThrowError(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });
});

describe('callback', () => {
  it('signs the user in: session cookie set, login cookie cleared, back to the requested page', async () => {
    const { callback, jar, handlers } = await signIn(web(), '/reports?month=11#top');
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/reports?month=11#top');
    expect(jar.cookies.has('__Host-listo.login')).toBe(false);
    const session = await handlers.getSession(get('/', jar));
    expect(session?.claims).toMatchObject({ sub: USERS[0].sub, email: USERS[0].email });
    expect(session?.tokens.accessToken).toEqual(expect.any(String));
    // Tokens never appear in clear in the cookie.
    expect(jar.header()).not.toContain(session!.tokens.accessToken);
  });

  it('answers 400 with the error code only when no login is in progress', async () => {
    const response = await web().callback(get('/auth/callback?code=abc&state=xyz'));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('invalid_transaction');
  });

  it('refuses a callback whose state belongs to another login (login CSRF)', async () => {
    const handlers = web();
    const jar = new CookieJar();
    jar.store((await handlers.login(get('/auth/login'))).headers.getSetCookie());
    // The attacker's own login, completed up to the code, replayed into the victim's browser.
    const attacker = await handlers.login(get('/auth/login'));
    const attackerCallback = await signInAt(new URL(attacker.headers.get('location')!));
    const response = await handlers.callback(get(`/auth/callback${attackerCallback.search}`, jar));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('state_mismatch');
    expect(response.headers.getSetCookie().join()).toContain('__Host-listo.login=;');
  });

  it('lets onError shape the failure response and still clears the login cookie', async () => {
    const handlers = web({ onError: (error) => Response.json({ failed: error.code }, { status: 401 }) });
    const response = await handlers.callback(get('/auth/callback?code=abc&state=xyz'));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ failed: 'invalid_transaction' });
    expect(response.headers.getSetCookie()[0]).toMatch(/^__Host-listo\.login=;/);
  });
});

describe('open redirects', () => {
  it.each([
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/%2Fevil.example',
    '%2F%2Fevil.example',
    '/%5Cevil.example',
    '/%255Cevil.example',
    'javascript:alert(1)',
    '/\t/evil.example',
    ' /x',
    '/..//evil.example',
  ])('lands on / instead of %j after login', async (returnTo) => {
    const { callback } = await signIn(web(), returnTo);
    expect(callback.headers.get('location')).toBe('/');
  });

  it('lands on / instead of an absolute URL after logout', async () => {
    const response = await web().logout(get('/auth/logout?returnTo=https://evil.example'));
    expect(response.headers.get('location')).toBe('/');
  });
});

describe('cookie tampering', () => {
  it('treats a session cookie with one character changed as no session', async () => {
    const { jar, handlers } = await signIn();
    const value = jar.cookies.get('__Host-listo.session')!;
    const i = value.length - 5;
    jar.cookies.set(
      '__Host-listo.session',
      `${value.slice(0, i)}${value[i] === 'A' ? 'B' : 'A'}${value.slice(i + 1)}`,
    );
    expect(await handlers.getSession(get('/', jar))).toBeUndefined();
  });

  it('does not accept a login cookie where a session cookie belongs (values are bound to their cookie)', async () => {
    const handlers = web();
    const jar = new CookieJar();
    jar.store((await handlers.login(get('/auth/login'))).headers.getSetCookie());
    jar.cookies.set('__Host-listo.session', jar.cookies.get('__Host-listo.login')!);
    expect(await handlers.getSession(get('/', jar))).toBeUndefined();
  });

  it('does not accept a session sealed with another secret', async () => {
    const { jar } = await signIn(web({ sessionSecret: generateSessionSecret() }));
    expect(await web().getSession(get('/', jar))).toBeUndefined();
  });

  it('keeps sessions valid across a secret rotation (new secret first, old one second)', async () => {
    const { jar } = await signIn(web());
    const rotated = web({ sessionSecret: [generateSessionSecret(), SECRET] });
    expect((await rotated.getSession(get('/', jar)))?.claims.sub).toBe(USERS[0].sub);
  });

  it('refuses a tampered login cookie at the callback', async () => {
    const handlers = web();
    const jar = new CookieJar();
    const login = await handlers.login(get('/auth/login'));
    jar.store(login.headers.getSetCookie());
    jar.cookies.set('__Host-listo.login', `${jar.cookies.get('__Host-listo.login')!.slice(0, -2)}xx`);
    const callbackUrl = await signInAt(new URL(login.headers.get('location')!));
    const response = await handlers.callback(get(`/auth/callback${callbackUrl.search}`, jar));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('invalid_transaction');
  });
});

describe('logout', () => {
  it('clears the session cookie', async () => {
    const { jar, handlers } = await signIn();
    const response = await handlers.logout(get('/auth/logout?returnTo=/bye', jar));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/bye');
    jar.store(response.headers.getSetCookie());
    expect(jar.cookies.has('__Host-listo.session')).toBe(false);
    expect(await handlers.getSession(get('/', jar))).toBeUndefined();
  });
});

describe('server-side sessions', () => {
  it('ends the session at logout, so a copy of the cookie taken before no longer signs anyone in', async () => {
    const { jar, handlers } = await signIn();
    const copied = get('/', jar);
    expect(await handlers.getSession(copied)).toBeDefined();
    await handlers.logout(get('/auth/logout', jar));
    expect(await handlers.getSession(get('/', jar))).toBeUndefined();
    expect(await handlers.getSession(copied)).toBeUndefined();
  });

  it('refuses a session past its lifetime even if the browser still sends the cookie', async () => {
    const { jar, handlers } = await signIn(web({ sessionMaxAgeSeconds: 60 }));
    const session = await handlers.getSession(get('/', jar));
    expect(session?.expiresAt).toBe(session!.createdAt + 60);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    try {
      expect(await handlers.getSession(get('/', jar))).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends every session of a user deleted from the store, and only those', async () => {
    const local = createMemorySessionStore();
    const handlers = web({ sessionStore: local });
    const maya = await signIn(handlers);
    const again = await signIn(handlers);
    expect(local.size).toBe(2);
    expect(local.deleteBySubject(USERS[0].sub)).toBe(2);
    expect(await handlers.getSession(get('/', maya.jar))).toBeUndefined();
    expect(await handlers.getSession(get('/', again.jar))).toBeUndefined();
  });

  it('ends the session a browser had when it signs in again', async () => {
    const local = createMemorySessionStore();
    const handlers = web({ sessionStore: local });
    const first = await signIn(handlers);
    const oldCookie = get('/', first.jar);
    await signIn(handlers, undefined, first.jar);
    expect(local.size).toBe(1);
    expect(await handlers.getSession(oldCookie)).toBeUndefined();
    expect(await handlers.getSession(get('/', first.jar))).toBeDefined();
  });

  it('works with an app\u2019s own asynchronous store', async () => {
    const rows = new Map<string, SessionRecord>();
    const durable: SessionStore = {
      async set(id, record) {
        rows.set(id, record);
      },
      async get(id) {
        return rows.get(id);
      },
      async delete(id) {
        rows.delete(id);
      },
    };
    const { jar, handlers } = await signIn(web({ sessionStore: durable }));
    const session = await handlers.getSession(get('/', jar));
    expect(rows.get(session!.id)).toEqual({ sub: USERS[0].sub, expiresAt: session!.expiresAt });
    await handlers.logout(get('/auth/logout', jar));
    expect(rows.size).toBe(0);
  });

  it('keeps the claims the app asked for, from userinfo, in the session (no "Hello undefined")', async () => {
    const { jar, handlers } = await signIn();
    const session = await handlers.getSession(get('/', jar));
    expect(session?.claims).toMatchObject({ sub: USERS[0].sub, email: USERS[0].email, name: USERS[0].name });
  });
});

describe('when the provider is down', () => {
  it('answers login with a 502 naming network_error, not a crash', async () => {
    const auth = createListoAuth({
      clientId: CLIENT.clientId,
      clientSecret: CLIENT.clientSecret,
      redirectUri: `${APP}/auth/callback`,
      issuer: 'http://127.0.0.1:9', // nothing listens on the discard port
      allowInsecureRequests: true,
    });
    const response = await createListoFetchAuth({ auth, sessionSecret: SECRET }).login(get('/auth/login'));
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('(network_error)');
  });
});
