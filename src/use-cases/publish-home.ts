// Publishes a person's App Home tab: their status and buttons, and the programme's headline figures when they
// are a programme admin. Called when they open the tab and whenever their participation changes.
import type { AppContext } from '../composition/app-context';
import { errorSummary } from '../errors';
import { homeView } from '../views/home-view';
import { buildReport } from './build-report';
import { isProgrammeAdmin } from './check-programme-admin';

export type PublishHomeContext = Pick<AppContext, 'repos' | 'messenger' | 'clock' | 'logger' | 'config'>;

/** Never throws: a Home tab that could not be refreshed is logged and is refreshed again next time. */
export async function publishHome(
  context: PublishHomeContext,
  teamId: string,
  userId: string,
): Promise<void> {
  const logger = context.logger.child({ component: 'home' });
  try {
    const now = context.clock.now();
    const snapshot = await context.repos.participationStatus.snapshot(teamId, userId, now);
    const adminFigures = (await isAdmin(context, teamId, userId, snapshot.member !== null))
      ? await buildReport({ reports: context.repos.reports, clock: context.clock }, teamId)
      : null;
    await context.messenger.publishHome(userId, homeView({ snapshot, now, adminFigures }));
  } catch (error) {
    logger.warn({ teamId, err: errorSummary(error) }, 'could not publish the Home tab');
  }
}

async function isAdmin(
  context: PublishHomeContext,
  teamId: string,
  userId: string,
  knownMember: boolean,
): Promise<boolean> {
  try {
    if (context.config.adminUserIds.includes(userId)) return true;
    // Someone not taking part is asked about without being stored: opening the Home tab alone must not
    // create a profile (nor re-create one for someone who has just left).
    if (!knownMember) return (await context.messenger.fetchProfile(userId)).isWorkspaceAdmin;
    return await isProgrammeAdmin(
      {
        members: context.repos.members,
        messenger: context.messenger,
        clock: context.clock,
        config: context.config,
      },
      teamId,
      userId,
    );
  } catch (error) {
    // Without users.info the figures stay hidden: the person still sees their own status.
    context.logger.warn(
      { component: 'home', teamId, err: errorSummary(error) },
      'could not check admin rights',
    );
    return false;
  }
}
