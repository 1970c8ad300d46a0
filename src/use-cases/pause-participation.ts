// A person takes a break: no prompts, no proposals, no matching until they resume or the weeks are up. Their
// partners are told kindly and proposals waiting on them are withdrawn so nobody waits for a paused person.
import { pauseEndsAt } from '../domain/pause';
import type { PauseResult, WithdrawnProposal } from '../storage/participation-repository';
import { partnerPausedMessage, proposalWithdrawnMessage } from '../views/participation-messages';
import { bestEffort, type SelfServiceDeps } from './self-service-deps';

export async function pauseParticipation(
  deps: SelfServiceDeps,
  teamId: string,
  userId: string,
  weeks: number | null,
  /** Called as soon as the pause is stored, before anyone is told: the place to answer Slack. */
  onStored?: (result: PauseResult) => Promise<void>,
): Promise<PauseResult> {
  const now = deps.clock.now();
  const result = await deps.participation.pause(teamId, userId, now, pauseEndsAt(now, weeks));
  await onStored?.(result);
  if (result.kind !== 'paused') return result;
  deps.logger.info({ teamId, weeks, withdrawn: result.withdrawn.length }, 'member paused');

  for (const partnerId of result.partnerIds) {
    await bestEffort(deps.logger, 'tell a partner about a pause', { teamId }, () =>
      deps.messenger.sendDirectMessage(partnerId, partnerPausedMessage(userId, result.pausedUntil)),
    );
  }
  await withdrawProposalMessages(deps, teamId, result.withdrawn, 'paused');
  await deps.refreshHome(teamId, userId);
  for (const partnerId of result.partnerIds) await deps.refreshHome(teamId, partnerId);
  // A mentee whose mentor paused is free for someone else.
  if (result.withdrawn.length > 0) {
    await bestEffort(deps.logger, 'run matching after a pause', { teamId }, () => deps.rematch(teamId));
  }
  return result;
}

/** Replaces the Accept/Decline buttons of withdrawn proposals with a short explanation. */
export async function withdrawProposalMessages(
  deps: SelfServiceDeps,
  teamId: string,
  withdrawn: readonly WithdrawnProposal[],
  why: 'paused' | 'left',
): Promise<void> {
  for (const proposal of withdrawn) {
    const message = proposal.message;
    if (message !== null) {
      // The proposal message sits in the mentor's DM: the mentor either withdrew it themselves or is told why.
      const reason =
        why === 'left' ? 'other-left' : proposal.role === 'mentor' ? 'self-paused' : 'other-paused';
      await bestEffort(deps.logger, 'update a withdrawn proposal', { teamId, proposalId: proposal.id }, () =>
        deps.messenger.updateMessage(message, proposalWithdrawnMessage(reason)),
      );
    }
    if (proposal.remainingUserId !== null) await deps.refreshHome(teamId, proposal.remainingUserId);
  }
}
