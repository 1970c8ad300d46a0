// One application, two dialects: the SQLite and PostgreSQL schemas must describe the same tables, so the same
// repositories and the same data fit both.
import { is, SQL, Table } from 'drizzle-orm';
import {
  getTableConfig as getPgTableConfig,
  PgDialect,
  PgTable,
  index as pgIndex,
  integer as pgInteger,
  pgTable,
  text as pgText,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  getTableConfig as getSqliteTableConfig,
  SQLiteSyncDialect,
  SQLiteTable,
} from 'drizzle-orm/sqlite-core';
import * as postgresSchema from '../../src/storage/schema-postgres';
import * as sqliteSchema from '../../src/storage/schema';

type AnyTableConfig = ReturnType<typeof getSqliteTableConfig> | ReturnType<typeof getPgTableConfig>;
type AnyColumn = AnyTableConfig['columns'][number];

const names = (columns: readonly unknown[]) => columns.map((column) => (column as { name: string }).name);

/** A dialect-neutral description of a table: what must match between the two schemas. */
function describeTable(config: AnyTableConfig, renderSql: (chunk: SQL) => string) {
  const describeColumn = (column: AnyColumn) => ({
    name: column.name,
    jsType: column.dataType,
    enumValues: column.enumValues,
    notNull: column.notNull,
    primaryKey: column.primary,
    unique: column.isUnique,
    // SQLite's autoincrement and PostgreSQL's identity both give the id a default.
    default: !column.hasDefault
      ? undefined
      : is(column.default, SQL)
        ? 'sql expression'
        : (column.default ?? 'generated'),
  });
  return {
    name: config.name,
    columns: config.columns.map(describeColumn).sort((a, b) => a.name.localeCompare(b.name)),
    primaryKeys: config.primaryKeys.map((key) => names(key.columns)),
    uniqueConstraints: config.uniqueConstraints.map((constraint) => ({
      name: constraint.name,
      columns: names(constraint.columns),
    })),
    indexes: config.indexes
      .map(({ config: index }) => ({
        name: index.name,
        columns: names(index.columns),
        unique: index.unique,
        where: index.where === undefined ? undefined : renderSql(index.where),
      }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
    foreignKeys: config.foreignKeys
      .map((key) => {
        const reference = key.reference();
        return {
          name: key.getName(),
          columns: names(reference.columns),
          foreignTable: getName(reference.foreignTable),
          foreignColumns: names(reference.foreignColumns),
          onDelete: key.onDelete ?? 'no action',
          onUpdate: key.onUpdate ?? 'no action',
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function getName(table: Table): string {
  return is(table, PgTable) ? getPgTableConfig(table).name : getSqliteTableConfig(table as SQLiteTable).name;
}

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();
const describeSqlite = (table: SQLiteTable) =>
  describeTable(getSqliteTableConfig(table), (chunk) => sqliteDialect.sqlToQuery(chunk).sql);
const describePg = (table: PgTable) =>
  describeTable(getPgTableConfig(table), (chunk) => pgDialect.sqlToQuery(chunk).sql);

const sqliteTables = new Map(
  Object.values(sqliteSchema as Record<string, unknown>)
    .filter((value): value is SQLiteTable => is(value, SQLiteTable))
    .map((table) => [getName(table), table]),
);
const postgresTables = new Map(
  Object.values(postgresSchema as Record<string, unknown>)
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => [getName(table), table]),
);

// Copies of schema-postgres.ts's topics table, as it is and altered.
const topicsColumns = () => ({
  id: pgInteger('id').primaryKey().generatedByDefaultAsIdentity(),
  teamId: pgText('team_id').notNull(),
  name: pgText('name').notNull(),
  nameKey: pgText('name_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  sourceTopicId: pgInteger('source_topic_id'),
  mergedIntoId: pgInteger('merged_into_id'),
  retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
  curatedAt: timestamp('curated_at', { withTimezone: true, mode: 'date' }),
});

function topicsCopy({ keepIndex = true, extraIndex = false }) {
  return pgTable('topics', topicsColumns(), (t) => [
    ...(keepIndex ? [uniqueIndex('topics_team_name_key').on(t.teamId, t.nameKey)] : []),
    ...(extraIndex ? [pgIndex('topics_name').on(t.name)] : []),
  ]);
}

describe('the SQLite and PostgreSQL schemas', () => {
  it('hold the same tables', () => {
    expect([...postgresTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
    expect(sqliteTables.size).toBeGreaterThan(0);
  });

  it.each([...sqliteTables.keys()].sort())(
    '%s: same columns, nullability, keys, unique constraints, indexes and foreign keys',
    (name) => {
      expect(describePg(postgresTables.get(name)!)).toEqual(describeSqlite(sqliteTables.get(name)!));
    },
  );

  it('differ as soon as one gains a column or an index the other lacks', () => {
    const sqliteTopics = describeSqlite(sqliteSchema.topics);
    const withExtraColumn = pgTable('topics', { ...topicsColumns(), colour: pgText('colour') }, (t) => [
      uniqueIndex('topics_team_name_key').on(t.teamId, t.nameKey),
    ]);
    expect(describePg(topicsCopy({}))).toEqual(sqliteTopics);
    expect(describePg(withExtraColumn)).not.toEqual(sqliteTopics);
    expect(describePg(topicsCopy({ extraIndex: true }))).not.toEqual(sqliteTopics);
    expect(describePg(topicsCopy({ keepIndex: false }))).not.toEqual(sqliteTopics);
  });
});
