// Which tables a connection's queries name. The repositories are written once against the SQLite tables'
// types; a PostgreSQL connection gets the PostgreSQL tables, which have the same JS names and columns
// (test/unit/schema-equivalence.test.ts), so drizzle builds each query in the connection's own dialect.
import { is } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from './database';
import * as sqliteTables from './schema';
import * as postgresTables from './schema-postgres';

export type Tables = typeof sqliteTables;
export type Dialect = 'sqlite' | 'postgres';

// The one cast between the two schemas: TypeScript sees two unrelated table types, while the queries only use
// what both share (column names, JS types of the values, the query builder's shape).
const POSTGRES_TABLES = postgresTables as unknown as Tables;

/** The dialect of a connection or of a transaction on it (a PostgreSQL transaction carries the PgDialect too). */
export function dialectOf(db: Db): Dialect {
  // drizzle keeps the dialect on every database and transaction object, though its types hide it.
  return is((db as unknown as { dialect: unknown }).dialect, PgDialect) ? 'postgres' : 'sqlite';
}

export function tablesOf(db: Db): Tables {
  return dialectOf(db) === 'postgres' ? POSTGRES_TABLES : sqliteTables;
}
