import { Webhook } from '@listo/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index';
import { makeSecret, startReceiver } from './support/receiver';

const API_KEY = 'admin-test-key';
const secret = makeSecret(4);
let sandbox: Sandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  sandbox = await startSandbox({ apiKey: API_KEY, seed: 8, deliveryBackoffMs: 0.001 });
});
afterAll(async () => {
  await sandbox.stop();
  await receiver.close();
});

async function admin(method: string, path: string, body?: unknown, key = API_KEY) {
  const response = await fetch(`${sandbox.url}/__admin/${path}`, {
    method,
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the admin HTTP endpoint', () => {
  it('wants the same API key as the REST API', async () => {
    expect(await admin('GET', 'deliveries', undefined, 'wrong')).toEqual({
      status: 401,
      body: { statusCode: 401, message: 'Invalid API key' },
    });
  });

  it('subscribes a URL, applies mutations that deliver signed events, and shows the delivery log', async () => {
    const installationId = sandbox.dataset.installations[0]!.id;
    const subscribed = await admin('POST', 'subscriptions', {
      installationId,
      url: receiver.url,
      secret: secret.whk,
    });
    expect(subscribed.status).toBe(201);
    expect(subscribed.body).toMatchObject({
      id: expect.stringMatching(/^sub_/),
      installationId,
      signingKeys: 1,
    });
    expect(subscribed.body).not.toHaveProperty('secrets');

    const client = await admin('POST', 'clients', { installationId, name: 'Orbital - Acme - Labs' });
    expect(client.status).toBe(201);
    expect(client.body).toMatchObject({ scheduled: 1, entity: { name: 'Orbital - Acme - Labs' } });
    const clientId = (client.body as unknown as { entity: { id: string } }).entity.id;

    const user = await admin('POST', 'users', { clientId, firstName: 'Maya' });
    const worker = await admin('POST', 'workers/onboard', { clientId, email: 'new.hire@example.org' });
    const workerId = (worker.body as unknown as { entity: { id: string; contracts: { id: string }[] } })
      .entity.id;
    const contractId = (worker.body as unknown as { entity: { contracts: { id: string }[] } }).entity
      .contracts[0]!.id;
    const updated = await admin('POST', `workers/${workerId}/update`, { phone: '+12025550199' });
    const changed = await admin('POST', `contracts/${contractId}`, { status: 'TERMINATED' });
    const triggered = await admin('POST', 'events', { type: 'worker.updated' });
    for (const result of [user, worker, updated, changed, triggered]) expect(result.status).toBe(201);

    await sandbox.waitForDeliveries();
    const types = receiver.requests.map((r) => JSON.parse(r.body).type);
    expect(types).toEqual([
      'client.created',
      'user.created',
      'worker.onboarded',
      'worker.updated',
      'worker.contract.updated',
      'worker.updated',
    ]);
    for (const request of receiver.requests) {
      expect(() =>
        new Webhook(secret.whk).verify(request.body, request.headers as Record<string, string>),
      ).not.toThrow();
    }
    const log = await admin('GET', 'deliveries');
    expect(log.body).toHaveLength(6);
  });

  it('rotates a subscription key and switches chaos on and off', async () => {
    const { body } = await admin('GET', 'subscriptions');
    const id = (body as unknown as { id: string }[])[0]!.id;
    expect(
      (await admin('POST', `subscriptions/${id}/rotate`, { secret: makeSecret(5).whk })).body,
    ).toMatchObject({
      signingKeys: 2,
    });
    expect((await admin('POST', `subscriptions/${id}/complete-rotation`)).body).toMatchObject({
      signingKeys: 1,
    });
    expect((await admin('POST', 'chaos', { duplicateRate: 0.5 })).body).toEqual({
      duplicateRate: 0.5,
      reorderWindowMs: 0,
      delayMs: 0,
    });
    expect((await admin('POST', 'chaos', { duplicateRate: 0 })).body).toMatchObject({ duplicateRate: 0 });
    expect((await admin('DELETE', `subscriptions/${id}`)).body).toEqual({ deleted: true });
  });

  it('answers bad input with 400 and unknown things with 404, in the error shape', async () => {
    expect(await admin('POST', 'users', {})).toEqual({
      status: 400,
      body: { statusCode: 400, message: expect.stringMatching(/^clientId: /) },
    });
    expect(await admin('POST', 'users', { clientId: 'lglsocli_x', nmae: 'typo' })).toEqual({
      status: 400,
      body: { statusCode: 400, message: 'Unrecognized key: "nmae"' },
    });
    expect((await admin('POST', 'workers/lglsocli_x/update', {})).status).toBe(400);
    expect((await admin('POST', 'workers/lglsowpr_missing/update', {})).status).toBe(404);
    expect((await admin('POST', 'subscriptions/sub_9999/rotate', { secret: secret.whk })).status).toBe(404);
    expect((await admin('POST', 'subscriptions', { url: 'not a url', secret: secret.whk })).status).toBe(400);
    expect(
      (await admin('POST', 'subscriptions', { url: receiver.url, secret: 'hunter2' })).body,
    ).toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/^Invalid signing secret/),
    });
    expect((await admin('POST', 'events', { type: '' })).status).toBe(400);
    expect((await admin('POST', 'events', { type: 'client.created', dataVersion: 0 })).status).toBe(400);
    expect((await admin('POST', 'chaos', { delayMs: -1 })).status).toBe(400);
    expect((await admin('GET', 'nothing')).status).toBe(404);
  });
});
