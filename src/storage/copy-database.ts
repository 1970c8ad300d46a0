// Copies a SQLite database into an empty PostgreSQL database, keeping every id. Rows are read through the SQLite
// tables and written through the PostgreSQL tables (same JS column names), so drizzle converts each value
// (epoch milliseconds to timestamps, 0/1 to booleans, JSON text to jsonb) and nothing is converted by hand.
import { count, getTableName, sql, type Table } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './database';
import type { PostgresDb } from './postgres-database';
import * as sqliteTables from './schema';
import { loadPostgresSchema } from './tables';

type TableName = keyof typeof sqliteTables;

// Parents before children, so every foreign key finds its row.
const COPY_ORDER: readonly TableName[] = [
  'members',
  'topics',
  'exclusions',
  'offers',
  'offerTopics',
  'requests',
  'requestTopics',
  'proposals',
  'pairs',
  'prompts',
  'workspacePrompts',
  'promptDeliveries',
  'feedback',
  'processedEvents',
  'jobRuns',
  'programmeAdmins',
  'auditEntries',
  'workspaceSettings',
  'invitations',
  'adminDigestSubscriptions',
  'adminDigestDeliveries',
  'workspaceLevels',
  'workspaceDepartments',
  'cohorts',
  'journeyMessages',
  'pairGoals',
  'goalRatings',
  'fitCheckAnswers',
  'mentorVoiceAnswers',
  'termChoices',
  'commitments',
  'rematchBlocks',
];

// The migrations seed the install-wide catalogues into a new database; the source holds the same catalogues
// (with whatever the install changed since), which replace them.
const SEEDED_CATALOGUES: readonly TableName[] = ['topics', 'prompts'];

// Well under PostgreSQL's 65,535 parameters per statement for the widest table.
const BATCH_ROWS = 500;

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export type CopyResult =
  | { ok: true; counts: TableCount[] }
  /** The target already holds data of its own: nothing was written. */
  | { ok: false; nonEmpty: { table: string; rows: number }[] };

/**
 * Copies every row of `source` into `target` in one transaction, then moves each id sequence past the copied
 * ids. The target must be migrated and empty but for the seeded catalogues. The counts returned are read again
 * from both sides after the commit; a caller compares them.
 */
export async function copySqliteToPostgres(source: Db, target: PostgresDb): Promise<CopyResult> {
  const postgresTables = loadPostgresSchema();
  const nonEmpty = await tablesWithData(target);
  if (nonEmpty.length > 0) return { ok: false, nonEmpty };

  await target.transaction(async (tx) => {
    for (const name of [...SEEDED_CATALOGUES].reverse()) await tx.delete(postgresTables[name]);
    for (const name of COPY_ORDER) {
      const from = sqliteTables[name] as SQLiteTable;
      const to = postgresTables[name] as PgTable;
      for (let offset = 0; ; offset += BATCH_ROWS) {
        const rows = source
          .select()
          .from(from)
          .orderBy(sql`rowid`)
          .limit(BATCH_ROWS)
          .offset(offset)
          .all();
        if (rows.length > 0) await tx.insert(to).values(rows);
        if (rows.length < BATCH_ROWS) break;
      }
      if ('id' in to) {
        const table = getTableName(to);
        // The next id follows the largest copied one; on an empty table the sequence starts again at 1.
        await tx.execute(
          sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce(max(id), 1), max(id) is not null) from ${to}`,
        );
      }
    }
  });
  // A bulk load leaves the planner without statistics until autovacuum gets round to it, and without them it
  // picks poor plans for the app's first requests (PostgreSQL's "Populating a Database" advice).
  await target.execute(
    sql.raw(
      `analyze ${COPY_ORDER.map((name) => `"${getTableName(postgresTables[name] as PgTable)}"`).join(', ')}`,
    ),
  );
  return { ok: true, counts: await countBothSides(source, target) };
}

/** Rows per table on both sides, in copy order. */
export async function countBothSides(source: Db, target: PostgresDb): Promise<TableCount[]> {
  const postgresTables = loadPostgresSchema();
  const counts: TableCount[] = [];
  for (const name of COPY_ORDER) {
    const sourceRows =
      source
        .select({ n: count() })
        .from(sqliteTables[name] as SQLiteTable)
        .get()?.n ?? 0;
    counts.push({
      table: getTableName(sqliteTables[name] as Table),
      source: sourceRows,
      target: await countPostgres(target, postgresTables[name] as PgTable),
    });
  }
  return counts;
}

async function tablesWithData(target: PostgresDb): Promise<{ table: string; rows: number }[]> {
  const postgresTables = loadPostgresSchema();
  const found: { table: string; rows: number }[] = [];
  for (const name of COPY_ORDER) {
    const table = postgresTables[name] as PgTable;
    const rows = SEEDED_CATALOGUES.includes(name)
      ? await countOwnCatalogueRows(target, table)
      : await countPostgres(target, table);
    if (rows > 0) found.push({ table: getTableName(table), rows });
  }
  return found;
}

// A workspace's own topics or prompts mean the target has been used; install-wide rows are the seed.
async function countOwnCatalogueRows(target: PostgresDb, table: PgTable): Promise<number> {
  const [row] = await target
    .select({ n: count() })
    .from(table)
    .where(sql`team_id <> ''`);
  return row?.n ?? 0;
}

async function countPostgres(target: PostgresDb, table: PgTable): Promise<number> {
  const [row] = await target.select({ n: count() }).from(table);
  return row?.n ?? 0;
}
