// The mentee sets their goals for a pairing: the form opens only for the pair's mentee while the pair runs and
// no goals are set; the submission is checked again as things are then, stores the goals with their first
// confidence ratings in one transaction, and shares the goals (topics and notes, never the ratings) in the
// pair's group DM so the mentor knows what to aim at. The notes are never logged.
import { parseGoalsForm, type FormErrors } from '../domain/goals-form';
import { goalTopicChoices, whyGoalsCannotBeSet, type GoalsRefusal } from '../domain/journey-goals';
import { errorSummary } from '../errors';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { Messenger } from '../ports/messenger';
import type { GoalsRepository } from '../storage/goals-repository';
import { goalsSharedPost } from '../views/journey-goals-views';

export interface SetGoalsDeps {
  goals: Pick<GoalsRepository, 'pairForGoals' | 'saveGoals'>;
  messenger: Pick<Messenger, 'postMessage'>;
  clock: Clock;
  logger: Logger;
}

export interface GoalsRequest {
  teamId: string;
  userId: string;
  pairId: number;
}

export type GoalsRefused = { kind: 'refused'; refusal: GoalsRefusal; goalTopics: string[] };

export type GoalsFormOpening =
  | {
      kind: 'open';
      pairId: number;
      mentorName: string | null;
      sharedTopics: string[];
      otherTopics: string[];
    }
  | GoalsRefused;

export async function openGoalsForm(deps: SetGoalsDeps, request: GoalsRequest): Promise<GoalsFormOpening> {
  const pair = await deps.goals.pairForGoals(request.teamId, request.pairId);
  const refusal = whyGoalsCannotBeSet(pair?.state ?? null, request.userId);
  if (refusal !== null || pair === null)
    return refused(refusal ?? 'not_your_pair', refusal === 'goals_set' ? (pair?.goals ?? []) : []);
  const topics = goalTopicChoices(pair.sharedTopics, pair.requestTopics);
  return {
    kind: 'open',
    pairId: pair.pairId,
    mentorName: pair.mentorName,
    sharedTopics: topics.shared,
    otherTopics: topics.other,
  };
}

export type SetGoalsAnswer = { kind: 'invalid'; errors: FormErrors } | GoalsRefused | { kind: 'saved' };

/**
 * Checks and stores the submitted goals and tells the mentee through `answer` (the modal's acknowledgement,
 * which cannot wait); only then shares the goals with the pair.
 */
export async function setGoals(
  deps: SetGoalsDeps,
  request: GoalsRequest & { values: Record<string, Record<string, unknown> | undefined> },
  answer: (result: SetGoalsAnswer) => Promise<void>,
): Promise<void> {
  const { teamId, userId, pairId } = request;
  const pair = await deps.goals.pairForGoals(teamId, pairId);
  const refusal = whyGoalsCannotBeSet(pair?.state ?? null, userId);
  if (refusal !== null || pair === null) {
    await answer(refused(refusal ?? 'not_your_pair', pair?.goals ?? []));
    return;
  }
  const topics = goalTopicChoices(pair.sharedTopics, pair.requestTopics);
  const parsed = parseGoalsForm(request.values, [...topics.shared, ...topics.other]);
  if (!parsed.ok) {
    await answer({ kind: 'invalid', errors: parsed.errors });
    return;
  }
  const saved = await deps.goals.saveGoals(teamId, pairId, userId, parsed.goals, deps.clock.now());
  if (saved.kind === 'refused') {
    await answer(refused(saved.refusal, saved.goals));
    return;
  }
  await answer({ kind: 'saved' });
  deps.logger.info({ teamId, pairId, goals: saved.goals.length }, 'goals set');
  if (saved.channelId === null) return;
  try {
    await deps.messenger.postMessage(
      saved.channelId,
      goalsSharedPost({ menteeId: saved.menteeId, goals: saved.goals }),
    );
  } catch (error) {
    // The goals are stored and the mentee was told; the pair misses the post, which is logged (without it).
    deps.logger.warn({ teamId, pairId, err: errorSummary(error) }, 'could not share the goals with the pair');
  }
}

function refused(refusal: GoalsRefusal, goals: readonly { topic: string }[]): GoalsRefused {
  return { kind: 'refused', refusal, goalTopics: goals.map((goal) => goal.topic) };
}
