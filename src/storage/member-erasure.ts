// What /mentor leave does to the stored data: everything that names the person is erased, their running pairs
// end and their pending proposals are withdrawn, all in one immediate transaction. Pairs and proposals stay as
// anonymous rows so the programme's figures still add up.
import { and, eq, inArray, isNull, notExists, or } from 'drizzle-orm';
import { anonymiseReasons } from '../domain/erasure';
import { PAIR_STATUSES, RUNNING_PAIR_STATUSES } from '../domain/pair-lifecycle';
import type { PairRole } from '../domain/participation';
import type { Db } from './database';
import * as lifecycle from './lifecycle-writes';
import { withdrawPendingProposals, type WithdrawnProposal } from './participation-repository';
import { participationReadsOn } from './participation-snapshot';
import { dialectOf, tablesOf } from './tables';
import { storeFor } from './store';

/** Written to pairs.ended_by instead of the id of a person who has left. */
export const ENDED_BY_DEPARTED = 'departed';

export interface EraseResult {
  /** False when nothing about the person was stored. */
  erased: boolean;
  /** Pairs that were still running, with the partner to tell. */
  endedPairs: { pairId: number; partnerId: string | null }[];
  withdrawn: WithdrawnProposal[];
}

export interface MemberErasureRepository {
  /** Erases everything that names the person; their pairs stay as anonymous rows. */
  erase(teamId: string, userId: string, now: Date): Promise<EraseResult>;
}

export function createMemberErasureRepository(db: Db): MemberErasureRepository {
  const {
    commitments,
    exclusions,
    feedback,
    members,
    offers,
    pairGoals,
    pairs,
    promptDeliveries,
    proposals,
    rematchBlocks,
    requests,
  } = tablesOf(db);
  const store = storeFor(db);
  const readsOn = participationReadsOn(db);

  return {
    async erase(teamId, userId, now) {
      const result = await store.transaction(async (tx): Promise<EraseResult> => {
        const reads = readsOn(tx);
        const member = await reads.memberRow(teamId, userId);
        const identifiers = member === undefined ? [userId] : [userId, member.name];
        const running = await reads.pairRowsOf(teamId, userId, RUNNING_PAIR_STATUSES);
        const withdrawn = await withdrawPendingProposals(tx, reads, teamId, userId, now, true);
        let touched = withdrawn.length > 0 || member !== undefined;

        // Proposals stay as anonymous history: the person's id, their side of the reasons, and the
        // message in their own DM are forgotten.
        const named = await tx
          .select()
          .from(proposals)
          .where(
            and(
              eq(proposals.teamId, teamId),
              or(eq(proposals.mentorId, userId), eq(proposals.menteeId, userId)),
            ),
          );
        for (const proposal of named) {
          const role: PairRole = proposal.mentorId === userId ? 'mentor' : 'mentee';
          await tx
            .update(proposals)
            .set({
              ...(role === 'mentor'
                ? { mentorId: null, messageChannelId: null, messageTs: null }
                : { menteeId: null }),
              reasons: anonymiseReasons(proposal.reasons, role, identifiers),
            })
            .where(eq(proposals.id, proposal.id));
          touched = true;
        }

        // Pairs stay as anonymous rows (level gap, departments crossed, topics) so the figures stay right;
        // the group DM they shared is forgotten with them.
        const allPairs = await reads.pairRowsOf(teamId, userId, PAIR_STATUSES);
        for (const pair of allPairs) {
          const role: PairRole = pair.mentorId === userId ? 'mentor' : 'mentee';
          if (pair.status !== 'ended')
            await lifecycle.endPair(tx, teamId, pair.id, { at: now, by: ENDED_BY_DEPARTED, reason: 'left' });
          await tx
            .update(pairs)
            .set({
              ...(role === 'mentor' ? { mentorId: null } : { menteeId: null }),
              channelId: null,
              ...(pair.endedBy === userId ? { endedBy: ENDED_BY_DEPARTED } : {}),
            })
            .where(eq(pairs.id, pair.id));
          await tx
            .update(promptDeliveries)
            .set({ channelId: null, messageTs: null })
            .where(and(eq(promptDeliveries.teamId, teamId), eq(promptDeliveries.pairId, pair.id)));
          // The goals stay (as topics) for the figures; the notes the mentee typed go.
          if (role === 'mentee')
            await tx
              .update(pairGoals)
              .set({ note: null })
              .where(and(eq(pairGoals.teamId, teamId), eq(pairGoals.pairId, pair.id)));
          touched = true;
        }

        const comments = await tx
          .update(feedback)
          .set({ userId: null, comment: null })
          .where(and(eq(feedback.teamId, teamId), eq(feedback.userId, userId)))
          .returning({ id: feedback.id });
        const committed = await tx
          .update(commitments)
          .set({ userId: null, text: null })
          .where(and(eq(commitments.teamId, teamId), eq(commitments.userId, userId)))
          .returning({ pairId: commitments.pairId });
        const blocked = await tx
          .delete(rematchBlocks)
          .where(
            and(
              eq(rematchBlocks.teamId, teamId),
              or(eq(rematchBlocks.firstUserId, userId), eq(rematchBlocks.secondUserId, userId)),
            ),
          )
          .returning({ teamId: rematchBlocks.teamId });
        const excluded = await tx
          .delete(exclusions)
          .where(
            and(
              eq(exclusions.teamId, teamId),
              or(eq(exclusions.userId, userId), eq(exclusions.excludedUserId, userId)),
            ),
          )
          .returning({ userId: exclusions.userId });
        // Topics go with them (cascade); proposals and pairs keep their rows with the link set to null.
        const theirTopicIds = await topicIdsOf(tx, teamId, userId);
        const offersGone = await tx
          .delete(offers)
          .where(and(eq(offers.teamId, teamId), eq(offers.userId, userId)))
          .returning({ id: offers.id });
        const requestsGone = await tx
          .delete(requests)
          .where(and(eq(requests.teamId, teamId), eq(requests.userId, userId)))
          .returning({ id: requests.id });
        await tx.delete(members).where(and(eq(members.teamId, teamId), eq(members.userId, userId)));
        await deleteTopicsNoOneElseUses(tx, teamId, theirTopicIds);
        touched ||=
          comments.length +
            committed.length +
            blocked.length +
            excluded.length +
            offersGone.length +
            requestsGone.length >
          0;

        return {
          erased: touched,
          endedPairs: running.map((pair) => ({
            pairId: pair.id,
            partnerId: pair.mentorId === userId ? pair.menteeId : pair.mentorId,
          })),
          withdrawn,
        };
      }, 'write');
      // On SQLite the WAL still holds the pages as they were before the erasure. A plain checkpoint copies the
      // erased pages into the file but leaves the old frames in the WAL until later writes happen to cover them:
      // TRUNCATE empties it. Should a reader outlast busy_timeout, the next erasure or closing the database
      // (which checkpoints and removes the WAL) finishes the job. PostgreSQL keeps deleted row versions in its
      // files until VACUUM reclaims them: no rows name the person, but the bytes wait for the database's own
      // vacuuming (see database.ts on secure_delete).
      if (result.erased && dialectOf(db) === 'sqlite') {
        await store.run(async (conn) => conn.$client.pragma('wal_checkpoint(TRUNCATE)'));
      }
      return result;
    },
  };
}

/** The topics on the person's offers and requests. */
async function topicIdsOf(db: Db, teamId: string, userId: string): Promise<number[]> {
  const { offers, offerTopics, requests, requestTopics } = tablesOf(db);
  const offered = await db
    .select({ topicId: offerTopics.topicId })
    .from(offerTopics)
    .innerJoin(offers, eq(offers.id, offerTopics.offerId))
    .where(and(eq(offers.teamId, teamId), eq(offers.userId, userId)));
  const asked = await db
    .select({ topicId: requestTopics.topicId })
    .from(requestTopics)
    .innerJoin(requests, eq(requests.id, requestTopics.requestId))
    .where(and(eq(requests.teamId, teamId), eq(requests.userId, userId)));
  return [...new Set([...offered, ...asked].map((row) => row.topicId))];
}

/**
 * A topic the person typed in "other topics" names them as surely as their note does when nobody else picked
 * it: it goes once their offers and requests are gone. The install-wide defaults and topics others use stay.
 */
async function deleteTopicsNoOneElseUses(db: Db, teamId: string, topicIds: number[]): Promise<void> {
  const { offerTopics, requestTopics, topics } = tablesOf(db);
  if (topicIds.length === 0) return;
  await db.delete(topics).where(
    and(
      eq(topics.teamId, teamId),
      inArray(topics.id, topicIds),
      // A topic an admin added or changed is the programme's, not the person's.
      isNull(topics.curatedAt),
      notExists(db.select().from(offerTopics).where(eq(offerTopics.topicId, topics.id))),
      notExists(db.select().from(requestTopics).where(eq(requestTopics.topicId, topics.id))),
    ),
  );
}
