// A person takes a break: no prompts, no proposals, no matching until they resume or the weeks are up. Their
// partners are told kindly and proposals waiting on them are withdrawn so nobody waits for a paused person.
import { pauseEndsAt } from '../domain/pause';
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { Messenger } from '../ports/messenger';
import type {
  ParticipationRepository,
  PauseResult,
  WithdrawnProposal,
} from '../storage/participation-repository';
import { partnerPausedMessage, proposalWithdrawnMessage } from '../views/participation-messages';
import { bestEffort } from './best-effort';
import type { SettingsFor } from './programme-settings';

export interface PauseParticipationDeps extends WithdrawProposalsDeps {
  participation: Pick<ParticipationRepository, 'pause'>;
  messenger: Pick<Messenger, 'sendDirectMessage' | 'updateMessage'>;
  clock: Clock;
  logger: Logger;
  /** Runs the matcher for the workspace (a place was freed or someone came back). */
  rematch(teamId: string): Promise<void>;
  /** Republishes a person's Home tab. */
  refreshHome(teamId: string, userId: string): Promise<void>;
  settingsFor: SettingsFor;
}

export interface WithdrawProposalsDeps {
  messenger: Pick<Messenger, 'updateMessage'>;
  logger: Logger;
  refreshHome(teamId: string, userId: string): Promise<void>;
}

export async function pauseParticipation(
  deps: PauseParticipationDeps,
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

  const { programmeName } = await deps.settingsFor(teamId);
  for (const partnerId of result.partnerIds) {
    await bestEffort(deps.logger, 'tell a partner about a pause', { teamId }, () =>
      deps.messenger.sendDirectMessage(
        partnerId,
        partnerPausedMessage(userId, result.pausedUntil, programmeName),
      ),
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
  deps: WithdrawProposalsDeps,
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
