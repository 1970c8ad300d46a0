// Publishes a person's App Home tab: their status and buttons, and the programme's headline figures when they
// are a programme admin. Called when they open the tab and whenever their participation changes.
import { errorSummary } from '../errors';
import type { Logger } from '../logger';
import type { Messenger } from '../ports/messenger';
import type { ParticipationStatusRepository } from '../storage/participation-snapshot';
import { homeView } from '../views/home-view';
import { buildReport, type BuildReportDeps } from './build-report';
import { isProgrammeAdmin, type CheckProgrammeAdminDeps } from './check-programme-admin';
import type { SettingsFor } from './programme-settings';
import { withTermEndsOf } from './read-participation';

export interface PublishHomeDeps extends CheckProgrammeAdminDeps, BuildReportDeps {
  participationStatus: Pick<ParticipationStatusRepository, 'snapshot'>;
  messenger: Pick<Messenger, 'publishHome' | 'fetchProfile'>;
  settingsFor: SettingsFor;
  logger: Logger;
}

/** Never throws: a Home tab that could not be refreshed is logged and is refreshed again next time. */
export async function publishHome(deps: PublishHomeDeps, teamId: string, userId: string): Promise<void> {
  try {
    const now = deps.clock.now();
    // Read together: on PostgreSQL each is a round trip, and one settings read serves the title and the term.
    const [snapshot, { programmeName, welcomeText, pairTermWeeks }, admin] = await Promise.all([
      deps.participationStatus.snapshot(teamId, userId, now),
      deps.settingsFor(teamId),
      isAdmin(deps, teamId, userId),
    ]);
    const adminFigures = admin ? await buildReport(deps, teamId) : null;
    await deps.messenger.publishHome(
      userId,
      homeView({
        snapshot: withTermEndsOf(snapshot, pairTermWeeks),
        now,
        adminFigures,
        programme: { name: programmeName, welcomeText },
      }),
    );
  } catch (error) {
    deps.logger.warn({ teamId, err: errorSummary(error) }, 'could not publish the Home tab');
  }
}

async function isAdmin(deps: PublishHomeDeps, teamId: string, userId: string): Promise<boolean> {
  try {
    return await isProgrammeAdmin(deps, teamId, userId);
  } catch (error) {
    // Without users.info the figures stay hidden: the person still sees their own status.
    deps.logger.warn({ teamId, err: errorSummary(error) }, 'could not check admin rights');
    return false;
  }
}
