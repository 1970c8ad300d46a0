// What comes next in a pairing, as its two people see it in /mentor status and on the Home tab: the week of
// its term and the next step of the journey that concerns the viewer.
import { FIT_CHECK_AFTER_DAYS } from './journey-fit-check';
import { addDays, addWeeks, DEFAULT_TERM_WEEKS, firstTermEnd, termWeek } from './pairing-journey';

/** How long before the end of a term each person is asked to extend or wrap up. */
export const TERM_CHOICE_WEEKS_BEFORE_END = 2;

export type Milestone =
  | { kind: 'set-goals' }
  | { kind: 'fit-check'; from: Date }
  | { kind: 'midpoint'; from: Date }
  | { kind: 'term-choice'; from: Date }
  | { kind: 'term-end'; at: Date };

export interface PairTerm {
  week: number;
  weeks: number;
  endsAt: Date;
}

/** The pairing's week of its term; pairs from before terms run the default term from their start. */
export function pairTerm(startedAt: Date, termEndsAt: Date | null, now: Date): PairTerm {
  const endsAt = termEndsAt ?? firstTermEnd(startedAt, DEFAULT_TERM_WEEKS);
  const weeks = Math.max(1, Math.round((endsAt.getTime() - startedAt.getTime()) / (7 * 24 * 3600 * 1000)));
  return { week: Math.min(termWeek(startedAt, now), weeks), weeks, endsAt };
}

/** The next step of the journey for this person in this pairing. */
export function nextMilestone(
  pair: { role: 'mentor' | 'mentee'; startedAt: Date; termEndsAt: Date | null; goalCount: number },
  now: Date,
): Milestone {
  if (pair.role === 'mentee' && pair.goalCount === 0) return { kind: 'set-goals' };
  const { endsAt } = pairTerm(pair.startedAt, pair.termEndsAt, now);
  const fitCheck = addDays(pair.startedAt, FIT_CHECK_AFTER_DAYS);
  if (fitCheck > now) return { kind: 'fit-check', from: fitCheck };
  const midpoint = new Date((pair.startedAt.getTime() + endsAt.getTime()) / 2);
  if (pair.role === 'mentee' && midpoint > now) return { kind: 'midpoint', from: midpoint };
  const choice = addWeeks(endsAt, -TERM_CHOICE_WEEKS_BEFORE_END);
  if (choice > now) return { kind: 'term-choice', from: choice };
  return { kind: 'term-end', at: endsAt };
}
