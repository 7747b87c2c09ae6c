/**
 * The only error the database layer lets out. Drivers' errors carry what went into the statement (PGlite:
 * `query` and `params`, the raw webhook bodies and personal data among them; PostgreSQL: `detail`, `where`,
 * and the offending value quoted in the message), and a logger or an API that shows an error would show those.
 * A StoreError is built from an allow-list instead: the SQLSTATE code and the names of schema objects, and a
 * message with every value taken out. Nothing else of the original is kept, not even as `cause`.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  /** SQLSTATE (e.g. `23505`), or the driver's code for a connection failure (e.g. `ECONNREFUSED`). */
  readonly code: string | undefined;
  readonly severity: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  readonly constraint: string | undefined;
  readonly dataType: string | undefined;

  constructor(
    message: string,
    fields: Partial<
      Pick<StoreError, 'code' | 'severity' | 'table' | 'column' | 'constraint' | 'dataType'>
    > = {},
  ) {
    super(message);
    this.code = fields.code;
    this.severity = fields.severity;
    this.table = fields.table;
    this.column = fields.column;
    this.constraint = fields.constraint;
    this.dataType = fields.dataType;
  }
}

/**
 * PostgreSQL's messages quote the values they name ("invalid input syntax for type integer: "Ada Lovelace"")
 * and put them after a colon; keep the sentence, drop the values.
 */
export function messageWithoutValues(message: string): string {
  const head = message.split(/:\s/, 1)[0] ?? '';
  return head.replace(/"[^"]*"|'[^']*'/g, '"…"').slice(0, 200);
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** True for what a driver throws about a statement (as opposed to an error thrown by the caller's own code). */
export function isDriverError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || error instanceof StoreError) return false;
  const e = error as Record<string, unknown>;
  return typeof e.severity === 'string' || 'params' in e || 'query' in e;
}

/** The StoreError for whatever a driver threw. */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  if (typeof error !== 'object' || error === null) return new StoreError('database call failed');
  const e = error as Record<string, unknown>;
  const message = typeof e.message === 'string' ? messageWithoutValues(e.message) : 'database call failed';
  return new StoreError(message || 'database call failed', {
    code: text(e.code),
    severity: text(e.severity),
    table: text(e.table),
    column: text(e.column),
    constraint: text(e.constraint),
    dataType: text(e.dataType),
  });
}
