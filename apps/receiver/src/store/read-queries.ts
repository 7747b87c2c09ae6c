import type { SqlDatabase } from './sql';
import {
  DELIVERY_STATUSES,
  type DeliveryKind,
  type DeliveryRow,
  type DeliveryStatus,
  type MirrorRow,
  type ReceiverStore,
} from './store-types';

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

/** What the operator routes and the dashboard read: the delivery log, the mirrors, counts. */
export type ReadQueries = Pick<
  ReceiverStore,
  | 'getDelivery'
  | 'listDeliveries'
  | 'listClients'
  | 'listUsers'
  | 'listWorkers'
  | 'listContracts'
  | 'countByStatus'
>;

export function readQueries(db: SqlDatabase): ReadQueries {
  return {
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
  };
}
