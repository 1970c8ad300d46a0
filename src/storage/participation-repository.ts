// A person's own participation: what they see in /mentor status and on the Home tab, and the writes they can
// make themselves (pause, resume, end a pairing with feedback, leave and have their data erased). Each write
// is one immediate transaction, so a second click or a concurrent process never sees half of it.
import { and, eq, inArray, isNotNull, lte, ne, or, sql } from 'drizzle-orm';
import { anonymiseReasons, type PairRole } from '../domain/erasure';
import type { FeedbackInput } from '../domain/feedback-form';
import { isPaused } from '../domain/pause';
import type { Db } from './database';
import {
  exclusions,
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

export type { PairRole } from '../domain/erasure';

/** Written to pairs.ended_by instead of the id of a person who has left. */
export const ENDED_BY_DEPARTED = 'departed';

export interface StatusOffer {
  id: number;
  capacity: number;
  /** Sorted by name. */
  topics: string[];
  /** Active and paused pairs the person mentors: each takes a place. */
  pairsTaken: number;
  /** Proposals waiting for the person's answer also hold a place until answered. */
  proposalsPending: number;
  createdAt: Date;
}

export interface StatusRequest {
  id: number;
  topics: string[];
  createdAt: Date;
}

export interface StatusProposal {
  id: number;
  role: PairRole;
  otherUserId: string | null;
  otherName: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface MemberPair {
  id: number;
  role: PairRole;
  partnerId: string | null;
  partnerName: string | null;
  status: 'active' | 'paused' | 'ended';
  /** True while the partner is on a break of their own. */
  partnerPaused: boolean;
  startedAt: Date;
  endedAt: Date | null;
  sharedTopics: string[];
  promptsSent: number;
  promptsAnswered: number;
  /** Whether this person has already given feedback on the pair. */
  feedbackGiven: boolean;
}

export interface ParticipationSnapshot {
  member: { name: string; pausedAt: Date | null; pausedUntil: Date | null } | null;
  offer: StatusOffer | null;
  request: StatusRequest | null;
  proposals: StatusProposal[];
  /** Active and paused pairs, oldest first. */
  pairs: MemberPair[];
}

/** A pending proposal withdrawn because one side paused or left; its Slack message should say so. */
export interface WithdrawnProposal {
  id: number;
  /** The role of the person who paused or left. */
  role: PairRole;
  /** The side that stays (null when both are gone). */
  remainingUserId: string | null;
  /** Set when the message went to the side that stays, so it can be updated. */
  message: { channel: string; ts: string } | null;
}

export type PauseResult =
  | { kind: 'not-member' }
  | { kind: 'already-paused'; pausedUntil: Date | null }
  | { kind: 'paused'; pausedUntil: Date | null; partnerIds: string[]; withdrawn: WithdrawnProposal[] };

export type ResumeResult =
  { kind: 'not-member' } | { kind: 'not-paused' } | { kind: 'resumed'; partnerIds: string[] };

export type EndResult =
  | { kind: 'not-in-pair' }
  | { kind: 'ended'; pair: MemberPair }
  | { kind: 'already-ended'; pair: MemberPair; feedbackStored: boolean };

export type FeedbackResult =
  | { kind: 'not-in-pair' }
  | { kind: 'already-given'; pair: MemberPair }
  | { kind: 'stored'; pair: MemberPair };

export interface EraseResult {
  /** False when nothing about the person was stored. */
  erased: boolean;
  /** Pairs that were still running, with the partner to tell. */
  endedPairs: { pairId: number; partnerId: string | null }[];
  withdrawn: WithdrawnProposal[];
}

export interface ParticipationRepository {
  snapshot(teamId: string, userId: string, now: Date): Promise<ParticipationSnapshot>;
  /** The pair as this person sees it, or null when it is not theirs (or does not exist). */
  pairFor(teamId: string, pairId: number, userId: string, now: Date): Promise<MemberPair | null>;
  pause(teamId: string, userId: string, now: Date, until: Date | null): Promise<PauseResult>;
  /** With `expiredOnly`, resumes only a pause whose end has passed (the scheduler's case). */
  resume(
    teamId: string,
    userId: string,
    now: Date,
    options?: { expiredOnly?: boolean },
  ): Promise<ResumeResult>;
  /** Pauses whose end has passed, in every workspace: the scheduler resumes them. */
  expiredPauses(now: Date): Promise<{ teamId: string; userId: string }[]>;
  /** Ends the pair and stores this person's feedback in one transaction. */
  endPair(
    teamId: string,
    pairId: number,
    userId: string,
    now: Date,
    input: FeedbackInput,
  ): Promise<EndResult>;
  /** Feedback on a pair someone else ended; once per pair and role. */
  addFeedback(
    teamId: string,
    pairId: number,
    userId: string,
    now: Date,
    input: FeedbackInput,
  ): Promise<FeedbackResult>;
  /** Erases everything that names the person; their pairs stay as anonymous rows. */
  erase(teamId: string, userId: string, now: Date): Promise<EraseResult>;
}

type PairRow = typeof pairs.$inferSelect;

export function createParticipationRepository(db: Db): ParticipationRepository {
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
  const namesOf = (teamId: string, userIds: readonly string[]): Map<string, typeof members.$inferSelect> => {
    const found = new Map<string, typeof members.$inferSelect>();
    for (const userId of new Set(userIds)) {
      const row = memberRow(teamId, userId);
      if (row !== undefined) found.set(userId, row);
    }
    return found;
  };

  const pairsInRole = new Map<string, () => { all(params: Record<string, unknown>): PairRow[] }>();
  const pairsStatement = (role: PairRole, statuses: readonly PairRow['status'][]) => {
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
  const pairRowsOf = (teamId: string, userId: string, statuses: readonly PairRow['status'][]): PairRow[] => {
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

  const pairForSync = (teamId: string, pairId: number, userId: string, now: Date): MemberPair | null => {
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

  /** Withdraws the person's pending proposals; returns the messages to update. */
  const withdrawPendingSync = (
    teamId: string,
    userId: string,
    now: Date,
    forget: boolean,
  ): WithdrawnProposal[] => {
    const pending = db
      .select()
      .from(proposals)
      .where(
        and(
          eq(proposals.teamId, teamId),
          eq(proposals.status, 'pending'),
          or(eq(proposals.mentorId, userId), eq(proposals.menteeId, userId)),
        ),
      )
      .all();
    const withdrawn: WithdrawnProposal[] = [];
    for (const proposal of pending) {
      db.update(proposals)
        .set({ status: 'cancelled', decidedAt: now })
        .where(and(eq(proposals.id, proposal.id), eq(proposals.status, 'pending')))
        .run();
      const leaverIsMentor = proposal.mentorId === userId;
      const remainingUserId = leaverIsMentor ? proposal.menteeId : proposal.mentorId;
      // The proposal message goes to the mentor: worth updating only when the mentor is the one who stays,
      // or when a pausing mentor should see the buttons disappear from their own DM.
      const messageStays = !leaverIsMentor || !forget;
      withdrawn.push({
        id: proposal.id,
        role: leaverIsMentor ? 'mentor' : 'mentee',
        remainingUserId,
        message:
          messageStays && proposal.messageChannelId !== null && proposal.messageTs !== null
            ? { channel: proposal.messageChannelId, ts: proposal.messageTs }
            : null,
      });
    }
    return withdrawn;
  };

  return {
    async snapshot(teamId, userId, now) {
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
      const running = toMemberPairs(teamId, userId, pairRowsOf(teamId, userId, ['active', 'paused']), now);
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
    },

    async pairFor(teamId, pairId, userId, now) {
      return pairForSync(teamId, pairId, userId, now);
    },

    async pause(teamId, userId, now, until) {
      return db.transaction(
        (): PauseResult => {
          const member = memberRow(teamId, userId);
          if (member === undefined) return { kind: 'not-member' };
          if (isPaused(member, now)) return { kind: 'already-paused', pausedUntil: member.pausedUntil };
          db.update(members)
            .set({ pausedAt: now, pausedUntil: until, updatedAt: now })
            .where(and(eq(members.teamId, teamId), eq(members.userId, userId)))
            .run();
          const running = pairRowsOf(teamId, userId, ['active', 'paused']);
          db.update(pairs)
            .set({ status: 'paused' })
            .where(
              and(
                eq(pairs.teamId, teamId),
                or(eq(pairs.mentorId, userId), eq(pairs.menteeId, userId)),
                eq(pairs.status, 'active'),
              ),
            )
            .run();
          return {
            kind: 'paused',
            pausedUntil: until,
            partnerIds: partnersOf(running, userId),
            withdrawn: withdrawPendingSync(teamId, userId, now, false),
          };
        },
        { behavior: 'immediate' },
      );
    },

    async resume(teamId, userId, now, options = {}) {
      return db.transaction(
        (): ResumeResult => {
          const member = memberRow(teamId, userId);
          if (member === undefined) return { kind: 'not-member' };
          const onBreak = member.pausedAt !== null;
          if (
            options.expiredOnly === true &&
            (!onBreak || member.pausedUntil === null || member.pausedUntil > now)
          )
            return { kind: 'not-paused' };
          const running = pairRowsOf(teamId, userId, ['active', 'paused']);
          const partners = namesOf(teamId, partnersOf(running, userId));
          // A pair runs again only when neither of the two is still on a break. A pair can also be paused
          // without either person being on a break (they answered "pause" to the quiet-weeks question):
          // /mentor resume restarts those too.
          const restartable = running.filter((pair) => {
            if (pair.status !== 'paused') return false;
            const partnerId = pair.mentorId === userId ? pair.menteeId : pair.mentorId;
            const partner = partnerId === null ? undefined : partners.get(partnerId);
            return partner === undefined || !isPaused(partner, now);
          });
          if (!onBreak && restartable.length === 0) return { kind: 'not-paused' };
          if (onBreak) {
            db.update(members)
              .set({ pausedAt: null, pausedUntil: null, updatedAt: now })
              .where(and(eq(members.teamId, teamId), eq(members.userId, userId)))
              .run();
          }
          for (const pair of restartable) {
            db.update(pairs)
              .set({ status: 'active' })
              .where(and(eq(pairs.id, pair.id), eq(pairs.status, 'paused')))
              .run();
          }
          return { kind: 'resumed', partnerIds: partnersOf(running, userId) };
        },
        { behavior: 'immediate' },
      );
    },

    async expiredPauses(now) {
      return db
        .select({ teamId: members.teamId, userId: members.userId })
        .from(members)
        .where(
          and(isNotNull(members.pausedAt), isNotNull(members.pausedUntil), lte(members.pausedUntil, now)),
        )
        .all();
    },

    async endPair(teamId, pairId, userId, now, input) {
      return db.transaction(
        (): EndResult => {
          const before = pairForSync(teamId, pairId, userId, now);
          if (before === null) return { kind: 'not-in-pair' };
          if (before.status === 'ended') {
            // The partner ended it a moment earlier: the feedback is still welcome.
            const stored = insertFeedbackSync(db, teamId, before, userId, now, input);
            return { kind: 'already-ended', pair: before, feedbackStored: stored };
          }
          db.update(pairs)
            .set({ status: 'ended', endedAt: now, endedBy: userId })
            .where(and(eq(pairs.teamId, teamId), eq(pairs.id, pairId), ne(pairs.status, 'ended')))
            .run();
          insertFeedbackSync(db, teamId, before, userId, now, input);
          return { kind: 'ended', pair: before };
        },
        { behavior: 'immediate' },
      );
    },

    async addFeedback(teamId, pairId, userId, now, input) {
      return db.transaction(
        (): FeedbackResult => {
          const pair = pairForSync(teamId, pairId, userId, now);
          if (pair === null) return { kind: 'not-in-pair' };
          return insertFeedbackSync(db, teamId, pair, userId, now, input)
            ? { kind: 'stored', pair }
            : { kind: 'already-given', pair };
        },
        { behavior: 'immediate' },
      );
    },

    async erase(teamId, userId, now) {
      return db.transaction(
        (): EraseResult => {
          const member = memberRow(teamId, userId);
          const identifiers = member === undefined ? [userId] : [userId, member.name];
          const running = pairRowsOf(teamId, userId, ['active', 'paused']);
          const withdrawn = withdrawPendingSync(teamId, userId, now, true);
          let touched = withdrawn.length > 0 || member !== undefined;

          // Proposals stay as anonymous history: the person's id, their side of the reasons, and the
          // message in their own DM are forgotten.
          const named = db
            .select()
            .from(proposals)
            .where(
              and(
                eq(proposals.teamId, teamId),
                or(eq(proposals.mentorId, userId), eq(proposals.menteeId, userId)),
              ),
            )
            .all();
          for (const proposal of named) {
            const role: PairRole = proposal.mentorId === userId ? 'mentor' : 'mentee';
            db.update(proposals)
              .set({
                ...(role === 'mentor'
                  ? { mentorId: null, messageChannelId: null, messageTs: null }
                  : { menteeId: null }),
                reasons: anonymiseReasons(proposal.reasons, role, identifiers),
              })
              .where(eq(proposals.id, proposal.id))
              .run();
            touched = true;
          }

          // Pairs stay as anonymous rows (level gap, departments crossed, topics) so the figures stay right;
          // the group DM they shared is forgotten with them.
          const allPairs = pairRowsOf(teamId, userId, ['active', 'paused', 'ended']);
          for (const pair of allPairs) {
            const role: PairRole = pair.mentorId === userId ? 'mentor' : 'mentee';
            const stillRunning = pair.status !== 'ended';
            db.update(pairs)
              .set({
                ...(role === 'mentor' ? { mentorId: null } : { menteeId: null }),
                channelId: null,
                ...(stillRunning
                  ? { status: 'ended' as const, endedAt: now, endedBy: ENDED_BY_DEPARTED }
                  : {}),
                ...(pair.endedBy === userId ? { endedBy: ENDED_BY_DEPARTED } : {}),
              })
              .where(eq(pairs.id, pair.id))
              .run();
            db.update(promptDeliveries)
              .set({ channelId: null, messageTs: null })
              .where(and(eq(promptDeliveries.teamId, teamId), eq(promptDeliveries.pairId, pair.id)))
              .run();
            touched = true;
          }

          const comments = db
            .update(feedback)
            .set({ userId: null, comment: null })
            .where(and(eq(feedback.teamId, teamId), eq(feedback.userId, userId)))
            .run();
          const excluded = db
            .delete(exclusions)
            .where(
              and(
                eq(exclusions.teamId, teamId),
                or(eq(exclusions.userId, userId), eq(exclusions.excludedUserId, userId)),
              ),
            )
            .run();
          // Topics go with them (cascade); proposals and pairs keep their rows with the link set to null.
          const offersGone = db
            .delete(offers)
            .where(and(eq(offers.teamId, teamId), eq(offers.userId, userId)))
            .run();
          const requestsGone = db
            .delete(requests)
            .where(and(eq(requests.teamId, teamId), eq(requests.userId, userId)))
            .run();
          db.delete(members)
            .where(and(eq(members.teamId, teamId), eq(members.userId, userId)))
            .run();
          touched ||= comments.changes + excluded.changes + offersGone.changes + requestsGone.changes > 0;

          return {
            erased: touched,
            endedPairs: running.map((pair) => ({
              pairId: pair.id,
              partnerId: pair.mentorId === userId ? pair.menteeId : pair.mentorId,
            })),
            withdrawn,
          };
        },
        { behavior: 'immediate' },
      );
    },
  };
}

function partnersOf(rows: readonly PairRow[], userId: string): string[] {
  const ids = rows.flatMap((row) => {
    const partner = row.mentorId === userId ? row.menteeId : row.mentorId;
    return partner === null ? [] : [partner];
  });
  return [...new Set(ids)];
}

/** Stores feedback unless this role already gave it on this pair; true when stored. */
function insertFeedbackSync(
  db: Db,
  teamId: string,
  pair: MemberPair,
  userId: string,
  now: Date,
  input: FeedbackInput,
): boolean {
  const inserted = db
    .insert(feedback)
    .values({
      teamId,
      pairId: pair.id,
      userId,
      role: pair.role,
      rating: input.rating,
      wouldRecommend: input.wouldRecommend,
      comment: input.comment,
      createdAt: now,
    })
    .onConflictDoNothing({ target: [feedback.pairId, feedback.role] })
    .run();
  return inserted.changes > 0;
}

/** Builds a value on first use and keeps it. */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}
