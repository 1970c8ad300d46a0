// mentor-circles backup FILE: an online copy of the database, taken while the app keeps running, checked
// before it is reported as good.
import fs from 'node:fs';
import type { Config } from '../config';
import { backupDatabase } from '../storage/backup';
import { closeDatabase, openDatabase } from '../storage/database';

export const BACKUP_USAGE = 'backup FILE';

export async function runBackupCommand(args: readonly string[], config: Config): Promise<number> {
  const [file, ...rest] = args;
  if (file === undefined || file.startsWith('-') || rest.length > 0) {
    console.error(`Usage: mentor-circles ${BACKUP_USAGE}`);
    return 2;
  }
  if (config.database.kind === 'postgres') {
    console.error(postgresBackupAdvice(file));
    return 1;
  }
  const source = config.database.path;
  // Opening a missing file would create an empty database; a backup never creates its source.
  if (source === ':memory:' || !fs.existsSync(source)) {
    console.error(`There is no database at ${source} (DATABASE_PATH) to back up.`);
    return 1;
  }
  const db = openDatabase(source);
  try {
    const result = await backupDatabase(db, file);
    const width = Math.max(...Object.keys(result.rowCounts).map((table) => table.length));
    console.log(`Backed up ${source} to ${result.file} (${result.pages} pages).`);
    console.log(`Integrity check: ${result.integrity}`);
    console.log('Rows per table:');
    for (const [table, rows] of Object.entries(result.rowCounts)) {
      console.log(`  ${table.padEnd(width + 2)}${rows}`);
    }
    if (result.integrity !== 'ok') {
      console.error(
        'The copy failed its integrity check: do not rely on it. The database itself may be damaged.',
      );
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    closeDatabase(db);
  }
}

// The server owns a PostgreSQL database's files, so only its own tools copy them consistently. The command
// names the variable rather than its value, so the password is never printed.
function postgresBackupAdvice(file: string): string {
  return [
    'This app runs on PostgreSQL (DATABASE_URL): backups of a PostgreSQL database belong to the database,',
    "not to Mentor Circles. Take one with pg_dump (or your provider's snapshots), for example:",
    `  pg_dump --format=custom --file=${shellQuote(file)} "$DATABASE_URL"`,
    'and restore it with pg_restore --dbname="$DATABASE_URL" into an empty database.',
  ].join('\n');
}

function shellQuote(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
