import type { Db } from './database';
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
 * A statement built and prepared once per SQLite connection, and reused inside its transactions (there a
 * transaction's `tx` is the connection itself, store.ts); on PostgreSQL, where each transaction has a connection
 * of its own, built on the `q` or `tx` it is given, each time.
 */
export function preparedPerConnection<T>(build: (q: Db) => T): (q: Db) => T {
  const prepared = new WeakMap<Db, T>();
  return (q) => {
    if (dialectOf(q) === 'postgres') return build(q);
    let statement = prepared.get(q);
    if (statement === undefined) {
      statement = build(q);
      prepared.set(q, statement);
    }
    return statement;
  };
}
