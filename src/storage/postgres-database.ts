// Opens a PostgreSQL database through a node-postgres pool and brings its schema up to date. Several replicas
// may start at once: an advisory lock lets one apply the migrations while the others wait, then find nothing
// left to do.
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Db } from './database';
import { findMigrationsFolder } from './migrations-folder';
import type * as schema from './schema-postgres';
import { loadPostgresSchema } from './tables';

export type PostgresDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const POSTGRES_MIGRATIONS_FOLDER = findMigrationsFolder('postgres');

// Any fixed number works as long as nothing else in the database takes the same advisory lock.
const MIGRATION_LOCK_KEY = 7_140_015_001;

// The driver loads when a PostgreSQL database is first opened, so an install on SQLite never loads pg (the
// store, the health check and the job claims import this module for its casts). require() rather than
// import(): the app is CommonJS, and jest's runtime refuses import() without an experimental flag.
/* eslint-disable @typescript-eslint/no-require-imports */
const postgresDriver = () => ({
  Pool: (require('pg') as typeof import('pg')).Pool,
  drizzle: (require('drizzle-orm/node-postgres') as typeof import('drizzle-orm/node-postgres')).drizzle,
  migrate: (
    require('drizzle-orm/node-postgres/migrator') as typeof import('drizzle-orm/node-postgres/migrator')
  ).migrate,
});
/* eslint-enable @typescript-eslint/no-require-imports */

// Every open connection of each pool, so closing can end the ones work still holds (closePostgres).
const connectionsOf = new WeakMap<pg.Pool, Set<pg.PoolClient>>();

export function openPostgres(url: string, options: { maxConnections?: number } = {}): PostgresDb {
  const { Pool, drizzle } = postgresDriver();
  const pool = new Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // An idle connection dropped by the server (a restart, a failover) is removed from the pool, which opens a
  // new one for the next query; without a listener the event would crash the process.
  pool.on('error', () => {});
  const connections = new Set<pg.PoolClient>();
  connectionsOf.set(pool, connections);
  pool.on('connect', (client) => connections.add(client));
  pool.on('remove', (client) => connections.delete(client as pg.PoolClient));
  return drizzle(pool, { schema: loadPostgresSchema() });
}

// A drizzle database on one pooled connection, kept as long as the connection: the store runs each transaction
// on one of these, so statements prepared on it (build-once.ts) are built once per connection, as on SQLite,
// instead of once per transaction.
const connectionDatabases = new WeakMap<pg.PoolClient, NodePgDatabase<typeof schema>>();

export function connectionDatabase(client: pg.PoolClient): NodePgDatabase<typeof schema> {
  let db = connectionDatabases.get(client);
  if (db === undefined) {
    db = postgresDriver().drizzle(client, { schema: loadPostgresSchema() });
    connectionDatabases.set(client, db);
  }
  return db;
}

/**
 * The connection as the repositories take it. Db is still the SQLite drizzle type; the query builders of both
 * dialects have the same shape, and tables.ts gives the repositories the PostgreSQL tables for it.
 */
export function asDb(db: PostgresDb): Db {
  return db as unknown as Db;
}

/** The other way, for the store and the health check once they know the connection is PostgreSQL's. */
export function asPostgres(db: Db): PostgresDb {
  return db as unknown as PostgresDb;
}

/** Applies every migration not yet applied, once across all replicas; running it again is a no-op. */
export async function migratePostgres(db: PostgresDb): Promise<void> {
  const { drizzle, migrate } = postgresDriver();
  // The lock belongs to a session, so the migrations run on the very connection that holds it.
  const client = await db.$client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client), { migrationsFolder: POSTGRES_MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
    client.release();
  } catch (error) {
    // Closing the connection also drops the lock if unlocking failed.
    client.release(true);
    throw error;
  }
}

/**
 * Closes every connection of the pool, also those that work still running holds (the app stopping once its
 * grace period is over): the pool alone would wait for that work to let go of them. As with a closed SQLite
 * file, the work's next query fails, and the server rolls back its transaction and drops its locks.
 */
export async function closePostgres(db: PostgresDb): Promise<void> {
  const pool = db.$client;
  if (pool.ending) return;
  const open = [...(connectionsOf.get(pool) ?? [])];
  // Settles once the work has released what it holds; nobody waits for that.
  pool.end().catch(() => undefined);
  await Promise.all(open.map((client) => client.end().catch(() => undefined)));
}

/** True when the server answers within `timeoutMs`, even if the pool is still waiting to connect; /healthz reports it. */
export async function isPostgresReachable(db: PostgresDb, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answered = db.$client.query('select 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
