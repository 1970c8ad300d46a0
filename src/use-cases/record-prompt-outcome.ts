// "We discussed it" / "Skip this week" under a weekly question. Pressing either again changes nothing but
// the reply; either of the two people may press them, nobody else.
import type { Logger } from '../logger';
import type { PromptDeliveriesRepository, PromptOutcome } from '../storage/prompt-deliveries-repository';

export interface PromptOutcomeDeps {
  deliveries: Pick<PromptDeliveriesRepository, 'find' | 'recordOutcome'>;
  logger: Logger;
}

export type OutcomeResult =
  { kind: 'recorded'; alreadyRecorded: boolean } | { kind: 'not_found' } | { kind: 'not_in_pair' };

export async function recordPromptOutcome(
  deps: PromptOutcomeDeps,
  input: { teamId: string; deliveryId: number; userId: string; outcome: PromptOutcome },
  now: Date,
): Promise<OutcomeResult> {
  const delivery = await deps.deliveries.find(input.teamId, input.deliveryId);
  if (delivery === null) return { kind: 'not_found' };
  const role =
    input.userId === delivery.pair.mentorId
      ? 'mentor'
      : input.userId === delivery.pair.menteeId
        ? 'mentee'
        : null;
  if (role === null) return { kind: 'not_in_pair' };
  const before = await deps.deliveries.recordOutcome(input.teamId, delivery.id, input.outcome, role, now);
  deps.logger.info(
    { teamId: input.teamId, pairId: delivery.pairId, deliveryId: delivery.id, outcome: input.outcome, role },
    'prompt outcome recorded',
  );
  return { kind: 'recorded', alreadyRecorded: before === input.outcome };
}
