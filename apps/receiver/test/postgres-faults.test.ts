import { makeEvent } from '@listo/events/fixtures';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildReceiver, spawnReceiver } from './support/child-receiver';
import {
  createTestDatabase,
  noticeWhenPostgresMissing,
  TEST_DATABASE_URL,
  type TestDatabase,
} from './support/databases';
import { postDelivery, waitFor } from './support/receiver';

noticeWhenPostgresMissing('PostgreSQL faults');

type Event = ReturnType<typeof makeEvent<'client.created', 1>>;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function send(url: string, event: Event): Promise<number> {
  try {
    const res = await postDelivery(url, event);
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0; // no answer at all
  }
}

/** An admin connection to the test database's server, for cutting and locking the receiver's connections. */
async function admin(database: TestDatabase): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: database.url, application_name: 'fault-injector' });
  await client.connect();
  return client;
}

async function processedIds(database: TestDatabase): Promise<Set<string>> {
  const client = await admin(database);
  try {
    const { rows } = await client.query<{ webhook_id: string }>(
      "SELECT webhook_id FROM deliveries WHERE status = 'processed'",
    );
    return new Set(rows.map((r) => r.webhook_id));
  } finally {
    await client.end();
  }
}

describe.skipIf(!TEST_DATABASE_URL)('the receiver on PostgreSQL under database faults', () => {
  const children: ChildReceiver[] = [];
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    for (const d of databases) await d.drop();
  });

  it('answers 503 while its connections are cut under load, never crashes, and processes every delivery it acknowledged', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const receiver = await spawnReceiver({ DATABASE_URL: database.url });
    children.push(receiver);
    const killer = await admin(database);

    // 16 senders, as in the review, for four seconds of cuts (one pg_terminate_backend every 400 ms) and
    // a second of calm after them.
    const events: Event[] = [];
    const answers = new Map<string, number>();
    let cutting = true;
    let sending = true;
    let cuts = 0;
    let duringCut = 0;
    const terminateAll = async () => {
      const { rowCount } = await killer.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> 'fault-injector'`,
      );
      cuts += rowCount ?? 0;
    };
    // ALTER DATABASE … ALLOW_CONNECTIONS cannot be run from inside the database itself.
    const server = new pg.Client({ connectionString: TEST_DATABASE_URL, application_name: 'fault-injector' });
    await server.connect();
    const allowConnections = (allow: boolean) =>
      server.query(`ALTER DATABASE ${new URL(database.url).pathname.slice(1)} ALLOW_CONNECTIONS ${allow}`);
    const cutter = (async () => {
      try {
        const started = Date.now();
        let outage = 'before' as 'before' | 'during' | 'after';
        while (Date.now() - started < 4_000) {
          // In the middle of the cut, a failover proper: for about a second no connection is accepted at all.
          if (outage === 'before' && Date.now() - started > 1_500) {
            outage = 'during';
            await allowConnections(false);
          } else if (outage === 'during' && Date.now() - started > 2_700) {
            outage = 'after';
            await allowConnections(true);
          }
          // Otherwise cut while a delivery is being written (waiting briefly for one), so it hits work in flight.
          for (let i = 0; i < 20 && outage !== 'during'; i++) {
            const { rowCount: busy } = await killer.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'listo-receiver'
                AND state IN ('active', 'idle in transaction') AND query ILIKE '%INSERT INTO deliveries%'`,
            );
            if (busy) break;
            await pause(10);
          }
          await terminateAll();
          await pause(400);
        }
        if (outage === 'during') await allowConnections(true);
        cutting = false;
        await pause(1_000);
      } finally {
        cutting = false;
        sending = false;
      }
    })();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (sending && events.length < 5_000) {
          const event = makeEvent('client.created', 1, { data: { name: `Cut ${events.length}` } });
          events.push(event);
          const status = await send(receiver.url, event);
          answers.set(event.id, status);
          if (cutting && status === 503) duringCut++;
        }
      }),
    );
    await cutter;
    await killer.end();
    await server.end();

    expect(cuts).toBeGreaterThan(0);
    expect(duringCut).toBeGreaterThan(0);
    // Only 200 (stored) or 503 (not stored, Listo retries): never a dropped connection or a 500.
    expect(new Set(answers.values())).toEqual(new Set([200, 503]));
    const acknowledged = [...answers].filter(([, s]) => s === 200).map(([id]) => id);

    // The receiver is still the same process, and it recovered: Listo's retries of the 503s are stored now.
    expect(receiver.child.exitCode).toBeNull();
    for (const event of events.filter((e) => answers.get(e.id) !== 200)) {
      expect(await send(receiver.url, event)).toBe(200);
    }
    const processed = await waitFor(async () => {
      const ids = await processedIds(database);
      return events.every((e) => ids.has(e.id)) && ids;
    });
    for (const id of acknowledged) expect(processed.has(id)).toBe(true);
    expect(receiver.output()).not.toMatch(/Unhandled|uncaught/i);
  });

  it('answers 503 and reports not ready while a table is locked, instead of letting requests hang', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const receiver = await spawnReceiver({
      DATABASE_URL: database.url,
      RECEIVER_DB_LOCK_TIMEOUT_MS: '300',
      RECEIVER_DB_STATEMENT_TIMEOUT_MS: '2000',
    });
    children.push(receiver);
    expect((await fetch(`${receiver.url}/readyz`)).status).toBe(200);

    const locker = await admin(database);
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE deliveries IN ACCESS EXCLUSIVE MODE');
    try {
      expect(await send(receiver.url, makeEvent('client.created', 1))).toBe(503);
      const ready = await fetch(`${receiver.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'store_unreachable' });
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(await send(receiver.url, makeEvent('client.created', 1))).toBe(200);
    expect((await fetch(`${receiver.url}/readyz`)).status).toBe(200);
    expect(receiver.child.exitCode).toBeNull();
  });
});
