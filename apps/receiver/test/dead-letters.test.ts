import { makeEvent } from '@listo/events/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryDelayMs } from '../src/processor';
import type { RunningReceiver } from '../src/server';
import type { DeliveryRow } from '../src/store/store-types';
import { noticeWhenPostgresMissing, STORE_BACKENDS } from './support/databases';
import { getJson, postDelivery, startTestReceiver, waitFor } from './support/receiver';

noticeWhenPostgresMissing('dead letters');

describe('retry backoff', () => {
  it('doubles from the base delay, stays within 50–100 % of it and is capped', () => {
    expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(retryDelayMs(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(retryDelayMs(3, 1000, 60_000, () => 0)).toBe(2000);
    expect(retryDelayMs(30, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe.each(STORE_BACKENDS)('retries and dead letters ($name store)', (backend) => {
  let receiver: RunningReceiver;
  let cleanup: () => Promise<void>;
  /** How many more refetches fail: processing depends on it, so failures are switched on and off. */
  let failuresLeft = 0;

  beforeAll(async () => {
    if (!backend.available) return;
    const prepared = await backend.prepare();
    cleanup = prepared.cleanup;
    receiver = await startTestReceiver(
      prepared.options,
      { maxAttempts: 3, retryBaseMs: 10 },
      {
        refetch: async () => {
          if (failuresLeft > 0) {
            failuresLeft -= 1;
            throw new Error('Listo API unavailable');
          }
          return undefined;
        },
      },
    );
  });
  afterAll(async () => {
    await receiver?.close();
    await cleanup?.();
  });

  const row = (id: string) => getJson<DeliveryRow>(`${receiver.url}/api/deliveries/${id}`);

  describe.skipIf(!backend.available)('', () => {
    it('retries a failing event with backoff until it succeeds', async () => {
      failuresLeft = 2;
      const event = makeEvent('client.created', 1);
      expect((await postDelivery(receiver.url, event)).status).toBe(200);
      const done = await waitFor(async () => {
        const r = await row(event.id);
        return r.status === 'processed' && r;
      });
      expect(done).toMatchObject({ attempts: 3, lastError: null });
    });

    it('parks an event as a visible dead letter after the last attempt, and replays it on request', async () => {
      failuresLeft = 3;
      const event = makeEvent('user.created', 1);
      expect((await postDelivery(receiver.url, event)).status).toBe(200);
      const dead = await waitFor(async () => {
        const r = await row(event.id);
        return r.status === 'dead' && r;
      });
      expect(dead).toMatchObject({ attempts: 3, lastError: 'Error: Listo API unavailable' });
      const listed = await getJson<{ deliveries: DeliveryRow[] }>(`${receiver.url}/api/dead-letters`);
      expect(listed.deliveries.map((d) => d.webhookId)).toContain(event.id);
      // Nothing was mirrored for it.
      const { users } = await getJson<{ users: { userId: string }[] }>(`${receiver.url}/api/users`);
      expect(users.map((u) => u.userId)).not.toContain(event.data.userId);

      const replay = await fetch(`${receiver.url}/api/dead-letters/${event.id}/replay`, { method: 'POST' });
      expect(replay.status).toBe(202);
      await waitFor(async () => (await row(event.id)).status === 'processed');
      const after = await getJson<{ users: { userId: string }[] }>(`${receiver.url}/api/users`);
      expect(after.users.map((u) => u.userId)).toContain(event.data.userId);

      expect(
        (await fetch(`${receiver.url}/api/dead-letters/${event.id}/replay`, { method: 'POST' })).status,
      ).toBe(409);
      expect(
        (await fetch(`${receiver.url}/api/dead-letters/lglsoevt_nope/replay`, { method: 'POST' })).status,
      ).toBe(404);
    });
  });
});
