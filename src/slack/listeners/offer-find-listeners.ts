// /mentor offer and /mentor find: open the modal; its submission is checked, stored, confirmed and matched.
import type { App, ViewSubmitAction } from '@slack/bolt';
import type { AppContext } from '../../composition/app-context';
import { signupFormDeps, submitSignupDeps } from '../../composition/use-case-deps';
import type { SignupKind } from '../../domain/signup-form';
import { errorSummary } from '../../errors';
import { loadSignupForm } from '../../use-cases/load-signup-form';
import { submitSignup } from '../../use-cases/submit-signup';
import {
  FIND_CALLBACK_ID,
  OFFER_CALLBACK_ID,
  SIGNUP_OPEN_FAILED,
  signupCheckFailedErrors,
  signupModal,
} from '../../views/signup-modals';
import type { SubcommandHandler } from './subcommand';
import { teamIdOf } from './team-id';

export const handleOffer: SubcommandHandler = (args) => openSignupModal('offer', args);
export const handleFind: SubcommandHandler = (args) => openSignupModal('find', args);

async function openSignupModal(
  kind: SignupKind,
  { command, ack, respond, context }: Parameters<SubcommandHandler>[0],
) {
  await ack();
  const teamId = command.team_id;
  const userId = command.user_id;
  try {
    // Reading the form is a few local queries; the trigger id is good for 3 seconds from the command.
    const state = await loadSignupForm(signupFormDeps(context), kind, teamId, userId);
    await context.messenger.openModal(command.trigger_id, signupModal(state));
  } catch (error) {
    context.logger.warn(
      { component: 'signup', kind, teamId, err: errorSummary(error) },
      'could not open modal',
    );
    await respond({ response_type: 'ephemeral', text: SIGNUP_OPEN_FAILED });
  }
}

export function registerOfferFindListeners(app: App, context: AppContext): void {
  const submission = (kind: SignupKind, callbackId: string) =>
    app.view<ViewSubmitAction>(
      { callback_id: callbackId, type: 'view_submission' },
      async ({ ack, body, view }) => {
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
      },
    );
  submission('offer', OFFER_CALLBACK_ID);
  submission('find', FIND_CALLBACK_ID);
}
