// Keeps the database from growing without bound.
import type { AppContext } from '../composition/app-context';
import type { Job } from './scheduler';

// Slack retries an event for minutes at most; a day of ids is far more than de-duplication needs.
export const EVENT_ID_RETENTION_MS = 24 * 60 * 60 * 1000;

export function housekeepingJobs(context: AppContext): Job[] {
  return [
    {
      name: 'forget-old-event-ids',
      run: async (now) => ({
        forgotten: await context.repos.processedEvents.forgetBefore(
          new Date(now.getTime() - EVENT_ID_RETENTION_MS),
        ),
      }),
    },
  ];
}
