// The jobs the in-process scheduler runs on every tick, in this order.
import type { AppContext } from '../slack/app-context';
import { matchingJobs } from './matching-jobs';
import type { Job } from './scheduler';

export function buildJobs(context: AppContext): Job[] {
  return [...matchingJobs(context)];
}
