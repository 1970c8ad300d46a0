// The launch invitation, for programme admins: the Home button opens a modal to pick a channel, and its
// submission posts the invitation there (the invitation's own buttons are in offer-find-listeners.ts). Both go
// through the admin guard.
import type { AppContext } from '../../composition/app-context';
import { postInvitationDeps, settingsReader } from '../../composition/use-case-deps';
import { invitationHistory, postInvitation } from '../../use-cases/post-invitation';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from '../../views/admin-ids';
import { invitationModal, invitationPosted, invitationProblemText } from '../../views/invitation-views';
import { noticeModal } from '../../views/self-service-modals';
import { openAdminModal, registerAdminButton, registerAdminSubmission } from './admin-guard';
import type { ListenerRoutes } from './listener-routes';

const CHANNEL = ADMIN_FIELDS.invitationChannel;

export function registerInvitationListeners(routes: ListenerRoutes, context: AppContext): void {
  registerAdminButton(routes, context, ADMIN_ACTIONS.invitation, async (click) => {
    const history = await invitationHistory(postInvitationDeps(context), click.teamId);
    const { programmeName } = await settingsReader(context)(click.teamId);
    await openAdminModal(context, click, invitationModal({ programmeName, history }));
  });

  registerAdminSubmission(
    routes,
    context,
    ADMIN_CALLBACKS.invitation,
    async ({ ack, teamId, userId, values }) => {
      const channelId = values[CHANNEL]?.[CHANNEL]?.selected_conversation;
      if (typeof channelId !== 'string' || !/^[CG][A-Z0-9]{2,20}$/.test(channelId)) {
        await ack({ response_action: 'errors', errors: { [CHANNEL]: 'Choose a channel to post in.' } });
        return;
      }
      // Posted before answering Slack: a channel that refuses the post is explained under the field.
      const result = await postInvitation(postInvitationDeps(context), {
        teamId,
        actorId: userId,
        channelId,
      });
      if (result.kind === 'refused') {
        await ack({
          response_action: 'errors',
          errors: { [CHANNEL]: invitationProblemText(result.problem) },
        });
        return;
      }
      await ack({
        response_action: 'update',
        view: noticeModal('Invitation posted', invitationPosted(result.channelId, result.history)),
      });
    },
  );
}
