// Programme admins added in Slack. Adding and removing one is audited in the same transaction.
import { and, eq, sql, type Placeholder } from 'drizzle-orm';
import { once, prepareStatement } from './build-once';
import { recordAuditIn } from './audit-log';
import type { Db } from './database';
import { storeFor } from './store';
import { tablesOf } from './tables';

export interface AddedAdmin {
  userId: string;
  addedBy: string;
  addedAt: Date;
}

export interface AdminChange {
  teamId: string;
  userId: string;
  actorId: string;
  at: Date;
}

/** What decides whether someone is a programme admin, besides the install's own list. */
export interface AdminRights {
  /** Added as an admin in Slack. */
  listed: boolean;
  /** Their Slack workspace role as stored with their profile, and when it was read; null for a non-member. */
  storedRole: { isWorkspaceAdmin: boolean; fetchedAt: Date | null } | null;
}

export interface ProgrammeAdminsRepository {
  list(teamId: string): Promise<AddedAdmin[]>;
  rightsOf(teamId: string, userId: string): Promise<AdminRights>;
  /** False when they were already an admin: nothing is written then. */
  add(change: AdminChange): Promise<boolean>;
  /** False when they were not an added admin: nothing is written then. */
  remove(change: AdminChange): Promise<boolean>;
}

export function createProgrammeAdminsRepository(db: Db): ProgrammeAdminsRepository {
  const { members, programmeAdmins } = tablesOf(db);
  const store = storeFor(db);
  const one = (teamId: string | Placeholder, userId: string | Placeholder) =>
    and(eq(programmeAdmins.teamId, teamId), eq(programmeAdmins.userId, userId));
  // Asked on every admin click, report and Home tab (rights can be taken away): prepared once rather than built
  // per call, and one statement for both facts (a branch per table; on PostgreSQL one round trip, not two).
  // The member's branch comes first: a union's rows are decoded by the first branch's columns. Outside a
  // transaction a turn's connection is `db` itself on both databases (store.ts). No .limit(1) (each branch
  // reads by primary key): drizzle binds a limit, and SQLite re-prepares a statement whose LIMIT is a bound
  // parameter every time it runs.
  const rightsStatement = once(() => {
    const teamId = sql.placeholder('teamId');
    const userId = sql.placeholder('userId');
    const storedRole = db
      .select({
        listed: sql<number>`0`,
        isWorkspaceAdmin: members.isWorkspaceAdmin,
        fetchedAt: members.profileFetchedAt,
      })
      .from(members)
      .where(and(eq(members.teamId, teamId), eq(members.userId, userId)));
    const listed = db
      .select({
        listed: sql<number>`1`,
        isWorkspaceAdmin: sql<boolean>`null`,
        fetchedAt: sql<Date | null>`null`,
      })
      .from(programmeAdmins)
      .where(one(teamId, userId));
    return prepareStatement(db, storedRole.unionAll(listed));
  });
  return {
    list: (teamId) =>
      store.run((q) =>
        q
          .select({
            userId: programmeAdmins.userId,
            addedBy: programmeAdmins.addedBy,
            addedAt: programmeAdmins.addedAt,
          })
          .from(programmeAdmins)
          .where(eq(programmeAdmins.teamId, teamId))
          .orderBy(programmeAdmins.addedAt, programmeAdmins.userId),
      ),
    async rightsOf(teamId, userId) {
      const rows = await store.run(() => rightsStatement().execute({ teamId, userId }));
      const member = rows.find((row) => Number(row.listed) === 0);
      return {
        listed: rows.some((row) => Number(row.listed) === 1),
        storedRole:
          member === undefined
            ? null
            : { isWorkspaceAdmin: member.isWorkspaceAdmin, fetchedAt: member.fetchedAt },
      };
    },
    add: ({ teamId, userId, actorId, at }) =>
      store.transaction(async (tx) => {
        const inserted = await tx
          .insert(programmeAdmins)
          .values({ teamId, userId, addedBy: actorId, addedAt: at })
          .onConflictDoNothing()
          .returning({ userId: programmeAdmins.userId });
        if (inserted.length === 0) return false;
        await recordAuditIn(tx, {
          teamId,
          actorId,
          action: 'admin.added',
          subject: userId,
          before: null,
          after: userId,
          at,
        });
        return true;
      }),
    remove: ({ teamId, userId, actorId, at }) =>
      store.transaction(async (tx) => {
        const removed = await tx
          .delete(programmeAdmins)
          .where(one(teamId, userId))
          .returning({ userId: programmeAdmins.userId });
        if (removed.length === 0) return false;
        await recordAuditIn(tx, {
          teamId,
          actorId,
          action: 'admin.removed',
          subject: userId,
          before: userId,
          after: null,
          at,
        });
        return true;
      }),
  };
}
