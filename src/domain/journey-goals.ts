// The goals part of a pairing's journey. Right after the introduction the mentee is invited, privately, to set
// one to three goals (with how confident they feel about each today); a week later, if they have set none, they
// are reminded once. Halfway through the pair's first term they re-rate each goal privately; the close survey
// asks once more. Who may set or rate goals, and when, is decided here too, against the pair as it is now.
import type { PairStatus } from './pair-lifecycle';
import {
  addDays,
  addWeeks,
  sentAt,
  type DueJourneyMessage,
  type EndReason,
  type JourneyMessageKey,
  type JourneyRule,
  type JourneySettings,
  type PairJourneyFacts,
} from './pairing-journey';

/** When a goal's confidence is rated: when it is set, halfway through the term, and in the close survey. */
export type GoalStage = 'start' | 'middle' | 'close';

/** The stages rated after the goals were set, each from its own button. */
export type RatingStage = Exclude<GoalStage, 'start'>;

export const GOALS_INVITE: JourneyMessageKey = { step: 'goals-invite', role: 'mentee', round: 1 };

/** How long after the invitation a mentee who has set no goals hears once more. */
export const GOALS_REMINDER_AFTER_DAYS = 7;

export const goalsRule: JourneyRule = (facts, settings) => {
  const due: DueJourneyMessage[] = [];
  if (facts.status === 'ended' || !facts.menteePresent) return due;
  if (facts.goalCount === 0) {
    due.push({ ...GOALS_INVITE, dueFrom: facts.startedAt });
    const invitedAt = sentAt(facts, GOALS_INVITE);
    if (invitedAt !== null)
      due.push({
        step: 'goals-reminder',
        role: 'mentee',
        round: 1,
        dueFrom: addDays(invitedAt, GOALS_REMINDER_AFTER_DAYS),
      });
  } else if (!facts.ratedStages.includes('middle')) {
    due.push({ step: 'midpoint-goals', role: 'mentee', round: 1, dueFrom: goalsMidpoint(facts, settings) });
  }
  return due;
};

/**
 * Halfway through the pair's first term. The first term is the pair's own (its term end less any extensions),
 * so a pair that started with another term length (a cohort's, or a setting changed since) keeps its own
 * midpoint; extensions never move it.
 */
export function goalsMidpoint(
  facts: Pick<PairJourneyFacts, 'startedAt' | 'termEndsAt' | 'extensions'>,
  settings: Pick<JourneySettings, 'extensionWeeks'>,
): Date {
  const firstTermEnd = addWeeks(facts.termEndsAt, -facts.extensions * settings.extensionWeeks);
  const half = Math.max(0, firstTermEnd.getTime() - facts.startedAt.getTime()) / 2;
  return new Date(facts.startedAt.getTime() + half);
}

/** What the goal checks know about a pair, read at the moment of the click or the submission. */
export interface GoalsPairState {
  status: PairStatus;
  endReason: EndReason | null;
  endedAt: Date | null;
  menteeId: string | null;
  goalCount: number;
  ratedStages: readonly GoalStage[];
}

export type GoalsRefusal = 'not_your_pair' | 'pair_ended' | 'goals_set';

/** Why this person may not set the pair's goals now; null when they may. Only the mentee sets them, once. */
export function whyGoalsCannotBeSet(state: GoalsPairState | null, userId: string): GoalsRefusal | null {
  if (state === null || state.menteeId === null || state.menteeId !== userId) return 'not_your_pair';
  if (state.status === 'ended') return 'pair_ended';
  if (state.goalCount > 0) return 'goals_set';
  return null;
}

export type RatingRefusal =
  'not_your_pair' | 'pair_ended' | 'not_wrapped_up' | 'too_late' | 'no_goals' | 'already_rated';

/**
 * Why this person may not re-rate the pair's goals at this stage now; null when they may. The midpoint rating
 * is for a running pair; the close rating for a pair that wrapped up, within the days its journey continues.
 */
export function whyGoalsCannotBeRated(
  state: GoalsPairState | null,
  userId: string,
  stage: RatingStage,
  now: Date,
  closeWindowDays: number,
): RatingRefusal | null {
  if (state === null || state.menteeId === null || state.menteeId !== userId) return 'not_your_pair';
  if (stage === 'middle' && state.status === 'ended') return 'pair_ended';
  if (stage === 'close') {
    if (state.status !== 'ended') return 'not_wrapped_up';
    if (state.endReason !== 'wrapped_up') return 'pair_ended';
    if (state.endedAt === null || addDays(state.endedAt, closeWindowDays).getTime() <= now.getTime())
      return 'too_late';
  }
  if (state.goalCount === 0) return 'no_goals';
  if (state.ratedStages.includes(stage)) return 'already_rated';
  return null;
}

/** A rating button's value: the pair and the stage, `${pairId}:${stage}`. */
export function ratingButtonValue(pairId: number, stage: RatingStage): string {
  return `${pairId}:${stage}`;
}

export function parseRatingButtonValue(value: string): { pairId: number; stage: RatingStage } | null {
  const match = /^(\d{1,15}):(middle|close)$/.exec(value);
  if (match === null) return null;
  const pairId = Number(match[1]);
  if (!Number.isSafeInteger(pairId) || pairId <= 0) return null;
  return { pairId, stage: match[2] as RatingStage };
}

/** The topics a goal may be about: those the pair shares first, then the mentee's other requested topics. */
export function goalTopicChoices(
  sharedTopics: readonly string[],
  requestTopics: readonly string[],
): { shared: string[]; other: string[] } {
  const shared = [...new Set(sharedTopics)];
  return { shared, other: [...new Set(requestTopics)].filter((topic) => !shared.includes(topic)) };
}
