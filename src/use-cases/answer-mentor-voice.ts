// The mentor answers their private question ("I feel listened to and can be candid", 1–5), optionally asking
// the programme team to get in touch. Stored once per pair and round; only the contact request ever reaches
// admins (in pair health), the rating only as part of an average.
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type {
  FitCheckRepository,
  MentorVoiceAnswerInput,
  MentorVoiceResult,
} from '../storage/fit-check-repository';

export interface AnswerMentorVoiceDeps {
  fitChecks: Pick<FitCheckRepository, 'answerMentorVoice' | 'checkMentorVoice'>;
  clock: Clock;
  logger: Logger;
}

/** Whether the mentor may answer this round now: the form opens only then. */
export function checkMentorVoice(
  deps: AnswerMentorVoiceDeps,
  input: { teamId: string; pairId: number; userId: string; round: number },
) {
  return deps.fitChecks.checkMentorVoice(
    input.teamId,
    input.pairId,
    input.userId,
    input.round,
    deps.clock.now(),
  );
}

export async function answerMentorVoice(
  deps: AnswerMentorVoiceDeps,
  input: Omit<MentorVoiceAnswerInput, 'now'>,
): Promise<MentorVoiceResult> {
  const result = await deps.fitChecks.answerMentorVoice({ ...input, now: deps.clock.now() });
  // Neither the rating nor the contact wish is logged: admins read the request in pair health.
  if (result.kind === 'recorded')
    deps.logger.info(
      { teamId: input.teamId, pairId: input.pairId, round: input.round },
      'mentor voice answered',
    );
  return result;
}
