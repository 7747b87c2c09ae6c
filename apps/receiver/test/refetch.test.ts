import { makeEvent } from '@listo/events/fixtures';
import { type Sandbox, startSandbox } from '@listo/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';
import { createRefetch } from '../src/refetch';
import type { RunningReceiver } from '../src/server';
import { STORE_BACKENDS } from './support/databases';
import { getJson, postDelivery, startTestReceiver, waitFor } from './support/receiver';

describe('refetching entities through the api-client (LISTO_API_KEY set)', () => {
  let sandbox: Sandbox;
  let receiver: RunningReceiver;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 3 });
    const prepared = await STORE_BACKENDS[0]!.prepare();
    cleanup = prepared.cleanup;
    receiver = await startTestReceiver(prepared.options, { apiKey: sandbox.apiKey, apiBaseUrl: sandbox.url });
  });
  afterAll(async () => {
    await receiver?.close();
    await sandbox?.stop();
    await cleanup?.();
  });

  it('mirrors the current state from links.self instead of a stale snapshot', async () => {
    const current = sandbox.dataset.workers[0]!;
    const installationId = sandbox.dataset.installations[0]!.id;
    const stale = makeEvent('worker.updated', 1, {
      entity: { id: current.id },
      data: {
        workerId: current.id,
        clientId: current.clientId,
        email: 'stale.snapshot@example.com',
        links: {
          self: `/v2/instance-integrations/${installationId}/clients/${current.clientId}/workers/${current.id}`,
        },
      },
    });
    expect((await postDelivery(receiver.url, stale)).status).toBe(200);
    const worker = await waitFor(async () => {
      const { workers } = await getJson<{ workers: Record<string, unknown>[] }>(
        `${receiver.url}/api/workers`,
      );
      return workers.find((w) => w.workerId === current.id);
    });
    expect(worker.email).toBe(current.email);
    expect(worker.email).not.toBe('stale.snapshot@example.com');
  });

  it('falls back to the snapshot when Listo no longer has the entity', async () => {
    const ghost = makeEvent('client.created', 1, { data: { name: 'Snapshot Only' } });
    const installationId = sandbox.dataset.installations[0]!.id;
    ghost.data.links.self = `/v1/instance-integrations/${installationId}/clients/${ghost.data.clientId}`;
    expect((await postDelivery(receiver.url, ghost)).status).toBe(200);
    const client = await waitFor(async () => {
      const { clients } = await getJson<{ clients: Record<string, unknown>[] }>(
        `${receiver.url}/api/clients`,
      );
      return clients.find((c) => c.clientId === ghost.data.clientId);
    });
    expect(client.name).toBe('Snapshot Only');
  });

  it('is off without an API key', () => {
    expect(
      createRefetch({ apiKey: undefined, apiBaseUrl: undefined }, createLogger({ level: 'silent' })),
    ).toBeUndefined();
  });
});
