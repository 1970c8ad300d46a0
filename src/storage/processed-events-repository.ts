// Slack retries an event it thinks we missed; remembering each event id lets every handler run once.
import { lt } from 'drizzle-orm';
import type { Db } from './database';
import { tablesOf } from './tables';
import { storeFor } from './store';

export interface ProcessedEventsRepository {
  /** Records the event; true the first time this team's event id is seen, false on every repeat. */
  markProcessed(teamId: string, eventId: string, now: Date): Promise<boolean>;
  /** Forgets event ids received before `before`; returns how many. */
  forgetBefore(before: Date): Promise<number>;
}

export function createProcessedEventsRepository(db: Db): ProcessedEventsRepository {
  const { processedEvents } = tablesOf(db);
  const store = storeFor(db);
  return {
    async markProcessed(teamId, eventId, now) {
      const inserted = await store.run((q) =>
        q
          .insert(processedEvents)
          .values({ teamId, eventId, receivedAt: now })
          .onConflictDoNothing()
          .returning({ eventId: processedEvents.eventId }),
      );
      return inserted.length === 1;
    },
    async forgetBefore(before) {
      const forgotten = await store.run((q) =>
        q
          .delete(processedEvents)
          .where(lt(processedEvents.receivedAt, before))
          .returning({ eventId: processedEvents.eventId }),
      );
      return forgotten.length;
    },
  };
}
