import { jobRuns } from './schema';
import type { Db } from './database';

export function recordJobRun(db: Db, job: string, at: Date, summary: Record<string, unknown>): void {
  const lastSummary = JSON.stringify(summary);
  db.insert(jobRuns)
    .values({ job, lastRunAt: at, lastSummary })
    .onConflictDoUpdate({ target: jobRuns.job, set: { lastRunAt: at, lastSummary } })
    .run();
}

export function lastJobRuns(db: Db): { job: string; lastRunAt: Date }[] {
  return db.select({ job: jobRuns.job, lastRunAt: jobRuns.lastRunAt }).from(jobRuns).all();
}
