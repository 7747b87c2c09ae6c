import { makeEvent } from '@listo/events/fixtures';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryDeliveryStore, createWebhookHandler } from '../src/index';
import { delivery, request, SECRET } from './support/deliveries';

/** A promise and the function that settles it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('concurrent duplicates', () => {
  it('run the handler once; the others get 409 while it runs, and 200 duplicate after', async () => {
    const { opened, open } = gate();
    let runs = 0;
    const handler = createWebhookHandler({
      secret: SECRET,
      handlers: {
        otherwise: async () => {
          runs++;
          await opened;
        },
      },
    });
    const event = makeEvent('worker.onboarded', 1);
    const first = handler.fetch(request(delivery(event)));
    const concurrent = await Promise.all(
      Array.from({ length: 20 }, () => handler.fetch(request(delivery(event)))),
    );
    expect(concurrent.map((r) => r.status)).toEqual(Array(20).fill(409));
    const retryAfter = Number(concurrent[0]!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(await concurrent[0]!.json()).toEqual({
      error: 'delivery_in_progress',
      message: 'This delivery is being handled by another attempt; retry later',
    });
    open();
    expect((await first).status).toBe(200);
    const after = await Promise.all(Array.from({ length: 5 }, () => handler.fetch(request(delivery(event)))));
    expect(after.map((r) => r.status)).toEqual(Array(5).fill(200));
    expect(await after[0]!.json()).toEqual({ status: 'duplicate', webhookId: event.id });
    expect(runs).toBe(1);
  });

  it('started all at once, still run the handler once', async () => {
    let runs = 0;
    const handler = createWebhookHandler({
      secret: SECRET,
      handlers: {
        otherwise: async () => {
          runs++;
          await new Promise((resolve) => setTimeout(resolve, 10));
        },
      },
    });
    const event = makeEvent('client.created', 1);
    const statuses = (
      await Promise.all(Array.from({ length: 50 }, () => handler.fetch(request(delivery(event)))))
    ).map((r) => r.status);
    expect(runs).toBe(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
  });

  it('after a failure, the claim is released: the next attempt runs the handler (attempt 2)', async () => {
    const attempts: number[] = [];
    const { opened, open } = gate();
    const handler = createWebhookHandler({
      secret: SECRET,
      handlers: {
        otherwise: async (_event, d) => {
          attempts.push(d.attempt);
          if (d.attempt === 1) {
            await opened;
            throw new Error('first attempt fails');
          }
        },
      },
      hooks: { onFailed: () => {} },
    });
    const event = makeEvent('client.created', 1);
    const first = handler.fetch(request(delivery(event)));
    expect((await handler.fetch(request(delivery(event)))).status).toBe(409);
    open();
    expect((await first).status).toBe(500);
    expect((await handler.fetch(request(delivery(event)))).status).toBe(200);
    expect((await handler.fetch(request(delivery(event)))).status).toBe(200);
    expect(attempts).toEqual([1, 2]);
  });

  it('find an abandoned claim taken over once its lease runs out; the late first attempt cannot release it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const hung = gate();
    const second = gate();
    const attempts: number[] = [];
    const store = createMemoryDeliveryStore();
    const handler = createWebhookHandler({
      secret: SECRET,
      store,
      leaseMs: 30_000,
      handlers: {
        otherwise: async (_event, d) => {
          attempts.push(d.attempt);
          if (d.attempt === 1) {
            await hung.opened;
            throw new Error('gave up late');
          }
          await second.opened;
        },
      },
      hooks: { onFailed: () => {} },
    });
    const event = makeEvent('client.created', 1);
    const first = handler.fetch(request(delivery(event)));
    await vi.waitFor(() => expect(attempts).toEqual([1]));
    vi.setSystemTime(Date.now() + 29_000);
    expect((await handler.fetch(request(delivery(event)))).status).toBe(409);
    vi.setSystemTime(Date.now() + 2_000); // past the lease
    const takeover = handler.fetch(request(delivery(event)));
    await vi.waitFor(() => expect(attempts).toEqual([1, 2]));
    hung.open(); // the first attempt fails now and releases its stale claim…
    expect((await first).status).toBe(500);
    // …which leaves the newer claim in place
    expect((await handler.fetch(request(delivery(event)))).status).toBe(409);
    second.open();
    expect((await takeover).status).toBe(200);
    expect((await handler.fetch(request(delivery(event)))).status).toBe(200);
    expect(attempts).toEqual([1, 2]);
  });
});
