import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createListoClient, ListoApiError } from '../src/index';
import { decideRedirect } from '../src/redirect-policy';
import { CLIENT_ID, client, fakeListo, INSTALLATION_ID, installation } from './support/fake-listo';
import { type LoopbackServer, sendJson, startLoopbackServer } from './support/loopback-server';

const API_KEY = 'redirect-key-0123456789abcdef0123456789abcdef0123456789abcdef0123';
const INSTALLATIONS = '/v1/external-integration/installations';

// Two ports on 127.0.0.1 are two origins: `api` plays Listo, `other` the host a redirect points at.
let api: LoopbackServer;
let other: LoopbackServer;
beforeAll(async () => {
  [api, other] = await Promise.all([startLoopbackServer(), startLoopbackServer()]);
});
afterAll(() => Promise.all([api.close(), other.close()]));
beforeEach(() => {
  api.requests.length = 0;
  other.requests.length = 0;
  other.handle((_, res) =>
    sendJson(res, 200, [{ id: 'inst_forged', applicationInstance: { instanceName: 'Evil' } }]),
  );
});

const listo = () => createListoClient({ apiKey: API_KEY, baseUrl: api.url, retryDelay: { baseMs: 1 } });

function redirectTo(location: (path: string) => string, status = 302): void {
  api.handle((req, res) => {
    res.writeHead(status, { location: location(req.url ?? '/'), 'content-length': '0' });
    res.end();
  });
}

async function failure(promise: Promise<unknown>): Promise<ListoApiError> {
  const error = await promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ListoApiError);
  return error as ListoApiError;
}

describe('a redirect to another origin', () => {
  it.each([301, 302, 303, 307, 308])(
    'is a typed error after a %i, and the other host never sees the key or a request',
    async (status) => {
      redirectTo((path) => `${other.url}${path}`, status);
      const error = await failure(listo().installations.list());
      expect(error).toMatchObject({
        kind: 'redirect',
        statusCode: status,
        method: 'GET',
        path: INSTALLATIONS,
      });
      expect(error.message).toContain(other.url);
      expect(error.message).toContain(`only sent to ${api.url}`);
      expect(error.retryable).toBe(false);
      expect(api.requests).toHaveLength(1); // not retried
      expect(other.requests).toHaveLength(0);
    },
  );

  it('counts another host name on the same port as another origin', async () => {
    const port = new URL(api.url).port;
    let hops = 0;
    api.handle((req, res) => {
      if (hops++ > 0) return sendJson(res, 200, [installation]);
      res.writeHead(302, { location: `http://localhost:${port}${req.url}` });
      res.end();
    });
    expect(await failure(listo().installations.list())).toMatchObject({ kind: 'redirect', statusCode: 302 });
    expect(api.requests).toHaveLength(1);
  });

  it('is refused for the raw client and for follow() too', async () => {
    redirectTo((path) => `${other.url}${path}`);
    const raw = listo().raw.GET('/v1/external-integration/installations');
    expect(await failure(raw)).toMatchObject({ kind: 'redirect' });
    const followed = listo().follow(client.links.self);
    expect(await failure(followed)).toMatchObject({ kind: 'redirect' });
    expect(other.requests).toHaveLength(0);
  });

  it('is refused when a custom fetch follows it by itself, and the other host’s body is not returned', async () => {
    redirectTo((path) => `${other.url}${path}`);
    const careless = createListoClient({
      apiKey: API_KEY,
      baseUrl: api.url,
      // A fetch wrapper that drops the request's redirect mode, so undici follows the redirect.
      fetch: (request) => fetch(request.url, { headers: request.headers }),
    });
    const error = await failure(careless.installations.list());
    expect(error).toMatchObject({ kind: 'redirect' });
    expect(JSON.stringify(error)).not.toContain('inst_forged');
  });
});

describe('a redirect on the same origin', () => {
  it('is followed for a GET, with the key, and its answer returned', async () => {
    const fake = fakeListo(API_KEY);
    api.handle((req, res) => {
      if (req.url === '/old-installations') {
        res.writeHead(307, { location: INSTALLATIONS });
        res.end();
      } else fake(req, res, api.requests.at(-1)!);
    });
    const api2 = createListoClient({ apiKey: API_KEY, baseUrl: api.url });
    const { data } = await api2.raw.GET('/old-installations' as typeof INSTALLATIONS);
    expect(data).toEqual([installation]);
    expect(api.requests.map((r) => [r.url, r.headers['x-api-key']])).toEqual([
      ['/old-installations', API_KEY],
      [INSTALLATIONS, API_KEY],
    ]);
  });

  it('is followed for at most 5 hops', async () => {
    redirectTo((path) => `${path}x`);
    const error = await failure(listo().clients.get(INSTALLATION_ID, CLIENT_ID));
    expect(error).toMatchObject({ kind: 'redirect', statusCode: 302 });
    expect(error.message).toContain('after 5 redirects');
    expect(api.requests).toHaveLength(6);
  });

  it('is refused for a method that changes something', async () => {
    redirectTo((path) => `${path}-moved`, 307);
    const post = (listo().raw as unknown as { POST: (path: string, init: object) => Promise<unknown> }).POST(
      INSTALLATIONS,
      { body: { hello: 'listo' } },
    );
    expect(await failure(post)).toMatchObject({ kind: 'redirect', statusCode: 307, method: 'POST' });
    expect(api.requests).toHaveLength(1);
  });
});

describe('decideRedirect', () => {
  const origin = 'https://gateway.listoglobal.com';
  const from = `${origin}/v1/external-integration/installations`;
  const redirect = (location: string, status = 302) => new Response(null, { status, headers: { location } });

  it('refuses a downgrade to http on the same host', () => {
    expect(decideRedirect(redirect('http://gateway.listoglobal.com/v1/x'), from, origin, 'GET', 0)).toEqual({
      follow: false,
      refuse: { status: 302, reason: 'to another origin (http://gateway.listoglobal.com)' },
    });
  });

  it('refuses schemes without an origin and names them', () => {
    expect(decideRedirect(redirect('data:text/plain,hi'), from, origin, 'GET', 0).refuse?.reason).toBe(
      'to another origin (a data: URL)',
    );
  });

  it('resolves a relative location against the current URL and follows it', () => {
    expect(decideRedirect(redirect('../../v2/x'), from, origin, 'GET', 0)).toEqual({
      follow: true,
      url: `${origin}/v2/x`,
    });
  });

  it('treats a 3xx without a location, and other statuses, as the answer', () => {
    expect(decideRedirect(new Response(null, { status: 304 }), from, origin, 'GET', 0)).toEqual({
      follow: false,
    });
    expect(decideRedirect(new Response(null, { status: 302 }), from, origin, 'GET', 0)).toEqual({
      follow: false,
    });
  });

  it('never sends a request over a downgrade, even through a custom fetch', async () => {
    const seen: string[] = [];
    const listoOverHttps = createListoClient({
      apiKey: API_KEY,
      fetch: async (request) => {
        seen.push(
          `${request.url} ${request.headers.get('x-api-key') === API_KEY ? 'with key' : 'without key'}`,
        );
        return new Response(null, { status: 301, headers: { location: 'http://gateway.listoglobal.com/' } });
      },
    });
    expect(await failure(listoOverHttps.installations.list())).toMatchObject({
      kind: 'redirect',
      statusCode: 301,
    });
    expect(seen).toEqual([`https://gateway.listoglobal.com${INSTALLATIONS} with key`]);
  });
});
