import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createListoClient, ListoApiError } from '../src/index';
import {
  CLIENT_ID,
  client,
  fakeListo,
  INSTALLATION_ID,
  installation,
  user,
  worker,
} from './support/fake-listo';
import { type LoopbackServer, sendJson, startLoopbackServer } from './support/loopback-server';

const API_KEY = 'l'.repeat(64);

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle(fakeListo(API_KEY));
});

const listo = () => createListoClient({ apiKey: API_KEY, baseUrl: server.url, retryDelay: { baseMs: 1 } });

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('list methods', () => {
  it('each have an iterator that yields the items of the list, from one request', async () => {
    const api = listo();
    expect(await all(api.installations.iterate())).toEqual([installation]);
    expect(await all(api.clients.iterate(INSTALLATION_ID))).toEqual([client]);
    expect(await all(api.users.iterate(INSTALLATION_ID, CLIENT_ID))).toEqual([user]);
    expect(await all(api.workers.iterate(INSTALLATION_ID, CLIENT_ID))).toEqual([worker]);
    expect(await all(api.jobTitles.iterate(INSTALLATION_ID, CLIENT_ID))).toEqual(
      await api.jobTitles.list(INSTALLATION_ID, CLIENT_ID),
    );
    expect(server.requests).toHaveLength(6);
  });

  it('send nothing until the iterator is asked for an item', async () => {
    const items = listo().clients.iterate(INSTALLATION_ID);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requests).toHaveLength(0);
    await expect(items.next()).resolves.toEqual({ done: false, value: client });
    expect(server.requests).toHaveLength(1);
  });

  it('can be left early', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ ...client, name: `Client ${i}` }));
    server.handle((_, res) => sendJson(res, 200, many));
    const names: string[] = [];
    for await (const c of listo().clients.iterate(INSTALLATION_ID)) {
      names.push(c.name);
      if (names.length === 2) break;
    }
    expect(names).toEqual(['Client 0', 'Client 1']);
  });

  it('keep every field of every item, including fields the types do not know', async () => {
    const extended = [{ ...client, tier: 'gold', nested: { since: 2020 } }];
    server.handle((_, res) => sendJson(res, 200, extended));
    expect(await listo().clients.list(INSTALLATION_ID)).toEqual(extended);
    expect(await all(listo().clients.iterate(INSTALLATION_ID))).toEqual(extended);
  });

  it('refuse a body that is not an array, rather than yielding nothing', async () => {
    server.handle((_, res) => sendJson(res, 200, { data: [client], next: 'cursor' }));
    for (const read of [
      () => listo().clients.list(INSTALLATION_ID),
      () => all(listo().clients.iterate(INSTALLATION_ID)),
    ]) {
      const error = await read().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ListoApiError);
      expect(error).toMatchObject({ kind: 'invalid-response', statusCode: 200 });
      expect((error as ListoApiError).message).toBe('HTTP 200 with a body that is not a JSON array.');
    }
  });

  it('reject from the iterator with the error of the request', async () => {
    server.handle((_, res) => sendJson(res, 404, { statusCode: 404, message: 'Installation not found' }));
    await expect(all(listo().users.iterate(INSTALLATION_ID, CLIENT_ID))).rejects.toMatchObject({
      kind: 'http',
      statusCode: 404,
      message: 'Installation not found',
    });
  });

  it('stop the iterator when the caller aborts', async () => {
    server.handle(() => {});
    const controller = new AbortController();
    const items = listo().workers.iterate(INSTALLATION_ID, CLIENT_ID, { signal: controller.signal });
    const next = items.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await expect(next).rejects.toMatchObject({ name: 'AbortError' });
  });
});
