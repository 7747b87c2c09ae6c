import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createListoClient, DEFAULT_MAX_RESPONSE_BYTES, ListoApiError } from '../src/index';
import { CLIENT_ID, INSTALLATION_ID } from './support/fake-listo';
import { type LoopbackServer, sendJson, startLoopbackServer } from './support/loopback-server';

const API_KEY = 'SECRET-KEY-0123456789abcdef0123456789abcdef0123456789abcdef01234';

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const listo = () =>
  createListoClient({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 1, retryDelay: { baseMs: 1 } });

async function failure(promise: Promise<unknown>): Promise<ListoApiError> {
  const error = await promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ListoApiError);
  return error as ListoApiError;
}

/** Every way an error gets printed, logged or serialised. */
function renderings(error: ListoApiError): string[] {
  return [
    error.message,
    String(error.stack),
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
  ];
}

describe('ListoApiError', () => {
  it('carries statusCode, message, method, path and attempts from a documented error body', async () => {
    server.handle((_, res) => sendJson(res, 404, { statusCode: 404, message: 'Client not found' }));
    const error = await failure(listo().clients.get(INSTALLATION_ID, CLIENT_ID));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ListoApiError');
    expect(error).toMatchObject({
      kind: 'http',
      statusCode: 404,
      message: 'Client not found',
      method: 'GET',
      path: `/v1/instance-integrations/${INSTALLATION_ID}/clients/${CLIENT_ID}`,
      attempts: 1,
      retryable: false,
    });
    expect(error.toJSON()).toEqual({
      name: 'ListoApiError',
      kind: 'http',
      statusCode: 404,
      message: 'Client not found',
      method: 'GET',
      path: `/v1/instance-integrations/${INSTALLATION_ID}/clients/${CLIENT_ID}`,
      attempts: 1,
    });
  });

  it('describes an error that is not JSON by its status', async () => {
    server.handle((_, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    const error = await failure(listo().installations.list());
    expect(error).toMatchObject({
      kind: 'http',
      statusCode: 502,
      message: 'HTTP 502 Bad Gateway',
      attempts: 2,
    });
  });

  it('includes a short plain-text error body in the message', async () => {
    server.handle((_, res) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('missing parameter\n');
    });
    const error = await failure(listo().installations.list());
    expect(error.message).toBe('HTTP 400 Bad Request: missing parameter');
  });

  it('describes JSON error bodies of another shape by their status', async () => {
    server.handle((_, res) => sendJson(res, 401, { error: 'nope' }));
    expect((await failure(listo().installations.list())).message).toBe('HTTP 401 Unauthorized');
  });

  it('rejects a 2xx whose body is not valid JSON as an invalid response, without retrying', async () => {
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[{"id": "inst_abc123xyz",');
    });
    const error = await failure(listo().installations.list());
    expect(error).toMatchObject({
      kind: 'invalid-response',
      statusCode: 200,
      method: 'GET',
      path: '/v1/external-integration/installations',
      attempts: 1,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a 2xx with an empty body as an invalid response', async () => {
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '0' });
      res.end();
    });
    expect(await failure(listo().installations.list())).toMatchObject({
      kind: 'invalid-response',
      statusCode: 200,
    });
  });
});

describe('the API key', () => {
  it('never appears in an HTTP error, its stack, its JSON form or its inspection, even when a server echoes it', async () => {
    server.handle((req, res) =>
      sendJson(res, 401, { statusCode: 401, message: `Invalid API key ${String(req.headers['x-api-key'])}` }),
    );
    const error = await failure(listo().installations.list());
    expect(error.message).toBe('Invalid API key [redacted]');
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });

  it('never appears in a message through the reason phrase of the status line', async () => {
    server.handle((req, res) => {
      res.writeHead(502, `Bad Gateway for ${String(req.headers['x-api-key'])}`, {
        'content-type': 'text/html',
      });
      res.end('<html>oops</html>');
    });
    const error = await failure(listo().installations.list());
    expect(error.message).toBe('HTTP 502 Bad Gateway for [redacted]');
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });

  it('never appears in any field an error is built from, however a server echoes it', async () => {
    const echoes: ((key: string) => [number, string, Record<string, string>, string])[] = [
      (key) => [400, key, { 'content-type': 'text/plain' }, `bad ${key}`],
      (key) => [
        404,
        'Not Found',
        { 'content-type': 'application/json' },
        JSON.stringify({ statusCode: 404, message: key }),
      ],
      (key) => [409, encodeURIComponent(key), { 'content-type': 'text/plain' }, encodeURIComponent(key)],
    ];
    for (const echo of echoes) {
      server.handle((req, res) => {
        const [status, reason, headers, body] = echo(String(req.headers['x-api-key']));
        res.writeHead(status, reason, headers);
        res.end(body);
      });
      const error = await failure(listo().installations.list());
      for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
    }
  });

  it('never appears in a network, timeout or invalid-response error', async () => {
    const errors: ListoApiError[] = [];
    server.handle((req) => req.socket.destroy());
    errors.push(await failure(listo().installations.list()));
    server.handle(() => {});
    errors.push(
      await failure(
        createListoClient({
          apiKey: API_KEY,
          baseUrl: server.url,
          timeoutMs: 20,
          maxRetries: 0,
        }).installations.list(),
      ),
    );
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`not json ${API_KEY}`);
    });
    errors.push(await failure(listo().installations.list()));
    expect(errors.map((e) => e.kind)).toEqual(['network', 'timeout', 'invalid-response']);
    for (const error of errors) for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });

  it('is dropped from a custom fetch failure that mentions it', async () => {
    const api = createListoClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      maxRetries: 0,
      fetch: async (request) => {
        throw new Error(`cannot send headers ${request.headers.get('x-api-key')}`);
      },
    });
    const error = await failure(api.installations.list());
    expect(error.kind).toBe('network');
    expect(error.cause).toBeUndefined();
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });

  it('is not reachable from the client object and never logged', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => {}),
    );
    try {
      server.handle((_, res) => sendJson(res, 500, { statusCode: 500, message: 'boom' }));
      const api = listo();
      await failure(api.installations.list());
      expect(inspect(api, { depth: 10, showHidden: true })).not.toContain(API_KEY);
      expect(JSON.stringify(api)).not.toContain(API_KEY);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('response bodies', () => {
  const limited = (maxResponseBytes: number) =>
    createListoClient({ apiKey: API_KEY, baseUrl: server.url, maxResponseBytes, retryDelay: { baseMs: 1 } });

  it('are capped at 32 MiB by default', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(32 * 1024 * 1024);
  });

  it('are refused as too-large from a content-length over the limit, without retrying', async () => {
    server.handle((_, res) => sendJson(res, 200, ['x'.repeat(2_000)]));
    const error = await failure(limited(1_000).installations.list());
    expect(error).toMatchObject({ kind: 'too-large', statusCode: 200, attempts: 1, retryable: false });
    expect(error.message).toBe(
      'HTTP 200 with a body over maxResponseBytes (1000 bytes); the rest was not read.',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('stop being read as soon as a body without a length passes the limit', async () => {
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // An endless body: reading it whole would never finish.
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const write = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', write);
      };
      write();
    });
    expect(await failure(limited(100_000).installations.list())).toMatchObject({ kind: 'too-large' });
  });

  it('count decoded bytes, so a small compressed body cannot expand past the limit', async () => {
    const bomb = gzipSync(JSON.stringify(['a'.repeat(1_000_000)]));
    expect(bomb.byteLength).toBeLessThan(10_000);
    server.handle((_, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': bomb.byteLength,
      });
      res.end(bomb);
    });
    expect(await failure(limited(100_000).installations.list())).toMatchObject({ kind: 'too-large' });
  });

  it('up to the limit are read whole, in several chunks', async () => {
    const big = Array.from({ length: 2_000 }, (_, i) => ({ id: `inst_${i}`, pad: 'p'.repeat(40) }));
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(big));
    });
    await expect(limited(1_000_000).installations.list()).resolves.toEqual(big);
  });
});
