// The status read model: a person's offer, request, pending proposals and running pairs as /mentor status and
// the Home tab show them. The reads are synchronous so the participation writes and the erasure can use them
// inside their own transaction.
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { RUNNING_PAIR_STATUSES, type PairStatus } from '../domain/pair-lifecycle';
import type { MemberPair, PairRole, ParticipationSnapshot } from '../domain/participation';
import { isPaused } from '../domain/pause';
import type { Db } from './database';
import {
  feedback,
  members,
  offers,
  offerTopics,
  pairs,
  promptDeliveries,
  proposals,
  requests,
  requestTopics,
  topics,
} from './schema';

export type PairRow = typeof pairs.$inferSelect;
type MemberRow = typeof members.$inferSelect;

export interface ParticipationStatusRepository {
  snapshot(teamId: string, userId: string, now: Date): Promise<ParticipationSnapshot>;
  /** The pair as this person sees it, or null when it is not theirs (or does not exist). */
  pairFor(teamId: string, pairId: number, userId: string, now: Date): Promise<MemberPair | null>;
}

export function createParticipationStatusRepository(db: Db): ParticipationStatusRepository {
  const reads = createParticipationReads(db);
  return {
    async snapshot(teamId, userId, now) {
      return reads.snapshot(teamId, userId, now);
    },

    async pairFor(teamId, pairId, userId, now) {
      return reads.pairFor(teamId, pairId, userId, now);
    },
  };
}

/** The reads of the status read model, one database's statements prepared once. */
export interface ParticipationReads {
  memberRow(teamId: string, userId: string): MemberRow | undefined;
  /** The member rows of these people (the ones still stored). */
  namesOf(teamId: string, userIds: readonly string[]): Map<string, MemberRow>;
  /** The person's pairs in these statuses, either role, oldest first. */
  pairRowsOf(teamId: string, userId: string, statuses: readonly PairStatus[]): PairRow[];
  pairFor(teamId: string, pairId: number, userId: string, now: Date): MemberPair | null;
  snapshot(teamId: string, userId: string, now: Date): ParticipationSnapshot;
}

export function createParticipationReads(db: Db): ParticipationReads {
  // The queries behind /mentor status and the Home tab run on every request: built and prepared once (lazily,
  // so a repository can be created before its database is migrated) instead of drizzle building the SQL and
  // better-sqlite3 preparing it afresh on each call, which was most of their cost (BENCHMARKS.md).
  const byMember = { teamId: sql.placeholder('teamId'), userId: sql.placeholder('userId') };
  const memberStatement = once(() =>
    db
      .select()
      .from(members)
      .where(and(eq(members.teamId, byMember.teamId), eq(members.userId, byMember.userId)))
      .prepare(),
  );
  const memberRow = (teamId: string, userId: string) => memberStatement().get({ teamId, userId });

  // One indexed lookup per person: the lists are a person's partners, a handful at most.
  const namesOf = (teamId: string, userIds: readonly string[]): Map<string, MemberRow> => {
    const found = new Map<string, MemberRow>();
    for (const userId of new Set(userIds)) {
      const row = memberRow(teamId, userId);
      if (row !== undefined) found.set(userId, row);
    }
    return found;
  };

  const pairsInRole = new Map<string, () => { all(params: Record<string, unknown>): PairRow[] }>();
  const pairsStatement = (role: PairRole, statuses: readonly PairStatus[]) => {
    const key = `${role}:${statuses.join(',')}`;
    let statement = pairsInRole.get(key);
    if (statement === undefined) {
      const column = role === 'mentor' ? pairs.mentorId : pairs.menteeId;
      statement = once(() =>
        db
          .select()
          .from(pairs)
          .where(
            and(
              eq(pairs.teamId, byMember.teamId),
              eq(column, byMember.userId),
              inArray(pairs.status, [...statuses]),
            ),
          )
          .prepare(),
      );
      pairsInRole.set(key, statement);
    }
    return statement();
  };

  // One lookup per role: with `mentor = ? or mentee = ?` SQLite (no statistics) picks the (team, status) index
  // and reads every active pair of the workspace on each /mentor status (1.3 ms at 5k pairs, BENCHMARKS.md).
  const pairRowsOf = (teamId: string, userId: string, statuses: readonly PairStatus[]): PairRow[] => {
    const inRole = (role: PairRole) => pairsStatement(role, statuses).all({ teamId, userId });
    const byId = new Map([...inRole('mentor'), ...inRole('mentee')].map((row) => [row.id, row]));
    return [...byId.values()].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id - b.id);
  };

  const byPair = { teamId: sql.placeholder('teamId'), pairId: sql.placeholder('pairId') };
  const promptCountsStatement = once(() =>
    db
      .select({
        sent: sql<number>`sum(case when ${promptDeliveries.status} = 'sent' then 1 else 0 end)`,
        answered: sql<number>`sum(case when ${promptDeliveries.status} = 'sent' and ${promptDeliveries.answeredAt} is not null then 1 else 0 end)`,
      })
      .from(promptDeliveries)
      .where(and(eq(promptDeliveries.teamId, byPair.teamId), eq(promptDeliveries.pairId, byPair.pairId)))
      .prepare(),
  );
  const feedbackRolesStatement = once(() =>
    db
      .select({ role: feedback.role })
      .from(feedback)
      .where(and(eq(feedback.teamId, byPair.teamId), eq(feedback.pairId, byPair.pairId)))
      .prepare(),
  );

  const toMemberPairs = (teamId: string, userId: string, rows: PairRow[], now: Date): MemberPair[] => {
    if (rows.length === 0) return [];
    const partnerIds = rows.flatMap((row) => {
      const partner = row.mentorId === userId ? row.menteeId : row.mentorId;
      return partner === null ? [] : [partner];
    });
    const people = namesOf(teamId, partnerIds);
    return rows.map((row) => {
      const role: PairRole = row.mentorId === userId ? 'mentor' : 'mentee';
      const partnerId = role === 'mentor' ? row.menteeId : row.mentorId;
      const partner = partnerId === null ? undefined : people.get(partnerId);
      const count = promptCountsStatement().get({ teamId, pairId: row.id });
      const given = feedbackRolesStatement().all({ teamId, pairId: row.id });
      return {
        id: row.id,
        role,
        partnerId,
        partnerName: partner?.name ?? null,
        status: row.status,
        partnerPaused: partner === undefined ? false : isPaused(partner, now),
        startedAt: row.startedAt,
        endedAt: row.endedAt,
        sharedTopics: row.sharedTopics,
        promptsSent: Number(count?.sent ?? 0),
        promptsAnswered: Number(count?.answered ?? 0),
        feedbackGiven: given.some((entry) => entry.role === role),
      };
    });
  };

  const pairFor = (teamId: string, pairId: number, userId: string, now: Date): MemberPair | null => {
    const row = db
      .select()
      .from(pairs)
      .where(
        and(
          eq(pairs.teamId, teamId),
          eq(pairs.id, pairId),
          or(eq(pairs.mentorId, userId), eq(pairs.menteeId, userId)),
        ),
      )
      .get();
    return row === undefined ? null : (toMemberPairs(teamId, userId, [row], now)[0] ?? null);
  };

  const openOfferStatement = once(() =>
    db
      .select()
      .from(offers)
      .where(
        and(
          eq(offers.teamId, byMember.teamId),
          eq(offers.userId, byMember.userId),
          eq(offers.status, 'open'),
        ),
      )
      .prepare(),
  );
  const openRequestStatement = once(() =>
    db
      .select()
      .from(requests)
      .where(
        and(
          eq(requests.teamId, byMember.teamId),
          eq(requests.userId, byMember.userId),
          eq(requests.status, 'open'),
        ),
      )
      .prepare(),
  );
  const pendingProposalsStatement = once(() =>
    db
      .select()
      .from(proposals)
      .where(
        and(
          eq(proposals.teamId, byMember.teamId),
          eq(proposals.status, 'pending'),
          or(eq(proposals.mentorId, byMember.userId), eq(proposals.menteeId, byMember.userId)),
        ),
      )
      .orderBy(proposals.createdAt, proposals.id)
      .prepare(),
  );
  const topicNamesStatement = (
    link: typeof offerTopics | typeof requestTopics,
    ownerColumn: typeof offerTopics.offerId | typeof requestTopics.requestId,
  ) =>
    once(() =>
      db
        .select({ name: topics.name })
        .from(link)
        .innerJoin(topics, eq(topics.id, link.topicId))
        .where(eq(ownerColumn, sql.placeholder('ownerId')))
        .prepare(),
    );
  const offerTopicsStatement = topicNamesStatement(offerTopics, offerTopics.offerId);
  const requestTopicsStatement = topicNamesStatement(requestTopics, requestTopics.requestId);
  const sortedNames = (rows: { name: string }[]) =>
    rows.map((row) => row.name).sort((a, b) => a.localeCompare(b, 'en'));

  const snapshot = (teamId: string, userId: string, now: Date): ParticipationSnapshot => {
    const member = memberRow(teamId, userId);
    const openOffer = openOfferStatement().get({ teamId, userId });
    const openRequest = openRequestStatement().get({ teamId, userId });
    const pendingRows = pendingProposalsStatement().all({ teamId, userId });
    const others = namesOf(
      teamId,
      pendingRows.flatMap((row) => {
        const other = row.mentorId === userId ? row.menteeId : row.mentorId;
        return other === null ? [] : [other];
      }),
    );
    const running = toMemberPairs(teamId, userId, pairRowsOf(teamId, userId, RUNNING_PAIR_STATUSES), now);
    return {
      member:
        member === undefined
          ? null
          : { name: member.name, pausedAt: member.pausedAt, pausedUntil: member.pausedUntil },
      offer:
        openOffer === undefined
          ? null
          : {
              id: openOffer.id,
              capacity: openOffer.capacity,
              topics: sortedNames(offerTopicsStatement().all({ ownerId: openOffer.id })),
              pairsTaken: running.filter((pair) => pair.role === 'mentor').length,
              proposalsPending: pendingRows.filter((row) => row.mentorId === userId).length,
              createdAt: openOffer.createdAt,
            },
      request:
        openRequest === undefined
          ? null
          : {
              id: openRequest.id,
              topics: sortedNames(requestTopicsStatement().all({ ownerId: openRequest.id })),
              createdAt: openRequest.createdAt,
            },
      proposals: pendingRows.map((row) => {
        const role: PairRole = row.mentorId === userId ? 'mentor' : 'mentee';
        const otherUserId = role === 'mentor' ? row.menteeId : row.mentorId;
        return {
          id: row.id,
          role,
          otherUserId,
          otherName: otherUserId === null ? null : (others.get(otherUserId)?.name ?? null),
          createdAt: row.createdAt,
          expiresAt: row.expiresAt,
        };
      }),
      pairs: running,
    };
  };

  return { memberRow, namesOf, pairRowsOf, pairFor, snapshot };
}

/** Builds a value on first use and keeps it. */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}
