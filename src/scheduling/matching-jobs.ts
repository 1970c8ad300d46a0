// Matching on the scheduler: unanswered proposals expire on every tick (so the next mentor is asked within
// minutes of the deadline), and every workspace with open requests is matched once per UTC day.
import { DateTime } from 'luxon';
import type { AppContext } from '../composition/app-context';
import { matchingDeps } from '../composition/use-case-deps';
import { lastJobRuns } from '../storage/job-runs';
import { expireProposals } from '../use-cases/expire-proposals';
import { matchAllTeams } from '../use-cases/match-all-teams';
import type { Job } from './scheduler';

export const EXPIRE_PROPOSALS_JOB = 'expire-proposals';
export const DAILY_MATCH_JOB = 'match';

function utcDay(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: 'utc' }).toISODate() ?? '';
}

export function matchingJobs(context: AppContext): Job[] {
  // Each tick works at the instant it was given, not whenever the clock is read during the run.
  const depsAt = (now: Date) => matchingDeps({ ...context, clock: { now: () => now } });
  return [
    {
      name: EXPIRE_PROPOSALS_JOB,
      run: async (now) => ({ ...(await expireProposals(depsAt(now))) }),
    },
    {
      name: DAILY_MATCH_JOB,
      async run(now) {
        const last = (await lastJobRuns(context.db)).find((run) => run.job === DAILY_MATCH_JOB);
        if (last !== undefined && utcDay(last.lastRunAt) >= utcDay(now)) return { skipped: 'ran today' };
        const runs = await matchAllTeams(depsAt(now));
        return {
          teams: runs.length,
          proposed: runs.reduce((sum, run) => sum + run.proposed.length, 0),
          waitlisted: runs.reduce((sum, run) => sum + run.waitlisted, 0),
        };
      },
    },
  ];
}
