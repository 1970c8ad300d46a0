// "Don't match me with": one list per person, shared by their offer and their request.
import { and, eq } from 'drizzle-orm';
import type { Db } from './database';
import { exclusions } from './schema';

export interface ExclusionsRepository {
  /** The people this person asked never to be matched with, sorted by id. */
  getExclusions(teamId: string, userId: string): Promise<string[]>;
}

export function createExclusionsRepository(db: Db): ExclusionsRepository {
  return {
    async getExclusions(teamId, userId) {
      return db
        .select({ excludedUserId: exclusions.excludedUserId })
        .from(exclusions)
        .where(and(eq(exclusions.teamId, teamId), eq(exclusions.userId, userId)))
        .orderBy(exclusions.excludedUserId)
        .all()
        .map((row) => row.excludedUserId);
    },
  };
}

/** Replaces the person's whole list. Call inside the caller's transaction. */
export function replaceExclusionsSync(
  db: Db,
  teamId: string,
  userId: string,
  excludedUserIds: readonly string[],
): void {
  db.delete(exclusions)
    .where(and(eq(exclusions.teamId, teamId), eq(exclusions.userId, userId)))
    .run();
  if (excludedUserIds.length === 0) return;
  db.insert(exclusions)
    .values([...new Set(excludedUserIds)].map((excludedUserId) => ({ teamId, userId, excludedUserId })))
    .run();
}
