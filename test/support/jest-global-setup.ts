// One PostgreSQL server for the whole jest run; the workers, started after this, inherit its URL.
import { startPostgresServer, TEST_POSTGRES_URL_ENV, type PostgresServer } from './postgres-server';

export default async function startTestPostgres(): Promise<void> {
  const server = await startPostgresServer();
  process.env[TEST_POSTGRES_URL_ENV] = server.url;
  (globalThis as { testPostgres?: PostgresServer }).testPostgres = server;
}
