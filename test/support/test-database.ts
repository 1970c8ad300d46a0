import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, migrateDatabase, openDatabase, type Db } from '../../src/storage/database';
import type { DatabaseConfig } from '../../src/config';
import {
  asDb,
  asPostgres,
  closePostgres,
  migratePostgres,
  openPostgres,
} from '../../src/storage/postgres-database';
import { createPostgresTestDatabase } from './postgres-server';
import { dialectOf } from '../../src/storage/tables';

/** A fresh folder per test file, removed by the returned cleanup. */
export function makeTempDir(prefix = 'mentor-circles-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A real SQLite file built from the real migrations. */
export function createTestDatabase(): { db: Db; file: string; close: () => void } {
  const { dir, cleanup } = makeTempDir();
  const file = path.join(dir, 'test.db');
  const db = openDatabase(file);
  migrateDatabase(db);
  return {
    db,
    file,
    close: () => {
      closeDatabase(db);
      cleanup();
    },
  };
}

// The helpers below read whichever database the app runs on: SQLite through its one connection, PostgreSQL
// through the pool with plain SQL over the tables in the public schema (drizzle keeps its own bookkeeping in
// the `drizzle` schema).

/** Row counts of every table, to prove that a refused request stored nothing. */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const tables = await tableNames(db);
  const counts: [string, number][] = [];
  for (const name of tables) {
    const [row] = await rowsOf(db, `select count(*) as n from "${name}"`);
    counts.push([name, Number(row?.n)]);
  }
  return Object.fromEntries(counts);
}

/** Every row of every table, to prove that a refused request changed nothing (not only that it added nothing). */
export async function allRows(db: Db): Promise<Record<string, unknown[]>> {
  const rows: [string, unknown[]][] = [];
  for (const name of await tableNames(db)) {
    if (dialectOf(db) === 'sqlite') {
      rows.push([name, await rowsOf(db, `select * from "${name}" order by rowid`)]);
    } else {
      // PostgreSQL has no stable row order (an update moves a row): sorted by content, the same rows compare
      // equal whatever happened to their places on disk.
      const all = await rowsOf(db, `select * from "${name}"`);
      const keyed = all.map((row) => [JSON.stringify(row), row] as const);
      keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      rows.push([name, keyed.map(([, row]) => row)]);
    }
  }
  return Object.fromEntries(rows);
}

/**
 * Every text value in every table, with where it was found: to prove a person's id and name are gone. On
 * PostgreSQL the strings inside jsonb columns are read one by one too (SQLite stores JSON as text). This sees
 * the rows a query sees; bytes of deleted row versions are another matter (erasure-bytes.test.ts on SQLite,
 * docs/operations.md on PostgreSQL).
 */
export async function findTextEverywhere(db: Db, needle: string): Promise<string[]> {
  const wanted = needle.toLowerCase();
  const hits: string[] = [];
  if (dialectOf(db) === 'sqlite') {
    for (const name of await tableNames(db)) {
      const rows = await rowsOf(db, `select * from "${name}"`);
      rows.forEach((row, index) => {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === 'string' && value.toLowerCase().includes(wanted)) {
            hits.push(`${name}[${index}].${column}`);
          }
        }
      });
    }
    return hits;
  }
  const columns = (await rowsOf(
    db,
    `select table_name, column_name, data_type from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
      order by table_name, ordinal_position`,
  )) as { table_name: string; column_name: string; data_type: string }[];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    const values =
      type === 'json' || type === 'jsonb'
        ? // Every string in the document, keys and values, unescaped.
          `select s.value #>> '{}' as v from "${table}" t,
             lateral jsonb_path_query(t."${column}"::jsonb, 'strict $.**') as s(value)
           where jsonb_typeof(s.value) = 'string'
           union all
           select k as v from "${table}" t,
             lateral jsonb_path_query(t."${column}"::jsonb, 'strict $.**') as o(value),
             lateral jsonb_object_keys(case when jsonb_typeof(o.value) = 'object' then o.value else '{}' end) as k`
        : `select "${column}" as v from "${table}"`;
    const rows = await rowsOf(db, values);
    rows.forEach((row, index) => {
      const value = typeof row.v === 'string' ? row.v : JSON.stringify(row.v);
      if (value !== undefined && value.toLowerCase().includes(wanted))
        hits.push(`${table}[${index}].${column}`);
    });
  }
  return hits;
}

/**
 * Makes every update of `table` fail with `message` from inside the database (a trigger), so a test sees how
 * the app answers a storage failure it cannot cause from outside. Identifiers are the test's own, not input.
 */
export async function failUpdatesOf(db: Db, table: string, message: string): Promise<void> {
  const name = `fail_update_${table}`;
  if (dialectOf(db) === 'sqlite') {
    db.$client.exec(
      `create trigger ${name} before update on "${table}" begin select raise(abort, '${message}'); end`,
    );
    return;
  }
  const client = asPostgres(db).$client;
  await client.query(
    `create function ${name}() returns trigger language plpgsql as $$ begin raise exception '${message}'; end $$`,
  );
  await client.query(
    `create trigger ${name} before update on "${table}" for each row execute function ${name}()`,
  );
}

async function tableNames(db: Db): Promise<string[]> {
  const rows =
    dialectOf(db) === 'sqlite'
      ? await rowsOf(
          db,
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name",
        )
      : await rowsOf(
          db,
          "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
        );
  return rows.map((row) => String(row.name));
}

/** Rows of a raw SQL query on either database, with the columns as the database names them. */
export async function rowsOf(db: Db, statement: string): Promise<Record<string, unknown>[]> {
  if (dialectOf(db) === 'sqlite') return db.$client.prepare(statement).all() as Record<string, unknown>[];
  const result = await asPostgres(db).$client.query(statement);
  return result.rows as Record<string, unknown>[];
}

/** Whether a connection was closed: the SQLite file, or every connection of the PostgreSQL pool. */
export function isConnectionClosed(db: Db): boolean {
  return dialectOf(db) === 'sqlite' ? !db.$client.open : asPostgres(db).$client.ending;
}

/** The file of an app configured on SQLite; tests that read the bytes on disk run only there. */
export function sqliteFile(database: DatabaseConfig): string {
  if (database.kind !== 'sqlite') throw new Error('this test reads a SQLite file and runs only on SQLite');
  return database.path;
}

/** Which database the integration tests run the app on: `MENTOR_CIRCLES_TEST_DATABASE=postgres`, else SQLite. */
export const TEST_DATABASE_ENV = 'MENTOR_CIRCLES_TEST_DATABASE';

export function testDatabaseKind(): 'sqlite' | 'postgres' {
  const kind = process.env[TEST_DATABASE_ENV] ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') {
    throw new Error(`${TEST_DATABASE_ENV} must be sqlite or postgres, not ${kind}`);
  }
  return kind;
}

export interface AppDatabase {
  /** What the app's environment needs to find it: DATABASE_PATH or DATABASE_URL. */
  env: Record<string, string>;
  /** Removes it (the PostgreSQL database, even with clients still on it); the SQLite file goes with its folder. */
  drop(): Promise<void>;
}

/** A fresh, empty database for one app or CLI: a file in `dir` on SQLite, a new database on the run's PostgreSQL. */
export async function createAppDatabase(dir: string, fileName = 'app.db'): Promise<AppDatabase> {
  if (testDatabaseKind() === 'sqlite') {
    return { env: { DATABASE_PATH: path.join(dir, fileName) }, drop: async () => {} };
  }
  const database = await createPostgresTestDatabase();
  return { env: { DATABASE_URL: database.url }, drop: database.drop };
}

/**
 * Opens the database an app's environment names (DATABASE_URL wins over DATABASE_PATH, as in the app), with the
 * migrations applied, for `use`; then closes it. Tests seed through it before a CLI run and read what it stored.
 */
export async function withDatabaseOf<T>(
  env: Record<string, string | undefined>,
  use: (db: Db) => Promise<T> | T,
): Promise<T> {
  const url = env.DATABASE_URL;
  if (url !== undefined && url !== '') {
    const db = openPostgres(url, { maxConnections: 2 });
    try {
      await migratePostgres(db);
      return await use(asDb(db));
    } finally {
      await closePostgres(db);
    }
  }
  if (env.DATABASE_PATH === undefined) throw new Error('the environment names no database');
  const db = openDatabase(env.DATABASE_PATH);
  try {
    migrateDatabase(db);
    return await use(db);
  } finally {
    closeDatabase(db);
  }
}

export interface TestDatabase {
  db: Db;
  /** A second connection to the same database, as another replica has; closed with `close`. */
  connectAgain(): Promise<Db>;
  close(): Promise<void>;
}

/** A fresh database with the migrations applied, on the database the tests run on (testDatabaseKind). */
export async function openTestDatabase(): Promise<TestDatabase> {
  const { dir, cleanup } = makeTempDir();
  const database = await createAppDatabase(dir, 'test.db');
  const connections: Db[] = [];
  const connect = async (): Promise<Db> => {
    const url = database.env.DATABASE_URL;
    let db: Db;
    if (url === undefined) {
      db = openDatabase(database.env.DATABASE_PATH ?? '');
      migrateDatabase(db);
    } else {
      db = asDb(openPostgres(url, { maxConnections: 4 }));
      await migratePostgres(asPostgres(db));
    }
    connections.push(db);
    return db;
  };
  const db = await connect();
  return {
    db,
    connectAgain: connect,
    async close() {
      for (const connection of connections) {
        if (dialectOf(connection) === 'postgres') await closePostgres(asPostgres(connection));
        else closeDatabase(connection);
      }
      await database.drop();
      cleanup();
    },
  };
}
