// A person ends one of their pairings and says how it went: the pair ends and the feedback is stored together;
// then the partner is told kindly and offered to give feedback too, and the freed place goes back to matching.
import type { FeedbackInput } from '../domain/feedback-form';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { Messenger } from '../ports/messenger';
import type { EndResult, ParticipationRepository } from '../storage/participation-repository';
import { pairingEndedMessage } from '../views/participation-messages';
import { bestEffort } from './best-effort';
import type { SettingsFor } from './programme-settings';

export interface EndPairingDeps {
  participation: Pick<ParticipationRepository, 'endPair'>;
  messenger: Pick<Messenger, 'sendDirectMessage'>;
  clock: Clock;
  logger: Logger;
  /** Runs the matcher for the workspace (a place was freed or someone came back). */
  rematch(teamId: string): Promise<void>;
  /** Republishes a person's Home tab. */
  refreshHome(teamId: string, userId: string): Promise<void>;
  settingsFor: SettingsFor;
}

export async function endPairing(
  deps: EndPairingDeps,
  teamId: string,
  userId: string,
  pairId: number,
  input: FeedbackInput,
  onStored?: (result: EndResult) => Promise<void>,
): Promise<EndResult> {
  const result = await deps.participation.endPair(teamId, pairId, userId, deps.clock.now(), input);
  await onStored?.(result);
  if (result.kind !== 'ended') return result;
  deps.logger.info({ teamId, pairId }, 'pairing ended');

  const partnerId = result.pair.partnerId;
  if (partnerId !== null) {
    await bestEffort(deps.logger, 'tell a partner their pairing ended', { teamId, pairId }, async () => {
      const { programmeName } = await deps.settingsFor(teamId);
      await deps.messenger.sendDirectMessage(partnerId, pairingEndedMessage(userId, pairId, programmeName));
    });
  }
  await deps.refreshHome(teamId, userId);
  if (partnerId !== null) await deps.refreshHome(teamId, partnerId);
  await bestEffort(deps.logger, 'run matching after a pairing ended', { teamId }, () => deps.rematch(teamId));
  return result;
}
