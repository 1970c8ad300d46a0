// The outcomes report: what the pairing journey changed, overall and per cohort, as aggregates only. Every
// figure says how many people it was computed from, and a figure from fewer than OUTCOME_MIN_PEOPLE people is
// not computed at all (`shown: false`), so no presentation can print it and nobody can be singled out.
// What people typed (goal notes, commitments) is not part of the input: it cannot reach a report.

import type { EndReason, FitAnswer } from './pairing-journey';
import { median } from './report-figures';

/** A figure from fewer people than this is replaced by "fewer than 5 answers". */
export const OUTCOME_MIN_PEOPLE = 5;

export type GoalStage = 'start' | 'middle' | 'close';
export const GOAL_STAGES: readonly GoalStage[] = ['start', 'middle', 'close'];
export type FollowThroughAnswer = 'yes' | 'partly' | 'not_yet';
/** Pairs that ended this way count as a finished pairing after which someone may take part again. */
const FINISHED: readonly EndReason[] = ['wrapped_up', 'not_a_fit'];

export interface OutcomePair {
  id: number;
  cohortId: number | null;
  /** Null once the person left the programme: they still count, as someone nobody can name. */
  mentorId: string | null;
  menteeId: string | null;
  startedAt: Date;
  endedAt: Date | null;
  endReason: EndReason | null;
  extensions: number;
}

export interface OutcomeData {
  cohorts: readonly { id: number; name: string }[];
  pairs: readonly OutcomePair[];
  goals: readonly { id: number; pairId: number }[];
  ratings: readonly { goalId: number; stage: GoalStage; confidence: number }[];
  fitChecks: readonly { pairId: number; role: 'mentor' | 'mentee'; round: number; answer: FitAnswer }[];
  mentorVoice: readonly { pairId: number; candour: number }[];
  feedback: readonly {
    pairId: number;
    role: 'mentor' | 'mentee';
    rating: number;
    wouldRecommend: boolean | null;
  }[];
  commitments: readonly {
    pairId: number;
    after30Days: FollowThroughAnswer | null;
    after60Days: FollowThroughAnswer | null;
  }[];
}

/** A figure with the number of people behind it, or nothing at all when they were fewer than the minimum. */
export type OutcomeFigure<T> = { shown: true; value: T; people: number } | { shown: false };

export interface FollowThroughCounts {
  yes: number;
  partly: number;
  notYet: number;
}

export interface OutcomeScope {
  /** Null: every pair of the workspace, in a cohort or not. */
  cohort: { id: number; name: string } | null;
  pairs: number;
  /** Distinct people in the scope's pairs: the base of the pair-count figures below. */
  people: number;
  goals: OutcomeFigure<{ pairsWithGoals: number; goals: number }>;
  /** Median of every goal's confidence (1–5) rated at that stage; people = mentees who rated. */
  confidence: Record<GoalStage, OutcomeFigure<number>>;
  /** Goals rated at both start and close whose close rating is higher; people = their mentees. */
  improved: OutcomeFigure<{ improved: number; goals: number; share: number }>;
  /** Each person's latest fit-check answer per pair. */
  fitCheck: OutcomeFigure<{ goodFit: number; stillDeciding: number; notAFit: number }>;
  earlyExits: OutcomeFigure<number>;
  extended: OutcomeFigure<number>;
  wrappedUp: OutcomeFigure<number>;
  /** Close survey: the feedback of pairs that wrapped up. Average usefulness 1–5. */
  usefulness: OutcomeFigure<number>;
  /** Share of close-survey answers saying yes, of those that answered the question. */
  wouldRecommend: OutcomeFigure<number>;
  followThrough: {
    after30Days: OutcomeFigure<FollowThroughCounts>;
    after60Days: OutcomeFigure<FollowThroughCounts>;
  };
  tookPartAgain: OutcomeFigure<number>;
  /** Average of every answer to "I feel listened to and can be candid" (1–5); people = mentors who answered. */
  mentorVoice: OutcomeFigure<number>;
}

export interface OutcomeFigures {
  overall: OutcomeScope;
  /** One per cohort, newest first. */
  cohorts: OutcomeScope[];
}

export function computeOutcomeFigures(data: OutcomeData): OutcomeFigures {
  const cohorts = [...data.cohorts].sort((a, b) => b.id - a.id);
  return {
    overall: scopeFigures(data, null, data.pairs),
    cohorts: cohorts.map((cohort) =>
      scopeFigures(
        data,
        { id: cohort.id, name: cohort.name },
        data.pairs.filter((pair) => pair.cohortId === cohort.id),
      ),
    ),
  };
}

/** The figure when at least OUTCOME_MIN_PEOPLE people are behind it; otherwise nothing is even computed. */
export function suppressed<T>(people: number, compute: () => T): OutcomeFigure<T> {
  return people >= OUTCOME_MIN_PEOPLE ? { shown: true, value: compute(), people } : { shown: false };
}

/** The cohort whose name matches, ignoring case and surrounding spaces (the newest when two share a name). */
export function findCohortScope(figures: OutcomeFigures, name: string): OutcomeScope | null {
  const wanted = name.trim().toLowerCase();
  return figures.cohorts.find((scope) => scope.cohort?.name.trim().toLowerCase() === wanted) ?? null;
}

function scopeFigures(
  data: OutcomeData,
  cohort: OutcomeScope['cohort'],
  pairs: readonly OutcomePair[],
): OutcomeScope {
  const pairById = new Map(pairs.map((pair) => [pair.id, pair]));
  const inScope = <T extends { pairId: number }>(rows: readonly T[]) =>
    rows.filter((row) => pairById.has(row.pairId));
  const person = (pairId: number, role: 'mentor' | 'mentee') => personKey(pairById.get(pairId), pairId, role);
  const people = new Set(pairs.flatMap((pair) => [person(pair.id, 'mentor'), person(pair.id, 'mentee')]))
    .size;

  const goals = inScope(data.goals);
  const goalPair = new Map(goals.map((goal) => [goal.id, goal.pairId]));
  const ratings = data.ratings.filter((rating) => goalPair.has(rating.goalId));
  const menteesOf = (goalIds: Iterable<number>) =>
    new Set([...goalIds].map((goalId) => person(goalPair.get(goalId) ?? 0, 'mentee'))).size;

  const confidence = Object.fromEntries(
    GOAL_STAGES.map((stage) => {
      const rated = ratings.filter((rating) => rating.stage === stage);
      return [
        stage,
        suppressed(
          menteesOf(rated.map((rating) => rating.goalId)),
          () =>
            // Never empty here: a stage nobody rated has no people behind it.
            median(rated.map((rating) => rating.confidence)) ?? 0,
        ),
      ];
    }),
  ) as Record<GoalStage, OutcomeFigure<number>>;

  const startOf = ratingsAt(ratings, 'start');
  const closeOf = ratingsAt(ratings, 'close');
  const bothRated = [...closeOf.keys()].filter((goalId) => startOf.has(goalId));

  const finalAnswers = latestFitAnswers(inScope(data.fitChecks));
  const closeSurvey = inScope(data.feedback).filter(
    (row) => pairById.get(row.pairId)?.endReason === 'wrapped_up',
  );
  const recommendAnswers = closeSurvey.filter((row) => row.wouldRecommend !== null);
  const commitments = inScope(data.commitments);
  const voice = inScope(data.mentorVoice);
  const returning = tookPartAgain(data.pairs, pairs);

  return {
    cohort,
    pairs: pairs.length,
    people,
    goals: suppressed(people, () => ({
      pairsWithGoals: new Set(goals.map((goal) => goal.pairId)).size,
      goals: goals.length,
    })),
    confidence,
    improved: suppressed(menteesOf(bothRated), () => {
      const improved = bothRated.filter(
        (goalId) => (closeOf.get(goalId) ?? 0) > (startOf.get(goalId) ?? 0),
      ).length;
      return { improved, goals: bothRated.length, share: improved / bothRated.length };
    }),
    fitCheck: suppressed(finalAnswers.length, () => ({
      goodFit: finalAnswers.filter((row) => row.answer === 'good_fit').length,
      stillDeciding: finalAnswers.filter((row) => row.answer === 'still_deciding').length,
      notAFit: finalAnswers.filter((row) => row.answer === 'not_a_fit').length,
    })),
    earlyExits: suppressed(people, () => pairs.filter((pair) => pair.endReason === 'not_a_fit').length),
    extended: suppressed(people, () => pairs.filter((pair) => pair.extensions > 0).length),
    wrappedUp: suppressed(people, () => pairs.filter((pair) => pair.endReason === 'wrapped_up').length),
    usefulness: suppressed(distinctPeople(closeSurvey, person), () =>
      average(closeSurvey.map((row) => row.rating)),
    ),
    wouldRecommend: suppressed(
      distinctPeople(recommendAnswers, person),
      () => recommendAnswers.filter((row) => row.wouldRecommend === true).length / recommendAnswers.length,
    ),
    followThrough: {
      after30Days: followThrough(commitments.map((row) => row.after30Days)),
      after60Days: followThrough(commitments.map((row) => row.after60Days)),
    },
    tookPartAgain: suppressed(people, () => returning),
    mentorVoice: suppressed(new Set(voice.map((row) => person(row.pairId, 'mentor'))).size, () =>
      average(voice.map((row) => row.candour)),
    ),
  };
}

/** Who answered: their Slack id, or (once they have left) their place in the pair, which is still one person. */
function personKey(pair: OutcomePair | undefined, pairId: number, role: 'mentor' | 'mentee'): string {
  const userId = role === 'mentor' ? pair?.mentorId : pair?.menteeId;
  return userId ?? `pair ${pairId} ${role}`;
}

function distinctPeople(
  rows: readonly { pairId: number; role: 'mentor' | 'mentee' }[],
  person: (pairId: number, role: 'mentor' | 'mentee') => string,
): number {
  return new Set(rows.map((row) => person(row.pairId, row.role))).size;
}

function ratingsAt(ratings: OutcomeData['ratings'], stage: GoalStage): Map<number, number> {
  return new Map(
    ratings.filter((rating) => rating.stage === stage).map((rating) => [rating.goalId, rating.confidence]),
  );
}

/** "Still deciding" is asked again: each person's last round is where they landed. */
function latestFitAnswers(answers: OutcomeData['fitChecks']): OutcomeData['fitChecks'] {
  const latest = new Map<string, OutcomeData['fitChecks'][number]>();
  for (const answer of answers) {
    const key = `${answer.pairId} ${answer.role}`;
    const seen = latest.get(key);
    if (seen === undefined || answer.round > seen.round) latest.set(key, answer);
  }
  return [...latest.values()];
}

/** One commitment per pair, written by its senior: the answers given, each from a different person. */
function followThrough(answers: readonly (FollowThroughAnswer | null)[]): OutcomeFigure<FollowThroughCounts> {
  const given = answers.filter((answer) => answer !== null);
  return suppressed(given.length, () => ({
    yes: given.filter((answer) => answer === 'yes').length,
    partly: given.filter((answer) => answer === 'partly').length,
    notYet: given.filter((answer) => answer === 'not_yet').length,
  }));
}

/**
 * Members of the scope's pairs who had an earlier pairing, in any scope, that finished (wrapped up or
 * ended as not a good fit) before this one started. Members who left have no id and are not counted.
 */
function tookPartAgain(allPairs: readonly OutcomePair[], scopePairs: readonly OutcomePair[]): number {
  const finishedAt = new Map<string, number[]>();
  for (const pair of allPairs) {
    if (pair.endedAt === null || pair.endReason === null || !FINISHED.includes(pair.endReason)) continue;
    for (const userId of [pair.mentorId, pair.menteeId]) {
      if (userId !== null)
        finishedAt.set(userId, [...(finishedAt.get(userId) ?? []), pair.endedAt.getTime()]);
    }
  }
  const returning = new Set<string>();
  for (const pair of scopePairs) {
    for (const userId of [pair.mentorId, pair.menteeId]) {
      if (userId === null) continue;
      if ((finishedAt.get(userId) ?? []).some((ended) => ended <= pair.startedAt.getTime()))
        returning.add(userId);
    }
  }
  return returning.size;
}

function average(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
