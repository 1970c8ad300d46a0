// The weekly digest form in the admin section: opt in or out, with a weekday and local hour. Through the
// admin guard, like every admin entry point.
import type { AppContext } from '../../composition/app-context';
import { digestChoiceDeps } from '../../composition/use-case-deps';
import { parseWeekday } from '../../domain/prompt-schedule';
import { saveDigestChoice } from '../../use-cases/admin-digest';
import { digestModal, digestSaved } from '../../views/admin-digest';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from '../../views/admin-ids';
import { noticeModal } from '../../views/self-service-modals';
import { openAdminModal, registerAdminButton, registerAdminSubmission } from './admin-guard';
import type { ListenerRoutes } from './listener-routes';

export function registerAdminDigestListeners(routes: ListenerRoutes, context: AppContext): void {
  registerAdminButton(routes, context, ADMIN_ACTIONS.digest, async (click) => {
    const current = await context.repos.adminDigest.subscription(click.teamId, click.userId);
    await openAdminModal(context, click, digestModal(current));
  });

  registerAdminSubmission(
    routes,
    context,
    ADMIN_CALLBACKS.digest,
    async ({ ack, teamId, userId, values }) => {
      const read = (key: string) => values[key]?.[key];
      const enabled = read(ADMIN_FIELDS.digestEnabled)?.selected_option?.value === 'yes';
      const weekday = parseWeekday(read(ADMIN_FIELDS.digestWeekday)?.selected_option?.value ?? '');
      const hourText = (read(ADMIN_FIELDS.digestHour)?.value ?? '').trim();
      const hour = /^\d{1,2}$/.test(hourText) ? Number(hourText) : NaN;
      const errors: Record<string, string> = {};
      if (enabled && weekday === null) errors[ADMIN_FIELDS.digestWeekday] = 'Choose a day.';
      if (enabled && !(hour >= 0 && hour <= 23))
        errors[ADMIN_FIELDS.digestHour] = 'Enter an hour from 0 to 23.';
      if (Object.keys(errors).length > 0) {
        await ack({ response_action: 'errors', errors });
        return;
      }
      const choice = enabled && weekday !== null ? { weekday, hour } : null;
      const changed = await saveDigestChoice(digestChoiceDeps(context), teamId, userId, choice);
      await ack({
        response_action: 'update',
        view: noticeModal('Weekly digest', digestSaved(choice, changed)),
      });
    },
  );
}
