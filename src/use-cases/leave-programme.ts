// A person leaves (or their Slack account is deleted): everything that names them is erased in one
// transaction, their pairs end and stay only as anonymous rows, and their partners are told kindly.
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { Messenger } from '../ports/messenger';
import type { EraseResult, MemberErasureRepository } from '../storage/member-erasure';
import { leftHomeView } from '../views/home-view';
import { leftConfirmationMessage, partnerLeftMessage } from '../views/participation-messages';
import { bestEffort } from './best-effort';
import { withdrawProposalMessages } from './pause-participation';
import type { SettingsFor } from './programme-settings';

export interface LeaveProgrammeDeps {
  erasure: Pick<MemberErasureRepository, 'erase'>;
  messenger: Pick<Messenger, 'sendDirectMessage' | 'updateMessage' | 'publishHome'>;
  clock: Clock;
  logger: Logger;
  /** Runs the matcher for the workspace (a place was freed or someone came back). */
  rematch(teamId: string): Promise<void>;
  /** Republishes a person's Home tab. */
  refreshHome(teamId: string, userId: string): Promise<void>;
  settingsFor: SettingsFor;
}

export async function leaveProgramme(
  deps: LeaveProgrammeDeps,
  teamId: string,
  userId: string,
  options: {
    /** The account was deleted: nobody is there to read a confirmation. */
    departed?: boolean;
    onStored?: (result: EraseResult) => Promise<void>;
  } = {},
): Promise<EraseResult> {
  const departed = options.departed === true;
  const result = await deps.erasure.erase(teamId, userId, deps.clock.now());
  await options.onStored?.(result);
  if (!result.erased) return result;
  deps.logger.info(
    { teamId, departed, pairsEnded: result.endedPairs.length, proposalsWithdrawn: result.withdrawn.length },
    'member data erased',
  );

  const { programmeName } = await deps.settingsFor(teamId);
  for (const { pairId, partnerId } of result.endedPairs) {
    if (partnerId === null) continue;
    await bestEffort(deps.logger, 'tell a partner someone left', { teamId, pairId }, () =>
      deps.messenger.sendDirectMessage(partnerId, partnerLeftMessage(userId, pairId, programmeName)),
    );
    await deps.refreshHome(teamId, partnerId);
  }
  await withdrawProposalMessages(deps, teamId, result.withdrawn, 'left');
  if (!departed) {
    await bestEffort(deps.logger, 'confirm a departure', { teamId }, () =>
      deps.messenger.sendDirectMessage(userId, leftConfirmationMessage(programmeName)),
    );
    // Published directly, not through refreshHome: nothing about them may be looked up (or stored) again.
    await bestEffort(deps.logger, 'publish the Home tab of someone who left', { teamId }, () =>
      deps.messenger.publishHome(userId, leftHomeView(programmeName)),
    );
  }
  if (result.endedPairs.length > 0 || result.withdrawn.length > 0) {
    await bestEffort(deps.logger, 'run matching after a departure', { teamId }, () => deps.rematch(teamId));
  }
  return result;
}
