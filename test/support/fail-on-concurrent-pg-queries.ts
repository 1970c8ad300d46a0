// setupFilesAfterEnv of the jest project "integration: PostgreSQL": a test fails when the app sends a query to
// a pg client that already has one running and another waiting, the case pg deprecates ("Calling client.query()
// when the client is already executing a query", pg 9 refuses it). Inside a transaction every query goes to its
// one client, so reads sent at once there (a Promise.all on `tx`) queue up on it: reads at once are for the
// pool. pg's warning goes to the worker's real `process`, which a test file's sandbox cannot listen to, so the
// guard makes pg's own check on the Client this test file loads, and keeps the stack of where the query came from.
import pg from 'pg';

const queued: string[] = [];
const query = pg.Client.prototype.query;

pg.Client.prototype.query = function queryWatched(this: pg.Client, ...args: unknown[]) {
  // pg's own condition for the warning: its Client keeps the queries waiting behind the running one in
  // _queryQueue (gone in pg 9, which refuses such a query outright).
  const { _queryQueue: waiting, pipeline } = this as unknown as {
    _queryQueue?: unknown[];
    pipeline?: boolean;
  };
  if (Array.isArray(waiting) && waiting.length > 0 && pipeline !== true) {
    queued.push(new Error('a query sent while this pg client was already executing others').stack ?? '');
  }
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

afterEach(() => {
  if (queued.length > 0) {
    throw new Error(`queries were sent at once on one pg client:\n${queued.splice(0).join('\n\n')}`);
  }
});

afterAll(() => {
  pg.Client.prototype.query = query;
});
