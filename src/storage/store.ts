// How repositories reach the database. A SQLite database is one synchronous connection shared by every request
// in flight, so their statements take turns, and a transaction keeps the turn from BEGIN to COMMIT: no other
// request's statement can land inside it, or be rolled back with it. Repositories are written with `await`
// only (never better-sqlite3's synchronous get/all/run), so the same code can run on a pooled connection.
import { Mutex } from 'async-mutex';
import type { Db } from './database';

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
    store = createSqliteStore(db);
    stores.set(db, store);
  }
  return store;
}

function createSqliteStore(db: Db): Store {
  const turn = new Mutex();
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
