// A person answers their private fit check. The answer is stored once; "Not a good fit" ends the pairing in the
// same transaction (see fit-check-repository.ts), after which the freed place goes back to matching and both
// Home tabs show the change. Both people then hear the same neutral message from the journey job, at a sensible
// hour for each; the one who answered is thanked at once by the listener.
import type { FitAnswer } from '../domain/pairing-journey';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { FitCheckRepository, FitCheckResult } from '../storage/fit-check-repository';
import { bestEffort } from './best-effort';

export interface AnswerFitCheckDeps {
  fitChecks: Pick<FitCheckRepository, 'answerFitCheck' | 'roleIn'>;
  clock: Clock;
  logger: Logger;
  rematch(teamId: string): Promise<void>;
  refreshHome(teamId: string, userId: string): Promise<void>;
}

export async function answerFitCheck(
  deps: AnswerFitCheckDeps,
  input: { teamId: string; pairId: number; userId: string; round: number; answer: FitAnswer },
): Promise<FitCheckResult> {
  const { teamId, pairId } = input;
  const result = await deps.fitChecks.answerFitCheck({ ...input, now: deps.clock.now() });
  if (result.kind !== 'recorded') return result;
  // Only that an answer came, never which: the answer is private.
  deps.logger.info({ teamId, pairId, round: input.round }, 'fit check answered');
  if (!result.ended) return result;
  deps.logger.info({ teamId, pairId }, 'pairing ended as not a fit');
  for (const userId of [result.mentorId, result.menteeId])
    if (userId !== null) await deps.refreshHome(teamId, userId);
  await bestEffort(deps.logger, 'run matching after a pairing ended', { teamId }, () => deps.rematch(teamId));
  return result;
}

/** The person's side of a pair after it ended as not a fit: which form takes them back into the pool. */
export function roleAfterFitCheck(
  deps: Pick<AnswerFitCheckDeps, 'fitChecks'>,
  input: { teamId: string; pairId: number; userId: string },
): Promise<'mentor' | 'mentee' | null> {
  return deps.fitChecks.roleIn(input.teamId, input.pairId, input.userId);
}
