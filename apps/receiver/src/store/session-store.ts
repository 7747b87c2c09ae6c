import type { SessionRecord, SessionStore } from '@listo/oauth';
import type { SqlQueryable } from './sql';

/** The dashboard's sessions, kept in the receiver's database so that logout ends a session for good. */
export interface SqlSessionStore extends SessionStore {
  /** Ends every session of one person (`sub`); returns how many there were. */
  deleteBySubject(sub: string): Promise<number>;
  /** Deletes expired sessions; the processor's purge calls it. */
  purgeExpired(): Promise<number>;
}

/**
 * `SessionStore` of `@listo/oauth` on the receiver's store (PGlite or PostgreSQL): a sealed session cookie counts
 * only while its session id is here and unexpired, so a copied cookie stops working at logout, across restarts
 * and on every replica.
 */
export function createSqlSessionStore(db: SqlQueryable): SqlSessionStore {
  return {
    async set(id, record) {
      await db.query(
        `INSERT INTO dashboard_sessions (id, sub, expires_at) VALUES ($1, $2, to_timestamp($3))
         ON CONFLICT (id) DO UPDATE SET sub = EXCLUDED.sub, expires_at = EXCLUDED.expires_at`,
        [id, record.sub, record.expiresAt],
      );
    },
    async get(id) {
      const { rows } = await db.query<{ sub: string; expires_at: number }>(
        `SELECT sub, extract(epoch FROM expires_at)::float8 AS expires_at FROM dashboard_sessions
          WHERE id = $1 AND expires_at > now()`,
        [id],
      );
      const row = rows[0];
      return row ? ({ sub: row.sub, expiresAt: Number(row.expires_at) } satisfies SessionRecord) : undefined;
    },
    async delete(id) {
      await db.query('DELETE FROM dashboard_sessions WHERE id = $1', [id]);
    },
    async deleteBySubject(sub) {
      return (await db.query('DELETE FROM dashboard_sessions WHERE sub = $1', [sub])).rowCount;
    },
    async purgeExpired() {
      return (await db.query('DELETE FROM dashboard_sessions WHERE expires_at <= now()')).rowCount;
    },
  };
}
