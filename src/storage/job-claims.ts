// Several replicas run the same scheduler on one PostgreSQL database: each job run is claimed first, so one
// replica runs it while the others skip it for that tick. The claim is a session advisory lock held on a pooled
// connection of its own for as long as the job runs: a replica that dies mid-job loses the lock with its
// connection, and another replica picks the work up on its next tick. SQLite is one process by design, so
// there the claim is just running the job.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from './database';
import { asPostgres } from './postgres-database';
import { storeFor } from './store';
import { dialectOf, tablesOf } from './tables';

export type ClaimOutcome<T> = { ran: true; result: T } | { ran: false; reason: 'claimed' | 'already ran' };

// PostgreSQL hashes the name into the lock's key, so every replica (whatever its version) derives the same one.
const jobLockKey = (job: string) => `mentor-circles:job:${job}`;

/**
 * Runs `work` for `job` at `at` unless another replica holds the job's claim, or (on PostgreSQL) already
 * recorded a run of it for this very instant: two replicas ticking at the same instant run each job once.
 */
export async function withJobClaim<T>(
  db: Db,
  job: string,
  at: Date,
  work: () => Promise<T>,
): Promise<ClaimOutcome<T>> {
  if (dialectOf(db) !== 'postgres') return { ran: true, result: await work() };
  const client = await asPostgres(db).$client.connect();
  // A connection whose lock calls failed is closed rather than reused: closing it drops any lock it holds.
  let healthy = false;
  // The connection may die while the job runs (a server restart, a terminated session): the claim is gone
  // then, which is all that matters here; without a listener the error would crash the process.
  const lost = () => {
    healthy = false;
  };
  client.on('error', lost);
  try {
    const locked = await client.query<{ claimed: boolean }>(
      'select pg_try_advisory_lock(hashtext($1)) as claimed',
      [jobLockKey(job)],
    );
    healthy = true;
    if (locked.rows[0]?.claimed !== true) return { ran: false, reason: 'claimed' };
    try {
      if (await ranAt(db, job, at)) return { ran: false, reason: 'already ran' };
      return { ran: true, result: await work() };
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [jobLockKey(job)]).catch(() => {
        healthy = false;
      });
    }
  } finally {
    client.removeListener('error', lost);
    client.release(!healthy);
  }
}

async function ranAt(db: Db, job: string, at: Date): Promise<boolean> {
  const { jobRuns } = tablesOf(db);
  const rows = await storeFor(db).run((q) =>
    q
      .select({ job: jobRuns.job })
      .from(jobRuns)
      .where(and(eq(jobRuns.job, job), gte(jobRuns.lastRunAt, at))),
  );
  return rows.length > 0;
}

/**
 * Inside a PostgreSQL write transaction, waits until no other transaction writes matching proposals for the
 * same workspace, and holds that turn until this one ends: two replicas' matching runs for one workspace write
 * one after the other instead of interleaving. SERIALIZABLE still decides which proposals stand. On SQLite the
 * write transaction already has the database to itself.
 */
export async function serialiseMatchingWrites(tx: Db, teamId: string): Promise<void> {
  if (dialectOf(tx) !== 'postgres') return;
  await asPostgres(tx).execute(
    sql`select pg_advisory_xact_lock(hashtext(${`mentor-circles:matching:${teamId}`}))`,
  );
}
