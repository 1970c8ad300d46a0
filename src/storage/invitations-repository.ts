// The invitations admins post to a channel, and who joined the programme since one was posted. Recording an
// invitation writes its row and its audit entry in one transaction.
import { desc, eq, min } from 'drizzle-orm';
import { recordAuditIn } from './audit-log';
import type { Db } from './database';
import { storeFor } from './store';
import { tablesOf } from './tables';

export interface Invitation {
  channelId: string;
  messageTs: string;
  postedBy: string;
  postedAt: Date;
}

export interface InvitationsRepository {
  /** The invitation posted last in the workspace, or null. */
  latest(teamId: string): Promise<Invitation | null>;
  /** How many people signed up for the first time (a first offer or request) at or after `since`. */
  joinedSince(teamId: string, since: Date): Promise<number>;
  /** Stores a posted invitation and audits it. */
  record(invitation: Invitation & { teamId: string; joinedSince: number | null }): Promise<void>;
}

export function createInvitationsRepository(db: Db): InvitationsRepository {
  const { invitations, offers, requests } = tablesOf(db);
  const store = storeFor(db);
  return {
    async latest(teamId) {
      const [row] = await store.run((q) =>
        q
          .select({
            channelId: invitations.channelId,
            messageTs: invitations.messageTs,
            postedBy: invitations.postedBy,
            postedAt: invitations.postedAt,
          })
          .from(invitations)
          .where(eq(invitations.teamId, teamId))
          .orderBy(desc(invitations.postedAt), desc(invitations.id))
          .limit(1),
      );
      return row ?? null;
    },
    joinedSince: (teamId, since) =>
      store.transaction(async (tx) => {
        // Each person's first offer and first request; someone who was in before `since` did not join since.
        // One after another: a transaction's one connection takes one query at a time.
        const firsts = [];
        for (const table of [offers, requests]) {
          firsts.push(
            ...(await tx
              .select({ userId: table.userId, first: min(table.createdAt).mapWith(table.createdAt) })
              .from(table)
              .where(eq(table.teamId, teamId))
              .groupBy(table.userId)),
          );
        }
        const first = new Map<string, number>();
        for (const row of firsts) {
          const at = row.first.getTime();
          first.set(row.userId, Math.min(at, first.get(row.userId) ?? at));
        }
        return [...first.values()].filter((at) => at >= since.getTime()).length;
      }, 'read'),
    record: ({ teamId, channelId, messageTs, postedBy, postedAt, joinedSince }) =>
      store.transaction(async (tx) => {
        const { invitations: table } = tablesOf(tx);
        await tx.insert(table).values({ teamId, channelId, messageTs, postedBy, postedAt });
        await recordAuditIn(tx, {
          teamId,
          actorId: postedBy,
          action: 'invitation.posted',
          subject: channelId,
          before: null,
          after: { channel: channelId, joinedSince },
          at: postedAt,
        });
      }),
  };
}
