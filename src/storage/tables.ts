// Which tables a connection's queries name. The repositories are written once against the SQLite tables'
// types; a PostgreSQL connection gets the PostgreSQL tables, which have the same JS names and columns
// (test/unit/schema-equivalence.test.ts), so drizzle builds each query in the connection's own dialect.
import { is, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { SQLiteDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from './database';
import * as sqliteTables from './schema';
import type * as PostgresSchema from './schema-postgres';

export type Tables = typeof sqliteTables;
export type Dialect = 'sqlite' | 'postgres';

// The PostgreSQL schema (and drizzle's pg-core with it) is loaded the first time a PostgreSQL connection needs
// it, so that an app on SQLite never holds it in memory; Node's module cache keeps the one copy.
/* eslint-disable @typescript-eslint/no-require-imports */
export const loadPostgresSchema = () => require('./schema-postgres') as typeof PostgresSchema;
/* eslint-enable @typescript-eslint/no-require-imports */

/** The dialect of a connection or of a transaction on it (a SQLite transaction carries the SQLiteDialect too). */
export function dialectOf(db: Db): Dialect {
  // drizzle keeps the dialect on every database and transaction object, though its types hide it.
  return is((db as unknown as { dialect: unknown }).dialect, SQLiteDialect) ? 'sqlite' : 'postgres';
}

export function tablesOf(db: Db): Tables {
  // The one cast between the two schemas: TypeScript sees two unrelated table types, while the queries only use
  // what both share (column names, JS types of the values, the query builder's shape).
  return dialectOf(db) === 'postgres' ? (loadPostgresSchema() as unknown as Tables) : sqliteTables;
}

/**
 * A column named with its table, as a correlated subquery needs: drizzle leaves columns bare in a one-table
 * select or update, where a subquery on another table with a column of the same name would read its own.
 */
export function qualified(table: SQLWrapper, column: { name: string }): SQL {
  return sql`${table}.${sql.identifier(column.name)}`;
}
