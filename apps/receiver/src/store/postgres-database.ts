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

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /**
   * Longest a statement may run on the server (default 5 s): past it, PostgreSQL cancels it and the delivery
   * is answered 503 rather than held until Listo's 30-second attempt timeout.
   */
  statementTimeoutMs?: number;
  /** Longest a statement waits for a lock (default 2 s): a locked table turns into 503s, not hanging requests. */
  lockTimeoutMs?: number;
  /** Longest to wait for a connection, from the pool or a new one (default 5 s). */
  connectTimeoutMs?: number;
}

const run = async <R>(q: pg.Pool | pg.PoolClient, text: string, params?: unknown[]) => {
  try {
    const result = await q.query(text, params);
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
  } catch (error) {
    throw toStoreError(error);
  }
};

/**
 * PostgreSQL through a node-postgres pool; several receiver processes may share one database.
 *
 * A lost connection (failover, restart, `pg_terminate_backend`) fails only the statements that were using it:
 * they reject with a StoreError (the caller answers 503), the connection is thrown away, and the next statement
 * gets a fresh one. Nothing is ever left to an unhandled `'error'` event.
 */
export async function openPostgresDatabase(
  connectionString: string,
  options: PostgresOptions = {},
): Promise<SqlDatabase> {
  const statementTimeoutMs = options.statementTimeoutMs ?? 5_000;
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    types,
    application_name: 'listo-receiver',
    statement_timeout: statementTimeoutMs,
    lock_timeout: options.lockTimeoutMs ?? 2_000,
    // A transaction left open by a stalled process must not keep its locks for ever.
    idle_in_transaction_session_timeout: Math.max(statementTimeoutMs * 2, 10_000),
    // The server-side limits cannot help when the server stops answering at all (a network partition).
    query_timeout: statementTimeoutMs + 2_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
  });
  // An idle client that loses its connection emits 'error' on the pool; the pool drops it, and the next
  // query gets a fresh connection. (Checked-out clients get their own listener in transaction().)
  pool.on('error', () => {});
  // And every client, whatever it is doing, has a listener: an 'error' event is never left unhandled.
  pool.on('connect', (client) => client.on('error', () => {}));
  const query: SqlQueryable['query'] = (text, params = []) => run(pool, text, params);
  const exec = async (script: string) => {
    await run(pool, script);
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
      // While checked out, the pool does not listen to this client: a connection that drops now would
      // otherwise emit an unhandled 'error' event and end the process. Note it, and throw the client away.
      let lost: Error | undefined;
      const onError = (error: Error) => {
        lost = error;
      };
      client.on('error', onError);
      try {
        await run(client, 'BEGIN');
        const result = await fn({
          query: (text, params = []) => run(client, text, params),
          exec: async (script) => {
            await run(client, script);
          },
        });
        await run(client, 'COMMIT');
        return result;
      } catch (error) {
        if (!lost) {
          await client.query('ROLLBACK').catch((rollbackError: Error) => {
            lost = rollbackError;
          });
        }
        throw isDriverError(error) ? toStoreError(error) : error;
      } finally {
        client.off('error', onError);
        // A connection that dropped or could not even roll back is destroyed rather than reused.
        client.release(lost ?? false);
      }
    },
    close: () => pool.end(),
  };
}
