// The pairing journey on the scheduler: every tick sends the journey messages that are due (each is reserved
// once, so ticking often costs nothing but the reading).
import type { AppContext } from '../composition/app-context';
import { journeyDeps } from '../composition/use-case-deps';
import { sendJourneyMessages } from '../use-cases/send-journey-messages';
import type { Job } from './scheduler';

export const JOURNEY_JOB = 'pairing-journey';

export function journeyJobs(context: AppContext): Job[] {
  return [
    {
      name: JOURNEY_JOB,
      run: async (now, signal) => ({ ...(await sendJourneyMessages(journeyDeps(context), now, signal)) }),
    },
  ];
}
