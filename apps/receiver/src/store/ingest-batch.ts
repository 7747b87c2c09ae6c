import { toPgTimestamp } from './pg-timestamp';
import type { SqlDatabase } from './sql';
import type { IncomingDelivery } from './store-types';

type Result = 'stored' | 'duplicate';

// PostgreSQL text cannot hold NUL; keep such bodies inspectable anyway.
const safeText = (s: string) => s.replaceAll(String.fromCharCode(0), '\uFFFD');
const textOrNull = (s: string | undefined) => (s === undefined ? null : safeText(s));
// The envelope columns are for listing and inspection; the raw body keeps the event exactly. A value a column
// cannot hold is left out there rather than refusing the delivery.
const dataVersionOrNull = (v: number | undefined) => (v !== undefined && Number.isSafeInteger(v) ? v : null);
const occurredAtOrNull = (v: string | undefined) => (v === undefined ? null : (toPgTimestamp(v) ?? null));

/**
 * Writes deliveries and their events in one transaction for the whole batch: the delivery rows with
 * `INSERT … ON CONFLICT` (a conflict is a duplicate, counted), then the events of the new ones.
 * Copies of one webhook-id inside the batch are folded first, since one statement may touch a row once.
 */
export async function writeDeliveries(db: SqlDatabase, deliveries: IncomingDelivery[]): Promise<Result[]> {
  const firstIndex = new Map<string, number>();
  const copies = new Map<string, number>();
  deliveries.forEach((d, i) => {
    if (!firstIndex.has(d.webhookId)) firstIndex.set(d.webhookId, i);
    copies.set(d.webhookId, (copies.get(d.webhookId) ?? 0) + 1);
  });
  const unique = [...firstIndex.values()].map((i) => deliveries[i] as IncomingDelivery);

  const inserted = await db.transaction(async (tx) => {
    // xmax = 0 only on a freshly inserted row: tells a first delivery from a duplicate in the same statement.
    const { rows } = await tx.query<{ webhook_id: string; inserted: boolean }>(
      `INSERT INTO deliveries (webhook_id, kind, status, webhook_timestamp, times_received)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[])
       ON CONFLICT (webhook_id) DO UPDATE
         SET times_received = deliveries.times_received + EXCLUDED.times_received, last_received_at = now()
       RETURNING webhook_id, (xmax = 0) AS inserted`,
      [
        unique.map((d) => d.webhookId),
        unique.map((d) => d.kind),
        unique.map((d) => (d.kind === 'invalid' ? 'invalid' : 'pending')),
        unique.map((d) => d.webhookTimestamp),
        unique.map((d) => copies.get(d.webhookId) ?? 1),
      ],
    );
    const fresh = new Set(rows.filter((r) => r.inserted).map((r) => r.webhook_id));
    const events = unique.filter((d) => fresh.has(d.webhookId));
    if (events.length > 0) {
      await tx.query(
        `INSERT INTO events (webhook_id, raw_body, type, data_version, occurred_at, entity_type, entity_id, parse_error)
         SELECT id, raw, type, version, occurred, etype, eid, perr
           FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[], $6::text[], $7::text[], $8::text[])
             AS e(id, raw, type, version, occurred, etype, eid, perr)`,
        [
          events.map((d) => d.webhookId),
          events.map((d) => safeText(d.rawBody)),
          events.map((d) => textOrNull(d.envelope?.type)),
          events.map((d) => dataVersionOrNull(d.envelope?.dataVersion)),
          events.map((d) => occurredAtOrNull(d.envelope?.occurredAt)),
          events.map((d) => textOrNull(d.envelope?.entityType)),
          events.map((d) => textOrNull(d.envelope?.entityId)),
          events.map((d) => textOrNull(d.parseError)),
        ],
      );
    }
    return fresh;
  });

  return deliveries.map((d, i) =>
    firstIndex.get(d.webhookId) === i && inserted.has(d.webhookId) ? 'stored' : 'duplicate',
  );
}

/**
 * Group commit: deliveries arriving while a transaction is being written are queued and written
 * together in the next one. Every caller still resolves only once its own row is committed, so
 * "stored before acknowledged" holds, but many deliveries share one commit under load. With no
 * load a delivery is written on the next event-loop turn, alone: nothing waits for a timer.
 */
export function createIngestBatcher(
  db: SqlDatabase,
  maxBatch = 256,
): (d: IncomingDelivery) => Promise<Result> {
  let queue: { d: IncomingDelivery; resolve: (r: Result) => void; reject: (e: unknown) => void }[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        try {
          const results = await writeDeliveries(
            db,
            batch.map((b) => b.d),
          );
          batch.forEach((b, i) => {
            b.resolve(results[i] as Result);
          });
        } catch (error) {
          if (batch.length === 1) {
            batch[0]?.reject(error);
            continue;
          }
          // One bad delivery must not fail the others: write them one by one to isolate it.
          for (const b of batch) {
            try {
              b.resolve((await writeDeliveries(db, [b.d]))[0] as Result);
            } catch (e) {
              b.reject(e);
            }
          }
        }
      }
    } finally {
      flushing = false;
    }
  }

  return (d) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ d, resolve, reject });
      if (!flushing) {
        flushing = true;
        // Start on the next turn of the event loop, not now: requests already read from their sockets
        // get to join this batch. (PGlite works synchronously on this thread, so a transaction started
        // at once would keep every other request from even being read until it commits.)
        setImmediate(() => void flush());
      }
    });
}
