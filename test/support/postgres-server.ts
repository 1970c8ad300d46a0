// A real PostgreSQL for the tests, started once per jest run (jest-global-setup.ts) by dev/embedded-postgres.ts;
// each test file creates its own database.
import crypto from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../dev/embedded-postgres';

/** Where the global setup leaves the server's URL (the `postgres` database) for the test workers. */
export const TEST_POSTGRES_URL_ENV = 'MENTOR_CIRCLES_TEST_POSTGRES_URL';

export interface PostgresServer {
  /** Connection URL of the server's `postgres` database, as the superuser. */
  url: string;
  stop(): Promise<void>;
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const server = await startEmbeddedPostgres();
  return { url: server.url, stop: server.remove };
}
export interface PostgresTestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new empty database with a random name on the run's server; `drop` removes it even with clients still on it. */
export async function createPostgresTestDatabase(): Promise<PostgresTestDatabase> {
  const serverUrl = process.env[TEST_POSTGRES_URL_ENV];
  if (!serverUrl)
    throw new Error(`${TEST_POSTGRES_URL_ENV} is not set: run the tests through jest (globalSetup)`);
  const name = `test_${crypto.randomBytes(8).toString('hex')}`;
  await runAsSuperuser(serverUrl, `create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => runAsSuperuser(serverUrl, `drop database if exists "${name}" with (force)`),
  };
}

async function runAsSuperuser(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
