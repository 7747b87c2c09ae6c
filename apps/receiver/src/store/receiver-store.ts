import { applyMirrorBatch, MirrorBatchConflict } from './batched-mirror-writer';
import { createIngestBatcher } from './ingest-batch';
import { migrate } from './migrations';
import { createMirrorWriter, type MirrorWriter } from './mirror-writer';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase, type PostgresOptions } from './postgres-database';
import { createSqlSessionStore, type SqlSessionStore } from './session-store';
import type { SqlDatabase } from './sql';

export type DeliveryKind = 'known' | 'unknown' | 'invalid';
export type DeliveryStatus =
  | 'pending'
  | 'processing'
  | 'retrying'
  | 'processed'
  | 'ignored'
  | 'invalid'
  | 'dead';

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = [
  'pending',
  'processing',
  'retrying',
  'processed',
  'ignored',
  'invalid',
  'dead',
];

/** A verified delivery, as the HTTP layer hands it to the store. */
export interface IncomingDelivery {
  webhookId: string;
  webhookTimestamp: number;
  rawBody: string;
  kind: DeliveryKind;
  envelope?: {
    type?: string | undefined;
    dataVersion?: number | undefined;
    occurredAt?: string | undefined;
    entityType?: string | undefined;
    entityId?: string | undefined;
  };
  parseError?: string;
}

export interface ClaimedDelivery {
  webhookId: string;
  kind: DeliveryKind;
  attempts: number;
  payload: unknown;
}

export interface DeliveryRow {
  webhookId: string;
  kind: DeliveryKind;
  status: DeliveryStatus;
  type: string | null;
  dataVersion: number | null;
  entityType: string | null;
  entityId: string | null;
  occurredAt: string | null;
  timesReceived: number;
  attempts: number;
  lastError: string | null;
  parseError: string | null;
  firstReceivedAt: string;
  lastReceivedAt: string;
  nextAttemptAt: string | null;
  processedAt: string | null;
}

export type MirrorRow = Record<string, unknown>;

export interface ReceiverStore {
  readonly kind: 'embedded' | 'postgres';
  /** The dashboard's live sessions. */
  readonly sessions: SqlSessionStore;
  /** Stores the delivery and its event in one transaction keyed by webhook-id. */
  recordDelivery(delivery: IncomingDelivery): Promise<'stored' | 'duplicate'>;
  /** Reserves up to `limit` due events for `processorId` (FOR UPDATE SKIP LOCKED), for `leaseMs`. */
  claim(processorId: string, limit: number, leaseMs: number): Promise<ClaimedDelivery[]>;
  /**
   * Applies the event's effects and marks it done in one transaction, provided `processorId` still
   * holds it. Returns false (and changes nothing) when the lease was lost to another processor.
   */
  complete(
    webhookId: string,
    processorId: string,
    status: 'processed' | 'ignored',
    apply: (mirror: MirrorWriter) => Promise<void>,
  ): Promise<boolean>;
  /**
   * `complete` for a whole claimed batch in one transaction. All or nothing: if any apply throws, nothing
   * is written and the error propagates (the caller then completes the events one by one).
   * Returns, per item, whether it was applied (false: the lease was lost).
   */
  completeMany(
    processorId: string,
    items: {
      webhookId: string;
      status: 'processed' | 'ignored';
      apply: (mirror: MirrorWriter) => Promise<void>;
    }[],
  ): Promise<boolean[]>;
  /** Records a failed attempt: retried at `retryAt`, or parked as a dead letter when it is null. */
  fail(webhookId: string, processorId: string, error: string, retryAt: Date | null): Promise<void>;
  /**
   * Deletes deliveries (and their events, with the personal data they carry) first received before `before`
   * whose processing is over: processed, ignored, invalid or dead. Never one still pending, in processing or
   * waiting for a retry. At most `limit` rows per call; returns how many went.
   */
  purge(before: Date, limit?: number): Promise<number>;
  /** Puts a dead letter back in the queue with a fresh attempt budget. */
  replay(webhookId: string): Promise<boolean>;
  getDelivery(webhookId: string): Promise<DeliveryRow | undefined>;
  listDeliveries(options?: { limit?: number; status?: DeliveryStatus }): Promise<DeliveryRow[]>;
  listClients(): Promise<MirrorRow[]>;
  listUsers(): Promise<MirrorRow[]>;
  listWorkers(): Promise<MirrorRow[]>;
  listContracts(): Promise<MirrorRow[]>;
  countByStatus(): Promise<Record<DeliveryStatus, number>>;
  ping(): Promise<void>;
  /** Applies pending migrations (openStore already did) and returns the versions it applied. */
  migrate(): Promise<number[]>;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

export type StoreOptions =
  | { kind: 'embedded'; dataDir?: string | undefined }
  | ({ kind: 'postgres'; url: string } & PostgresOptions);

/** Opens the store and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<ReceiverStore> {
  const db =
    options.kind === 'embedded'
      ? await openPgliteDatabase(options.dataDir)
      : await openPostgresDatabase(options.url, options);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return createSqlStore(db);
}

const iso = (value: unknown): string | null =>
  value instanceof Date
    ? Number.isNaN(value.getTime())
      ? null
      : value.toISOString()
    : value == null
      ? null
      : String(value);

const DELIVERY_COLUMNS = `
  d.webhook_id, d.kind, d.status, e.type, e.data_version, e.entity_type, e.entity_id, e.occurred_at,
  d.times_received, d.attempts, d.last_error, e.parse_error, d.first_received_at, d.last_received_at,
  d.next_attempt_at, d.processed_at`;

function toDeliveryRow(r: Record<string, unknown>): DeliveryRow {
  const status = r.status as DeliveryStatus;
  return {
    webhookId: r.webhook_id as string,
    kind: r.kind as DeliveryKind,
    status,
    type: (r.type as string | null) ?? null,
    dataVersion: r.data_version == null ? null : Number(r.data_version),
    entityType: (r.entity_type as string | null) ?? null,
    entityId: (r.entity_id as string | null) ?? null,
    occurredAt: iso(r.occurred_at),
    timesReceived: Number(r.times_received),
    attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    parseError: (r.parse_error as string | null) ?? null,
    firstReceivedAt: iso(r.first_received_at) ?? '',
    lastReceivedAt: iso(r.last_received_at) ?? '',
    nextAttemptAt: status === 'pending' || status === 'retrying' ? iso(r.next_attempt_at) : null,
    processedAt: iso(r.processed_at),
  };
}

function toMirrorRow(r: Record<string, unknown>): MirrorRow {
  const out: MirrorRow = {};
  for (const [k, v] of Object.entries(r)) {
    out[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = v instanceof Date ? iso(v) : v;
  }
  return out;
}

export function createSqlStore(db: SqlDatabase): ReceiverStore {
  return {
    kind: db.kind,
    sessions: createSqlSessionStore(db),

    recordDelivery: createIngestBatcher(db),

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

    async getDelivery(webhookId) {
      const { rows } = await db.query(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries d LEFT JOIN events e USING (webhook_id) WHERE d.webhook_id = $1`,
        [webhookId],
      );
      return rows[0] ? toDeliveryRow(rows[0]) : undefined;
    },

    async listDeliveries(options = {}) {
      const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
      const params: unknown[] = [limit];
      let where = '';
      if (options.status) {
        params.push(options.status);
        where = 'WHERE d.status = $2';
      }
      const { rows } = await db.query(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries d LEFT JOIN events e USING (webhook_id)
         ${where} ORDER BY d.first_received_at DESC, d.webhook_id LIMIT $1`,
        params,
      );
      return rows.map(toDeliveryRow);
    },

    listClients: async () =>
      (await db.query('SELECT * FROM clients ORDER BY client_id')).rows.map(toMirrorRow),
    listUsers: async () => (await db.query('SELECT * FROM users ORDER BY user_id')).rows.map(toMirrorRow),
    listWorkers: async () =>
      (await db.query('SELECT * FROM workers ORDER BY worker_id')).rows.map(toMirrorRow),
    listContracts: async () =>
      (await db.query('SELECT * FROM contracts ORDER BY contract_id')).rows.map(toMirrorRow),

    async countByStatus() {
      const counts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<
        DeliveryStatus,
        number
      >;
      const { rows } = await db.query<{ status: DeliveryStatus; n: number }>(
        'SELECT status, count(*)::int AS n FROM deliveries GROUP BY status',
      );
      for (const r of rows) counts[r.status] = Number(r.n);
      return counts;
    },

    async ping() {
      // Ready means able to take a delivery now: take (and give back at once) the lock an insert needs, so a
      // table locked by someone else shows here too, within a second, and not only as failing deliveries.
      await db.transaction(async (tx) => {
        await tx.query("SET LOCAL lock_timeout = '1s'");
        await tx.query('LOCK TABLE deliveries, events IN ROW EXCLUSIVE MODE');
      });
    },

    migrate: () => migrate(db),

    async schemaVersion() {
      const { rows } = await db.query<{ v: number }>(
        'SELECT max(version)::int AS v FROM receiver_migrations',
      );
      return Number(rows[0]?.v ?? 0);
    },

    close: () => db.close(),
  };
}
