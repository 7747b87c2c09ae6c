import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createListoClient,
  type ListoCallInfo,
  type ListoClientHooks,
  type ListoErrorEvent,
  type ListoRequestEvent,
  type ListoResponseEvent,
  type ListoRetryEvent,
} from '../src/index';
import { CLIENT_ID, client, INSTALLATION_ID, installation } from './support/fake-listo';
import { type LoopbackServer, sendJson, startLoopbackServer } from './support/loopback-server';

const API_KEY = 'hook-key-0123456789abcdef0123456789abcdef0123456789abcdef012345678';

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

type Seen =
  | ['request', ListoRequestEvent]
  | ['response', ListoResponseEvent]
  | ['retry', ListoRetryEvent]
  | ['error', ListoErrorEvent];

/** A client whose hooks record every event, in order. */
function recorded(extra: Partial<Parameters<typeof createListoClient>[0]> = {}) {
  const seen: Seen[] = [];
  const hooks: ListoClientHooks = {
    onRequest: (e) => seen.push(['request', e]),
    onResponse: (e) => seen.push(['response', e]),
    onRetry: (e) => seen.push(['retry', e]),
    onError: (e) => seen.push(['error', e]),
  };
  const api = createListoClient({
    apiKey: API_KEY,
    baseUrl: server.url,
    retryDelay: { baseMs: 1, maxMs: 10 },
    hooks,
    ...extra,
  });
  return { api, seen, names: () => seen.map(([name]) => name) };
}

describe('hooks', () => {
  it('see each attempt of a successful call: its request, then its response', async () => {
    server.handle((_, res) => sendJson(res, 200, client));
    const { api, seen, names } = recorded();
    await expect(api.clients.get(INSTALLATION_ID, CLIENT_ID)).resolves.toEqual(client);
    expect(names()).toEqual(['request', 'response']);
    const [[, request], [, response]] = seen as [
      ['request', ListoRequestEvent],
      ['response', ListoResponseEvent],
    ];
    const call: ListoCallInfo = {
      method: 'GET',
      url: `${server.url}/v1/instance-integrations/${INSTALLATION_ID}/clients/${CLIENT_ID}`,
      path: `/v1/instance-integrations/${INSTALLATION_ID}/clients/${CLIENT_ID}`,
    };
    expect(request).toEqual({
      call,
      attempt: 1,
      headers: expect.objectContaining({ 'x-api-key': '[redacted]', 'user-agent': expect.any(String) }),
    });
    expect(response).toMatchObject({ call, attempt: 1, status: 200 });
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
    expect(response.call).toBe(request.call); // one object per call, to key per-call state on
  });

  it('see a retry between two attempts, with the status and the delay, then the final answer', async () => {
    let i = 0;
    server.handle((_, res) =>
      i++ === 0
        ? sendJson(res, 503, { statusCode: 503, message: 'busy' })
        : sendJson(res, 200, [installation]),
    );
    const { api, seen, names } = recorded();
    await api.installations.list();
    expect(names()).toEqual(['request', 'response', 'retry', 'request', 'response']);
    expect(seen[2]?.[1]).toMatchObject({ attempt: 1, status: 503 });
    expect((seen[2]![1] as ListoRetryEvent).delayMs).toBeLessThanOrEqual(10);
    expect(seen.map(([, e]) => ('attempt' in e ? e.attempt : undefined))).toEqual([1, 1, 1, 2, 2]);
  });

  it('see a failed attempt without a response as a retry carrying its error, and the final error once', async () => {
    server.handle((req) => req.socket.destroy());
    const { api, seen, names } = recorded({ maxRetries: 1 });
    const error = await api.installations.list().catch((e: unknown) => e);
    expect(names()).toEqual(['request', 'retry', 'request', 'error']);
    expect((seen[1]![1] as ListoRetryEvent).error).toMatchObject({ kind: 'network', attempts: 1 });
    expect(seen[3]?.[1]).toEqual({ call: expect.any(Object), attempts: 2, error, aborted: false });
  });

  it('see an HTTP error and an invalid body as the error of the call', async () => {
    server.handle((_, res) => sendJson(res, 404, { statusCode: 404, message: 'Not Found' }));
    const first = recorded();
    await first.api.clients.list(INSTALLATION_ID).catch(() => {});
    expect(first.names()).toEqual(['request', 'response', 'error']);
    expect((first.seen[2]![1] as ListoErrorEvent).error).toMatchObject({ kind: 'http', statusCode: 404 });

    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{');
    });
    const second = recorded();
    await second.api.clients.list(INSTALLATION_ID).catch(() => {});
    expect((second.seen.at(-1)![1] as ListoErrorEvent).error).toMatchObject({ kind: 'invalid-response' });
  });

  it('see an aborted call as an error that says so', async () => {
    server.handle(() => {});
    const { api, seen } = recorded();
    const controller = new AbortController();
    const call = api.installations.list({ signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort(new Error('caller gave up'));
    await expect(call).rejects.toThrow('caller gave up');
    expect(seen.at(-1)).toEqual([
      'error',
      { call: expect.any(Object), attempts: 1, error: expect.any(Error), aborted: true },
    ]);
  });

  it('see the raw client too', async () => {
    server.handle((_, res) => sendJson(res, 200, [installation]));
    const { api, names } = recorded();
    await api.raw.GET('/v1/external-integration/installations');
    expect(names()).toEqual(['request', 'response']);
  });

  it('never see the API key, even when the server echoes it in headers and bodies', async () => {
    let i = 0;
    server.handle((req, res) => {
      const key = String(req.headers['x-api-key']);
      if (i++ === 0) sendJson(res, 500, { statusCode: 500, message: key }, { 'x-echo': key });
      else
        sendJson(
          res,
          401,
          { statusCode: 401, message: `Invalid API key ${key}` },
          { 'x-echo': encodeURIComponent(key) },
        );
    });
    const { api, seen } = recorded({ maxRetries: 1 });
    await api.clients.get(INSTALLATION_ID, CLIENT_ID).catch(() => {});
    expect(seen.map(([name]) => name)).toEqual([
      'request',
      'response',
      'retry',
      'request',
      'response',
      'error',
    ]);
    const everything = JSON.stringify(seen, (_, value: unknown) =>
      value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
    );
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain(API_KEY);
    expect(everything).not.toContain(encodeURIComponent(API_KEY));
  });

  it('cannot change the outcome of a call by throwing or rejecting', async () => {
    server.handle((_, res) => sendJson(res, 200, [installation]));
    const api = createListoClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      hooks: {
        onRequest: () => {
          throw new Error('hook bug');
        },
        onResponse: (() => Promise.reject(new Error('async hook bug'))) as () => void,
      },
    });
    await expect(api.installations.list()).resolves.toEqual([installation]);
  });
});
