import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreOptions } from '../../src/store/store-types';

/** PostgreSQL for tests comes from LISTO_TEST_DATABASE_URL; without it those tests are skipped, visibly. */
export const TEST_DATABASE_URL: string | undefined = process.env.LISTO_TEST_DATABASE_URL || undefined;

export function noticeWhenPostgresMissing(suite: string): void {
  if (!TEST_DATABASE_URL) {
    console.warn(
      `[receiver] LISTO_TEST_DATABASE_URL is not set: skipping the PostgreSQL runs of "${suite}". ` +
        'Set it (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run them.',
    );
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A brand-new database for one test file, dropped afterwards, so runs never see each other's rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) throw new Error('LISTO_TEST_DATABASE_URL is not set');
  const name = `listo_receiver_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface StoreBackend {
  name: 'embedded' | 'postgres';
  available: boolean;
  /** Store options for a fresh, empty store; `cleanup` removes whatever was created for it. */
  prepare(): Promise<{ options: StoreOptions; cleanup(): Promise<void> }>;
}

/** The two stores every store-dependent suite runs against. */
export const STORE_BACKENDS: StoreBackend[] = [
  {
    name: 'embedded',
    available: true,
    async prepare() {
      const dataDir = mkdtempSync(join(tmpdir(), 'listo-receiver-test-'));
      return {
        options: { kind: 'embedded', dataDir },
        cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    available: TEST_DATABASE_URL !== undefined,
    async prepare() {
      const db = await createTestDatabase();
      return { options: { kind: 'postgres', url: db.url }, cleanup: () => db.drop() };
    },
  },
];
