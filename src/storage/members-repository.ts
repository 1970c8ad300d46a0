import { and, eq, sql } from 'drizzle-orm';
import { once, prepareStatement } from './build-once';
import type { Db } from './database';
import type { members } from './schema';
import { tablesOf } from './tables';
import { storeFor } from './store';

export interface Member {
  teamId: string;
  userId: string;
  name: string;
  timeZone: string | null;
  level: number | null;
  department: string | null;
  isWorkspaceAdmin: boolean;
  profileFetchedAt: Date | null;
  pausedAt: Date | null;
  pausedUntil: Date | null;
}

export interface ProfileFields {
  name: string;
  timeZone: string | null;
  isWorkspaceAdmin: boolean;
}

export interface MembersRepository {
  find(teamId: string, userId: string): Promise<Member | null>;
  /** Creates the member or refreshes what Slack knows of them; level and department are left as they are. */
  saveProfile(teamId: string, userId: string, profile: ProfileFields, fetchedAt: Date): Promise<void>;
}

export function createMembersRepository(db: Db): MembersRepository {
  const { members } = tablesOf(db);
  const store = storeFor(db);
  // Read on most requests (who is asking): prepared once rather than built per call. Outside a transaction a
  // turn's connection is `db` itself on both databases (store.ts).
  // No .limit(1) (the key is the primary key): drizzle binds a limit, and SQLite re-prepares a statement whose
  // LIMIT is a bound parameter every time it runs.
  const findStatement = once(() =>
    prepareStatement(
      db,
      db
        .select()
        .from(members)
        .where(
          and(eq(members.teamId, sql.placeholder('teamId')), eq(members.userId, sql.placeholder('userId'))),
        ),
    ),
  );
  return {
    async find(teamId, userId) {
      const [row] = await store.run(() => findStatement().execute({ teamId, userId }));
      return row === undefined ? null : toMember(row);
    },
    async saveProfile(teamId, userId, profile, fetchedAt) {
      await store.run((q) => saveProfileIn(q, teamId, userId, profile, fetchedAt));
    },
  };
}

/** Creates or refreshes the member; repositories that write the profile in a larger transaction pass its `tx`. */
export async function saveProfileIn(
  tx: Db,
  teamId: string,
  userId: string,
  profile: ProfileFields,
  fetchedAt: Date,
): Promise<void> {
  const { members } = tablesOf(tx);
  await tx
    .insert(members)
    .values({ teamId, userId, ...profile, profileFetchedAt: fetchedAt, updatedAt: fetchedAt })
    .onConflictDoUpdate({
      target: [members.teamId, members.userId],
      set: { ...profile, profileFetchedAt: fetchedAt, updatedAt: fetchedAt },
    });
}

function toMember(row: typeof members.$inferSelect): Member {
  return {
    teamId: row.teamId,
    userId: row.userId,
    name: row.name,
    timeZone: row.timeZone,
    level: row.level,
    department: row.department,
    isWorkspaceAdmin: row.isWorkspaceAdmin,
    profileFetchedAt: row.profileFetchedAt,
    pausedAt: row.pausedAt,
    pausedUntil: row.pausedUntil,
  };
}
