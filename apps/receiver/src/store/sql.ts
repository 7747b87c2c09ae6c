/**
 * The little SQL surface the store needs. PGlite and node-postgres both speak PostgreSQL, so one set
 * of statements serves both; only connecting and transactions differ.
 */
export interface SqlQueryable {
  query<R = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface SqlDatabase extends SqlQueryable {
  readonly kind: 'embedded' | 'postgres';
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
