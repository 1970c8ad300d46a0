import type { PostgresServer } from './postgres-server';

export default async function stopTestPostgres(): Promise<void> {
  await (globalThis as { testPostgres?: PostgresServer }).testPostgres?.stop();
}
