import { tablesOf } from './tables';
import type { Db } from './database';
import { storeFor } from './store';

export async function recordJobRun(
  db: Db,
  job: string,
  at: Date,
  summary: Record<string, unknown>,
): Promise<void> {
  const { jobRuns } = tablesOf(db);
  const lastSummary = JSON.stringify(summary);
  await storeFor(db).run(async (q) => {
    await q
      .insert(jobRuns)
      .values({ job, lastRunAt: at, lastSummary })
      .onConflictDoUpdate({ target: jobRuns.job, set: { lastRunAt: at, lastSummary } });
  });
}

export async function lastJobRuns(db: Db): Promise<{ job: string; lastRunAt: Date }[]> {
  const { jobRuns } = tablesOf(db);
  return storeFor(db).run((q) => q.select({ job: jobRuns.job, lastRunAt: jobRuns.lastRunAt }).from(jobRuns));
}
