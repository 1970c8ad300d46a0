// A person leaves (or their Slack account is deleted): everything that names them is erased in one
// transaction, their pairs end and stay only as anonymous rows, and their partners are told kindly.
import type { EraseResult } from '../storage/member-erasure';
import { leftHomeView } from '../views/home-view';
import { leftConfirmationMessage, partnerLeftMessage } from '../views/participation-messages';
import { withdrawProposalMessages } from './pause-participation';
import { bestEffort, type SelfServiceDeps } from './self-service-deps';

export async function leaveProgramme(
  deps: SelfServiceDeps,
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

  for (const { pairId, partnerId } of result.endedPairs) {
    if (partnerId === null) continue;
    await bestEffort(deps.logger, 'tell a partner someone left', { teamId, pairId }, () =>
      deps.messenger.sendDirectMessage(partnerId, partnerLeftMessage(userId, pairId)),
    );
    await deps.refreshHome(teamId, partnerId);
  }
  await withdrawProposalMessages(deps, teamId, result.withdrawn, 'left');
  if (!departed) {
    await bestEffort(deps.logger, 'confirm a departure', { teamId }, () =>
      deps.messenger.sendDirectMessage(userId, leftConfirmationMessage()),
    );
    // Published directly, not through refreshHome: nothing about them may be looked up (or stored) again.
    await bestEffort(deps.logger, 'publish the Home tab of someone who left', { teamId }, () =>
      deps.messenger.publishHome(userId, leftHomeView()),
    );
  }
  if (result.endedPairs.length > 0 || result.withdrawn.length > 0) {
    await bestEffort(deps.logger, 'run matching after a departure', { teamId }, () => deps.rematch(teamId));
  }
  return result;
}
