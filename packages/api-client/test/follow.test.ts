import { parseEvent } from '@listo/events';
import { clientCreatedV1Sample, userCreatedV1Sample, workerOnboardedV1Sample } from '@listo/events/fixtures';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createListoClient, ListoLinkError } from '../src/index';
import { client, fakeListo, user, worker } from './support/fake-listo';
import { type LoopbackServer, startLoopbackServer } from './support/loopback-server';

const API_KEY = 'f'.repeat(64);

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle(fakeListo(API_KEY));
});

describe('follow', () => {
  it.each([
    ['client.created', clientCreatedV1Sample, client],
    ['user.created', userCreatedV1Sample, user],
    ['worker.onboarded', workerOnboardedV1Sample, worker],
  ] as const)("fetches the current state behind a %s event's links.self", async (_, event, expected) => {
    const api = createListoClient({ apiKey: API_KEY, baseUrl: server.url });
    await expect(api.follow(event.data.links.self)).resolves.toEqual(expected);
    expect(server.requests.map((r) => r.url)).toEqual([event.data.links.self]);
  });

  it('follows the link of an event that came through parseEvent', async () => {
    const parsed = parseEvent(JSON.parse(JSON.stringify(workerOnboardedV1Sample)));
    if (parsed.kind !== 'known' || parsed.event.type !== 'worker.onboarded')
      throw new Error('the sample should parse');
    const api = createListoClient({ apiKey: API_KEY, baseUrl: server.url });
    await expect(api.follow(parsed.event.data.links.self)).resolves.toEqual(worker);
  });

  const clientPath = '/v1/instance-integrations/inst_abc123xyz/clients/lglsocli_uZIIHfKqYBwyaRGGs';
  const refused: [string, unknown][] = [
    ['an absolute URL to another host', `https://evil.example${clientPath}`],
    ['an absolute URL to the gateway itself', `https://gateway.listoglobal.com${clientPath}`],
    ['a protocol-relative URL', `//evil.example${clientPath}`],
    ['a backslash host', `/\\evil.example${clientPath}`],
    ['a backslash anywhere', clientPath.replace('/clients/', '\\clients\\')],
    ['a traversal', `${clientPath}/../../../v1/external-integration/installations`],
    ['an encoded traversal', `${clientPath}/%2e%2e/%2E%2E/x`],
    ['an encoded slash', '/v1/instance-integrations/inst_abc123xyz/clients/lglsocli_a%2F..%2Fb'],
    ['a query string', `${clientPath}?redirect=https://evil.example`],
    ['a fragment', `${clientPath}#x`],
    ['a trailing slash', `${clientPath}/`],
    ['a relative path without its leading slash', clientPath.slice(1)],
    ['surrounding whitespace', ` ${clientPath}`],
    ['a userinfo-looking segment', '/v1/instance-integrations/inst_x@evil.example/clients/lglsocli_a'],
    ['an ID of the wrong kind', '/v1/instance-integrations/inst_abc/clients/lglsowpr_abc'],
    ['a worker link on the v1 API', '/v1/instance-integrations/inst_a/clients/lglsocli_b/workers/lglsowpr_c'],
    ['an endpoint that is not an entity', '/v1/external-integration/installations'],
    ['a scheme-only string', 'javascript:alert(1)'],
    ['an empty string', ''],
    ['a non-string', 42],
  ];

  it.each(refused)('refuses %s before sending anything', async (_, link) => {
    let fetchCalls = 0;
    const api = createListoClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      fetch: (request) => {
        fetchCalls++;
        return fetch(request);
      },
    });
    await expect(api.follow(link as string)).rejects.toBeInstanceOf(ListoLinkError);
    expect(fetchCalls).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it('explains a refusal without echoing more than a short excerpt', async () => {
    const api = createListoClient({ apiKey: API_KEY, baseUrl: server.url });
    const long = `https://evil.example/${'x'.repeat(500)}`;
    const error = (await api.follow(long).then(
      () => expect.unreachable(),
      (e: unknown) => e,
    )) as ListoLinkError;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.name).toBe('ListoLinkError');
    expect(error.message).toContain('Refusing to follow');
    expect(error.message.length).toBeLessThan(300);
  });
});
