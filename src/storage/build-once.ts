import { createHash } from 'node:crypto';
import type { Db } from './database';
import { connectionOf } from './store';
import { dialectOf } from './tables';

/**
 * Builds a value on first use and keeps it: for statements prepared once per connection, lazily so that a
 * repository can be created before its database is migrated.
 */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/**
 * A statement built and prepared once per connection, and reused by every transaction on it: SQLite's one
 * connection, or each pooled PostgreSQL connection (the store runs a transaction on one, store.ts connectionOf).
 */
export function preparedPerConnection<T>(build: (q: Db) => T): (q: Db) => T {
  const prepared = new WeakMap<Db, T>();
  return (q) => {
    const connection = connectionOf(q);
    let statement = prepared.get(connection);
    if (statement === undefined) {
      statement = build(connection);
      prepared.set(connection, statement);
    }
    return statement;
  };
}

/**
 * Prepares a query built with placeholders. On PostgreSQL as a named statement, named after its SQL: each pooled
 * connection then parses and plans it once, where an unnamed statement is parsed and planned again on every run
 * (for the status read of a person's pairs, most of its time). The name is the SQL's hash, so that two statements
 * never share a name, which pg refuses.
 */
export function prepareStatement<P>(db: Db, query: { prepare(): P; toSQL(): { sql: string } }): P {
  if (dialectOf(db) !== 'postgres') return query.prepare();
  const name = `mc_${createHash('sha256').update(query.toSQL().sql).digest('hex').slice(0, 24)}`;
  // drizzle's PostgreSQL builders take the name; the SQLite types the queries are written against do not show it.
  return (query as unknown as { prepare(name: string): P }).prepare(name);
}
