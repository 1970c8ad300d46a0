// The weekly admin digest on the scheduler: every tick sends the digests whose local day and hour have come
// (each admin's week is reserved once, so ticking often costs nothing).
import type { AppContext } from '../composition/app-context';
import { adminDigestDeps } from '../composition/use-case-deps';
import { sendAdminDigests } from '../use-cases/admin-digest';
import type { Job } from './scheduler';

export const ADMIN_DIGEST_JOB = 'admin-digest';

export function adminDigestJobs(context: AppContext): Job[] {
  // Each tick works at the instant it was given, not whenever the clock is read during the run.
  return [
    {
      name: ADMIN_DIGEST_JOB,
      run: async (now) => ({
        ...(await sendAdminDigests(adminDigestDeps({ ...context, clock: { now: () => now } }), now)),
      }),
    },
  ];
}
