import { makeEvent } from '@listo/events/fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/receiver-store';
import { type ChildReceiver, spawnReceiver } from './support/child-receiver';
import { noticeWhenPostgresMissing, STORE_BACKENDS } from './support/databases';
import { postDelivery, waitFor } from './support/receiver';

noticeWhenPostgresMissing('kill -9');

type Outcome = { id: string; status: number | 'network-error'; body?: { status?: string } };

describe.each(STORE_BACKENDS)('kill -9 in the middle of a stream of deliveries ($name store)', (backend) => {
  const children: ChildReceiver[] = [];
  let cleanup: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await cleanup?.();
  });

  it.skipIf(!backend.available)(
    'processes every acknowledged delivery exactly once in effect after a restart, and still recognises duplicates',
    async () => {
      const prepared = await backend.prepare();
      cleanup = prepared.cleanup;
      const env =
        prepared.options.kind === 'postgres'
          ? { DATABASE_URL: prepared.options.url }
          : { RECEIVER_DATA_DIR: prepared.options.dataDir ?? '' };
      // A short lease, so events the dead process had claimed are taken over soon after the restart.
      const first = await spawnReceiver({ ...env, RECEIVER_LEASE_MS: '1500' });
      children.push(first);

      const events = Array.from({ length: 120 }, (_, i) =>
        makeEvent('client.created', 1, { data: { name: `Stream ${i}` } }),
      );
      const outcomes: Outcome[] = [];
      const send = async (url: string, event: (typeof events)[number]): Promise<Outcome> => {
        try {
          const res = await postDelivery(url, event);
          return { id: event.id, status: res.status, body: (await res.json()) as { status?: string } };
        } catch {
          return { id: event.id, status: 'network-error' };
        }
      };

      // Four senders in parallel; the process is killed once a third of the stream has been acknowledged.
      let next = 0;
      let killed = false;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < events.length) {
            const event = events[next++]!;
            outcomes.push(await send(first.url, event));
            if (!killed && outcomes.filter((o) => o.status === 200).length >= 40) {
              killed = true;
              first.kill('SIGKILL');
            }
          }
        }),
      );
      expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
      const acknowledged = outcomes.filter((o) => o.status === 200).map((o) => o.id);
      expect(acknowledged.length).toBeGreaterThanOrEqual(40);
      expect(outcomes.some((o) => o.status === 'network-error')).toBe(true);

      const second = await spawnReceiver({ ...env, RECEIVER_LEASE_MS: '1500' });
      children.push(second);
      // Listo retries everything: acknowledged ones must come back as duplicates, the rest get stored now.
      const retried = await Promise.all(events.map((e) => send(second.url, e)));
      for (const r of retried) expect(r.status).toBe(200);
      const ackSet = new Set(acknowledged);
      for (const r of retried.filter((r) => ackSet.has(r.id))) expect(r.body?.status).toBe('duplicate');

      const store = await waitFor(async () => {
        const d = (await (
          await fetch(`${second.url}/api/deliveries?status=processed&limit=1000`)
        ).json()) as {
          deliveries: { webhookId: string }[];
        };
        return d.deliveries.length === events.length && d;
      });
      expect(new Set(store.deliveries.map((d) => d.webhookId))).toEqual(new Set(events.map((e) => e.id)));

      // One client per event, each holding its own event's state: processed once in effect.
      const { clients } = (await (await fetch(`${second.url}/api/clients`)).json()) as {
        clients: { clientId: string; name: string; sourceEventId: string }[];
      };
      expect(clients).toHaveLength(events.length);
      for (const e of events) {
        expect(clients.find((c) => c.clientId === e.data.clientId)).toMatchObject({
          name: e.data.name,
          sourceEventId: e.id,
        });
      }

      second.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
      // Reopen the store once more: nothing left in flight.
      const reopened = await openStore(prepared.options);
      const counts = await reopened.countByStatus();
      await reopened.close();
      expect(counts).toMatchObject({
        processed: events.length,
        pending: 0,
        processing: 0,
        retrying: 0,
        dead: 0,
      });
    },
  );
});
