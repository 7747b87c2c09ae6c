import { requirePgTimestamp, toPgTimestamp } from './pg-timestamp';
import type { SqlQueryable } from './sql';

/** Fields common to every mirrored row: which event last wrote it, and when that event happened. */
export interface Provenance {
  occurredAt: string;
  eventId: string;
}

export interface ClientRecord extends Provenance {
  clientId: string;
  name?: string | null;
  address?: unknown;
  linksSelf?: string | null;
}

export interface UserRecord extends Provenance {
  userId: string;
  clientId: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  fullName?: string | null;
  createdAt?: string | null;
  linksSelf?: string | null;
}

export interface WorkerRecord extends Provenance {
  workerId: string;
  clientId: string;
  workerProfileId?: string | null;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  fullName?: string | null;
  phone?: string | null;
  dateOfBirth?: string | null;
  address?: unknown;
  organizationUnit?: unknown;
  organizationLocation?: unknown;
  linksSelf?: string | null;
}

export interface ContractRecord extends Provenance {
  contractId: string;
  workerId?: string | undefined;
  clientId: string;
  name?: string | null;
  status?: string | null;
  jobTitle?: string | null;
  managerId?: string | null;
  billingFrequency?: string | null;
  isoCountryCode?: string | null;
  engagementType?: string | null;
  startDate?: string | null;
  contractEndDate?: string | null;
  createdAt?: string | null;
}

/** Writes to the mirror tables, always inside the transaction that marks the event processed. */
export interface MirrorWriter {
  upsertClient(record: ClientRecord): Promise<boolean>;
  upsertUser(record: UserRecord): Promise<boolean>;
  upsertWorker(record: WorkerRecord): Promise<boolean>;
  upsertContract(record: ContractRecord): Promise<boolean>;
  /** A row standing in for a client referenced before its own `client.created` arrived. */
  ensureClient(clientId: string): Promise<void>;
  /** A row standing in for a worker referenced before its `worker.onboarded` arrived. */
  ensureWorker(workerId: string, clientId: string): Promise<void>;
  markOnboarded(workerId: string, occurredAt: string): Promise<void>;
}

export type Columns = Record<string, unknown>;

/** A snapshot's own date-time (createdAt): kept when a column can hold it, else left empty. */
const snapshotTime = (v: string | null | undefined) =>
  v === undefined || v === null ? v : (toPgTimestamp(v) ?? null);

export const JSON_COLUMNS = new Set(['address', 'organization_unit', 'organization_location']);

/**
 * INSERT … ON CONFLICT DO UPDATE that only touches the columns the event carried, and only when the
 * event is newer than what the row holds: (occurred_at, source_event_id) orders events totally, so
 * duplicates and reordered deliveries converge on the newest state whatever the arrival order.
 */
async function guardedUpsert(
  tx: SqlQueryable,
  table: string,
  key: string,
  columns: Columns,
  extraSet: string[] = [],
): Promise<boolean> {
  const present = Object.entries(columns).filter(([, v]) => v !== undefined);
  const names = present.map(([k]) => k);
  const values = present.map(([k, v]) => (JSON_COLUMNS.has(k) && v !== null ? JSON.stringify(v) : v));
  const placeholders = present.map(([k], i) => (JSON_COLUMNS.has(k) ? `$${i + 1}::jsonb` : `$${i + 1}`));
  const updates = names.filter((n) => n !== key).map((n) => `${n} = EXCLUDED.${n}`);
  const sql = `
    INSERT INTO ${table} (${names.join(', ')}) VALUES (${placeholders.join(', ')})
    ON CONFLICT (${key}) DO UPDATE SET ${[...updates, ...extraSet, 'updated_at = now()'].join(', ')}
    WHERE (COALESCE(${table}.occurred_at, '-infinity'::timestamptz), COALESCE(${table}.source_event_id, ''))
        < (EXCLUDED.occurred_at, EXCLUDED.source_event_id)`;
  const { rowCount } = await tx.query(sql, values);
  return rowCount > 0;
}

/** A guarded upsert: which table, its key column, and the columns the event carried (undefined: absent). */
export interface UpsertSpec {
  table: 'clients' | 'users' | 'workers' | 'contracts';
  key: string;
  columns: Columns;
}

export const clientUpsert = (r: ClientRecord): UpsertSpec => ({
  table: 'clients',
  key: 'client_id',
  columns: {
    client_id: r.clientId,
    name: r.name,
    address: r.address,
    links_self: r.linksSelf,
    is_placeholder: false,
    occurred_at: requirePgTimestamp(r.occurredAt),
    source_event_id: r.eventId,
  },
});

export const userUpsert = (r: UserRecord): UpsertSpec => ({
  table: 'users',
  key: 'user_id',
  columns: {
    user_id: r.userId,
    client_id: r.clientId,
    email: r.email,
    first_name: r.firstName,
    last_name: r.lastName,
    full_name: r.fullName,
    created_at: snapshotTime(r.createdAt),
    links_self: r.linksSelf,
    occurred_at: requirePgTimestamp(r.occurredAt),
    source_event_id: r.eventId,
  },
});

export const workerUpsert = (r: WorkerRecord): UpsertSpec => ({
  table: 'workers',
  key: 'worker_id',
  columns: {
    worker_id: r.workerId,
    client_id: r.clientId,
    worker_profile_id: r.workerProfileId,
    email: r.email,
    first_name: r.firstName,
    last_name: r.lastName,
    full_name: r.fullName,
    phone: r.phone,
    date_of_birth: r.dateOfBirth,
    address: r.address,
    organization_unit: r.organizationUnit,
    organization_location: r.organizationLocation,
    links_self: r.linksSelf,
    is_placeholder: false,
    occurred_at: requirePgTimestamp(r.occurredAt),
    source_event_id: r.eventId,
  },
});

export const contractUpsert = (r: ContractRecord): UpsertSpec => ({
  table: 'contracts',
  key: 'contract_id',
  columns: {
    contract_id: r.contractId,
    worker_id: r.workerId,
    client_id: r.clientId,
    name: r.name,
    status: r.status,
    job_title: r.jobTitle,
    manager_id: r.managerId,
    billing_frequency: r.billingFrequency,
    iso_country_code: r.isoCountryCode,
    engagement_type: r.engagementType,
    start_date: r.startDate,
    contract_end_date: r.contractEndDate,
    created_at: snapshotTime(r.createdAt),
    occurred_at: requirePgTimestamp(r.occurredAt),
    source_event_id: r.eventId,
  },
});

const upsert = (tx: SqlQueryable, spec: UpsertSpec) => guardedUpsert(tx, spec.table, spec.key, spec.columns);

export function createMirrorWriter(tx: SqlQueryable): MirrorWriter {
  return {
    upsertClient: (r) => upsert(tx, clientUpsert(r)),
    upsertUser: (r) => upsert(tx, userUpsert(r)),
    upsertWorker: (r) => upsert(tx, workerUpsert(r)),
    upsertContract: (r) => upsert(tx, contractUpsert(r)),
    async ensureClient(clientId) {
      await tx.query(
        'INSERT INTO clients (client_id, is_placeholder) VALUES ($1, true) ON CONFLICT (client_id) DO NOTHING',
        [clientId],
      );
    },
    async ensureWorker(workerId, clientId) {
      await tx.query(
        `INSERT INTO workers (worker_id, client_id, is_placeholder) VALUES ($1, $2, true)
         ON CONFLICT (worker_id) DO NOTHING`,
        [workerId, clientId],
      );
    },
    async markOnboarded(workerId, occurredAt) {
      await tx.query('UPDATE workers SET onboarded_at = $2 WHERE worker_id = $1 AND onboarded_at IS NULL', [
        workerId,
        requirePgTimestamp(occurredAt),
      ]);
    },
  };
}
