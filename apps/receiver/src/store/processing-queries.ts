import { applyMirrorBatch, MirrorBatchConflict } from './batched-mirror-writer';
import { createMirrorWriter } from './mirror-writer';
import type { SqlDatabase } from './sql';
import type { DeliveryKind, ReceiverStore } from './store-types';

/** The processing queue: claims with leases, completion with the mirror writes, retries, dead letters, retention. */
export type ProcessingQueries = Pick<
  ReceiverStore,
  'claim' | 'complete' | 'completeMany' | 'fail' | 'purge' | 'replay'
>;

export function processingQueries(db: SqlDatabase): ProcessingQueries {
  return {
    async claim(processorId, limit, leaseMs) {
      const { rows } = await db.query<{
        webhook_id: string;
        kind: DeliveryKind;
        attempts: number;
        raw_body: string;
      }>(
        `WITH due AS (
           SELECT webhook_id FROM deliveries
           WHERE (status IN ('pending', 'retrying') AND next_attempt_at <= now())
              OR (status = 'processing' AND locked_until < now())
           ORDER BY next_attempt_at
           LIMIT $2
           FOR UPDATE SKIP LOCKED
         )
         UPDATE deliveries d
            SET status = 'processing', locked_by = $1, attempts = d.attempts + 1,
                locked_until = now() + ($3::int * interval '1 millisecond')
           FROM events e
          -- = ANY(ARRAY(…)) rather than joining the CTE: the planner then reads the claimed rows through the
          -- primary key instead of hashing a scan of the whole table, which grows with every delivery kept.
          WHERE d.webhook_id = ANY (ARRAY(SELECT webhook_id FROM due)) AND e.webhook_id = d.webhook_id
        RETURNING d.webhook_id, d.kind, d.attempts, e.raw_body`,
        [processorId, limit, leaseMs],
      );
      return rows.map((r) => ({
        webhookId: r.webhook_id,
        kind: r.kind,
        attempts: Number(r.attempts),
        // The raw text, not the jsonb copy: jsonb reorders keys and drops duplicates.
        payload: JSON.parse(r.raw_body) as unknown,
      }));
    },

    complete: (webhookId, processorId, status, apply) =>
      db.transaction(async (tx) => {
        const { rows } = await tx.query<{ status: string; locked_by: string | null }>(
          'SELECT status, locked_by FROM deliveries WHERE webhook_id = $1 FOR UPDATE',
          [webhookId],
        );
        const row = rows[0];
        if (row?.status !== 'processing' || row.locked_by !== processorId) return false;
        await apply(createMirrorWriter(tx));
        await tx.query(
          `UPDATE deliveries SET status = $2, processed_at = now(), locked_by = NULL, locked_until = NULL,
                  last_error = NULL
            WHERE webhook_id = $1`,
          [webhookId, status],
        );
        return true;
      }),

    completeMany: (processorId, items) =>
      db.transaction(async (tx) => {
        const ids = items.map((i) => i.webhookId);
        const { rows } = await tx.query<{ webhook_id: string }>(
          `SELECT webhook_id FROM deliveries
            WHERE webhook_id = ANY($1::text[]) AND status = 'processing' AND locked_by = $2
            ORDER BY webhook_id FOR UPDATE`,
          [ids, processorId],
        );
        const owned = new Set(rows.map((r) => r.webhook_id));
        const mirror = createMirrorWriter(tx);
        const done = items.filter((i) => owned.has(i.webhookId));
        if (done.length > 1) {
          // A few set-based statements for the whole batch; when two events touch the same mirror row, undo
          // that attempt and apply them one after another, as the order then matters.
          await tx.query('SAVEPOINT mirror_batch');
          try {
            await applyMirrorBatch(
              tx,
              done.map((i) => i.apply),
            );
          } catch (error) {
            if (!(error instanceof MirrorBatchConflict)) throw error;
            await tx.query('ROLLBACK TO SAVEPOINT mirror_batch');
            for (const item of done) await item.apply(mirror);
          }
        } else {
          for (const item of done) await item.apply(mirror);
        }
        if (done.length > 0) {
          await tx.query(
            `UPDATE deliveries d SET status = v.status, processed_at = now(), locked_by = NULL, locked_until = NULL,
                    last_error = NULL
               FROM unnest($1::text[], $2::text[]) AS v(id, status)
              WHERE d.webhook_id = v.id`,
            [done.map((i) => i.webhookId), done.map((i) => i.status)],
          );
        }
        return items.map((i) => owned.has(i.webhookId));
      }),

    async fail(webhookId, processorId, error, retryAt) {
      await db.query(
        `UPDATE deliveries
            SET status = $3, last_error = $4, next_attempt_at = COALESCE($5::timestamptz, now()),
                locked_by = NULL, locked_until = NULL
          WHERE webhook_id = $1 AND locked_by = $2 AND status = 'processing'`,
        [
          webhookId,
          processorId,
          retryAt ? 'retrying' : 'dead',
          error.slice(0, 2000),
          retryAt?.toISOString() ?? null,
        ],
      );
    },

    async purge(before, limit = 1_000) {
      const { rowCount } = await db.query(
        `DELETE FROM deliveries WHERE webhook_id = ANY (ARRAY(
           SELECT webhook_id FROM deliveries
            WHERE first_received_at < $1 AND status IN ('processed', 'ignored', 'invalid', 'dead')
            LIMIT $2))`,
        [before.toISOString(), limit],
      );
      return rowCount;
    },

    async replay(webhookId) {
      const { rowCount } = await db.query(
        `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now()
          WHERE webhook_id = $1 AND status = 'dead'`,
        [webhookId],
      );
      return rowCount > 0;
    },
  };
}
