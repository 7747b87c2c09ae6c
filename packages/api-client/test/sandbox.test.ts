import { type Sandbox, startSandbox } from '@listo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListoClient, ListoApiError, type ListoClient } from '../src/index';

// The sandbox's REST emulator is built from the same OpenAPI document: these tests walk the whole API
// through the client against it, and follow the links of the events it emits.
let sandbox: Sandbox;
let api: ListoClient;
beforeAll(async () => {
  sandbox = await startSandbox({ oidc: false });
  api = createListoClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.url });
});
afterAll(() => sandbox.stop());

interface EventWithLink {
  data: { links: { self: string } } & Record<string, unknown>;
}

describe('against @listo/sandbox', () => {
  it('reads every resource of an installation', async () => {
    const [installation] = await api.installations.list();
    expect(installation?.id).toMatch(/^inst_/);
    const iid = installation!.id;
    const clients = await api.clients.list(iid);
    expect(clients.length).toBeGreaterThan(0);
    const { clientId } = clients[0]!;
    await expect(api.clients.get(iid, clientId)).resolves.toEqual(clients[0]);

    const users = await api.users.list(iid, clientId);
    if (users[0]) await expect(api.users.get(iid, clientId, users[0].userId)).resolves.toEqual(users[0]);
    expect(Array.isArray(await api.jobTitles.list(iid, clientId))).toBe(true);
    expect(await api.organizationStructure.get(iid, clientId)).toBeTypeOf('object');

    const workers = await api.workers.list(iid, clientId);
    expect(workers.length).toBeGreaterThan(0);
    const { workerId } = workers[0]!;
    await expect(api.workers.get(iid, clientId, workerId)).resolves.toEqual(workers[0]);
    await expect(api.workers.lookup(iid, workerId)).resolves.toEqual({ clientId, ...workers[0] });
  });

  it('follows the links.self of a client.created event to the new client', async () => {
    const { entity, event, installationId } = sandbox.createClient({ name: 'Followed Ltd' });
    const link = (event as unknown as EventWithLink).data.links.self;
    const followed = await api.follow(link);
    expect(followed).toEqual(await api.clients.get(installationId, entity.id as `lglsocli_${string}`));
    expect(followed).toMatchObject({ name: 'Followed Ltd' });
  });

  it('follows the links.self of a worker.onboarded event to the worker, which is its data less the routing fields', async () => {
    const [installation] = await api.installations.list();
    const [client] = await api.clients.list(installation!.id);
    const { event } = sandbox.onboardWorker({ clientId: client!.clientId });
    const { clientId: _c, workerProfileId: _w, ...expected } = (event as unknown as EventWithLink).data;
    await expect(api.follow((event as unknown as EventWithLink).data.links.self)).resolves.toEqual(expected);
  });

  it('reports a wrong API key as a 401 ListoApiError, not retried', async () => {
    const wrong = createListoClient({ apiKey: 'not-the-key', baseUrl: sandbox.url });
    const error = await wrong.installations.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ListoApiError);
    expect(error).toMatchObject({ statusCode: 401, attempts: 1 });
  });
});
