// How repositories reach the database. A SQLite database is one synchronous connection shared by every request
// in flight, so their statements take turns, and a transaction keeps the turn from BEGIN to COMMIT: no other
// request's statement can land inside it, or be rolled back with it. Repositories are written with `await`
// only (never better-sqlite3's synchronous get/all/run), so the same code runs on PostgreSQL's pool, where each
// transaction has a pooled connection of its own.
import path from 'node:path';
import { Mutex } from 'async-mutex';
import type { Db } from './database';
import { asPostgres, connectionDatabase } from './postgres-database';
import { dialectOf } from './tables';

export interface Store {
  /** Statements outside a transaction. Inside `transaction`, use the `tx` it gives instead: turns don't nest. */
  run<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Every statement of `work` lands, or none does. A 'write' transaction takes the write lock at BEGIN
   * (SQLite's IMMEDIATE), so a read-check-write in it cannot interleave with another process's; a 'read' one
   * sees one consistent instant while others write.
   */
  transaction<T>(work: (tx: Db) => Promise<T>, mode?: 'write' | 'read'): Promise<T>;
}

const stores = new WeakMap<Db, Store>();

/** The one store of a connection: every repository on the same connection shares its turns. */
export function storeFor(db: Db): Store {
  let store = stores.get(db);
  if (store === undefined) {
    store = dialectOf(db) === 'postgres' ? createPostgresStore(db) : createSqliteStore(db);
    stores.set(db, store);
  }
  return store;
}

// One turn per database file in this process, shared by every connection to it (a second connection such as a
// test's second replica): otherwise one connection's BEGIN IMMEDIATE, waiting out busy_timeout, would block the
// very thread that has to finish the other connection's transaction. Other processes are held off by the lock.
const fileTurns = new Map<string, Mutex>();

function turnFor(db: Db): Mutex {
  if (db.$client.memory) return new Mutex();
  const file = path.resolve(db.$client.name);
  let turn = fileTurns.get(file);
  if (turn === undefined) {
    turn = new Mutex();
    fileTurns.set(file, turn);
  }
  return turn;
}

function createSqliteStore(db: Db): Store {
  const turn = turnFor(db);
  return {
    run: (work) => turn.runExclusive(() => work(db)),
    transaction: (work, mode = 'write') =>
      turn.runExclusive(async () => {
        db.$client.exec(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN DEFERRED');
        try {
          const result = await work(db);
          db.$client.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.$client.inTransaction) db.$client.exec('ROLLBACK');
          throw error;
        }
      }),
  };
}

// A read-check-write (a mentor's last place, one mentor per request, a second Accept) is settled on PostgreSQL
// by running every 'write' transaction at SERIALIZABLE, the counterpart of SQLite's one writer at a time: of two
// transactions whose reads and writes overlap, one commits and the other fails with a serialization failure,
// and runs again from the start, now seeing what the first wrote. A deadlock is retried the same way.
const MAX_ATTEMPTS = 5;
const RETRYABLE = new Set(['40001', '40P01']);

function createPostgresStore(db: Db): Store {
  const pool = asPostgres(db);
  return {
    run: (work) => work(db),
    transaction: async (work, mode = 'write') => {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.$client.connect();
        try {
          const connection = connectionDatabase(client) as unknown as Db;
          return await asPostgres(connection).transaction(
            (pgTx) => {
              // The same cast as asDb: a PostgreSQL transaction goes through the repositories as a Db.
              const tx = pgTx as unknown as Db;
              connections.set(tx, connection);
              return work(tx);
            },
            mode === 'write'
              ? { isolationLevel: 'serializable' }
              : { isolationLevel: 'repeatable read', accessMode: 'read only' },
          );
        } catch (error) {
          if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has(sqlStateOf(error) ?? '')) throw error;
        } finally {
          client.release();
        }
      }
    },
  };
}

// The connection each PostgreSQL transaction runs on (its pooled connection's database).
const connections = new WeakMap<Db, Db>();

/**
 * The connection a turn's `q` runs on: for a PostgreSQL transaction its pooled connection's database, which
 * outlives the transaction; otherwise `q` itself (SQLite's one connection is also every transaction's).
 */
export function connectionOf(q: Db): Db {
  return connections.get(q) ?? q;
}

/** The SQLSTATE of a PostgreSQL error, also when drizzle wrapped it (DrizzleQueryError's cause). */
function sqlStateOf(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
