// The writes a person makes to their own participation: pause, resume (also when a timed break is over), end
// a pairing with feedback, and feedback on a pairing the partner ended. Each write is one immediate
// transaction, so a second click or a concurrent process never sees half of it. Pair and proposal statuses
// change through lifecycle-writes.ts.
import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import type { FeedbackInput } from '../domain/feedback-form';
import { RUNNING_PAIR_STATUSES } from '../domain/pair-lifecycle';
import type { MemberPair, PairRole } from '../domain/participation';
import type { Db } from './database';
import * as lifecycle from './lifecycle-writes';
import { preparedPerConnection, prepareStatement } from './build-once';
import { notOnBreakSql } from './pause-sql';
import { participationReadsOn, type PairRow, type ParticipationReads } from './participation-snapshot';
import type { members as membersTable } from './schema';
import { storeFor } from './store';
import { qualified, tablesOf } from './tables';

type MembersTable = typeof membersTable;
type MemberRow = MembersTable['$inferSelect'];

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

export interface ParticipationRepository {
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
}

// The member's side of a break, prepared once per connection: /mentor pause and resume write it before they
// answer. A break without an end has a statement of its own: drizzle encodes a placeholder's value with the
// column's encoder, which takes a Date, never null.
const memberKey = (members: MembersTable) =>
  and(eq(members.teamId, sql.placeholder('teamId')), eq(members.userId, sql.placeholder('userId')));
// drizzle's update types leave placeholders out of set(); at run time it binds them through the column's encoder.
const dateAt = (name: string) => sql.placeholder(name) as unknown as Date;

const startBreak = (ends: boolean) =>
  preparedPerConnection((q) => {
    const { members, proposals } = tablesOf(q);
    const ofMember = (column: typeof proposals.mentorId | typeof proposals.menteeId) =>
      sql`${qualified(proposals, column)} = ${qualified(members, members.userId)}`;
    // Compared with a column a placeholder is bound as given; as a param it goes through the column's encoder.
    const now = sql.param(sql.placeholder('now'), members.pausedUntil);
    return prepareStatement(
      q,
      q
        .update(members)
        .set({
          pausedAt: dateAt('now'),
          pausedUntil: ends ? dateAt('until') : null,
          updatedAt: dateAt('now'),
        })
        .where(and(memberKey(members), notOnBreakSql(members, now)))
        .returning({
          userId: members.userId,
          // Whether proposals wait on the person, so that withdrawing them reads them only when some do: one
          // round trip fewer on PostgreSQL for most breaks.
          pendingProposals: sql<number>`(select count(*) from ${proposals}
            where ${qualified(proposals, proposals.teamId)} = ${qualified(members, members.teamId)}
            and ${qualified(proposals, proposals.status)} = 'pending'
            and (${ofMember(proposals.mentorId)} or ${ofMember(proposals.menteeId)}))`.mapWith(Number),
        }),
    );
  });
const startDatedBreak = startBreak(true);
const startOpenBreak = startBreak(false);
const endBreak = preparedPerConnection((q) => {
  const { members } = tablesOf(q);
  return prepareStatement(
    q,
    q
      .update(members)
      .set({ pausedAt: null, pausedUntil: null, updatedAt: dateAt('now') })
      .where(memberKey(members)),
  );
});

export function createParticipationRepository(db: Db): ParticipationRepository {
  const { members } = tablesOf(db);
  const store = storeFor(db);
  const readsOn = participationReadsOn(db);

  return {
    async pause(teamId, userId, now, until) {
      return store.transaction(async (tx): Promise<PauseResult> => {
        const reads = readsOn(tx);
        // The break starts in the statement that checks none is running: one round trip fewer on PostgreSQL.
        // The member is read only when it changed nothing, to say why.
        const started = await (until === null ? startOpenBreak : startDatedBreak)(tx).execute({
          teamId,
          userId,
          now,
          until,
        });
        if (started.length === 0) {
          const member = await reads.memberRow(teamId, userId);
          if (member === undefined) return { kind: 'not-member' };
          return { kind: 'already-paused', pausedUntil: member.pausedUntil };
        }
        const running = await reads.pairRowsOf(teamId, userId, RUNNING_PAIR_STATUSES);
        const activeRoles = running.flatMap((pair): PairRole[] =>
          pair.status !== 'active' ? [] : [pair.mentorId === userId ? 'mentor' : 'mentee'],
        );
        await lifecycle.pausePairsOf(tx, teamId, userId, activeRoles);
        return {
          kind: 'paused',
          pausedUntil: until,
          partnerIds: partnersOf(running, userId),
          withdrawn:
            started[0]!.pendingProposals > 0
              ? await withdrawPendingProposals(tx, reads, teamId, userId, now, false)
              : [],
        };
      }, 'write');
    },

    async resume(teamId, userId, now, options = {}) {
      const expiredOnly = options.expiredOnly === true;
      // Most resumes change nothing (the person is not on a break), which reads outside a transaction can tell:
      // on PostgreSQL they go out together instead of one by one between BEGIN and COMMIT. A resume that does
      // change something reads again inside its transaction.
      const first = await store.run(async (q) =>
        resumePlan(await readsOn(q).memberWithRunningPairs(teamId, userId, now), now, expiredOnly),
      );
      if (first.kind !== 'resume') return first;
      return store.transaction(async (tx): Promise<ResumeResult> => {
        const plan = resumePlan(
          await readsOn(tx).memberWithRunningPairs(teamId, userId, now),
          now,
          expiredOnly,
        );
        if (plan.kind !== 'resume') return plan;
        if (plan.onBreak) await endBreak(tx).execute({ teamId, userId, now });
        for (const pairId of plan.restartable) await lifecycle.resumePair(tx, teamId, pairId);
        return { kind: 'resumed', partnerIds: plan.partnerIds };
      }, 'write');
    },

    async expiredPauses(now) {
      return store.run((q) =>
        q
          .select({ teamId: members.teamId, userId: members.userId })
          .from(members)
          .where(
            and(isNotNull(members.pausedAt), isNotNull(members.pausedUntil), lte(members.pausedUntil, now)),
          ),
      );
    },

    async endPair(teamId, pairId, userId, now, input) {
      return store.transaction(async (tx): Promise<EndResult> => {
        const before = await readsOn(tx).pairFor(teamId, pairId, userId, now);
        if (before === null) return { kind: 'not-in-pair' };
        if (before.status === 'ended') {
          // The partner ended it a moment earlier: the feedback is still welcome.
          const stored = await insertFeedback(tx, teamId, before, userId, now, input);
          return { kind: 'already-ended', pair: before, feedbackStored: stored };
        }
        await lifecycle.endPair(tx, teamId, pairId, { at: now, by: userId, reason: 'ended' });
        await insertFeedback(tx, teamId, before, userId, now, input);
        return { kind: 'ended', pair: before };
      }, 'write');
    },

    async addFeedback(teamId, pairId, userId, now, input) {
      return store.transaction(async (tx): Promise<FeedbackResult> => {
        const pair = await readsOn(tx).pairFor(teamId, pairId, userId, now);
        if (pair === null) return { kind: 'not-in-pair' };
        return (await insertFeedback(tx, teamId, pair, userId, now, input))
          ? { kind: 'stored', pair }
          : { kind: 'already-given', pair };
      }, 'write');
    },
  };
}

/**
 * Withdraws the person's pending proposals; returns the messages to update. With `forget` (the person leaves),
 * a message in the leaving mentor's own DM is not worth updating.
 */
export async function withdrawPendingProposals(
  tx: Db,
  reads: Pick<ParticipationReads, 'pendingProposals'>,
  teamId: string,
  userId: string,
  now: Date,
  forget: boolean,
): Promise<WithdrawnProposal[]> {
  const pending = await reads.pendingProposals(teamId, userId);
  const withdrawn: WithdrawnProposal[] = [];
  for (const proposal of pending) {
    await lifecycle.decideProposal(tx, teamId, proposal.id, 'cancelled', now);
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
}

type ResumePlan =
  | Exclude<ResumeResult, { kind: 'resumed' }>
  | { kind: 'resume'; onBreak: boolean; restartable: number[]; partnerIds: string[] };

/** What resuming would change for a member with these running pairs, each with its partner's break. */
function resumePlan(
  { member, pairs }: { member: MemberRow | undefined; pairs: readonly MemberPair[] },
  now: Date,
  expiredOnly: boolean,
): ResumePlan {
  if (member === undefined) return { kind: 'not-member' };
  const onBreak = member.pausedAt !== null;
  if (expiredOnly && (!onBreak || member.pausedUntil === null || member.pausedUntil > now)) {
    return { kind: 'not-paused' };
  }
  // A pair runs again only when neither of the two is still on a break. A pair can also be paused without
  // either person being on a break (they answered "pause" to the quiet-weeks question): /mentor resume
  // restarts those too.
  const restartable = pairs.filter((pair) => pair.status === 'paused' && !pair.partnerPaused);
  if (!onBreak && restartable.length === 0) return { kind: 'not-paused' };
  const partnerIds = pairs.flatMap((pair) => (pair.partnerId === null ? [] : [pair.partnerId]));
  return {
    kind: 'resume',
    onBreak,
    restartable: restartable.map((pair) => pair.id),
    partnerIds: [...new Set(partnerIds)],
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
async function insertFeedback(
  tx: Db,
  teamId: string,
  pair: MemberPair,
  userId: string,
  now: Date,
  input: FeedbackInput,
): Promise<boolean> {
  const { feedback } = tablesOf(tx);
  const inserted = await tx
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
    .returning({ id: feedback.id });
  return inserted.length > 0;
}
