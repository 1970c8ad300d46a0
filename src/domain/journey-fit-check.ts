// The fit check: early in a pairing each of the two is asked, privately, whether the match works — Good fit,
// Still deciding or Not a good fit. It comes after the pair first marks a weekly question discussed, or two
// weeks after the introduction, whichever is first. "Still deciding" is asked once more two weeks later, and
// never a third time. "Not a good fit" from either side ends the pairing without blame: both then get the same
// neutral message (never who answered or why) and may go back into the pool.
import {
  addDays,
  type DueJourneyMessage,
  type FitAnswer,
  type JourneyRule,
  type PairJourneyFacts,
} from './pairing-journey';

/** The fit check comes at the latest this many days after the introduction. */
export const FIT_CHECK_AFTER_DAYS = 14;
/** "Still deciding" is asked again this many days after the answer. */
export const FIT_CHECK_AGAIN_AFTER_DAYS = 14;
/** The last time the fit check is asked: the second round is never followed by a third. */
export const FIT_CHECK_LAST_ROUND = 2;

export const FIT_ANSWERS: readonly FitAnswer[] = ['good_fit', 'still_deciding', 'not_a_fit'];

export function isFitAnswer(value: string): value is FitAnswer {
  return (FIT_ANSWERS as readonly string[]).includes(value);
}

type FitRole = 'mentor' | 'mentee';

/** When the first fit check is due: the first discussed question, or two weeks in, whichever is earlier. */
export function firstFitCheckDue(startedAt: Date, firstDiscussedAt: Date | null): Date {
  const latest = addDays(startedAt, FIT_CHECK_AFTER_DAYS);
  return firstDiscussedAt !== null && firstDiscussedAt.getTime() < latest.getTime()
    ? firstDiscussedAt
    : latest;
}

function answerOf(facts: Pick<PairJourneyFacts, 'fitAnswers'>, role: FitRole, round: number) {
  return facts.fitAnswers.find((a) => a.role === role && a.round === round) ?? null;
}

export const fitCheckRule: JourneyRule = (facts) => {
  const due: DueJourneyMessage[] = [];
  const people: [FitRole, boolean][] = [
    ['mentor', facts.mentorPresent],
    ['mentee', facts.menteePresent],
  ];
  if (facts.status !== 'ended') {
    for (const [role, present] of people) {
      if (!present) continue;
      due.push({
        step: 'fit-check',
        role,
        round: 1,
        dueFrom: firstFitCheckDue(facts.startedAt, facts.firstDiscussedAt),
      });
      const first = answerOf(facts, role, 1);
      if (first?.answer === 'still_deciding')
        due.push({
          step: 'fit-check',
          role,
          round: 2,
          dueFrom: addDays(first.answeredAt, FIT_CHECK_AGAIN_AFTER_DAYS),
        });
    }
  }
  // After a "Not a good fit", both hear the same neutral message, at a sensible hour for each.
  if (facts.status === 'ended' && facts.endReason === 'not_a_fit' && facts.endedAt !== null) {
    for (const [role, present] of people)
      if (present) due.push({ step: 'fit-ended', role, round: 1, dueFrom: facts.endedAt });
  }
  return due;
};

/** What a click on a fit-check answer does, decided from the pair as it is now. */
export type FitCheckDecision =
  | { kind: 'not-in-pair' }
  | { kind: 'already-answered'; answer: FitAnswer }
  | { kind: 'pair-ended' }
  | { kind: 'not-asked' }
  | { kind: 'record'; endsPair: boolean };

export function decideFitCheckAnswer(input: {
  /** The clicker's role in the pair, or null when it is not their pair. */
  role: FitRole | null;
  pairEnded: boolean;
  answers: readonly { role: FitRole; round: number; answer: FitAnswer }[];
  round: number;
  answer: FitAnswer;
}): FitCheckDecision {
  const { role, round } = input;
  if (role === null) return { kind: 'not-in-pair' };
  const given = input.answers.find((a) => a.role === role && a.round === round);
  if (given !== undefined) return { kind: 'already-answered', answer: given.answer };
  if (input.pairEnded) return { kind: 'pair-ended' };
  if (!Number.isInteger(round) || round < 1 || round > FIT_CHECK_LAST_ROUND) return { kind: 'not-asked' };
  if (round > 1) {
    const before = input.answers.find((a) => a.role === role && a.round === round - 1);
    if (before?.answer !== 'still_deciding') return { kind: 'not-asked' };
  }
  return { kind: 'record', endsPair: input.answer === 'not_a_fit' };
}

/** A re-match block names the two people in a fixed order, so one row covers both directions. */
export function blockedPair(a: string, b: string): { firstUserId: string; secondUserId: string } {
  return a < b ? { firstUserId: a, secondUserId: b } : { firstUserId: b, secondUserId: a };
}

/**
 * Going back into the pool after a "Not a good fit", as things are now: the mentee's request of that pair
 * reopened, or why not; the mentor's offer (offers never close when a pairing fills them: the ended pair's place
 * is free as soon as it ends) open or gone.
 */
export type RejoinResult =
  | { kind: 'not-in-pair' }
  | { kind: 'pair-running' }
  | { kind: 'request-reopened'; topics: string[] }
  | { kind: 'request-already-open'; topics: string[] }
  | { kind: 'offer-open'; capacity: number }
  /** Nothing of theirs to reopen (it is gone, or has no topics left): the sign-up form takes them back. */
  | { kind: 'no-offer' }
  | { kind: 'no-request' };
