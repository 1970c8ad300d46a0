// The term part of a pairing's journey: two weeks before the end of its term each person privately chooses to
// extend or to wrap up; both extend → the term runs longer; otherwise the pairing wraps up at the end of its term.
// After a wrap-up the pair gets a closing question together, each person a private close survey, and the senior
// (the mentee, in reverse mentoring) who wrote down one thing they will do differently is asked 30 and 60 days
// later whether they did it.
import {
  addDays,
  addWeeks,
  type DueJourneyMessage,
  type FollowUpAnswer,
  type JourneyRule,
  type PairJourneyFacts,
  type TermChoice,
} from './pairing-journey';

/** How long before the end of a term the choice is asked. */
export const TERM_CHOICE_WEEKS_BEFORE_END = 2;
/** How long each person has to answer the choice; no answer counts as wrapping up. */
export const TERM_CHOICE_ANSWER_DAYS = 7;
/** The follow-ups on the senior's commitment, in days after the end: round 1, then round 2. */
export const FOLLOW_UP_DAYS = [30, 60] as const;
export const MAX_COMMITMENT_LENGTH = 200;
export const MIN_USEFULNESS = 1;
export const MAX_USEFULNESS = 5;

type Person = 'mentor' | 'mentee';

/** The term being decided now: the first term is round 1, the term after one extension round 2, and so on. */
export function termRound(facts: Pick<PairJourneyFacts, 'extensions'>): number {
  return facts.extensions + 1;
}

/** When the term choice of this round was first put to either of the two; null while nobody was asked. */
export function termChoiceAskedAt(facts: PairJourneyFacts, round = termRound(facts)): Date | null {
  const asked = facts.sent
    .filter((s) => s.step === 'term-choice' && s.round === round && s.role !== 'pair')
    .map((s) => s.at.getTime());
  return asked.length === 0 ? null : new Date(Math.min(...asked));
}

/**
 * When a running pairing wraps up: at the end of its term, but never before both had their two weeks to choose
 * from the first ask (a pair on a break, or one from before terms, is asked first). Null while nobody was asked.
 */
export function wrapUpAt(facts: PairJourneyFacts): Date | null {
  const askedAt = termChoiceAskedAt(facts);
  return askedAt === null ? null : wrapUpDate(facts.termEndsAt, askedAt);
}

/** The end of the term, or two weeks after the choice was first asked if that is later. */
export function wrapUpDate(termEndsAt: Date, firstAskedAt: Date): Date {
  const earliest = addWeeks(firstAskedAt, TERM_CHOICE_WEEKS_BEFORE_END);
  return earliest.getTime() > termEndsAt.getTime() ? earliest : termEndsAt;
}

/** The last moment a person asked at `askedAt` may still choose. */
export function termChoiceDeadline(askedAt: Date): Date {
  return addDays(askedAt, TERM_CHOICE_ANSWER_DAYS);
}

/** What the two choices of one round add up to: an extension only when both chose it. */
export function termOutcome(choices: readonly TermChoice[]): 'extend' | 'wrap_up' | 'undecided' {
  if (choices.includes('wrap_up')) return 'wrap_up';
  return choices.length >= 2 ? 'extend' : 'undecided';
}

export type TermTransition = { kind: 'wrap_up'; extensions: number };

/**
 * The change of status a pair's term calls for at `now`: a running pair whose term is over wraps up. (An
 * extension is applied when the second "extend" is clicked, so a term still over at its end was not extended.)
 * `extensions` is what the pair had when decided: the write does nothing if it changed since.
 */
export function dueTermTransition(facts: PairJourneyFacts, now: Date): TermTransition | null {
  if (facts.status === 'ended') return null;
  const at = wrapUpAt(facts);
  if (at === null || now.getTime() < at.getTime()) return null;
  return { kind: 'wrap_up', extensions: facts.extensions };
}

/** The term choice, two weeks before the end; and, once both extended, a word in the group DM. */
export const termRule: JourneyRule = (facts) => {
  if (facts.status === 'ended') return [];
  const round = termRound(facts);
  const dueFrom = addWeeks(facts.termEndsAt, -TERM_CHOICE_WEEKS_BEFORE_END);
  const due: DueJourneyMessage[] = [];
  if (facts.mentorPresent) due.push({ step: 'term-choice', role: 'mentor', round, dueFrom });
  if (facts.menteePresent) due.push({ step: 'term-choice', role: 'mentee', round, dueFrom });
  if (facts.extensions > 0)
    due.push({ step: 'term-extended', role: 'pair', round: facts.extensions, dueFrom: facts.startedAt });
  return due;
};

/** After a wrap-up: the closing question together, the close survey to each, the follow-ups on a commitment. */
export const closeRule: JourneyRule = (facts) => {
  if (facts.status !== 'ended' || facts.endReason !== 'wrapped_up' || facts.endedAt === null) return [];
  const endedAt = facts.endedAt;
  const due: DueJourneyMessage[] = [];
  if (facts.mentorPresent && facts.menteePresent)
    due.push({ step: 'closing', role: 'pair', round: 1, dueFrom: endedAt });
  const people: Person[] = [];
  if (facts.mentorPresent) people.push('mentor');
  if (facts.menteePresent) people.push('mentee');
  for (const role of people)
    if (!facts.closeSurveyRoles.includes(role))
      due.push({ step: 'close-survey', role, round: 1, dueFrom: endedAt });
  if (facts.menteePresent && facts.commitment?.written === true)
    FOLLOW_UP_DAYS.forEach((days, index) =>
      due.push({ step: 'follow-up', role: 'mentee', round: index + 1, dueFrom: addDays(endedAt, days) }),
    );
  return due;
};

export interface CloseSurvey {
  usefulness: number;
  wouldRecommend: boolean;
  /** The senior's one thing they will do differently, trimmed; null when left empty (or not asked). */
  commitment: string | null;
}

export type CloseSurveyField = 'usefulness' | 'recommend' | 'commitment';

export type CloseSurveyParse =
  { ok: true; survey: CloseSurvey } | { ok: false; errors: Partial<Record<CloseSurveyField, string>> };

/**
 * The close survey as submitted. Values are checked because a payload can be tampered with on its way back; a
 * commitment sent by someone who was not asked for one is an error, never stored.
 */
export function parseCloseSurvey(
  input: { usefulness: string | null; recommend: string | null; commitment: string | null },
  asksCommitment: boolean,
): CloseSurveyParse {
  const errors: Partial<Record<CloseSurveyField, string>> = {};
  const usefulness = Number(input.usefulness);
  if (
    input.usefulness === null ||
    !/^\d$/.test(input.usefulness) ||
    usefulness < MIN_USEFULNESS ||
    usefulness > MAX_USEFULNESS
  )
    errors.usefulness = `Please choose from ${MIN_USEFULNESS} to ${MAX_USEFULNESS}.`;
  if (input.recommend !== 'yes' && input.recommend !== 'no') errors.recommend = 'Please answer yes or no.';
  const commitment = (input.commitment ?? '').trim();
  if (commitment !== '' && !asksCommitment) errors.commitment = 'This survey has no such question.';
  else if (commitment.length > MAX_COMMITMENT_LENGTH)
    errors.commitment = `Please keep it to ${MAX_COMMITMENT_LENGTH} characters (it has ${commitment.length}).`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    survey: {
      usefulness,
      wouldRecommend: input.recommend === 'yes',
      commitment: commitment === '' ? null : commitment,
    },
  };
}

export const FOLLOW_UP_ANSWERS: readonly FollowUpAnswer[] = ['yes', 'partly', 'not_yet'];

/** What a click on Extend or Wrap up came to, judged against the pair as it is now. */
export type TermChoiceReply =
  | { kind: 'not_in_pair' }
  | { kind: 'ended' }
  | { kind: 'stale'; termEndsAt: Date }
  | { kind: 'too_late'; wrapsUpAt: Date }
  | { kind: 'already_chosen'; choice: TermChoice; termEndsAt: Date }
  | { kind: 'chosen'; choice: TermChoice; extended: boolean; termEndsAt: Date; extensionWeeks: number };

/** Why a close survey cannot be opened or answered now. */
export type CloseSurveyRefusal = 'not_in_pair' | 'not_closed' | 'answered';

export type FollowUpReply =
  | { kind: 'not_yours' }
  | { kind: 'already'; answer: FollowUpAnswer }
  | { kind: 'stored'; answer: FollowUpAnswer };
