import fs from 'node:fs';
import path from 'node:path';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import {
  closePostgres,
  isPostgresReachable,
  migratePostgres,
  openPostgres,
  POSTGRES_MIGRATIONS_FOLDER,
  type PostgresDb,
} from '../../src/storage/postgres-database';
import * as schema from '../../src/storage/schema-postgres';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '../support/postgres-server';
import { createTestDatabase } from '../support/test-database';

const MIGRATION_COUNT = (
  JSON.parse(fs.readFileSync(path.join(POSTGRES_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  }
).entries.length;

const schemaTables = Object.values(schema as Record<string, unknown>)
  .filter((value): value is PgTable => value instanceof PgTable)
  .map((table) => getTableConfig(table));

let database: PostgresTestDatabase;
const opened: PostgresDb[] = [];

function open(): PostgresDb {
  const db = openPostgres(database.url);
  opened.push(db);
  return db;
}

async function rows<T>(db: PostgresDb, text: string): Promise<T[]> {
  return (await db.$client.query(text)).rows as T[];
}

beforeEach(async () => {
  database = await createPostgresTestDatabase();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map(closePostgres));
  await database.drop();
});

describe('migratePostgres', () => {
  it('builds every table and column of schema-postgres.ts', async () => {
    const db = open();
    await migratePostgres(db);

    const columns = await rows<{ table_name: string; column_name: string }>(
      db,
      "select table_name, column_name from information_schema.columns where table_schema = 'public'",
    );
    const actual = new Map<string, string[]>();
    for (const { table_name, column_name } of columns) {
      actual.set(table_name, [...(actual.get(table_name) ?? []), column_name].sort());
    }
    const expected = new Map(
      schemaTables.map((table) => [table.name, table.columns.map((column) => column.name).sort()]),
    );
    expect(new Map([...actual].sort())).toEqual(new Map([...expected].sort()));
  });

  it('seeds the same default topics and prompts as the SQLite migrations', async () => {
    const db = open();
    await migratePostgres(db);
    const sqlite = createTestDatabase();
    try {
      const sqliteTopics = sqlite.db.$client
        .prepare("select name, name_key from topics where team_id = '' order by id")
        .all();
      const sqlitePrompts = sqlite.db.$client
        .prepare("select position, text, enabled from prompts where team_id = '' order by id")
        .all() as { position: number; text: string; enabled: number }[];

      expect(sqliteTopics.length).toBeGreaterThan(0);
      expect(await rows(db, "select name, name_key from topics where team_id = '' order by id")).toEqual(
        sqliteTopics,
      );
      expect(
        await rows(db, "select position, text, enabled from prompts where team_id = '' order by id"),
      ).toEqual(sqlitePrompts.map((prompt) => ({ ...prompt, enabled: prompt.enabled === 1 })));
    } finally {
      sqlite.close();
    }
  });

  it('changes nothing when run again', async () => {
    const first = open();
    await migratePostgres(first);
    await first.$client.query(
      "insert into topics (team_id, name, name_key) values ('T1', 'Podcasts', 'podcasts')",
    );
    const topicsBefore = await rows(first, 'select * from topics order by id');

    const second = open();
    await migratePostgres(second);
    expect(await rows(second, 'select * from topics order by id')).toEqual(topicsBefore);
    expect(await rows(second, 'select hash from drizzle.__drizzle_migrations')).toHaveLength(MIGRATION_COUNT);
  });

  it('applies each migration once when two replicas start together on a fresh database', async () => {
    const replicas = [open(), open()];
    await Promise.all(replicas.map(migratePostgres));

    const applied = await rows<{ hash: string }>(
      replicas[0]!,
      'select hash from drizzle.__drizzle_migrations',
    );
    expect(applied).toHaveLength(MIGRATION_COUNT);
    expect(new Set(applied.map((row) => row.hash)).size).toBe(MIGRATION_COUNT);
    const [seeded] = await rows<{ n: string }>(
      replicas[1]!,
      "select count(*) as n from topics where team_id = ''",
    );
    const sqlite = createTestDatabase();
    try {
      const { n } = sqlite.db.$client
        .prepare("select count(*) as n from topics where team_id = ''")
        .get() as {
        n: number;
      };
      expect(Number(seeded!.n)).toBe(n);
    } finally {
      sqlite.close();
    }
  });
});

describe('isPostgresReachable', () => {
  it('is true while the server answers and false once the pool is closed', async () => {
    const db = open();
    expect(await isPostgresReachable(db)).toBe(true);
    await closePostgres(db);
    expect(await isPostgresReachable(db)).toBe(false);
  });
});
