import { makeEvent } from '@listo/events/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/receiver-store';
import type { ReceiverStore } from '../src/store/store-types';
import { type ChildReceiver, spawnReceiver } from './support/child-receiver';
import {
  createTestDatabase,
  noticeWhenPostgresMissing,
  TEST_DATABASE_URL,
  type TestDatabase,
} from './support/databases';
import { postDelivery, waitFor } from './support/receiver';

noticeWhenPostgresMissing('scale-out');

function processedCount(metrics: string): number {
  const m = /listo_receiver_events_processed_total\{result="processed"\} (\d+)/.exec(metrics);
  return m ? Number(m[1]) : 0;
}

describe.skipIf(!TEST_DATABASE_URL)('two receiver processes on one PostgreSQL', () => {
  let db: TestDatabase;
  let replicas: ChildReceiver[] = [];
  let store: ReceiverStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Both start at once: the migration lock keeps them from racing on the schema.
    replicas = await Promise.all([
      spawnReceiver({ DATABASE_URL: db.url }),
      spawnReceiver({ DATABASE_URL: db.url }),
    ]);
    store = await openStore({ kind: 'postgres', url: db.url, poolSize: 2 });
  });
  afterAll(async () => {
    for (const r of replicas) r.kill('SIGTERM');
    await Promise.all(replicas.map((r) => r.exited));
    await store?.close();
    await db?.drop();
  });

  it('processes each event once in effect when every delivery reaches both replicas at the same time', async () => {
    const events = Array.from({ length: 60 }, (_, i) =>
      i % 3 === 0
        ? makeEvent('client.created', 1, { data: { name: `Client ${i}` } })
        : i % 3 === 1
          ? makeEvent('user.created', 1)
          : makeEvent('worker.onboarded', 1),
    );
    const [a, b] = replicas as [ChildReceiver, ChildReceiver];
    const answers = await Promise.all(
      events.flatMap((e) => [postDelivery(a.url, e), postDelivery(b.url, e), postDelivery(a.url, e)]),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as { status: string }[];
    // Exactly one of the three copies of each event was stored; the others were recognised as duplicates.
    expect(bodies.filter((b) => b.status === 'handled')).toHaveLength(events.length);

    await waitFor(async () => (await store.countByStatus()).processed === events.length);
    const rows = await store.listDeliveries({ limit: 1000 });
    expect(rows).toHaveLength(events.length);
    for (const row of rows) expect(row).toMatchObject({ status: 'processed', attempts: 1, timesReceived: 3 });

    const perReplica = await Promise.all(
      replicas.map(async (r) => processedCount(await (await fetch(`${r.url}/metrics`)).text())),
    );
    expect(perReplica.reduce((x, y) => x + y, 0)).toBe(events.length);

    const clients = await store.listClients();
    const workers = await store.listWorkers();
    const users = await store.listUsers();
    expect(users).toHaveLength(20);
    expect(workers).toHaveLength(20);
    // 20 from client.created plus one placeholder per user and worker, whose clients never arrived.
    expect(clients).toHaveLength(60);
  });

  it('stops gracefully on SIGTERM: exit code 0 after closing the store', async () => {
    const extra = await spawnReceiver({ DATABASE_URL: db.url });
    extra.kill('SIGTERM');
    expect(await extra.exited).toEqual({ code: 0, signal: null });
    expect(extra.output()).toContain('"receiver stopped"');
  });
});
