// Cohorts on the scheduler: every tick matches the cohorts whose start has come. Each cohort is claimed in the
// transaction that stores its proposals, so it is matched once however often the job runs, on however many
// replicas. It runs before the daily evergreen match, so a cohort's sign-ups are matched with their cohort
// first and only the ones its start leaves unmatched join everyone else.
import type { AppContext } from '../composition/app-context';
import { cohortMatchingDeps } from '../composition/use-case-deps';
import { matchDueCohorts } from '../use-cases/run-cohort-matching';
import type { Job } from './scheduler';

export const COHORT_MATCHING_JOB = 'cohort-matching';

export function cohortJobs(context: AppContext): Job[] {
  // Each tick works at the instant it was given, not whenever the clock is read during the run.
  const depsAt = (now: Date) => cohortMatchingDeps({ ...context, clock: { now: () => now } });
  return [
    {
      name: COHORT_MATCHING_JOB,
      async run(now, signal) {
        const runs = await matchDueCohorts(depsAt(now), now, signal);
        const matched = runs.filter((run) => run.matched);
        return {
          cohorts: matched.length,
          proposed: matched.reduce((sum, run) => sum + run.proposed, 0),
          waitlisted: matched.reduce((sum, run) => sum + run.waitlisted, 0),
        };
      },
    },
  ];
}
