// Feedback on a pairing the partner ended (or that ended when they left): once per pair and role.
import type { FeedbackInput } from '../domain/feedback-form';
import type { FeedbackResult } from '../storage/participation-repository';
import type { SelfServiceDeps } from './self-service-deps';

export async function giveFeedback(
  deps: Pick<SelfServiceDeps, 'participation' | 'clock'>,
  teamId: string,
  userId: string,
  pairId: number,
  input: FeedbackInput,
): Promise<FeedbackResult> {
  return deps.participation.addFeedback(teamId, pairId, userId, deps.clock.now(), input);
}
