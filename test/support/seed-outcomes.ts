// The pairing journey of two cohorts and one evergreen pair, inserted straight into the journey tables, so the
// outcomes report is tested without the goal, fit-check, term or cohort features. Hand-checked figures are in
// OUTCOMES_EXPECTED. The Pilot cohort has exactly 4 mentors answering the private voice and Spring exactly 5:
// the suppression edge.
import type { Db } from '../../src/storage/database';
import { storeFor } from '../../src/storage/store';
import { tablesOf } from '../../src/storage/tables';
import { insertedId } from './seed-programme';

export const OUTCOMES_NOW = new Date('2026-11-27T12:00:00Z');

/** What people typed: none of it may ever appear in a report, a CSV file or a chart. */
export const OUTCOME_PRIVATE_TEXTS = [
  'PRIVATE-GOAL-NOTE speak up in meetings',
  'PRIVATE-COMMITMENT ask juniors first',
];
const [GOAL_NOTE, COMMITMENT] = OUTCOME_PRIVATE_TEXTS;

export const SPRING = 'Spring 2026';
export const PILOT = 'Pilot';

/** What the report must show, worked out by hand from the rows below. */
export const OUTCOMES_EXPECTED = {
  spring: {
    pairs: 5,
    goals: '5 of 5 pairs set 5 goals',
    // start 1 2 2 3 4 → 2; close 3 3 2 4 5 → 3; 4 of 5 goals rose (the third stayed at 2).
    confidence: '2.0 / 5 → fewer than 5 answers → 3.0 / 5',
    improved: '80% (4 of 5 goals)',
    fitCheck: '10 good fit · 0 still deciding · 0 not a good fit',
    wrappedUp: '5 pairs',
    // usefulness 4 4 5 5 3 → 4.2; recommend 4 of 5.
    closeSurvey: 'usefulness 4.2 / 5 · would recommend 80%',
    // 30 days: yes yes partly not_yet yes; 60 days: only 4 answers.
    commitments: '3 yes · 1 partly · 1 not yet; after 60 days: fewer than 5 answers',
    // candour 3 4 4 5 5 → 4.2 from 5 mentors.
    mentorVoice: '4.2 / 5',
  },
  pilot: {
    pairs: 4,
    // 4 mentees rated, 4 mentors answered: hidden. 8 people in the pairs: the pair counts are shown.
    confidence: 'fewer than 5 answers → fewer than 5 answers → fewer than 5 answers',
    earlyExits: '1 pair',
    extended: '1 pair',
    mentorVoice: 'fewer than 5 answers',
  },
  overall: {
    pairs: 10,
    // start: 1 2 2 3 4 and 5 5 5 5 → 4; close as in Spring.
    confidence: '4.0 / 5 → fewer than 5 answers → 3.0 / 5',
    // candour: 3 4 4 5 5 and 1 1 1 1 → 25 / 9.
    mentorVoice: '2.8 / 5',
    // A Spring mentee came back as the evergreen pair's mentor.
    tookPartAgain: '1 person',
  },
};

const at = (iso: string) => new Date(iso);

export async function seedOutcomes(db: Db, teamId: string): Promise<void> {
  await storeFor(db).transaction(async (tx) => {
    const {
      cohorts,
      commitments,
      feedback,
      fitCheckAnswers,
      goalRatings,
      mentorVoiceAnswers,
      pairGoals,
      pairs,
    } = tablesOf(tx);
    const cohort = async (name: string, startsAt: string) =>
      insertedId(
        await tx
          .insert(cohorts)
          .values({
            teamId,
            name,
            signupOpensAt: at('2026-01-05T09:00:00Z'),
            signupClosesAt: at('2026-02-27T17:00:00Z'),
            startsAt: at(startsAt),
            termWeeks: 26,
          })
          .returning({ id: cohorts.id }),
      );
    const pair = async (
      values: Partial<typeof pairs.$inferInsert> & { mentorId: string; menteeId: string },
    ) =>
      insertedId(
        await tx
          .insert(pairs)
          .values({
            teamId,
            levelGap: 3,
            crossDepartment: true,
            sharedTopics: ['AI tools'],
            startedAt: at('2026-03-02T09:00:00Z'),
            ...values,
          })
          .returning({ id: pairs.id }),
      );
    const goal = async (pairId: number, ratings: Partial<Record<'start' | 'middle' | 'close', number>>) => {
      const goalId = insertedId(
        await tx
          .insert(pairGoals)
          .values({ teamId, pairId, position: 1, topic: 'AI tools', note: GOAL_NOTE })
          .returning({ id: pairGoals.id }),
      );
      for (const [stage, confidence] of Object.entries(ratings) as ['start' | 'middle' | 'close', number][]) {
        await tx
          .insert(goalRatings)
          .values({ goalId, teamId, stage, confidence, ratedAt: at('2026-03-03T09:00:00Z') });
      }
    };
    const voice = (pairId: number, candour: number) =>
      tx
        .insert(mentorVoiceAnswers)
        .values({ teamId, pairId, round: 1, candour, answeredAt: at('2026-03-30T09:00:00Z') });

    const spring = await cohort(SPRING, '2026-03-02T09:00:00Z');
    const springStart = [1, 2, 2, 3, 4];
    const springClose = [3, 3, 2, 4, 5];
    const candour = [3, 4, 4, 5, 5];
    const usefulness = [4, 4, 5, 5, 3];
    const after30 = ['yes', 'yes', 'partly', 'not_yet', 'yes'] as const;
    for (let i = 0; i < 5; i += 1) {
      const pairId = await pair({
        cohortId: spring,
        mentorId: `USPRINGMENTOR${i}`,
        menteeId: `USPRINGMENTEE${i}`,
        status: 'ended',
        endReason: 'wrapped_up',
        endedAt: at('2026-08-31T09:00:00Z'),
      });
      await goal(pairId, { start: springStart[i] ?? 0, close: springClose[i] ?? 0 });
      await voice(pairId, candour[i] ?? 0);
      for (const role of ['mentor', 'mentee'] as const) {
        await tx.insert(fitCheckAnswers).values({
          teamId,
          pairId,
          role,
          round: 1,
          answer: i === 0 && role === 'mentee' ? 'still_deciding' : 'good_fit',
          answeredAt: at('2026-03-16T09:00:00Z'),
        });
      }
      if (i === 0) {
        await tx.insert(fitCheckAnswers).values({
          ...{ teamId, pairId, role: 'mentee', round: 2, answer: 'good_fit' },
          answeredAt: at('2026-03-30T09:00:00Z'),
        });
      }
      await tx.insert(feedback).values({
        ...{ teamId, pairId, userId: `USPRINGMENTEE${i}`, role: 'mentee' },
        ...{ rating: usefulness[i] ?? 0, wouldRecommend: i !== 4 },
      });
      await tx.insert(commitments).values({
        ...{ pairId, teamId, userId: `USPRINGMENTEE${i}`, text: COMMITMENT },
        ...{ after30Days: after30[i] ?? null, after60Days: i < 4 ? ('yes' as const) : null },
      });
    }

    const pilot = await cohort(PILOT, '2026-09-07T09:00:00Z');
    for (let i = 0; i < 4; i += 1) {
      const pairId = await pair({
        cohortId: pilot,
        mentorId: `UPILOTMENTOR${i}`,
        menteeId: `UPILOTMENTEE${i}`,
        startedAt: at('2026-09-07T09:00:00Z'),
        ...(i === 0
          ? { status: 'ended' as const, endReason: 'not_a_fit' as const, endedAt: at('2026-09-21T09:00:00Z') }
          : {}),
        ...(i === 1 ? { extensions: 1 } : {}),
      });
      await goal(pairId, { start: 5 });
      await voice(pairId, 1);
    }

    // Evergreen, no cohort: a Spring mentee back as a mentor.
    await pair({ mentorId: 'USPRINGMENTEE0', menteeId: 'UEVERGREEN', startedAt: at('2026-09-14T09:00:00Z') });
  }, 'write');
}
