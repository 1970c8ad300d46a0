// Opens the SQLite database the app runs on and brings its schema up to date.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { findMigrationsFolder } from './migrations-folder';
import * as schema from './schema';
import { asPostgres, isPostgresReachable } from './postgres-database';
import { storeFor } from './store';
import { dialectOf } from './tables';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = findMigrationsFolder('sqlite');

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  // WAL lets the report and backups read while the scheduler writes; busy_timeout rides out short locks
  // from a second process such as the CLI.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Deleted rows are overwritten with zeros rather than left in free space, so an erased member cannot be
  // read back from the file (member-erasure.ts also empties the WAL). On PostgreSQL the guarantee is that no
  // query can read them back; the app runs no VACUUM (docs/operations.md, "PostgreSQL").
  sqlite.pragma('secure_delete = ON');
  return drizzle(sqlite, { schema });
}

/** Applies every migration not yet applied; running it again is a no-op. */
export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}

/**
 * True when the database answers: on SQLite a query that reads the file (not just `select 1`), on PostgreSQL
 * the server within a short timeout. /healthz reports it.
 */
export async function isDatabaseReachable(db: Db): Promise<boolean> {
  if (dialectOf(db) === 'postgres') return isPostgresReachable(asPostgres(db));
  try {
    return await storeFor(db).run(
      async (q) => q.$client.prepare('select count(*) as tables from sqlite_master').get() !== undefined,
    );
  } catch {
    return false;
  }
}
