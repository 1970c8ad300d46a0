// The private answers of the pairing journey's fit check and the mentor's voice. Each answer is one row per
// pair, role and round, written in one transaction after the pair is read as it is now: a second click, a
// pair that ended meanwhile or someone else's pair changes nothing. "Not a good fit" ends the pair (through
// lifecycle-writes, so the mentor's place is free again as after /mentor end) and blocks the two from being
// proposed to each other again, in the same transaction as the answer.
import { and, eq } from 'drizzle-orm';
import {
  blockedPair,
  decideFitCheckAnswer,
  type FitCheckDecision,
  type RejoinResult,
} from '../domain/journey-fit-check';
import { decideMentorVoiceAnswer, type MentorVoiceDecision } from '../domain/journey-mentor-voice';
import type { FitAnswer } from '../domain/pairing-journey';
import type { Db } from './database';
import * as lifecycle from './lifecycle-writes';
import { findOpenOfferIn } from './offers-repository';
import { findOpenRequestIn } from './requests-repository';
import { storeFor } from './store';
import { tablesOf } from './tables';

export interface FitCheckAnswerInput {
  teamId: string;
  pairId: number;
  userId: string;
  round: number;
  answer: FitAnswer;
  now: Date;
}

export type FitCheckResult =
  | Exclude<FitCheckDecision, { kind: 'record' }>
  | { kind: 'recorded'; answer: FitAnswer; ended: false }
  | { kind: 'recorded'; answer: 'not_a_fit'; ended: true; mentorId: string | null; menteeId: string | null };

export interface MentorVoiceAnswerInput {
  teamId: string;
  pairId: number;
  userId: string;
  round: number;
  candour: number;
  wantsContact: boolean;
  now: Date;
}

export type MentorVoiceResult = Exclude<MentorVoiceDecision, { kind: 'record' }> | { kind: 'recorded' };

export interface FitCheckRepository {
  answerFitCheck(input: FitCheckAnswerInput): Promise<FitCheckResult>;
  answerMentorVoice(input: MentorVoiceAnswerInput): Promise<MentorVoiceResult>;
  /** Reopens what the person had before a pairing that ended as not a fit, in one transaction. */
  rejoinAfterNotAFit(input: {
    teamId: string;
    pairId: number;
    userId: string;
    now: Date;
  }): Promise<RejoinResult>;
  /** Whether the mentor may still answer this round: the modal is opened only then. */
  checkMentorVoice(
    teamId: string,
    pairId: number,
    userId: string,
    round: number,
    now: Date,
  ): Promise<MentorVoiceResult | { kind: 'open' }>;
}

export function createFitCheckRepository(db: Db): FitCheckRepository {
  const store = storeFor(db);

  const pairOf = async (q: Db, teamId: string, pairId: number) => {
    const { pairs } = tablesOf(q);
    const [pair] = await q
      .select({
        id: pairs.id,
        status: pairs.status,
        mentorId: pairs.mentorId,
        menteeId: pairs.menteeId,
        startedAt: pairs.startedAt,
      })
      .from(pairs)
      .where(and(eq(pairs.teamId, teamId), eq(pairs.id, pairId)))
      .limit(1);
    return pair ?? null;
  };
  const roleOf = (pair: { mentorId: string | null; menteeId: string | null } | null, userId: string) =>
    pair === null ? null : pair.mentorId === userId ? 'mentor' : pair.menteeId === userId ? 'mentee' : null;

  const voiceDecision = async (q: Db, input: Omit<MentorVoiceAnswerInput, 'wantsContact'>) => {
    const { mentorVoiceAnswers } = tablesOf(q);
    const pair = await pairOf(q, input.teamId, input.pairId);
    if (pair === null) return { pair, decision: { kind: 'not-in-pair' } as MentorVoiceDecision };
    const answered = await q
      .select({ round: mentorVoiceAnswers.round })
      .from(mentorVoiceAnswers)
      .where(eq(mentorVoiceAnswers.pairId, pair.id));
    return {
      pair,
      decision: decideMentorVoiceAnswer({
        isMentor: pair.mentorId === input.userId,
        pairEnded: pair.status === 'ended',
        answeredRounds: answered.map((a) => a.round),
        startedAt: pair.startedAt,
        round: input.round,
        candour: input.candour,
        now: input.now,
      }),
    };
  };

  return {
    answerFitCheck: (input) =>
      store.transaction(async (tx): Promise<FitCheckResult> => {
        const { fitCheckAnswers, rematchBlocks } = tablesOf(tx);
        const pair = await pairOf(tx, input.teamId, input.pairId);
        const role = roleOf(pair, input.userId);
        const answers =
          pair === null
            ? []
            : await tx.select().from(fitCheckAnswers).where(eq(fitCheckAnswers.pairId, pair.id));
        const decision = decideFitCheckAnswer({
          role,
          pairEnded: pair?.status === 'ended',
          answers,
          round: input.round,
          answer: input.answer,
        });
        if (decision.kind !== 'record' || pair === null || role === null) return decision as FitCheckResult;
        await tx.insert(fitCheckAnswers).values({
          teamId: input.teamId,
          pairId: pair.id,
          role,
          round: input.round,
          answer: input.answer,
          answeredAt: input.now,
        });
        if (!decision.endsPair) return { kind: 'recorded', answer: input.answer, ended: false };
        // Ended by the person who answered: kept only in the pair's row, never told to the partner.
        await lifecycle.endPair(tx, input.teamId, pair.id, {
          at: input.now,
          by: input.userId,
          reason: 'not_a_fit',
        });
        if (pair.mentorId !== null && pair.menteeId !== null)
          await tx
            .insert(rematchBlocks)
            .values({
              teamId: input.teamId,
              ...blockedPair(pair.mentorId, pair.menteeId),
              createdAt: input.now,
            })
            .onConflictDoNothing();
        return {
          kind: 'recorded',
          answer: 'not_a_fit',
          ended: true,
          mentorId: pair.mentorId,
          menteeId: pair.menteeId,
        };
      }, 'write'),

    answerMentorVoice: (input) =>
      store.transaction(async (tx): Promise<MentorVoiceResult> => {
        const { decision, pair } = await voiceDecision(tx, input);
        if (decision.kind !== 'record' || pair === null) return decision as MentorVoiceResult;
        const { mentorVoiceAnswers } = tablesOf(tx);
        await tx.insert(mentorVoiceAnswers).values({
          teamId: input.teamId,
          pairId: pair.id,
          round: input.round,
          candour: input.candour,
          wantsContact: input.wantsContact,
          answeredAt: input.now,
        });
        return { kind: 'recorded' };
      }, 'write'),

    rejoinAfterNotAFit: ({ teamId, pairId, userId, now }) =>
      store.transaction(async (tx): Promise<RejoinResult> => {
        const { pairs, proposals, requests, requestTopics } = tablesOf(tx);
        const [pair] = await tx
          .select({
            status: pairs.status,
            endReason: pairs.endReason,
            mentorId: pairs.mentorId,
            menteeId: pairs.menteeId,
            proposalId: pairs.proposalId,
          })
          .from(pairs)
          .where(and(eq(pairs.teamId, teamId), eq(pairs.id, pairId)))
          .limit(1);
        const role = roleOf(pair ?? null, userId);
        if (pair === undefined || role === null) return { kind: 'not-in-pair' };
        if (pair.status !== 'ended' || pair.endReason !== 'not_a_fit') return { kind: 'pair-running' };
        if (role === 'mentor') {
          const offer = await findOpenOfferIn(tx, teamId, userId);
          return offer === null ? { kind: 'no-offer' } : { kind: 'offer-open', capacity: offer.capacity };
        }
        const open = await findOpenRequestIn(tx, teamId, userId);
        if (open !== null) return { kind: 'request-already-open', topics: open.topics.map((t) => t.name) };
        // The request this pair was matched on: the one its proposal was made for, still the mentee's own.
        const [matched] =
          pair.proposalId === null
            ? []
            : await tx
                .select({ id: requests.id, goals: requests.goals })
                .from(proposals)
                .innerJoin(requests, eq(requests.id, proposals.requestId))
                .where(
                  and(
                    eq(proposals.teamId, teamId),
                    eq(proposals.id, pair.proposalId),
                    eq(requests.teamId, teamId),
                    eq(requests.userId, userId),
                    eq(requests.status, 'matched'),
                  ),
                )
                .limit(1);
        if (matched === undefined) return { kind: 'no-request' };
        const topics = await tx
          .select({ topicId: requestTopics.topicId })
          .from(requestTopics)
          .where(eq(requestTopics.requestId, matched.id));
        if (topics.length === 0) return { kind: 'no-request' };
        // A request is paired at most once (accepting checks it), so the matched one stays as history and the
        // same request opens again as a new row: its goals and topics, in the evergreen pool.
        const [reopenedRow] = await tx
          .insert(requests)
          .values({ teamId, userId, goals: matched.goals, status: 'open', createdAt: now, updatedAt: now })
          .returning({ id: requests.id });
        await tx
          .insert(requestTopics)
          .values(topics.map(({ topicId }) => ({ requestId: reopenedRow!.id, topicId })));
        const reopened = await findOpenRequestIn(tx, teamId, userId);
        return { kind: 'request-reopened', topics: (reopened?.topics ?? []).map((t) => t.name) };
      }, 'write'),

    checkMentorVoice: (teamId, pairId, userId, round, now) =>
      store.run(async (q) => {
        // Any valid rating: only whether this round may still be answered is asked here.
        const { decision } = await voiceDecision(q, { teamId, pairId, userId, round, candour: 1, now });
        return decision.kind === 'record' ? { kind: 'open' as const } : (decision as MentorVoiceResult);
      }),
  };
}
