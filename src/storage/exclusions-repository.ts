// "Don't match me with": one list per person, shared by their offer and their request.
import { and, eq } from 'drizzle-orm';
import type { Db } from './database';
import { tablesOf } from './tables';
import { storeFor } from './store';

export interface ExclusionsRepository {
  /** The people this person asked never to be matched with, sorted by id. */
  getExclusions(teamId: string, userId: string): Promise<string[]>;
}

export function createExclusionsRepository(db: Db): ExclusionsRepository {
  const { exclusions } = tablesOf(db);
  const store = storeFor(db);
  return {
    async getExclusions(teamId, userId) {
      const rows = await store.run((q) =>
        q
          .select({ excludedUserId: exclusions.excludedUserId })
          .from(exclusions)
          .where(and(eq(exclusions.teamId, teamId), eq(exclusions.userId, userId)))
          .orderBy(exclusions.excludedUserId),
      );
      return rows.map((row) => row.excludedUserId);
    },
  };
}

/** Replaces the person's whole list. Call inside the caller's transaction, with its `tx`. */
export async function replaceExclusionsIn(
  tx: Db,
  teamId: string,
  userId: string,
  excludedUserIds: readonly string[],
): Promise<void> {
  const { exclusions } = tablesOf(tx);
  await tx.delete(exclusions).where(and(eq(exclusions.teamId, teamId), eq(exclusions.userId, userId)));
  if (excludedUserIds.length === 0) return;
  await tx
    .insert(exclusions)
    .values([...new Set(excludedUserIds)].map((excludedUserId) => ({ teamId, userId, excludedUserId })));
}
