// The jobs the in-process scheduler runs on every tick, in this order.
import type { AppContext } from '../composition/app-context';
import { adminDigestJobs } from './admin-digest-jobs';
import { cohortJobs } from './cohort-jobs';
import { housekeepingJobs } from './housekeeping-jobs';
import { journeyJobs } from './journey-jobs';
import { matchingJobs } from './matching-jobs';
import { participationJobs } from './participation-jobs';
import { promptJobs } from './prompt-jobs';
import type { Job } from './scheduler';

export function buildJobs(context: AppContext): Job[] {
  // Breaks that are over end first, so the same tick already prompts and matches those people.
  return [
    ...participationJobs(context),
    ...cohortJobs(context),
    ...matchingJobs(context),
    ...promptJobs(context),
    ...journeyJobs(context),
    ...adminDigestJobs(context),
    ...housekeepingJobs(context),
  ];
}
