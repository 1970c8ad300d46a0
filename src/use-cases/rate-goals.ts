// The mentee re-rates their goals privately: at the midpoint of the term while the pair runs, and in the close
// survey after the pair wrapped up. The form opens only for the pair's mentee, once per stage; the submission
// is checked again and stores one rating per goal in one transaction. Ratings are never shown to the mentor and
// never logged.
import { parseRatingsForm, type FormErrors } from '../domain/goals-form';
import { whyGoalsCannotBeRated, type RatingRefusal, type RatingStage } from '../domain/journey-goals';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { GoalsRepository, StoredGoal } from '../storage/goals-repository';
import { JOURNEY_AFTER_END_DAYS } from '../storage/journey-repository';

export interface RateGoalsDeps {
  goals: Pick<GoalsRepository, 'pairForGoals' | 'saveRatings'>;
  clock: Clock;
  logger: Logger;
}

export interface RatingRequest {
  teamId: string;
  userId: string;
  pairId: number;
  stage: RatingStage;
}

export type RatingFormOpening =
  | { kind: 'open'; pairId: number; stage: RatingStage; goals: StoredGoal[] }
  | { kind: 'refused'; refusal: RatingRefusal };

export async function openRatingForm(
  deps: RateGoalsDeps,
  request: RatingRequest,
): Promise<RatingFormOpening> {
  const pair = await deps.goals.pairForGoals(request.teamId, request.pairId);
  const refusal = whyGoalsCannotBeRated(
    pair?.state ?? null,
    request.userId,
    request.stage,
    deps.clock.now(),
    JOURNEY_AFTER_END_DAYS,
  );
  if (refusal !== null || pair === null) return { kind: 'refused', refusal: refusal ?? 'not_your_pair' };
  return { kind: 'open', pairId: pair.pairId, stage: request.stage, goals: pair.goals };
}

export type RateGoalsResult =
  { kind: 'invalid'; errors: FormErrors } | { kind: 'refused'; refusal: RatingRefusal } | { kind: 'saved' };

export async function rateGoals(
  deps: RateGoalsDeps,
  request: RatingRequest & { values: Record<string, Record<string, unknown> | undefined> },
): Promise<RateGoalsResult> {
  const opening = await openRatingForm(deps, request);
  if (opening.kind === 'refused') return opening;
  const parsed = parseRatingsForm(
    request.values,
    opening.goals.map((goal) => goal.id),
  );
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const saved = await deps.goals.saveRatings(
    request.teamId,
    request.pairId,
    request.userId,
    request.stage,
    parsed.ratings,
    deps.clock.now(),
  );
  if (saved.kind === 'saved')
    deps.logger.info({ teamId: request.teamId, pairId: request.pairId, stage: request.stage }, 'goals rated');
  return saved;
}
