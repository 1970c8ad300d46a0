// Slack retries an event it thinks we missed; remembering each event id lets every handler run once.
import { lt } from 'drizzle-orm';
import type { Db } from './database';
import { processedEvents } from './schema';

export interface ProcessedEventsRepository {
  /** Records the event; true the first time this team's event id is seen, false on every repeat. */
  markProcessed(teamId: string, eventId: string, now: Date): Promise<boolean>;
  /** Forgets event ids received before `before`; returns how many. */
  forgetBefore(before: Date): Promise<number>;
}

export function createProcessedEventsRepository(db: Db): ProcessedEventsRepository {
  return {
    async markProcessed(teamId, eventId, now) {
      const inserted = db
        .insert(processedEvents)
        .values({ teamId, eventId, receivedAt: now })
        .onConflictDoNothing()
        .run();
      return inserted.changes === 1;
    },
    async forgetBefore(before) {
      return db.delete(processedEvents).where(lt(processedEvents.receivedAt, before)).run().changes;
    },
  };
}
