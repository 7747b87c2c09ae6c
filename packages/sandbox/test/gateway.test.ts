import { Webhook } from '@listo/webhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxOptions, startSandbox } from '../src/index';
import { makeSecret, type Reaction, type ReceivedRequest, startReceiver } from './support/receiver';

const secret = makeSecret(1);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A sandbox with a 100x faster backoff (20/40/80 ms) and one subscription to a fresh loopback receiver. */
async function setup(
  react?: (request: ReceivedRequest, index: number) => Reaction | Promise<Reaction>,
  options: SandboxOptions = {},
) {
  const receiver = await startReceiver(react);
  const sandbox = await startSandbox({ seed: 3, deliveryBackoffMs: 0.01, ...options });
  cleanups.push(
    () => sandbox.stop(),
    () => receiver.close(),
  );
  const subscription = sandbox.subscribe({ url: receiver.url, secret: secret.whk });
  return { receiver, sandbox, subscription };
}

const verify = (request: ReceivedRequest, key: string | string[] = secret.whk) =>
  new Webhook(key).verify(request.body, request.headers as Record<string, string>);

describe('webhook deliveries', () => {
  it("are POSTs with Listo's headers and a body that verifies with the subscription's key", async () => {
    const { receiver, sandbox } = await setup();
    const { event } = sandbox.createClient({ name: 'Hudson - Mraz - EOR' });
    await sandbox.waitForDeliveries();

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests as [ReceivedRequest];
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/webhooks/listo');
    expect(request.headers['user-agent']).toBe('ListoGlobal-Gateway/1.0');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-id']).toBe(event.id);
    expect(Number(request.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -2);
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verify(request)).toEqual(event);
    expect(JSON.parse(request.body).data.links.self).toBe(
      `/v1/instance-integrations/${sandbox.dataset.installations[0]!.id}/clients/${event.entity.id}`,
    );
  });

  it('go only to the subscriptions of the installation the change happened on, and of the wanted types', async () => {
    const { receiver, sandbox } = await setup();
    const other = await startReceiver();
    cleanups.push(() => other.close());
    const [first, second] = sandbox.dataset.installations;
    sandbox.subscribe({ installationId: second!.id, url: other.url, secret: secret.whk });
    sandbox.subscribe({
      installationId: first!.id,
      url: other.url,
      secret: secret.whk,
      eventTypes: ['user.created'],
    });

    sandbox.createClient({ installationId: first!.id });
    sandbox.createClient({ installationId: second!.id });
    await sandbox.waitForDeliveries();

    expect(receiver.requests.map((r) => JSON.parse(r.body).type)).toEqual(['client.created']);
    expect(other.requests).toHaveLength(1);
    expect(JSON.parse(other.requests[0]!.body).data.links.self).toContain(second!.id);
  });

  it('are retried up to 3 attempts on non-2xx answers, with the same webhook-id and a fresh signature each time', async () => {
    const { receiver, sandbox } = await setup(() => 503);
    const { event } = sandbox.emit('client.created');
    await sandbox.waitForDeliveries();

    expect(receiver.requests).toHaveLength(3);
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id']))).toEqual(new Set([event.id]));
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
    for (const request of receiver.requests) expect(verify(request)).toEqual(JSON.parse(request.body));
    const log = sandbox.deliveries;
    expect(log.map((a) => [a.attempt, a.status, a.ok, a.final])).toEqual([
      [1, 503, false, false],
      [2, 503, false, false],
      [3, 503, false, true],
    ]);
    expect(log.every((a) => a.error === 'HTTP 503' && a.webhookId === event.id)).toBe(true);
  });

  it('wait the backoff between attempts', async () => {
    const { receiver, sandbox } = await setup(() => 500, { deliveryBackoffMs: [60, 120] });
    sandbox.emit('user.created');
    await sandbox.waitForDeliveries();
    const [a, b, c] = receiver.requests.map((r) => r.receivedAt) as [number, number, number];
    // Lower bounds only: the gateway must not retry early; how late it is depends on the machine.
    expect(b - a).toBeGreaterThanOrEqual(55);
    expect(c - b).toBeGreaterThanOrEqual(115);
  });

  it('stop retrying at the first 2xx', async () => {
    const { receiver, sandbox } = await setup((_, index) => (index === 0 ? 500 : 204));
    sandbox.emit('worker.onboarded');
    await sandbox.waitForDeliveries();
    expect(receiver.requests).toHaveLength(2);
    expect(sandbox.deliveries.map((a) => [a.status, a.ok, a.final])).toEqual([
      [500, false, false],
      [204, true, true],
    ]);
  });

  it('count a dropped connection and a timeout as failed attempts', async () => {
    const { receiver, sandbox } = await setup(
      (_, index) => (index === 0 ? 'destroy' : index === 1 ? 'hang' : 200),
      {
        attemptTimeoutMs: 200,
      },
    );
    sandbox.emit('worker.updated');
    await sandbox.waitForDeliveries();
    expect(receiver.requests).toHaveLength(3);
    const [dropped, timedOut, ok] = sandbox.deliveries;
    expect(dropped).toMatchObject({ status: null, ok: false });
    expect(dropped!.error).toBeTruthy();
    expect(timedOut).toMatchObject({ status: null, ok: false, error: 'timed out after 200 ms' });
    expect(ok).toMatchObject({ status: 200, ok: true, final: true });
  });

  it('carry a fresh timestamp on each attempt', async () => {
    // A backoff over one second guarantees the Unix-seconds timestamp changes between the two attempts.
    const { receiver, sandbox } = await setup((_, index) => (index === 0 ? 500 : 200), {
      deliveryBackoffMs: [1100],
    });
    sandbox.emit('client.created');
    await sandbox.waitForDeliveries();
    const [first, second] = receiver.requests.map((r) => Number(r.headers['webhook-timestamp']));
    expect(second).toBeGreaterThan(first!);
    expect(receiver.requests[0]!.headers['webhook-signature']).not.toBe(
      receiver.requests[1]!.headers['webhook-signature'],
    );
  });

  it('can be awaited by count, and the log records every attempt', async () => {
    const { sandbox } = await setup();
    sandbox.emit('client.created');
    sandbox.emit('user.created');
    const log = await sandbox.waitForDeliveries({ count: 2 });
    expect(log.filter((a) => a.final)).toHaveLength(2);
    for (const attempt of log) {
      expect(attempt).toMatchObject({
        subscriptionId: expect.stringMatching(/^sub_/),
        ok: true,
        status: 200,
      });
      expect(Date.parse(attempt.finishedAt)).toBeGreaterThanOrEqual(Date.parse(attempt.startedAt));
    }
  });
});

describe('resending', () => {
  it('sends a published event again, same webhook-id and body, with a fresh timestamp and signature', async () => {
    const { receiver, sandbox, subscription } = await setup();
    const { event } = sandbox.emit('client.created');
    await sandbox.waitForDeliveries();
    // Past the next whole second, so the Unix-seconds timestamp must change.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const result = await sandbox.resend(event.id);

    expect(result).toMatchObject({ webhookId: event.id, eventType: 'client.created' });
    expect(result.deliveries).toMatchObject([{ subscriptionId: subscription.id, ok: true }]);
    const [first, again] = receiver.requests as [ReceivedRequest, ReceivedRequest];
    expect(again.headers['webhook-id']).toBe(event.id);
    expect(again.body).toBe(first.body);
    expect(Number(again.headers['webhook-timestamp'])).toBeGreaterThan(
      Number(first.headers['webhook-timestamp']),
    );
    expect(again.headers['webhook-signature']).not.toBe(first.headers['webhook-signature']);
    expect(verify(again)).toEqual(event);
    expect(sandbox.deliveries).toHaveLength(2);
  });

  it('goes to one named subscription, and is a 404 for an event that was never published', async () => {
    const { sandbox } = await setup();
    const other = await startReceiver();
    cleanups.push(() => other.close());
    const { event } = sandbox.emit('user.created');
    await sandbox.waitForDeliveries();
    const late = sandbox.subscribe({ url: other.url, secret: secret.whk });
    const result = await sandbox.resend(event.id, { subscriptionId: late.id });
    expect(result.deliveries.map((d) => d.subscriptionId)).toEqual([late.id]);
    expect(other.requests.map((r) => r.headers['webhook-id'])).toEqual([event.id]);
    await expect(sandbox.resend('lglsoevt_uNever')).rejects.toMatchObject({ statusCode: 404 });
    await expect(sandbox.resend(event.id, { subscriptionId: 'sub_9999' })).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it("keeps the start of each receiver's answer in the log", async () => {
    const { sandbox } = await setup(() => ({ status: 500, body: `${'é'.repeat(600)} and then some` }));
    sandbox.emit('client.created');
    await sandbox.waitForDeliveries();
    const [attempt] = sandbox.deliveries;
    // 1024 bytes of two-byte characters: 512 whole ones, nothing cut in half.
    expect(attempt!.responseBody).toBe('é'.repeat(512));
  });
});

describe('chaos switches', () => {
  it('duplicate deliveries with the same webhook-id when duplicateRate is 1', async () => {
    const { receiver, sandbox } = await setup(undefined, { chaos: { duplicateRate: 1 } });
    const { event } = sandbox.createUser({ clientId: sandbox.dataset.clients[0]!.id });
    await sandbox.waitForDeliveries();
    expect(receiver.requests.map((r) => r.headers['webhook-id'])).toEqual([event.id, event.id]);
    for (const request of receiver.requests) expect(verify(request)).toEqual(event);
  });

  it('reorder the events published within the window', async () => {
    const { receiver, sandbox } = await setup(undefined, { chaos: { reorderWindowMs: 50 } });
    const ids = [1, 2, 3, 4].map(() => sandbox.emit('client.created').event.id);
    await sandbox.waitForDeliveries();
    const received = receiver.requests.map((r) => r.headers['webhook-id']);
    expect([...received].sort()).toEqual([...ids].sort());
    expect(received).not.toEqual(ids);
  });

  it('sign with the old and the new key during a rotation, so either key verifies', async () => {
    const { receiver, sandbox, subscription } = await setup();
    const next = makeSecret(2);
    sandbox.rotateSecret(subscription.id, next.whk);
    sandbox.emit('client.created');
    await sandbox.waitForDeliveries();
    sandbox.completeRotation(subscription.id);
    sandbox.emit('client.created');
    await sandbox.waitForDeliveries();

    const [during, after] = receiver.requests as [ReceivedRequest, ReceivedRequest];
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(() => verify(during, secret.whk)).not.toThrow();
    expect(() => verify(during, next.whk)).not.toThrow();
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => verify(after, next.whk)).not.toThrow();
    expect(() => verify(after, secret.whk)).toThrow();
  });

  it('delay deliveries and can be switched at run time', async () => {
    const { receiver, sandbox } = await setup();
    sandbox.setChaos({ delayMs: 150 });
    expect(sandbox.chaos).toEqual({ duplicateRate: 0, reorderWindowMs: 0, delayMs: 150 });
    const emittedAt = Date.now();
    sandbox.emit('client.created');
    await sandbox.waitForDeliveries();
    expect(receiver.requests[0]!.receivedAt - emittedAt).toBeGreaterThanOrEqual(140);
    expect(() => sandbox.setChaos({ duplicateRate: 2 })).toThrow(RangeError);
  });
});

describe('stopping the sandbox', () => {
  it('aborts deliveries that are waiting to be retried', async () => {
    const { receiver, sandbox } = await setup(() => 500, { deliveryBackoffMs: [60_000] });
    sandbox.emit('client.created');
    while (sandbox.deliveries.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await sandbox.stop();
    expect(receiver.requests).toHaveLength(1);
  });
});
