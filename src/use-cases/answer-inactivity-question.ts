// The pair's answer to "pause or keep going?": Pause stops the weekly questions for this pair until one of
// them resumes it; Keep going starts the count of unanswered questions afresh, so they are not asked again
// for the same quiet spell.
import type { Logger } from '../logger';
import type { PromptDeliveriesRepository } from '../storage/prompt-deliveries-repository';

export interface InactivityAnswerDeps {
  deliveries: Pick<
    PromptDeliveriesRepository,
    'findPair' | 'pausePair' | 'resumePair' | 'restartInactivityCount'
  >;
  logger: Logger;
}

export type InactivityChoice = 'pause' | 'keep_going' | 'resume';

export type InactivityAnswer =
  | { kind: 'done'; choice: InactivityChoice }
  | { kind: 'not_in_pair' }
  /** The pair is not in a state this choice applies to (already paused, ended, or a member is on a break). */
  | { kind: 'not_applicable'; status: 'active' | 'paused' | 'ended'; memberPaused: boolean };

export async function answerInactivityQuestion(
  deps: InactivityAnswerDeps,
  input: { teamId: string; pairId: number; userId: string; choice: InactivityChoice },
  now: Date,
): Promise<InactivityAnswer> {
  const pair = await deps.deliveries.findPair(input.teamId, input.pairId, now);
  if (pair === null || (input.userId !== pair.mentorId && input.userId !== pair.menteeId)) {
    return { kind: 'not_in_pair' };
  }
  const notApplicable = {
    kind: 'not_applicable',
    status: pair.status,
    memberPaused: pair.memberPaused,
  } as const;
  switch (input.choice) {
    case 'pause':
      if (!(await deps.deliveries.pausePair(input.teamId, pair.id))) return notApplicable;
      break;
    case 'resume':
      // Someone on a personal break keeps the pair paused until they come back themselves.
      if (pair.memberPaused || !(await deps.deliveries.resumePair(input.teamId, pair.id, now)))
        return notApplicable;
      break;
    case 'keep_going':
      if (pair.status !== 'active') return notApplicable;
      await deps.deliveries.restartInactivityCount(input.teamId, pair.id, now);
      break;
  }
  deps.logger.info(
    { teamId: input.teamId, pairId: pair.id, choice: input.choice },
    'pair answered the pause question',
  );
  return { kind: 'done', choice: input.choice };
}
