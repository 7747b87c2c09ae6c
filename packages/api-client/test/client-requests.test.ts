import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createListoClient, DEFAULT_BASE_URL, ListoParameterError, USER_AGENT, VERSION } from '../src/index';
import {
  CLIENT_ID,
  client,
  fakeListo,
  INSTALLATION_ID,
  installation,
  jobTitles,
  organizationStructure,
  USER_ID,
  user,
  WORKER_ID,
  worker,
} from './support/fake-listo';
import { type LoopbackServer, sendJson, startLoopbackServer } from './support/loopback-server';

const API_KEY = 'k'.repeat(64);

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle(fakeListo(API_KEY));
});

const listo = () => createListoClient({ apiKey: API_KEY, baseUrl: server.url });

describe('createListoClient', () => {
  it('defaults to the production gateway', () => {
    expect(DEFAULT_BASE_URL).toBe('https://gateway.listoglobal.com');
  });

  it('reads each resource from its documented path and returns the parsed body', async () => {
    const api = listo();
    const cases: [() => Promise<unknown>, string, unknown][] = [
      [() => api.installations.list(), '/v1/external-integration/installations', [installation]],
      [
        () => api.clients.list(INSTALLATION_ID),
        `/v1/instance-integrations/${INSTALLATION_ID}/clients`,
        [client],
      ],
      [
        () => api.clients.get(INSTALLATION_ID, CLIENT_ID),
        `/v1/instance-integrations/${INSTALLATION_ID}/clients/${CLIENT_ID}`,
        client,
      ],
      [
        () => api.users.list(INSTALLATION_ID, CLIENT_ID),
        `/v1/instance-integrations/${INSTALLATION_ID}/clients/${CLIENT_ID}/users`,
        [user],
      ],
      [
        () => api.users.get(INSTALLATION_ID, CLIENT_ID, USER_ID),
        `/v1/instance-integrations/${INSTALLATION_ID}/clients/${CLIENT_ID}/users/${USER_ID}`,
        user,
      ],
      [
        () => api.jobTitles.list(INSTALLATION_ID, CLIENT_ID),
        `/v1/instance-integrations/${INSTALLATION_ID}/clients/${CLIENT_ID}/job-titles`,
        jobTitles,
      ],
      [
        () => api.organizationStructure.get(INSTALLATION_ID, CLIENT_ID),
        `/v1/instance-integrations/${INSTALLATION_ID}/clients/${CLIENT_ID}/organization-structure`,
        organizationStructure,
      ],
      [
        () => api.workers.list(INSTALLATION_ID, CLIENT_ID),
        `/v2/instance-integrations/${INSTALLATION_ID}/clients/${CLIENT_ID}/workers`,
        [worker],
      ],
      [
        () => api.workers.get(INSTALLATION_ID, CLIENT_ID, WORKER_ID),
        `/v2/instance-integrations/${INSTALLATION_ID}/clients/${CLIENT_ID}/workers/${WORKER_ID}`,
        worker,
      ],
      [
        () => api.workers.lookup(INSTALLATION_ID, WORKER_ID),
        `/v1/instance-integrations/${INSTALLATION_ID}/workers/${WORKER_ID}`,
        { clientId: CLIENT_ID, ...worker },
      ],
    ];
    for (const [call, path, body] of cases) {
      server.requests.length = 0;
      await expect(call()).resolves.toEqual(body);
      expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${path}`]);
    }
  });

  it('sends the API key as x-api-key and a User-Agent naming the package and its version', async () => {
    await listo().installations.list();
    const [request] = server.requests;
    expect(request?.headers['x-api-key']).toBe(API_KEY);
    expect(request?.headers['user-agent']).toBe(`@listo/api-client/${VERSION}`);
    expect(USER_AGENT).toBe(`@listo/api-client/${VERSION}`);
  });

  it('reports the version of its package.json', async () => {
    const { default: pkg } = await import('../package.json');
    expect(VERSION).toBe(pkg.version);
  });

  it('keeps a path prefix of baseUrl and ignores its trailing slash', async () => {
    server.handle(fakeListo(API_KEY, '/gateway'));
    const api = createListoClient({ apiKey: API_KEY, baseUrl: `${server.url}/gateway/` });
    await expect(api.installations.list()).resolves.toEqual([installation]);
    expect(server.requests[0]?.url).toBe('/gateway/v1/external-integration/installations');
  });

  it('uses the fetch it is given', async () => {
    const seen: string[] = [];
    const api = createListoClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      fetch: (request) => {
        seen.push(request.url);
        return fetch(request);
      },
    });
    await api.clients.list(INSTALLATION_ID);
    expect(seen).toEqual([`${server.url}/v1/instance-integrations/${INSTALLATION_ID}/clients`]);
  });

  it('exposes the typed openapi-fetch client with the same credentials', async () => {
    const { data, response } = await listo().raw.GET(
      '/v1/instance-integrations/{instanceIntegrationId}/clients',
      {
        params: { path: { instanceIntegrationId: INSTALLATION_ID } },
      },
    );
    expect(response.status).toBe(200);
    expect(data).toEqual([client]);
    expect(server.requests[0]?.headers['x-api-key']).toBe(API_KEY);
  });

  it('refuses bad options without echoing the key', () => {
    expect(() => createListoClient({ apiKey: '' })).toThrow(TypeError);
    const withNewline = `${'s'.repeat(20)}\nInjected: header`;
    expect(() => createListoClient({ apiKey: withNewline })).toThrow(/visible ASCII/);
    try {
      createListoClient({ apiKey: withNewline });
    } catch (error) {
      expect(String((error as Error).stack)).not.toContain('sssssssssssssssssss');
    }
    expect(() => createListoClient({ apiKey: API_KEY, baseUrl: 'ftp://example.com' })).toThrow(/http/);
    expect(() => createListoClient({ apiKey: API_KEY, baseUrl: 'gateway.listoglobal.com' })).toThrow(
      /absolute/,
    );
    expect(() => createListoClient({ apiKey: API_KEY, maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => createListoClient({ apiKey: API_KEY, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createListoClient({ apiKey: API_KEY, maxResponseBytes: 0 })).toThrow(/maxResponseBytes/);
  });

  it.each([
    ['timeoutMs', { timeoutMs: 2 ** 31 }],
    ['retryDelay.baseMs', { retryDelay: { baseMs: 2 ** 31 } }],
    ['retryDelay.maxMs', { retryDelay: { maxMs: 1e12 } }],
  ])('refuses a %s too long for a JavaScript timer, which would fire after 1 ms', (name, extra) => {
    expect(() => createListoClient({ apiKey: API_KEY, ...extra })).toThrow(
      `${name} must be at most 2147483647 ms (about 24.8 days): JavaScript timers fire at once beyond that.`,
    );
  });

  it('accepts the longest timer JavaScript keeps, and waits it out', async () => {
    server.handle(() => {}); // never answers
    const api = createListoClient({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 2 ** 31 - 1 });
    const controller = new AbortController();
    const call = api.installations.list({ signal: controller.signal });
    // A timer that overflowed would have fired after 1 ms and retried, then reported a timeout.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests).toHaveLength(1);
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('path parameters', () => {
  it('are percent-encoded so that a value cannot leave its segment', async () => {
    server.handle((_, res) => sendJson(res, 404, { statusCode: 404, message: 'Not Found' }));
    const api = listo();
    const hostile = 'lglsocli_a/../../v1/external-integration/installations?x=#y' as `lglsocli_${string}`;
    await expect(api.clients.get(INSTALLATION_ID, hostile)).rejects.toMatchObject({ statusCode: 404 });
    expect(server.requests[0]?.url).toBe(
      `/v1/instance-integrations/${INSTALLATION_ID}/clients/lglsocli_a%2F..%2F..%2Fv1%2Fexternal-integration%2Finstallations%3Fx%3D%23y`,
    );
  });

  it('encodes a literal percent sign, so an encoded dot segment stays a plain value', async () => {
    await expect(
      listo().clients.get(INSTALLATION_ID, '%2e%2E' as `lglsocli_${string}`),
    ).rejects.toMatchObject({
      statusCode: 404,
    });
    expect(server.requests[0]?.url).toBe(`/v1/instance-integrations/${INSTALLATION_ID}/clients/%252e%252E`);
  });

  it('refuses dot segments and empty or missing values before sending anything', async () => {
    const api = listo();
    for (const bad of ['..', '.', '']) {
      await expect(api.clients.get(INSTALLATION_ID, bad as `lglsocli_${string}`)).rejects.toThrow(TypeError);
    }
    await expect(api.clients.get(undefined as unknown as `inst_${string}`, CLIENT_ID)).rejects.toThrow(
      /instanceIntegrationId/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a lone surrogate with a typed error naming the parameter, not its value', async () => {
    const api = listo();
    const lone = 'lglsocli_\ud800' as `lglsocli_${string}`;
    for (const call of [
      () => api.clients.get(INSTALLATION_ID, lone),
      () => api.users.list(INSTALLATION_ID, lone),
      () =>
        api.raw.GET('/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}', {
          params: { path: { instanceIntegrationId: INSTALLATION_ID, clientId: lone } },
        }),
    ]) {
      const error = await call().then(
        () => expect.unreachable(),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ListoParameterError);
      expect(error).toBeInstanceOf(TypeError);
      expect(error).toMatchObject({ name: 'ListoParameterError', parameter: 'clientId' });
      expect((error as Error).message).toBe(
        'Path parameter "clientId" must be well-formed text (it contains a lone surrogate).',
      );
    }
    expect(server.requests).toHaveLength(0);
  });

  it('rejects rather than throwing synchronously, for every method', () => {
    const api = listo();
    const bad = '' as `lglsocli_${string}`;
    const results = [
      api.clients.get(INSTALLATION_ID, bad),
      api.users.list(INSTALLATION_ID, bad),
      api.workers.iterate(INSTALLATION_ID, bad).next(),
    ];
    for (const result of results) expect(result).toBeInstanceOf(Promise);
    return Promise.all(results.map((r) => expect(r).rejects.toBeInstanceOf(ListoParameterError)));
  });
});
