// /mentor offer and /mentor find: open the modal, check what comes back, store it, confirm, then match.
import type { AckFn, App, ViewResponseAction, ViewSubmitAction } from '@slack/bolt';
import {
  parseFindForm,
  parseOfferForm,
  SIGNUP_FIELDS,
  type SignupForm,
  type SignupKind,
  type SubmittedValues,
} from '../../domain/signup-form';
import { afterSignup } from '../../use-cases/after-signup';
import { publishHome } from '../../use-cases/publish-home';
import { loadSignupForm } from '../../use-cases/load-signup-form';
import { offerMentoring } from '../../use-cases/offer-mentoring';
import { requestMentoring } from '../../use-cases/request-mentoring';
import type { AppContext } from '../../composition/app-context';
import type { SlackMessage } from '../../ports/messenger';
import { APOLOGY } from '../slack-app';
import { errorSummary } from '../../errors';
import {
  FIND_CALLBACK_ID,
  OFFER_CALLBACK_ID,
  offerConfirmation,
  requestConfirmation,
  signupModal,
} from '../../views/signup-modals';
import type { SubcommandHandler } from './subcommand';

const OPEN_FAILED =
  "Sorry, I couldn't open the form in time. Please try the command again; if it keeps failing, tell your programme admin.";

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
    const state = await loadSignupForm(context.repos, kind, teamId, userId);
    await context.messenger.openModal(command.trigger_id, signupModal(state));
  } catch (error) {
    context.logger.warn(
      { component: 'signup', kind, teamId, err: errorSummary(error) },
      'could not open modal',
    );
    await respond({ response_type: 'ephemeral', text: OPEN_FAILED });
  }
}

export function registerOfferFindListeners(app: App, context: AppContext): void {
  app.view<ViewSubmitAction>(
    { callback_id: OFFER_CALLBACK_ID, type: 'view_submission' },
    async ({ ack, body, view }) => {
      await submitSignup('offer', context, ack, teamOf(body), body.user.id, view.state.values);
    },
  );
  app.view<ViewSubmitAction>(
    { callback_id: FIND_CALLBACK_ID, type: 'view_submission' },
    async ({ ack, body, view }) => {
      await submitSignup('find', context, ack, teamOf(body), body.user.id, view.state.values);
    },
  );
}

function teamOf(body: { team: { id: string } | null; user: { team_id?: string } }): string {
  return body.team?.id ?? body.user.team_id ?? '';
}

async function submitSignup(
  kind: SignupKind,
  context: AppContext,
  ack: AckFn<ViewResponseAction>,
  teamId: string,
  userId: string,
  values: SubmittedValues,
): Promise<void> {
  const { logger } = context;
  let form: SignupForm;
  try {
    const catalogue = await context.repos.topics.listCatalogue(teamId);
    const formContext = { userId, catalogueTopicIds: new Set(catalogue.map((topic) => topic.id)) };
    const parsed =
      kind === 'offer' ? parseOfferForm(values, formContext) : parseFindForm(values, formContext);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors as Record<string, string> });
      return;
    }
    form = parsed.form;
  } catch (error) {
    logger.error({ component: 'signup', kind, teamId, err: errorSummary(error) }, 'could not check the form');
    await ack({ response_action: 'errors', errors: { [SIGNUP_FIELDS.topics]: APOLOGY } });
    return;
  }
  // Close the modal now: users.info and the save may take longer than Slack waits for an answer.
  await ack();

  let confirmation: SlackMessage;
  try {
    confirmation = await saveSignup(context, teamId, userId, form);
  } catch (error) {
    logger.error({ component: 'signup', kind, teamId, err: errorSummary(error) }, 'could not save signup');
    await context.messenger
      .sendDirectMessage(userId, {
        text: `${APOLOGY} Your ${kind === 'offer' ? 'offer' : 'request'} was not saved.`,
      })
      .catch((dmError: unknown) =>
        logger.warn({ component: 'signup', teamId, err: errorSummary(dmError) }, 'could not send apology'),
      );
    return;
  }
  logger.info({ component: 'signup', kind, teamId }, 'signup saved');

  await context.messenger
    .sendDirectMessage(userId, confirmation)
    .catch((error: unknown) =>
      logger.warn(
        { component: 'signup', kind, teamId, err: errorSummary(error) },
        'could not confirm signup',
      ),
    );
  try {
    await afterSignup(context, teamId);
  } catch (error) {
    logger.error({ component: 'signup', kind, teamId, err: errorSummary(error) }, 'after-signup work failed');
  }
  // After matching, so the Home tab shows a proposal made by this very submission.
  await publishHome(context, teamId, userId);
}

async function saveSignup(
  context: AppContext,
  teamId: string,
  userId: string,
  form: SignupForm,
): Promise<SlackMessage> {
  const deps = { ...context.repos, messenger: context.messenger, clock: context.clock };
  if (form.kind === 'offer') return offerConfirmation(await offerMentoring(deps, teamId, userId, form), form);
  return requestConfirmation(await requestMentoring(deps, teamId, userId, form), form);
}
