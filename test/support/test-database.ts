import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, migrateDatabase, openDatabase, type Db } from '../../src/storage/database';
import type { DatabaseConfig } from '../../src/config';

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

/** Row counts of every table, to prove that a refused request stored nothing. */
export function countRows(db: Db): Record<string, number> {
  const tables = db.$client
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.$client.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n,
    ]),
  );
}

/** Every row of every table, to prove that a refused request changed nothing (not only that it added nothing). */
export function allRows(db: Db): Record<string, unknown[]> {
  const tables = db.$client
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, db.$client.prepare(`select * from "${name}" order by rowid`).all()]),
  );
}

/** Every text value in every table, with where it was found: to prove a person's id and name are gone. */
export function findTextEverywhere(db: Db, needle: string): string[] {
  const tables = db.$client
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
    .all() as { name: string }[];
  const hits: string[] = [];
  for (const { name } of tables) {
    const rows = db.$client.prepare(`select * from "${name}"`).all() as Record<string, unknown>[];
    rows.forEach((row, index) => {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'string' && value.toLowerCase().includes(needle.toLowerCase())) {
          hits.push(`${name}[${index}].${column}`);
        }
      }
    });
  }
  return hits;
}

/** The file of an app configured on SQLite; tests that read the bytes on disk run only there. */
export function sqliteFile(database: DatabaseConfig): string {
  if (database.kind !== 'sqlite') throw new Error('this test reads a SQLite file and runs only on SQLite');
  return database.path;
}
