import { createIngestBatcher } from './ingest-batch';
import { migrate } from './migrations';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';
import { processingQueries } from './processing-queries';
import { readQueries } from './read-queries';
import { createSqlSessionStore } from './session-store';
import type { SqlDatabase } from './sql';
import type { ReceiverStore, StoreOptions } from './store-types';

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

/** The receiver's store on a SQL database: ingestion, the processing queue, reads, sessions, upkeep. */
export function createSqlStore(db: SqlDatabase): ReceiverStore {
  return {
    kind: db.kind,
    sessions: createSqlSessionStore(db),
    recordDelivery: createIngestBatcher(db),
    ...processingQueries(db),
    ...readQueries(db),

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
