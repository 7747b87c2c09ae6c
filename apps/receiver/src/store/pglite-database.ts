import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';
import { parsePgTimestamp, TIMESTAMPTZ_OID } from './pg-timestamp';
import type { SqlDatabase, SqlQueryable } from './sql';
import { isDriverError, toStoreError } from './store-error';

function wrap(q: PGlite | Transaction): SqlQueryable {
  return {
    async query<R>(text: string, params: unknown[] = []) {
      try {
        const result = await q.query<R>(text, params);
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      } catch (error) {
        throw toStoreError(error);
      }
    },
    async exec(script: string) {
      await q.exec(script).catch((error: unknown) => {
        throw toStoreError(error);
      });
    },
  };
}

/**
 * The embedded store: PostgreSQL compiled to WebAssembly, in this process, persisted to `dataDir`
 * (or in memory when `dataDir` is undefined). PGlite runs one query at a time; its own mutex
 * serialises concurrent callers and transactions.
 */
export async function openPgliteDatabase(dataDir: string | undefined): Promise<SqlDatabase> {
  let unlock = () => {};
  if (dataDir !== undefined) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let db: PGlite;
  try {
    db = await PGlite.create({
      ...(dataDir === undefined ? {} : { dataDir }),
      parsers: { [TIMESTAMPTZ_OID]: parsePgTimestamp },
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const base = wrap(db);
  return {
    kind: 'embedded',
    query: base.query,
    exec: base.exec,
    transaction: (fn) =>
      db
        .transaction((tx) => fn(wrap(tx)))
        .catch((error: unknown) => {
          // BEGIN/COMMIT failures come from the driver; the caller's own errors pass through as they are.
          throw isDriverError(error) ? toStoreError(error) : error;
        }),
    async close() {
      await db.close();
      unlock();
    },
  };
}
