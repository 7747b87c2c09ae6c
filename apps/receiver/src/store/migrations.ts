import type { SqlDatabase } from './sql';

/**
 * Schema versions, applied in order and recorded in `receiver_migrations`. Append new entries;
 * never edit one that has shipped.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'deliveries-and-events',
    sql: `
      -- One row per webhook-id: what arrived and where its processing stands.
      CREATE TABLE deliveries (
        webhook_id        text PRIMARY KEY,
        kind              text NOT NULL CHECK (kind IN ('known', 'unknown', 'invalid')),
        status            text NOT NULL CHECK (status IN ('pending', 'processing', 'retrying', 'processed', 'ignored', 'invalid', 'dead')),
        first_received_at timestamptz NOT NULL DEFAULT now(),
        last_received_at  timestamptz NOT NULL DEFAULT now(),
        times_received    integer NOT NULL DEFAULT 1,
        webhook_timestamp bigint NOT NULL,
        attempts          integer NOT NULL DEFAULT 0,
        next_attempt_at   timestamptz NOT NULL DEFAULT now(),
        locked_by         text,
        locked_until      timestamptz,
        last_error        text,
        processed_at      timestamptz
      );
      CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('pending', 'retrying', 'processing');
      CREATE INDEX deliveries_recent ON deliveries (first_received_at DESC);

      -- The event exactly as signed (raw text: a jsonb copy would reorder keys and cost a parse per
      -- delivery), plus the envelope fields when it parsed.
      CREATE TABLE events (
        webhook_id   text PRIMARY KEY REFERENCES deliveries (webhook_id) ON DELETE CASCADE,
        raw_body     text NOT NULL,
        type         text,
        data_version integer,
        occurred_at  timestamptz,
        entity_type  text,
        entity_id    text,
        parse_error  text
      );
    `,
  },
  {
    version: 2,
    name: 'mirror-tables',
    sql: `
      -- Mirrors. occurred_at/source_event_id is the newest event applied; an older one never overwrites it.
      CREATE TABLE clients (
        client_id       text PRIMARY KEY,
        name            text,
        address         jsonb,
        links_self      text,
        is_placeholder  boolean NOT NULL DEFAULT false,
        occurred_at     timestamptz,
        source_event_id text,
        updated_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE users (
        user_id         text PRIMARY KEY,
        client_id       text NOT NULL,
        email           text,
        first_name      text,
        last_name       text,
        full_name       text,
        created_at      timestamptz,
        links_self      text,
        occurred_at     timestamptz,
        source_event_id text,
        updated_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE workers (
        worker_id             text PRIMARY KEY,
        client_id             text NOT NULL,
        worker_profile_id     text,
        email                 text,
        first_name            text,
        last_name             text,
        full_name             text,
        phone                 text,
        date_of_birth         text,
        address               jsonb,
        organization_unit     jsonb,
        organization_location jsonb,
        links_self            text,
        is_placeholder        boolean NOT NULL DEFAULT false,
        onboarded_at          timestamptz,
        occurred_at           timestamptz,
        source_event_id       text,
        updated_at            timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE contracts (
        contract_id       text PRIMARY KEY,
        -- NULL until an event names the worker (worker.contract.updated may not carry workerId).
        worker_id         text,
        client_id         text NOT NULL,
        name              text,
        status            text,
        job_title         text,
        manager_id        text,
        billing_frequency text,
        iso_country_code  text,
        engagement_type   text,
        start_date        text,
        contract_end_date text,
        created_at        timestamptz,
        occurred_at       timestamptz,
        source_event_id   text,
        updated_at        timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX users_client ON users (client_id);
      CREATE INDEX workers_client ON workers (client_id);
      CREATE INDEX contracts_worker ON contracts (worker_id);
    `,
  },
  {
    version: 3,
    name: 'any-valid-data-version',
    sql: `
      -- parseEvent accepts any safe integer as dataVersion (2147483648 included): integer could not hold it.
      ALTER TABLE events ALTER COLUMN data_version TYPE bigint;
    `,
  },
  {
    version: 4,
    name: 'dashboard-sessions',
    sql: `
      -- Live dashboard sessions (@listo/oauth's SessionStore): a session cookie counts only while its id is here.
      CREATE TABLE dashboard_sessions (
        id         text PRIMARY KEY,
        sub        text NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX dashboard_sessions_sub ON dashboard_sessions (sub);
    `,
  },
];

/** Any fixed number shared by every receiver; serialises concurrent start-ups on one PostgreSQL. */
const MIGRATION_LOCK_KEY = 7_453_091;

/** Applies pending migrations in one transaction; safe when several replicas start at once. */
export async function migrate(db: SqlDatabase): Promise<number[]> {
  return db.transaction(async (tx) => {
    // Not the request-path limits: another replica may hold the lock while it migrates, and a migration
    // may rewrite a table.
    await tx.query("SET LOCAL lock_timeout = '60s'");
    await tx.query('SET LOCAL statement_timeout = 0');
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS receiver_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM receiver_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const ran: number[] = [];
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO receiver_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      ran.push(m.version);
    }
    return ran;
  });
}
