// Online backups: SQLite's backup API copies the live database page by page while the app keeps writing, and
// the copy is then opened on its own and checked before anyone relies on it.
// SQLite only, the whole file: PostgreSQL will need pg_dump (or its own backup tooling) instead.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './database';
import { storeFor } from './store';

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export interface BackupOptions {
  /**
   * Pages copied per step. By default the whole database in one step: a step reads inside one transaction, so
   * the copy is one consistent moment and never has to start over because the app wrote meanwhile (SQLite
   * restarts a step-wise backup whenever another connection writes). WAL mode keeps the app's writes flowing
   * during that read.
   */
  pagesPerStep?: number;
  /** Called between steps. */
  onProgress?: (progress: BackupProgress) => void;
}

export interface BackupCheck {
  /** 'ok', or what SQLite's integrity_check found wrong. */
  integrity: string;
  rowCounts: Record<string, number>;
}

export interface BackupResult extends BackupCheck {
  file: string;
  pages: number;
}

const ALL_PAGES = 0x7fffffff;

/** Copies the database behind `db` to a new file and checks the copy. Refuses to overwrite anything. */
export async function backupDatabase(
  db: Db,
  file: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new Error(`${file} already exists: choose a new file name`);
  if (!fs.existsSync(path.dirname(target))) throw new Error(`The folder for ${file} does not exist`);
  const { pagesPerStep = ALL_PAGES, onProgress } = options;
  // In the connection's turn, so no transaction of this process is left open between two steps.
  const { totalPages } = await storeFor(db).run((q) =>
    q.$client.backup(target, {
      progress: (progress) => {
        onProgress?.(progress);
        return pagesPerStep;
      },
    }),
  );
  // The copy carries the live file's WAL mode; DELETE mode makes it one self-contained file to store or copy.
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return { file: target, pages: totalPages, ...checkBackup(target) };
}

/** Opens a backup read-only, runs SQLite's integrity check and counts the rows of every table. */
export function checkBackup(file: string): BackupCheck {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems = (copy.pragma('integrity_check') as { integrity_check: string }[]).map(
      (row) => row.integrity_check,
    );
    return { integrity: problems.join('; '), rowCounts: tableRowCounts(copy) };
  } finally {
    copy.close();
  }
}

export function tableRowCounts(sqlite: Database.Database): Record<string, number> {
  const tables = sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (sqlite.prepare(`select count(*) as n from "${name.replaceAll('"', '""')}"`).get() as { n: number }).n,
    ]),
  );
}
