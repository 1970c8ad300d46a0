// mentor-circles copy-database --to postgres://…: moves an install from its SQLite file to an empty PostgreSQL
// database, all or nothing, and proves the copy by counting both sides again.
import fs from 'node:fs';
import { databaseLabel, isPostgresUrl, type Config } from '../config';
import { copySqliteToPostgres, type TableCount } from '../storage/copy-database';
import { closeDatabase, openDatabase } from '../storage/database';
import { closePostgres, migratePostgres, openPostgres } from '../storage/postgres-database';

export const COPY_DATABASE_USAGE = 'copy-database --to URL';

export async function runCopyDatabaseCommand(args: readonly string[], config: Config): Promise<number> {
  const [flag, url, ...rest] = args;
  if (flag !== '--to' || url === undefined || rest.length > 0) {
    console.error(`Usage: mentor-circles ${COPY_DATABASE_USAGE}`);
    return 2;
  }
  if (!isPostgresUrl(url)) {
    // The value itself is not echoed: it may hold a password.
    console.error('--to must be a PostgreSQL URL: postgres://user:password@host:5432/name');
    return 2;
  }
  if (config.database.kind === 'postgres') {
    console.error(
      `This app already runs on PostgreSQL (${databaseLabel(config.database)}): copy-database copies the ` +
        'SQLite database named by DATABASE_PATH. Unset DATABASE_URL to run it.',
    );
    return 1;
  }
  const sourcePath = config.database.path;
  // Opening a missing file would create an empty database; a copy never creates its source.
  if (sourcePath === ':memory:' || !fs.existsSync(sourcePath)) {
    console.error(`There is no database at ${sourcePath} (DATABASE_PATH) to copy.`);
    return 1;
  }
  const targetLabel = databaseLabel({ kind: 'postgres', url });
  const source = openDatabase(sourcePath);
  const target = openPostgres(url, { maxConnections: 2 });
  try {
    await migratePostgres(target);
    const result = await copySqliteToPostgres(source, target);
    if (!result.ok) {
      console.error(`${targetLabel} is not empty, so nothing was copied. Tables with rows:`);
      for (const { table, rows } of result.nonEmpty) console.error(`  ${table}: ${rows}`);
      return 1;
    }
    console.log(`Copied ${sourcePath} to ${targetLabel}.`);
    printCounts(result.counts);
    const differing = result.counts.filter((c) => c.source !== c.target);
    if (differing.length > 0) {
      console.error(
        `The counts differ for ${differing.map((c) => c.table).join(', ')}: do not use the copy.`,
      );
      return 1;
    }
    console.log('Verified: every table has as many rows in PostgreSQL as in SQLite.');
    return 0;
  } catch (error) {
    console.error(
      `Copy to ${targetLabel} failed, nothing was copied: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  } finally {
    closeDatabase(source);
    await closePostgres(target);
  }
}

function printCounts(counts: readonly TableCount[]): void {
  const width = Math.max(...counts.map((c) => c.table.length));
  console.log('Rows per table (SQLite → PostgreSQL):');
  for (const c of counts) console.log(`  ${c.table.padEnd(width + 2)}${c.source} → ${c.target}`);
}
