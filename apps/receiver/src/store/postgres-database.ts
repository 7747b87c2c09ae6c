import pg from 'pg';
import { parsePgTimestamp, TIMESTAMPTZ_OID } from './pg-timestamp';
import type { SqlDatabase, SqlQueryable } from './sql';
import { isDriverError, toStoreError } from './store-error';

/** Driver defaults, except timestamptz: read with a parser that also understands BC years. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID && format !== 'binary'
      ? parsePgTimestamp
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** PostgreSQL through a node-postgres pool; several receiver processes may share one database. */
export async function openPostgresDatabase(
  connectionString: string,
  options: { max?: number } = {},
): Promise<SqlDatabase> {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types });
  // An idle client that loses its connection emits 'error' on the pool; without a listener that
  // would crash the process. The next query simply gets a fresh connection.
  pool.on('error', () => {});
  const query: SqlQueryable['query'] = async <R>(text: string, params: unknown[] = []) => {
    try {
      const result = await pool.query(text, params);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw toStoreError(error);
    }
  };
  const exec = async (script: string) => {
    await query(script);
  };
  // Fail fast at start when the database is unreachable.
  await query('SELECT 1');
  return {
    kind: 'postgres',
    query,
    exec,
    async transaction(fn) {
      const client = await pool.connect().catch((error: unknown) => {
        throw toStoreError(error);
      });
      let broken: Error | undefined;
      try {
        await client.query('BEGIN').catch((error: unknown) => {
          throw toStoreError(error);
        });
        const result = await fn({
          async query<R>(text: string, params: unknown[] = []) {
            try {
              const r = await client.query(text, params);
              return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
            } catch (error) {
              throw toStoreError(error);
            }
          },
          async exec(script: string) {
            await client.query(script).catch((error: unknown) => {
              throw toStoreError(error);
            });
          },
        });
        await client.query('COMMIT').catch((error: unknown) => {
          throw toStoreError(error);
        });
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw isDriverError(error) ? toStoreError(error) : error;
      } finally {
        // A connection that could not even roll back is destroyed rather than reused.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
