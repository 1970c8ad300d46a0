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

export interface ProgrammeAdminsRepository {
  list(teamId: string): Promise<AddedAdmin[]>;
  isListed(teamId: string, userId: string): Promise<boolean>;
  /** False when they were already an admin: nothing is written then. */
  add(change: AdminChange): Promise<boolean>;
  /** False when they were not an added admin: nothing is written then. */
  remove(change: AdminChange): Promise<boolean>;
}

export function createProgrammeAdminsRepository(db: Db): ProgrammeAdminsRepository {
  const { programmeAdmins } = tablesOf(db);
  const store = storeFor(db);
  const one = (teamId: string | Placeholder, userId: string | Placeholder) =>
    and(eq(programmeAdmins.teamId, teamId), eq(programmeAdmins.userId, userId));
  // Asked on every admin click and report (rights can be taken away): prepared once rather than built per call.
  // Outside a transaction a turn's connection is `db` itself on both databases (store.ts).
  // No .limit(1) (the key is the primary key): drizzle binds a limit, and SQLite re-prepares a statement whose
  // LIMIT is a bound parameter every time it runs.
  const isListedStatement = once(() =>
    prepareStatement(
      db,
      db
        .select({ userId: programmeAdmins.userId })
        .from(programmeAdmins)
        .where(one(sql.placeholder('teamId'), sql.placeholder('userId'))),
    ),
  );
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
    async isListed(teamId, userId) {
      const rows = await store.run(() => isListedStatement().execute({ teamId, userId }));
      return rows.length > 0;
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
