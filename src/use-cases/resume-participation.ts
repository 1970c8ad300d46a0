// A person comes back from a break, by hand or because the weeks they chose are up: their pairs run again
// (unless the partner is on a break too), their partners hear they are back, and matching looks at them again.
import type { Logger } from '../logger';
import type { Clock } from '../ports/clock';
import type { Messenger } from '../ports/messenger';
import type { ParticipationRepository, ResumeResult } from '../storage/participation-repository';
import { partnerResumedMessage, pauseEndedMessage } from '../views/participation-messages';
import { bestEffort } from './best-effort';
import type { SettingsFor } from './programme-settings';

export interface ResumeParticipationDeps {
  participation: Pick<ParticipationRepository, 'resume'>;
  messenger: Pick<Messenger, 'sendDirectMessage'>;
  clock: Clock;
  logger: Logger;
  /** Runs the matcher for the workspace (a place was freed or someone came back). */
  rematch(teamId: string): Promise<void>;
  /** Republishes a person's Home tab. */
  refreshHome(teamId: string, userId: string): Promise<void>;
  settingsFor: SettingsFor;
}

export async function resumeParticipation(
  deps: ResumeParticipationDeps,
  teamId: string,
  userId: string,
  options: {
    /** The scheduler's case: resume only a pause whose end has passed, and tell the person it is over. */
    expiredOnly?: boolean;
    onStored?: (result: ResumeResult) => Promise<void>;
  } = {},
): Promise<ResumeResult> {
  const expiredOnly = options.expiredOnly === true;
  const result = await deps.participation.resume(teamId, userId, deps.clock.now(), { expiredOnly });
  await options.onStored?.(result);
  if (result.kind !== 'resumed') return result;
  deps.logger.info({ teamId, expired: expiredOnly }, 'member resumed');

  if (expiredOnly) {
    await bestEffort(deps.logger, 'tell someone their break is over', { teamId }, async () => {
      const { programmeName } = await deps.settingsFor(teamId);
      await deps.messenger.sendDirectMessage(userId, pauseEndedMessage(programmeName));
    });
  }
  for (const partnerId of result.partnerIds) {
    await bestEffort(deps.logger, 'tell a partner about a return', { teamId }, () =>
      deps.messenger.sendDirectMessage(partnerId, partnerResumedMessage(userId)),
    );
  }
  await deps.refreshHome(teamId, userId);
  for (const partnerId of result.partnerIds) await deps.refreshHome(teamId, partnerId);
  await bestEffort(deps.logger, 'run matching after a return', { teamId }, () => deps.rematch(teamId));
  return result;
}
