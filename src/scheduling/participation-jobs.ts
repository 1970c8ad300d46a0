// Scheduled self-service work: breaks taken for N weeks end by themselves.
import type { AppContext } from '../composition/app-context';
import { selfServiceDeps } from '../composition/use-case-deps';
import { endExpiredPauses } from '../use-cases/end-expired-pauses';
import type { Job } from './scheduler';

export function participationJobs(context: AppContext): Job[] {
  return [
    {
      name: 'end-expired-pauses',
      // Works at the tick's instant, like every job, not whenever the clock is read during the run.
      run: async (now) => ({
        ...(await endExpiredPauses(selfServiceDeps({ ...context, clock: { now: () => now } }), now)),
      }),
    },
  ];
}
