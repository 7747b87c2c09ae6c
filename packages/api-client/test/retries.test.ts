import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createListoClient, ListoApiError } from '../src/index';
import { INSTALLATION_ID, installation } from './support/fake-listo';
import { type LoopbackServer, sendJson, startLoopbackServer } from './support/loopback-server';

const API_KEY = 'r'.repeat(64);

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

// Tiny backoff so that retry tests stay fast; the delays themselves are covered in backoff.test.ts.
const listo = (options: { maxRetries?: number; timeoutMs?: number; maxDelayMs?: number } = {}) =>
  createListoClient({
    apiKey: API_KEY,
    baseUrl: server.url,
    retryDelay: { baseMs: 1, maxMs: options.maxDelayMs ?? 5_000 },
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });

/** Answers with each status in turn (200 with the installations list once they run out). */
function statuses(...sequence: number[]) {
  let i = 0;
  server.handle((_, res) => {
    const status = sequence[i++];
    if (status === undefined) sendJson(res, 200, [installation]);
    else sendJson(res, status, { statusCode: status, message: `status ${status}` });
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

describe('retries', () => {
  it('retries a 5xx and returns the eventual success', async () => {
    statuses(500, 503);
    await expect(listo().installations.list()).resolves.toEqual([installation]);
    expect(server.requests).toHaveLength(3);
  });

  it('makes 3 attempts by default (maxRetries 2), then reports the last 5xx with its attempt count', async () => {
    statuses(502, 500, 503, 500);
    const error = await failure(listo().installations.list());
    expect(server.requests).toHaveLength(3);
    expect(error).toMatchObject({ kind: 'http', statusCode: 503, attempts: 3, message: 'status 503' });
  });

  it('makes maxRetries + 1 attempts', async () => {
    statuses(500, 500, 500, 500, 500, 500);
    expect(await failure(listo({ maxRetries: 4 }).installations.list())).toMatchObject({ attempts: 5 });
    expect(server.requests).toHaveLength(5);
    server.requests.length = 0;
    statuses(500);
    expect(await failure(listo({ maxRetries: 0 }).installations.list())).toMatchObject({ attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 409, 422])('never retries a %i', async (status) => {
    statuses(status);
    const error = await failure(listo().installations.list());
    expect(error).toMatchObject({ kind: 'http', statusCode: status, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('retries network errors (a connection reset before any response)', async () => {
    let i = 0;
    server.handle((req, res) => {
      if (i++ < 2) req.socket.destroy();
      else sendJson(res, 200, [installation]);
    });
    await expect(listo().installations.list()).resolves.toEqual([installation]);
    expect(server.requests).toHaveLength(3);
  });

  it('reports a persistent network error as kind "network" after every attempt', async () => {
    server.handle((req) => req.socket.destroy());
    const error = await failure(listo().installations.list());
    expect(error).toMatchObject({
      kind: 'network',
      statusCode: undefined,
      method: 'GET',
      path: '/v1/external-integration/installations',
      attempts: 3,
    });
    expect(server.requests).toHaveLength(3);
  });

  it('times out each attempt after timeoutMs and retries it', async () => {
    let i = 0;
    server.handle((_, res) => {
      // The first attempt never gets an answer; the second does.
      if (i++ > 0) sendJson(res, 200, [installation]);
    });
    await expect(listo({ timeoutMs: 100 }).installations.list()).resolves.toEqual([installation]);
    expect(server.requests).toHaveLength(2);
  });

  it('reports a timeout as kind "timeout" once the retries run out', async () => {
    server.handle(() => {});
    const error = await failure(listo({ timeoutMs: 50, maxRetries: 1 }).installations.list());
    expect(error).toMatchObject({ kind: 'timeout', statusCode: undefined, attempts: 2 });
    expect(error.message).toContain('50 ms');
  });

  it('counts a body that stalls after the headers against the timeout', async () => {
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
    });
    const error = await failure(listo({ timeoutMs: 80, maxRetries: 0 }).installations.list());
    expect(error.kind).toBe('timeout');
  });

  it('waits what Retry-After asks before retrying', async () => {
    let i = 0;
    server.handle((_, res) => {
      if (i++ === 0) sendJson(res, 503, { statusCode: 503, message: 'busy' }, { 'retry-after': '1' });
      else sendJson(res, 200, [installation]);
    });
    await expect(listo().installations.list()).resolves.toEqual([installation]);
    const [first, second] = server.requests;
    // With baseMs 1, the jitter alone would retry within milliseconds.
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('stops retrying when Retry-After asks for longer than retryDelay.maxMs', async () => {
    server.handle((_, res) =>
      sendJson(res, 503, { statusCode: 503, message: 'down' }, { 'retry-after': '3600' }),
    );
    const error = await failure(listo({ maxDelayMs: 1_000 }).installations.list());
    expect(error).toMatchObject({ statusCode: 503, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });
});

/** The raw client with a method the document does not have, as a partner's own path would be. */
type Untyped = Record<
  'POST' | 'DELETE' | 'PUT',
  (path: string, init?: object) => Promise<{ response: Response }>
>;

describe('methods that change something', () => {
  it.each(['POST', 'DELETE', 'PUT'] as const)(
    'sends a %s once, even on a 5xx, a 429 or a reset',
    async (method) => {
      for (const answer of [500, 503, 429, 'reset'] as const) {
        server.requests.length = 0;
        server.handle((req, res) => {
          if (answer === 'reset') req.socket.destroy();
          else sendJson(res, answer, { statusCode: answer, message: 'no' });
        });
        const raw = listo({ maxRetries: 3 }).raw as unknown as Untyped;
        const outcome = await raw[method]('/v1/things', { body: { hello: 'listo' } }).then(
          ({ response }) => response.status,
          (error: ListoApiError) => error.kind,
        );
        expect(outcome).toBe(answer === 'reset' ? 'network' : answer);
        expect(server.requests.map((r) => r.method)).toEqual([method]);
      }
    },
  );

  it('still sends their body', async () => {
    server.handle((_, res) => sendJson(res, 201, {}));
    const raw = listo().raw as unknown as Untyped;
    await raw.POST('/v1/things', { body: { hello: 'listo' } });
    expect(server.requests.map((r) => r.body)).toEqual(['{"hello":"listo"}']);
  });
});

describe('429 Too Many Requests', () => {
  it('is retried with backoff when it says nothing more', async () => {
    statuses(429, 429);
    await expect(listo().installations.list()).resolves.toEqual([installation]);
    expect(server.requests).toHaveLength(3);
  });

  it('is retried after the seconds Retry-After asks for', async () => {
    let i = 0;
    server.handle((_, res) => {
      if (i++ === 0) sendJson(res, 429, { statusCode: 429, message: 'slow down' }, { 'retry-after': '1' });
      else sendJson(res, 200, [installation]);
    });
    await expect(listo().installations.list()).resolves.toEqual([installation]);
    const [first, second] = server.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('is retried at the HTTP-date Retry-After names', async () => {
    let i = 0;
    server.handle((_, res) => {
      // An HTTP-date has whole seconds: the next whole second plus one is at least a second away.
      const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000).toUTCString();
      if (i++ === 0) sendJson(res, 429, { statusCode: 429, message: 'slow down' }, { 'retry-after': at });
      else sendJson(res, 200, [installation]);
    });
    await expect(listo().installations.list()).resolves.toEqual([installation]);
    const [first, second] = server.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('is reported, not waited for, when Retry-After asks for longer than retryDelay.maxMs', async () => {
    server.handle((_, res) =>
      sendJson(res, 429, { statusCode: 429, message: 'come back tomorrow' }, { 'retry-after': '86400' }),
    );
    const error = await failure(listo({ maxDelayMs: 1_000 }).installations.list());
    expect(error).toMatchObject({ kind: 'http', statusCode: 429, attempts: 1, retryable: true });
    expect(error.message).toBe('come back tomorrow');
  });

  it('is reported with its attempts once the retries run out', async () => {
    statuses(429, 429, 429);
    expect(await failure(listo({ maxRetries: 2 }).installations.list())).toMatchObject({
      statusCode: 429,
      attempts: 3,
    });
  });
});

describe('per-call AbortSignal', () => {
  it('aborts an in-flight call with the signal reason and does not retry', async () => {
    server.handle(() => {});
    const controller = new AbortController();
    const call = listo().installations.list({ signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort(new Error('caller gave up'));
    await expect(call).rejects.toThrow('caller gave up');
    expect(server.requests).toHaveLength(1);
  });

  it('aborts the wait between retries', async () => {
    server.handle((_, res) =>
      sendJson(res, 503, { statusCode: 503, message: 'busy' }, { 'retry-after': '30' }),
    );
    const controller = new AbortController();
    const call = listo({ maxDelayMs: 60_000 }).installations.list({ signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    await expect(
      listo().clients.list(INSTALLATION_ID, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(0);
  });
});
