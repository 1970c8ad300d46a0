// Slack events about workspace members: profile changes keep the stored name, time zone and admin flag fresh;
// a deleted account has its data erased.
import type { AppContext } from '../../composition/app-context';
import { profileChangeDeps, selfServiceDeps } from '../../composition/use-case-deps';
import { leaveProgramme } from '../../use-cases/leave-programme';
import { recordProfileChange } from '../../use-cases/record-profile-change';
import { toSlackProfile, type SlackUser } from '../../slack-api/slack-messenger';
import type { ListenerRoutes } from './listener-routes';

export function registerMemberEventListeners(routes: ListenerRoutes, context: AppContext): void {
  routes.event('user_change', async ({ event, body }) => {
    const teamId = body.team_id;
    const user = event.user as SlackUser & { id: unknown };
    // Slack always sends the id as a string; anything else is a forged event and names nobody.
    if (typeof user.id !== 'string') return;
    // A deleted account is erased as if the person had left, on every delivery: erasing again changes
    // nothing, and a retry after a failure must still erase.
    if (user.deleted === true) {
      await leaveProgramme(selfServiceDeps(context), teamId, user.id, { departed: true });
      return;
    }
    await recordProfileChange(
      profileChangeDeps(context),
      teamId,
      body.event_id,
      toSlackProfile(user.id, user),
    );
  });
}
