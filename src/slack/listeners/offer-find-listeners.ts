// /mentor offer and /mentor find, and the buttons of a posted invitation: open the modal; its submission is
// checked, stored, confirmed and matched.
import type { AppContext } from '../../composition/app-context';
import { signupFormDeps, submitSignupDeps } from '../../composition/use-case-deps';
import type { SignupKind } from '../../domain/signup-form';
import { errorSummary } from '../../errors';
import { loadSignupForm } from '../../use-cases/load-signup-form';
import { submitSignup } from '../../use-cases/submit-signup';
import { INVITATION_ACTIONS, INVITATION_FORM_NOT_OPENED } from '../../views/invitation-views';
import {
  FIND_CALLBACK_ID,
  OFFER_CALLBACK_ID,
  SIGNUP_OPEN_FAILED,
  signupCheckFailedErrors,
  signupModal,
} from '../../views/signup-modals';
import type { ListenerRoutes } from './listener-routes';
import { replyPrivately } from './private-reply';
import type { SubcommandHandler } from './subcommand';
import { teamIdOf } from './team-id';

export const handleOffer: SubcommandHandler = (args) => openSignupModal('offer', args);
export const handleFind: SubcommandHandler = (args) => openSignupModal('find', args);

async function openSignupModal(
  kind: SignupKind,
  { command, ack, respond, context }: Parameters<SubcommandHandler>[0],
) {
  await ack();
  await openSignupForm(
    context,
    kind,
    { teamId: command.team_id, userId: command.user_id, triggerId: command.trigger_id },
    () => respond({ response_type: 'ephemeral', text: SIGNUP_OPEN_FAILED }),
  );
}

/** Opens the offer or find form for this person; `onFailure` answers them when it cannot be opened. */
export async function openSignupForm(
  context: AppContext,
  kind: SignupKind,
  who: { teamId: string; userId: string; triggerId: string },
  onFailure: () => Promise<unknown>,
): Promise<void> {
  try {
    // Reading the form is a few local queries; the trigger id is good for 3 seconds from the command.
    const state = await loadSignupForm(signupFormDeps(context), kind, who.teamId, who.userId);
    await context.messenger.openModal(who.triggerId, signupModal(state));
  } catch (error) {
    context.logger.warn(
      { component: 'signup', kind, teamId: who.teamId, err: errorSummary(error) },
      'could not open modal',
    );
    await onFailure();
  }
}

export function registerOfferFindListeners(routes: ListenerRoutes, context: AppContext): void {
  const submission = (kind: SignupKind, callbackId: string) =>
    routes.submission(callbackId, async ({ ack, body, view }) => {
      const outcome = await submitSignup(
        submitSignupDeps(context),
        { kind, teamId: teamIdOf(body), userId: body.user.id, values: view.state.values },
        // Closes the modal once the form is good: users.info and the save may outlast what Slack waits.
        () => ack(),
      );
      if (outcome.kind === 'invalid') await ack({ response_action: 'errors', errors: outcome.errors });
      if (outcome.kind === 'check-failed') {
        await ack({ response_action: 'errors', errors: signupCheckFailedErrors() });
      }
    });
  submission('offer', OFFER_CALLBACK_ID);
  submission('find', FIND_CALLBACK_ID);

  // The buttons of a posted invitation: anyone in the workspace may click them, so they are not admin actions.
  const invitationButton = (kind: SignupKind, actionId: string) =>
    routes.button(actionId, async ({ ack, body, respond }) => {
      await ack();
      await openSignupForm(
        context,
        kind,
        { teamId: teamIdOf(body), userId: body.user.id, triggerId: body.trigger_id },
        () => replyPrivately(respond, INVITATION_FORM_NOT_OPENED),
      );
    });
  invitationButton('offer', INVITATION_ACTIONS.offer);
  invitationButton('find', INVITATION_ACTIONS.find);
}
