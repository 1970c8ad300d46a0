// Publishes a person's App Home tab: their status and buttons, and the programme's headline figures when they
// are a programme admin. Called when they open the tab and whenever their participation changes.
import { errorSummary } from '../errors';
import type { Logger } from '../logger';
import type { Messenger } from '../ports/messenger';
import type { ParticipationStatusRepository } from '../storage/participation-snapshot';
import { homeView } from '../views/home-view';
import { buildReport, type BuildReportDeps } from './build-report';
import { isProgrammeAdmin, type CheckProgrammeAdminDeps } from './check-programme-admin';

export interface PublishHomeDeps extends CheckProgrammeAdminDeps, BuildReportDeps {
  participationStatus: Pick<ParticipationStatusRepository, 'snapshot'>;
  messenger: Pick<Messenger, 'publishHome' | 'fetchProfile'>;
  logger: Logger;
}

/** Never throws: a Home tab that could not be refreshed is logged and is refreshed again next time. */
export async function publishHome(deps: PublishHomeDeps, teamId: string, userId: string): Promise<void> {
  try {
    const now = deps.clock.now();
    const snapshot = await deps.participationStatus.snapshot(teamId, userId, now);
    const adminFigures = (await isAdmin(deps, teamId, userId, snapshot.member !== null))
      ? await buildReport(deps, teamId)
      : null;
    await deps.messenger.publishHome(userId, homeView({ snapshot, now, adminFigures }));
  } catch (error) {
    deps.logger.warn({ teamId, err: errorSummary(error) }, 'could not publish the Home tab');
  }
}

async function isAdmin(
  deps: PublishHomeDeps,
  teamId: string,
  userId: string,
  knownMember: boolean,
): Promise<boolean> {
  try {
    if (deps.config.adminUserIds.includes(userId)) return true;
    // Someone not taking part is asked about without being stored: opening the Home tab alone must not
    // create a profile (nor re-create one for someone who has just left).
    if (!knownMember) return (await deps.messenger.fetchProfile(userId)).isWorkspaceAdmin;
    return await isProgrammeAdmin(deps, teamId, userId);
  } catch (error) {
    // Without users.info the figures stay hidden: the person still sees their own status.
    deps.logger.warn({ teamId, err: errorSummary(error) }, 'could not check admin rights');
    return false;
  }
}
