import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';
import { openPgliteDatabase } from '../src/store/pglite-database';
import { openPostgresDatabase } from '../src/store/postgres-database';
import type { SqlDatabase } from '../src/store/sql';
import { StoreError } from '../src/store/store-error';
import {
  createTestDatabase,
  noticeWhenPostgresMissing,
  TEST_DATABASE_URL,
  type TestDatabase,
} from './support/databases';

noticeWhenPostgresMissing('database errors');

const PERSONAL = 'Ada Lovelace, 12 Baker Street';

/** Everything a logger wrote for `error`, as the receiver logs it (`{ err }`). */
function logged(error: unknown): string {
  let out = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  createLogger({ level: 'error', destination }).error({ err: error }, 'could not store the delivery');
  return out;
}

const backends: {
  name: string;
  available: boolean;
  open: () => Promise<{ db: SqlDatabase; drop?: () => Promise<void> }>;
}[] = [
  { name: 'embedded', available: true, open: async () => ({ db: await openPgliteDatabase(undefined) }) },
  {
    name: 'postgres',
    available: TEST_DATABASE_URL !== undefined,
    open: async () => {
      const test: TestDatabase = await createTestDatabase();
      return { db: await openPostgresDatabase(test.url), drop: () => test.drop() };
    },
  },
];

describe.each(backends)('database errors on the $name store', (backend) => {
  let db: SqlDatabase;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!backend.available) return;
    ({ db, drop } = await backend.open());
    await db.exec('CREATE TABLE people (name text PRIMARY KEY, age integer)');
    await db.query('INSERT INTO people (name) VALUES ($1)', [PERSONAL]);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  const failures: [string, () => Promise<unknown>, string][] = [
    ['a value of the wrong type', () => db.query('SELECT $1::int', [PERSONAL]), '22P02'],
    ['a duplicate key', () => db.query('INSERT INTO people (name) VALUES ($1)', [PERSONAL]), '23505'],
    ['a literal in the statement', () => db.query(`SELECT '${PERSONAL}'::int`), '22P02'],
    [
      'a failure inside a transaction',
      () =>
        db.transaction((tx) =>
          tx.query('INSERT INTO people (name, age) VALUES ($1, $2)', [PERSONAL, PERSONAL]),
        ),
      '22P02',
    ],
  ];

  it.skipIf(!backend.available).each(failures)(
    'keep the code but none of the values for %s, thrown and logged',
    async (_name, fail, code) => {
      const error = await fail().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code });
      for (const place of [JSON.stringify(error), String(error), logged(error)]) {
        expect(place).not.toContain('Ada');
        expect(place).not.toContain('Baker');
      }
      expect(logged(error)).toContain(code);
    },
  );

  it.skipIf(!backend.available)('names the constraint that was violated', async () => {
    await expect(db.query('INSERT INTO people (name) VALUES ($1)', [PERSONAL])).rejects.toMatchObject({
      constraint: 'people_pkey',
      table: 'people',
    });
  });

  it.skipIf(!backend.available)(
    'lets errors of the caller’s own code through a transaction unchanged',
    async () => {
      const own = new Error('the handler failed');
      await expect(db.transaction(async () => Promise.reject(own))).rejects.toBe(own);
    },
  );
});
