// Read-only queries behind the outcomes report: one workspace's pairing journey as the plain OutcomeData the
// domain computes figures from, one query per table. Only ids, stages, ratings, answers and dates are read:
// never goal notes or commitments, which people typed, so the report cannot show them.
import { eq } from 'drizzle-orm';
import type { OutcomeData } from '../domain/outcome-figures';
import type { Db } from './database';
import { storeFor } from './store';
import { tablesOf } from './tables';

export interface OutcomesRepository {
  loadOutcomeData(teamId: string): Promise<OutcomeData>;
}

export function createOutcomesRepository(db: Db): OutcomesRepository {
  const store = storeFor(db);
  return {
    async loadOutcomeData(teamId) {
      // One read transaction so every table is seen at the same instant, even while the journey job writes.
      return store.transaction((tx) => readOutcomeData(tx, teamId), 'read');
    },
  };
}

async function readOutcomeData(db: Db, teamId: string): Promise<OutcomeData> {
  const {
    cohorts,
    commitments,
    feedback,
    fitCheckAnswers,
    goalRatings,
    mentorVoiceAnswers,
    pairGoals,
    pairs,
  } = tablesOf(db);
  const cohortRows = await db
    .select({ id: cohorts.id, name: cohorts.name })
    .from(cohorts)
    .where(eq(cohorts.teamId, teamId))
    .orderBy(cohorts.id);
  const pairRows = await db
    .select({
      id: pairs.id,
      cohortId: pairs.cohortId,
      mentorId: pairs.mentorId,
      menteeId: pairs.menteeId,
      startedAt: pairs.startedAt,
      endedAt: pairs.endedAt,
      endReason: pairs.endReason,
      extensions: pairs.extensions,
    })
    .from(pairs)
    .where(eq(pairs.teamId, teamId))
    .orderBy(pairs.id);
  const goals = await db
    .select({ id: pairGoals.id, pairId: pairGoals.pairId })
    .from(pairGoals)
    .where(eq(pairGoals.teamId, teamId));
  const ratings = await db
    .select({ goalId: goalRatings.goalId, stage: goalRatings.stage, confidence: goalRatings.confidence })
    .from(goalRatings)
    .where(eq(goalRatings.teamId, teamId));
  const fitChecks = await db
    .select({
      pairId: fitCheckAnswers.pairId,
      role: fitCheckAnswers.role,
      round: fitCheckAnswers.round,
      answer: fitCheckAnswers.answer,
    })
    .from(fitCheckAnswers)
    .where(eq(fitCheckAnswers.teamId, teamId));
  const mentorVoice = await db
    .select({ pairId: mentorVoiceAnswers.pairId, candour: mentorVoiceAnswers.candour })
    .from(mentorVoiceAnswers)
    .where(eq(mentorVoiceAnswers.teamId, teamId));
  const feedbackRows = await db
    .select({
      pairId: feedback.pairId,
      role: feedback.role,
      rating: feedback.rating,
      wouldRecommend: feedback.wouldRecommend,
    })
    .from(feedback)
    .where(eq(feedback.teamId, teamId));
  const commitmentRows = await db
    .select({
      pairId: commitments.pairId,
      after30Days: commitments.after30Days,
      after60Days: commitments.after60Days,
    })
    .from(commitments)
    .where(eq(commitments.teamId, teamId));
  return {
    cohorts: cohortRows,
    pairs: pairRows,
    goals,
    ratings,
    fitChecks,
    mentorVoice,
    feedback: feedbackRows,
    commitments: commitmentRows,
  };
}
