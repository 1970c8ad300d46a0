// Slack events about workspace members: profile changes keep the stored name, time zone and admin flag fresh;
// a deleted account has its data erased.
import type { App } from '@slack/bolt';
import { leaveProgramme } from '../../use-cases/leave-programme';
import { recordProfileChange } from '../../use-cases/record-profile-change';
import { selfServiceDeps } from '../../use-cases/self-service-deps';
import type { AppContext } from '../../composition/app-context';
import { toSlackProfile, type SlackUser } from '../../slack-api/slack-messenger';

export function registerMemberEventListeners(app: App, context: AppContext): void {
  app.event('user_change', async ({ event, body }) => {
    const teamId = body.team_id;
    const user = event.user as SlackUser & { id: string };
    // A deleted account is erased as if the person had left, on every delivery: erasing again changes
    // nothing, and a retry after a failure must still erase.
    if (user.deleted === true) {
      await leaveProgramme(selfServiceDeps(context), teamId, user.id, { departed: true });
      return;
    }
    // Marked before the work: a retry of a refresh that failed halfway is not worth running twice for.
    if (!(await context.repos.processedEvents.markProcessed(teamId, body.event_id, context.clock.now())))
      return;
    const profile = toSlackProfile(user.id, user);
    if (profile.deleted) return;
    const refreshed = await recordProfileChange(
      { members: context.repos.members, clock: context.clock },
      teamId,
      profile,
    );
    if (refreshed) context.logger.info({ component: 'members', teamId }, 'member profile refreshed');
  });
}
