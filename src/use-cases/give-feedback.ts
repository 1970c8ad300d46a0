// Feedback on a pairing the partner ended (or that ended when they left): once per pair and role.
import type { FeedbackInput } from '../domain/feedback-form';
import type { Clock } from '../ports/clock';
import type { FeedbackResult, ParticipationRepository } from '../storage/participation-repository';

export interface GiveFeedbackDeps {
  participation: Pick<ParticipationRepository, 'addFeedback'>;
  clock: Clock;
}

export async function giveFeedback(
  deps: GiveFeedbackDeps,
  teamId: string,
  userId: string,
  pairId: number,
  input: FeedbackInput,
): Promise<FeedbackResult> {
  return deps.participation.addFeedback(teamId, pairId, userId, deps.clock.now(), input);
}
