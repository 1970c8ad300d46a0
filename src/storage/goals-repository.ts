// The mentee's goals for a pairing and their private confidence ratings. Setting the goals stores them with
// their first ratings in one transaction, after checking the pair as it is at that moment; each later rating
// (the midpoint's, the close survey's) is stored the same way. Notes are typed text: read only to show them to
// the mentee and to the pair, never logged; member-erasure.ts clears them when the mentee leaves.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { GoalInput } from '../domain/goals-form';
import {
  whyGoalsCannotBeRated,
  whyGoalsCannotBeSet,
  type GoalsPairState,
  type GoalsRefusal,
  type GoalStage,
  type RatingRefusal,
  type RatingStage,
} from '../domain/journey-goals';
import type { Db } from './database';
import { JOURNEY_AFTER_END_DAYS } from './journey-repository';
import { storeFor } from './store';
import { tablesOf } from './tables';

export interface StoredGoal {
  id: number;
  position: number;
  topic: string;
  note: string | null;
}

export interface PairForGoals {
  teamId: string;
  pairId: number;
  state: GoalsPairState;
  menteeId: string | null;
  mentorName: string | null;
  channelId: string | null;
  sharedTopics: string[];
  /** The topics of the request the pair was matched on (the mentee's), in catalogue order. */
  requestTopics: string[];
  goals: StoredGoal[];
}

export type SaveGoalsResult =
  | { kind: 'saved'; goals: StoredGoal[]; channelId: string | null; menteeId: string }
  | { kind: 'refused'; refusal: GoalsRefusal; goals: StoredGoal[] };

export type SaveRatingsResult = { kind: 'saved' } | { kind: 'refused'; refusal: RatingRefusal };

export interface GoalsRepository {
  /** The pair with what its goals need, or null when the workspace has no such pair. */
  pairForGoals(teamId: string, pairId: number): Promise<PairForGoals | null>;
  /** Stores the goals and their 'start' ratings, if this person may set them now. */
  saveGoals(
    teamId: string,
    pairId: number,
    userId: string,
    goals: readonly GoalInput[],
    now: Date,
  ): Promise<SaveGoalsResult>;
  /** Stores one rating per goal at this stage, if this person may rate them now; every goal or none. */
  saveRatings(
    teamId: string,
    pairId: number,
    userId: string,
    stage: RatingStage,
    ratings: readonly { goalId: number; confidence: number }[],
    now: Date,
  ): Promise<SaveRatingsResult>;
  /** The pair's goals as the pair may see them: topics and notes, in order; never the ratings. */
  goalsOfPair(teamId: string, pairId: number): Promise<{ topic: string; note: string | null }[]>;
}

export function createGoalsRepository(db: Db): GoalsRepository {
  const store = storeFor(db);

  return {
    pairForGoals: (teamId, pairId) =>
      store.transaction(async (tx) => {
        const t = tablesOf(tx);
        const pair = await readPair(tx, teamId, pairId);
        if (pair === null) return null;
        const [mentor] =
          pair.row.mentorId === null
            ? []
            : await tx
                .select({ name: t.members.name })
                .from(t.members)
                .where(and(eq(t.members.teamId, teamId), eq(t.members.userId, pair.row.mentorId)));
        const requestTopics =
          pair.row.proposalId === null
            ? []
            : await tx
                .select({ name: t.topics.name })
                .from(t.proposals)
                .innerJoin(t.requestTopics, eq(t.requestTopics.requestId, t.proposals.requestId))
                .innerJoin(t.topics, eq(t.topics.id, t.requestTopics.topicId))
                .where(and(eq(t.proposals.teamId, teamId), eq(t.proposals.id, pair.row.proposalId)))
                .orderBy(asc(t.topics.name));
        return {
          teamId,
          pairId,
          state: pair.state,
          menteeId: pair.row.menteeId,
          mentorName: mentor?.name ?? null,
          channelId: pair.row.channelId,
          sharedTopics: pair.row.sharedTopics,
          requestTopics: requestTopics.map((topic) => topic.name),
          goals: pair.goals,
        };
      }, 'read'),

    saveGoals: (teamId, pairId, userId, goals, now) =>
      store.transaction(async (tx): Promise<SaveGoalsResult> => {
        const t = tablesOf(tx);
        const pair = await readPair(tx, teamId, pairId);
        const refusal = whyGoalsCannotBeSet(pair?.state ?? null, userId);
        if (refusal !== null || pair === null) {
          return { kind: 'refused', refusal: refusal ?? 'not_your_pair', goals: pair?.goals ?? [] };
        }
        const stored: StoredGoal[] = [];
        for (const goal of goals) {
          const [row] = await tx
            .insert(t.pairGoals)
            .values({
              teamId,
              pairId,
              position: goal.position,
              topic: goal.topic,
              note: goal.note,
              createdAt: now,
            })
            .returning({
              id: t.pairGoals.id,
              position: t.pairGoals.position,
              topic: t.pairGoals.topic,
              note: t.pairGoals.note,
            });
          if (row === undefined) throw new Error('the goal insert returned no row');
          stored.push(row);
          await tx
            .insert(t.goalRatings)
            .values({ goalId: row.id, teamId, stage: 'start', confidence: goal.confidence, ratedAt: now });
        }
        return { kind: 'saved', goals: stored, channelId: pair.row.channelId, menteeId: userId };
      }, 'write'),

    saveRatings: (teamId, pairId, userId, stage, ratings, now) =>
      store.transaction(async (tx): Promise<SaveRatingsResult> => {
        const t = tablesOf(tx);
        const pair = await readPair(tx, teamId, pairId);
        const refusal = whyGoalsCannotBeRated(
          pair?.state ?? null,
          userId,
          stage,
          now,
          JOURNEY_AFTER_END_DAYS,
        );
        if (refusal !== null || pair === null)
          return { kind: 'refused', refusal: refusal ?? 'not_your_pair' };
        const confidenceOf = new Map(ratings.map((r) => [r.goalId, r.confidence]));
        // The form was drawn from these goals; a rating for another goal (a tampered form) changes nothing.
        if (pair.goals.some((goal) => !confidenceOf.has(goal.id)) || confidenceOf.size !== pair.goals.length)
          return { kind: 'refused', refusal: 'not_your_pair' };
        await tx.insert(t.goalRatings).values(
          pair.goals.map((goal) => ({
            goalId: goal.id,
            teamId,
            stage,
            confidence: confidenceOf.get(goal.id) ?? 0,
            ratedAt: now,
          })),
        );
        return { kind: 'saved' };
      }, 'write'),

    goalsOfPair: (teamId, pairId) =>
      store.run((q) => {
        const t = tablesOf(q);
        return q
          .select({ topic: t.pairGoals.topic, note: t.pairGoals.note })
          .from(t.pairGoals)
          .where(and(eq(t.pairGoals.teamId, teamId), eq(t.pairGoals.pairId, pairId)))
          .orderBy(asc(t.pairGoals.position));
      }),
  };
}

/** The pair, its goals and the stages rated, read inside the caller's transaction. */
async function readPair(tx: Db, teamId: string, pairId: number) {
  const t = tablesOf(tx);
  const [row] = await tx
    .select({
      status: t.pairs.status,
      endReason: t.pairs.endReason,
      endedAt: t.pairs.endedAt,
      menteeId: t.pairs.menteeId,
      mentorId: t.pairs.mentorId,
      channelId: t.pairs.channelId,
      proposalId: t.pairs.proposalId,
      sharedTopics: t.pairs.sharedTopics,
    })
    .from(t.pairs)
    .where(and(eq(t.pairs.teamId, teamId), eq(t.pairs.id, pairId)));
  if (row === undefined) return null;
  const goals = await tx
    .select({
      id: t.pairGoals.id,
      position: t.pairGoals.position,
      topic: t.pairGoals.topic,
      note: t.pairGoals.note,
    })
    .from(t.pairGoals)
    .where(and(eq(t.pairGoals.teamId, teamId), eq(t.pairGoals.pairId, pairId)))
    .orderBy(asc(t.pairGoals.position));
  const rated =
    goals.length === 0
      ? []
      : await tx
          .selectDistinct({ stage: t.goalRatings.stage })
          .from(t.goalRatings)
          .where(
            inArray(
              t.goalRatings.goalId,
              goals.map((goal) => goal.id),
            ),
          );
  const state: GoalsPairState = {
    status: row.status,
    endReason: row.endReason,
    endedAt: row.endedAt,
    menteeId: row.menteeId,
    goalCount: goals.length,
    ratedStages: rated.map((r) => r.stage as GoalStage),
  };
  return { row, goals, state };
}
