// The jobs the in-process scheduler runs on every tick, in this order.
import type { AppContext } from '../slack/app-context';
import type { Job } from './scheduler';

export function buildJobs(_context: AppContext): Job[] {
  return [];
}
