// A person answers their private fit check. The answer is stored once; "Not a good fit" ends the pairing in the
// same transaction (see fit-check-repository.ts), after which the freed place goes back to matching and both
// Home tabs show the change. Both people then hear the same neutral message from the journey job, at a sensible
// hour for each; the one who answered is thanked at once by the listener.
import type { FitAnswer } from '../domain/pairing-journey';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { RejoinResult } from '../domain/journey-fit-check';
import type { FitCheckRepository, FitCheckResult } from '../storage/fit-check-repository';
import { bestEffort } from './best-effort';
import type { SettingsFor } from './programme-settings';

export interface AnswerFitCheckDeps {
  fitChecks: Pick<FitCheckRepository, 'answerFitCheck' | 'rejoinAfterNotAFit'>;
  clock: Clock;
  logger: Logger;
  rematch(teamId: string): Promise<void>;
  refreshHome(teamId: string, userId: string): Promise<void>;
  settingsFor: SettingsFor;
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

/**
 * "Go back into the pool" after a pairing ended as not a fit: the mentee's request of that pair reopens with its
 * topics and matching runs as after a sign-up (never proposing the same two again: the block stays); the mentor's
 * offer already has the place free. Anything else is told as it is now, and changes nothing.
 */
export async function rejoinAfterFitCheck(
  deps: AnswerFitCheckDeps,
  input: { teamId: string; pairId: number; userId: string },
): Promise<{ result: RejoinResult; programmeName: string }> {
  const { teamId, userId } = input;
  const result = await deps.fitChecks.rejoinAfterNotAFit({ ...input, now: deps.clock.now() });
  const { programmeName } = await deps.settingsFor(teamId);
  if (result.kind !== 'request-reopened') return { result, programmeName };
  deps.logger.info({ teamId, pairId: input.pairId }, 'request reopened after a pairing that was not a fit');
  await bestEffort(deps.logger, 'run matching after a request reopened', { teamId }, () =>
    deps.rematch(teamId),
  );
  // After matching, so the Home tab shows a proposal made by this very click.
  await deps.refreshHome(teamId, userId);
  return { result, programmeName };
}
