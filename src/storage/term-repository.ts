// The writes of a pairing's term and close, each one transaction judged against the pair as it is now: a term
// choice (and, when it is the second "extend", the extension with it), the wrap-up at the end of a term, the
// close survey (usefulness and "would recommend" in the feedback table, the senior's commitment in commitments)
// and the follow-ups on a commitment. A click twice, from someone else, or after things changed writes nothing.
// The commitment's text is what its author typed: it is read back only for them, and never logged.
import { and, eq, isNull } from 'drizzle-orm';
import {
  termChoiceDeadline,
  termOutcome,
  termRound,
  wrapUpDate,
  type CloseSurvey,
  type CloseSurveyRefusal,
  type FollowUpReply,
  type TermChoiceReply,
} from '../domain/journey-term';
import { addWeeks, firstTermEnd, type FollowUpAnswer, type TermChoice } from '../domain/pairing-journey';
import type { Db } from './database';
import * as lifecycle from './lifecycle-writes';
import type { pairs } from './schema';
import { storeFor } from './store';
import { tablesOf } from './tables';

/** Who ended a pair that wrapped up at the end of its term (pairs.ended_by). */
export const ENDED_BY_TERM = 'term';

export interface TermChoiceRequest {
  teamId: string;
  pairId: number;
  userId: string;
  round: number;
  choice: TermChoice;
  now: Date;
  /** The workspace's term, for a pair from before terms (no stored end). */
  termWeeks: number;
  extensionWeeks: number;
}

export interface TermRepository {
  chooseTerm(request: TermChoiceRequest): Promise<TermChoiceReply>;
  /**
   * Ends a running pair as wrapped up, unless it ended or was extended since `extensions` was read; returns the
   * two people (null after they left) when this call ended it, null otherwise.
   */
  wrapUp(
    teamId: string,
    pairId: number,
    at: Date,
    extensions: number,
  ): Promise<{ mentorId: string | null; menteeId: string | null } | null>;
  /** Whether this person may answer the pair's close survey now, and whether it asks for a commitment. */
  closeSurveyFor(
    teamId: string,
    pairId: number,
    userId: string,
  ): Promise<{ kind: 'open'; asksCommitment: boolean } | { kind: CloseSurveyRefusal }>;
  answerCloseSurvey(
    teamId: string,
    pairId: number,
    userId: string,
    now: Date,
    survey: CloseSurvey,
  ): Promise<{ kind: 'stored' } | { kind: CloseSurveyRefusal }>;
  answerFollowUp(
    teamId: string,
    pairId: number,
    userId: string,
    round: number,
    answer: FollowUpAnswer,
  ): Promise<FollowUpReply>;
  /** The commitment's text, for its author only (null for anyone else, or when there is none). */
  commitmentOf(teamId: string, pairId: number, userId: string): Promise<string | null>;
}

type PairRow = typeof pairs.$inferSelect;

function roleOf(pair: PairRow, userId: string): 'mentor' | 'mentee' | null {
  if (pair.mentorId === userId) return 'mentor';
  if (pair.menteeId === userId) return 'mentee';
  return null;
}

async function findPair(tx: Db, teamId: string, pairId: number): Promise<PairRow | null> {
  const { pairs } = tablesOf(tx);
  const [row] = await tx
    .select()
    .from(pairs)
    .where(and(eq(pairs.teamId, teamId), eq(pairs.id, pairId)))
    .limit(1);
  return row ?? null;
}

export function createTermRepository(db: Db): TermRepository {
  const store = storeFor(db);

  return {
    chooseTerm: (r) =>
      store.transaction(async (tx): Promise<TermChoiceReply> => {
        const t = tablesOf(tx);
        const pair = await findPair(tx, r.teamId, r.pairId);
        const role = pair === null ? null : roleOf(pair, r.userId);
        if (pair === null || role === null) return { kind: 'not_in_pair' };
        if (pair.status === 'ended') return { kind: 'ended' };
        const termEndsAt = pair.termEndsAt ?? firstTermEnd(pair.startedAt, r.termWeeks);
        if (r.round !== termRound(pair)) return { kind: 'stale', termEndsAt };

        const choices = await tx
          .select({ role: t.termChoices.role, choice: t.termChoices.choice })
          .from(t.termChoices)
          .where(and(eq(t.termChoices.pairId, pair.id), eq(t.termChoices.term, r.round)));
        const own = choices.find((c) => c.role === role);
        if (own !== undefined) return { kind: 'already_chosen', choice: own.choice, termEndsAt };

        const asked = await tx
          .select({ role: t.journeyMessages.role, at: t.journeyMessages.reservedAt })
          .from(t.journeyMessages)
          .where(
            and(
              eq(t.journeyMessages.pairId, pair.id),
              eq(t.journeyMessages.step, 'term-choice'),
              eq(t.journeyMessages.round, r.round),
            ),
          );
        const ownAsk = asked.find((a) => a.role === role);
        // No ask for this round: the button is not from this term.
        if (ownAsk === undefined) return { kind: 'stale', termEndsAt };
        const firstAsk = new Date(Math.min(...asked.map((a) => a.at.getTime())));
        const wrapsUpAt = wrapUpDate(termEndsAt, firstAsk);
        if (r.now.getTime() >= termChoiceDeadline(ownAsk.at).getTime())
          return { kind: 'too_late', wrapsUpAt };

        await tx.insert(t.termChoices).values({
          teamId: r.teamId,
          pairId: pair.id,
          role,
          term: r.round,
          choice: r.choice,
          answeredAt: r.now,
        });
        const extend = termOutcome([...choices.map((c) => c.choice), r.choice]) === 'extend';
        if (!extend)
          return {
            kind: 'chosen',
            choice: r.choice,
            extended: false,
            termEndsAt: wrapsUpAt,
            extensionWeeks: r.extensionWeeks,
          };
        const extendedTo = addWeeks(termEndsAt, r.extensionWeeks);
        await tx
          .update(t.pairs)
          .set({ termEndsAt: extendedTo, extensions: pair.extensions + 1 })
          .where(and(eq(t.pairs.id, pair.id), eq(t.pairs.extensions, pair.extensions)));
        return {
          kind: 'chosen',
          choice: r.choice,
          extended: true,
          termEndsAt: extendedTo,
          extensionWeeks: r.extensionWeeks,
        };
      }, 'write'),

    wrapUp: (teamId, pairId, at, extensions) =>
      store.transaction(async (tx) => {
        const pair = await findPair(tx, teamId, pairId);
        if (pair === null || pair.status === 'ended' || pair.extensions !== extensions) return null;
        const ended = await lifecycle.endPair(tx, teamId, pairId, {
          at,
          by: ENDED_BY_TERM,
          reason: 'wrapped_up',
        });
        return ended ? { mentorId: pair.mentorId, menteeId: pair.menteeId } : null;
      }, 'write'),

    closeSurveyFor: (teamId, pairId, userId) =>
      store.transaction(async (tx) => {
        const checked = await checkCloseSurvey(tx, teamId, pairId, userId);
        return 'refusal' in checked
          ? { kind: checked.refusal }
          : { kind: 'open' as const, asksCommitment: checked.role === 'mentee' };
      }, 'read'),

    answerCloseSurvey: (teamId, pairId, userId, now, survey) =>
      store.transaction(async (tx) => {
        const checked = await checkCloseSurvey(tx, teamId, pairId, userId);
        if ('refusal' in checked) return { kind: checked.refusal };
        const t = tablesOf(tx);
        const stored = await tx
          .insert(t.feedback)
          .values({
            teamId,
            pairId,
            userId,
            role: checked.role,
            rating: survey.usefulness,
            wouldRecommend: survey.wouldRecommend,
            comment: null,
            createdAt: now,
          })
          .onConflictDoNothing({ target: [t.feedback.pairId, t.feedback.role] })
          .returning({ id: t.feedback.id });
        if (stored.length === 0) return { kind: 'answered' as const };
        // Only the senior is asked for a commitment.
        if (checked.role === 'mentee' && survey.commitment !== null)
          await tx
            .insert(t.commitments)
            .values({ teamId, pairId, userId, text: survey.commitment, createdAt: now })
            .onConflictDoNothing({ target: [t.commitments.pairId] });
        return { kind: 'stored' as const };
      }, 'write'),

    answerFollowUp: (teamId, pairId, userId, round, answer) =>
      store.transaction(async (tx): Promise<FollowUpReply> => {
        const t = tablesOf(tx);
        const [commitment] = await tx
          .select()
          .from(t.commitments)
          .where(and(eq(t.commitments.teamId, teamId), eq(t.commitments.pairId, pairId)))
          .limit(1);
        if (commitment === undefined || commitment.userId !== userId || (round !== 1 && round !== 2))
          return { kind: 'not_yours' };
        const [asked] = await tx
          .select({ id: t.journeyMessages.id })
          .from(t.journeyMessages)
          .where(
            and(
              eq(t.journeyMessages.pairId, pairId),
              eq(t.journeyMessages.step, 'follow-up'),
              eq(t.journeyMessages.round, round),
            ),
          )
          .limit(1);
        if (asked === undefined) return { kind: 'not_yours' };
        const column = round === 1 ? t.commitments.after30Days : t.commitments.after60Days;
        const before = round === 1 ? commitment.after30Days : commitment.after60Days;
        if (before !== null) return { kind: 'already', answer: before };
        await tx
          .update(t.commitments)
          .set(round === 1 ? { after30Days: answer } : { after60Days: answer })
          .where(and(eq(t.commitments.pairId, pairId), isNull(column)));
        return { kind: 'stored', answer };
      }, 'write'),

    async commitmentOf(teamId, pairId, userId) {
      const { commitments } = tablesOf(db);
      const [row] = await store.run((q) =>
        q
          .select({ text: commitments.text })
          .from(commitments)
          .where(
            and(
              eq(commitments.teamId, teamId),
              eq(commitments.pairId, pairId),
              eq(commitments.userId, userId),
            ),
          )
          .limit(1),
      );
      return row?.text ?? null;
    },
  };
}

/** The close survey is for either of the two, once, after a wrap-up. */
async function checkCloseSurvey(
  tx: Db,
  teamId: string,
  pairId: number,
  userId: string,
): Promise<{ role: 'mentor' | 'mentee' } | { refusal: CloseSurveyRefusal }> {
  const pair = await findPair(tx, teamId, pairId);
  const role = pair === null ? null : roleOf(pair, userId);
  if (pair === null || role === null) return { refusal: 'not_in_pair' };
  if (pair.status !== 'ended' || pair.endReason !== 'wrapped_up') return { refusal: 'not_closed' };
  const { feedback } = tablesOf(tx);
  const [given] = await tx
    .select({ id: feedback.id })
    .from(feedback)
    .where(and(eq(feedback.pairId, pairId), eq(feedback.role, role)))
    .limit(1);
  return given === undefined ? { role } : { refusal: 'answered' };
}
