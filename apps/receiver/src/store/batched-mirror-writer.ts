import {
  clientUpsert,
  contractUpsert,
  JSON_COLUMNS,
  type MirrorWriter,
  type UpsertSpec,
  userUpsert,
  workerUpsert,
} from './mirror-writer';
import { requirePgTimestamp } from './pg-timestamp';
import type { SqlQueryable } from './sql';

/** The batch cannot be applied set-wise without changing the outcome; apply it event by event instead. */
export class MirrorBatchConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MirrorBatchConflict';
  }
}

type Op =
  | { kind: 'ensureClient'; clientId: string }
  | { kind: 'ensureWorker'; workerId: string; clientId: string }
  | { kind: 'markOnboarded'; workerId: string; occurredAt: string }
  | { kind: 'upsert'; spec: UpsertSpec };

interface Pending {
  item: number;
  op: Op;
  resolve: (applied: boolean) => void;
}

// Rows per multi-row statement: far below PostgreSQL's 65,535 parameters at 16 columns a row.
const CHUNK = 500;

/**
 * Applies the mirror writes of several events with a few set-based statements instead of one statement
 * per write. Every event's `apply` runs against its own writer; the writes they ask for are collected in
 * rounds (each event's first write, then each one's second, …: an event awaits each write, so it has at
 * most one outstanding) and each round is written with one statement per kind of write and table.
 *
 * The result equals applying the events one after another provided no two events write the same mirror
 * row with an order-sensitive write (upsert, markOnboarded; placeholders commute with them). When they
 * do, or an event asks for two writes at once, this throws MirrorBatchConflict before anything
 * order-sensitive is written twice; the caller rolls back to a savepoint and applies them in order.
 */
export async function applyMirrorBatch(
  tx: SqlQueryable,
  applies: ((mirror: MirrorWriter) => Promise<void>)[],
): Promise<void> {
  const owner = new Map<string, number>(); // "table:key" → the event that wrote it order-sensitively
  let pending: Pending[] = [];
  let blocked = 0;
  let finished = 0;
  let flushing = false;

  return new Promise<void>((resolveAll, rejectAll) => {
    let failed = false;
    // The round being written, if any: a failure is reported only once it has settled, so the caller
    // never rolls back while a statement of this batch is still running.
    let inflight: Promise<unknown> = Promise.resolve();
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      void inflight.then(
        () => rejectAll(error),
        () => rejectAll(error),
      );
    };

    const check = () => {
      if (failed || flushing) return;
      if (finished === applies.length) {
        resolveAll();
        return;
      }
      if (blocked + finished === applies.length && pending.length > 0) {
        flushing = true;
        const round = pending;
        pending = [];
        blocked = 0;
        inflight = writeRound(tx, round, owner);
        inflight.then(
          (results) => {
            flushing = false;
            round.forEach((p, i) => {
              p.resolve((results as boolean[])[i] ?? false);
            });
          },
          (error: unknown) => fail(error),
        );
      }
    };

    const writerFor = (item: number): MirrorWriter => {
      const ask = (op: Op) =>
        new Promise<boolean>((resolve) => {
          if (pending.some((p) => p.item === item)) {
            fail(new MirrorBatchConflict('an event asked for two mirror writes at once'));
            return;
          }
          pending.push({ item, op, resolve });
          blocked++;
          check();
        });
      return {
        upsertClient: (r) => ask({ kind: 'upsert', spec: clientUpsert(r) }),
        upsertUser: (r) => ask({ kind: 'upsert', spec: userUpsert(r) }),
        upsertWorker: (r) => ask({ kind: 'upsert', spec: workerUpsert(r) }),
        upsertContract: (r) => ask({ kind: 'upsert', spec: contractUpsert(r) }),
        ensureClient: async (clientId) => {
          await ask({ kind: 'ensureClient', clientId });
        },
        ensureWorker: async (workerId, clientId) => {
          await ask({ kind: 'ensureWorker', workerId, clientId });
        },
        markOnboarded: async (workerId, occurredAt) => {
          await ask({ kind: 'markOnboarded', workerId, occurredAt });
        },
      };
    };

    if (applies.length === 0) {
      resolveAll();
      return;
    }
    applies.forEach((apply, item) => {
      apply(writerFor(item)).then(
        () => {
          finished++;
          check();
        },
        (error: unknown) => fail(error),
      );
    });
  });
}

function claimRow(owner: Map<string, number>, table: string, key: unknown, item: number): void {
  const id = `${table}:${String(key)}`;
  const previous = owner.get(id);
  if (previous !== undefined && previous !== item) {
    throw new MirrorBatchConflict(`two events in one batch write ${id}`);
  }
  owner.set(id, item);
}

/** Writes one round: placeholders first, then upserts, then onboarding marks, as each event orders them. */
async function writeRound(
  tx: SqlQueryable,
  round: Pending[],
  owner: Map<string, number>,
): Promise<boolean[]> {
  const results: boolean[] = round.map(() => true);
  // Check every order-sensitive write before writing anything of this round.
  for (const { item, op } of round) {
    if (op.kind === 'upsert') claimRow(owner, op.spec.table, op.spec.columns[op.spec.key], item);
    else if (op.kind === 'markOnboarded') claimRow(owner, 'workers', op.workerId, item);
  }

  const ensureClients = round.filter((p) => p.op.kind === 'ensureClient');
  if (ensureClients.length > 0) {
    await tx.query(
      `INSERT INTO clients (client_id, is_placeholder)
       SELECT id, true FROM unnest($1::text[]) AS v(id) ON CONFLICT (client_id) DO NOTHING`,
      [ensureClients.map((p) => (p.op as { clientId: string }).clientId)],
    );
  }
  const ensureWorkers = round.filter((p) => p.op.kind === 'ensureWorker');
  if (ensureWorkers.length > 0) {
    const ops = ensureWorkers.map((p) => p.op as { workerId: string; clientId: string });
    await tx.query(
      `INSERT INTO workers (worker_id, client_id, is_placeholder)
       SELECT id, client, true FROM unnest($1::text[], $2::text[]) AS v(id, client)
       ON CONFLICT (worker_id) DO NOTHING`,
      [ops.map((o) => o.workerId), ops.map((o) => o.clientId)],
    );
  }

  // Upserts, grouped by table and by the set of columns the event carried.
  const groups = new Map<string, { indexes: number[]; specs: UpsertSpec[] }>();
  round.forEach((p, i) => {
    if (p.op.kind !== 'upsert') return;
    const { table, columns } = p.op.spec;
    const names = Object.keys(columns).filter((k) => columns[k] !== undefined);
    const sig = `${table}|${names.join(',')}`;
    const group = groups.get(sig) ?? { indexes: [], specs: [] };
    group.indexes.push(i);
    group.specs.push(p.op.spec);
    groups.set(sig, group);
  });
  for (const { indexes, specs } of groups.values()) {
    for (let start = 0; start < specs.length; start += CHUNK) {
      const applied = await multiUpsert(tx, specs.slice(start, start + CHUNK));
      applied.forEach((ok, j) => {
        results[indexes[start + j] as number] = ok;
      });
    }
  }

  const marks = round.filter((p) => p.op.kind === 'markOnboarded');
  if (marks.length > 0) {
    const ops = marks.map((p) => p.op as { workerId: string; occurredAt: string });
    await tx.query(
      `UPDATE workers w SET onboarded_at = v.at
         FROM unnest($1::text[], $2::timestamptz[]) AS v(id, at)
        WHERE w.worker_id = v.id AND w.onboarded_at IS NULL`,
      [ops.map((o) => o.workerId), ops.map((o) => requirePgTimestamp(o.occurredAt))],
    );
  }
  return results;
}

/** The multi-row form of guardedUpsert (mirror-writer.ts): same columns, same guard, distinct keys. */
async function multiUpsert(tx: SqlQueryable, specs: UpsertSpec[]): Promise<boolean[]> {
  const first = specs[0] as UpsertSpec;
  const { table, key } = first;
  const names = Object.keys(first.columns).filter((k) => first.columns[k] !== undefined);
  const values: unknown[] = [];
  const rows = specs.map((spec) => {
    const placeholders = names.map((n) => {
      const v = spec.columns[n];
      values.push(JSON_COLUMNS.has(n) && v !== null ? JSON.stringify(v) : v);
      return JSON_COLUMNS.has(n) ? `$${values.length}::jsonb` : `$${values.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  const updates = names.filter((n) => n !== key).map((n) => `${n} = EXCLUDED.${n}`);
  const { rows: written } = await tx.query<{ k: string }>(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES ${rows.join(', ')}
     ON CONFLICT (${key}) DO UPDATE SET ${[...updates, 'updated_at = now()'].join(', ')}
     WHERE (COALESCE(${table}.occurred_at, '-infinity'::timestamptz), COALESCE(${table}.source_event_id, ''))
         < (EXCLUDED.occurred_at, EXCLUDED.source_event_id)
     RETURNING ${key} AS k`,
    values,
  );
  const applied = new Set(written.map((r) => r.k));
  return specs.map((s) => applied.has(String(s.columns[key])));
}
