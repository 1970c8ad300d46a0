// A submitted offer or find modal: check it against the workspace's catalogue, store it, confirm by DM, match
// the workspace at once (a new offer or request may complete a pair), then redraw the person's Home tab.
// Matching and the redraw run in the background: in a burst of sign-ups they wait for a shared matching run,
// and holding each request (its payload, its response) open that long would pile up memory for nothing.
import { errorSummary } from '../errors';
import { levelNameOf, type Organisation } from '../domain/organisation';
import type { Logger } from '../logger';
import {
  parseFindForm,
  parseOfferForm,
  type SignupForm,
  type SignupKind,
  type SubmittedValues,
} from '../domain/signup-form';
import type { Messenger, SlackMessage } from '../ports/messenger';
import type { OrganisationRepository } from '../storage/organisation-repository';
import type { TopicsRepository } from '../storage/topics-repository';
import { offerConfirmation, requestConfirmation, signupNotSavedMessage } from '../views/signup-modals';
import { withCohortNote } from '../views/cohort-messages';
import { offerMentoring, type OfferMentoringDeps } from './offer-mentoring';
import type { SettingsFor } from './programme-settings';
import { requestMentoring, type RequestMentoringDeps } from './request-mentoring';

export interface SubmitSignupDeps extends OfferMentoringDeps, RequestMentoringDeps {
  topics: Pick<TopicsRepository, 'listVisible'>;
  organisation: Pick<OrganisationRepository, 'load'>;
  messenger: Pick<Messenger, 'fetchProfile' | 'sendDirectMessage'>;
  logger: Logger;
  settingsFor: SettingsFor;
  /** Runs the matcher for the workspace; may throw. */
  rematch(teamId: string): Promise<void>;
  /** Republishes a person's Home tab; never throws. */
  refreshHome(teamId: string, userId: string): Promise<void>;
  /** Runs work after this request without holding it open; a shutdown waits for it. `work` never throws. */
  inBackground(work: () => Promise<void>): void;
}

export interface SignupSubmission {
  kind: SignupKind;
  teamId: string;
  userId: string;
  values: SubmittedValues;
}

export type SignupOutcome =
  /** The form has mistakes: nothing was stored, the modal shows them. */
  | { kind: 'invalid'; errors: Record<string, string> }
  /** The form could not be checked (the catalogue could not be read): nothing was stored. */
  | { kind: 'check-failed' }
  /** The form was fine but could not be stored: the person was sent an apology. */
  | { kind: 'not-saved' }
  | { kind: 'saved' };

export async function submitSignup(
  deps: SubmitSignupDeps,
  submission: SignupSubmission,
  /** Called once the form is known to be good, before the slow work: the place to close the modal. */
  onValid: () => Promise<void>,
): Promise<SignupOutcome> {
  const { kind, teamId, userId } = submission;
  // The closures below take only what they need, not all of deps: many sign-ups may wait at once for the same
  // matching run, each holding what its closures reach.
  const { rematch, refreshHome, logger } = deps;
  let form: SignupForm;
  let organisation: Organisation;
  try {
    // Retired topics count: someone who had one keeps it when they save their form again.
    const catalogue = await deps.topics.listVisible(teamId);
    const { membersAddTopics } = await deps.settingsFor(teamId);
    organisation = await deps.organisation.load(teamId);
    const formContext = {
      userId,
      catalogueTopicIds: new Set(catalogue.map((topic) => topic.id)),
      customTopicsAllowed: membersAddTopics,
      organisation,
    };
    const parsed =
      kind === 'offer'
        ? parseOfferForm(submission.values, formContext)
        : parseFindForm(submission.values, formContext);
    if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors as Record<string, string> };
    form = parsed.form;
  } catch (error) {
    deps.logger.error({ kind, teamId, err: errorSummary(error) }, 'could not check the form');
    return { kind: 'check-failed' };
  }
  await onValid();

  let confirmation: SlackMessage;
  try {
    confirmation = await saveSignup(deps, teamId, userId, form, levelNameOf(organisation, form.level));
  } catch (error) {
    deps.logger.error({ kind, teamId, err: errorSummary(error) }, 'could not save signup');
    await deps.messenger
      .sendDirectMessage(userId, signupNotSavedMessage(kind))
      .catch((dmError: unknown) =>
        logger.warn({ teamId, err: errorSummary(dmError) }, 'could not send apology'),
      );
    return { kind: 'not-saved' };
  }
  deps.logger.info({ kind, teamId }, 'signup saved');

  await deps.messenger
    .sendDirectMessage(userId, confirmation)
    .catch((error: unknown) =>
      logger.warn({ kind, teamId, err: errorSummary(error) }, 'could not confirm signup'),
    );
  deps.inBackground(async () => {
    try {
      await rematch(teamId);
    } catch (error) {
      logger.error({ kind, teamId, err: errorSummary(error) }, 'after-signup work failed');
    }
    // After matching, so the Home tab shows a proposal made by this very submission.
    await refreshHome(teamId, userId);
  });
  return { kind: 'saved' };
}

async function saveSignup(
  deps: SubmitSignupDeps,
  teamId: string,
  userId: string,
  form: SignupForm,
  levelName: string,
): Promise<SlackMessage> {
  if (form.kind === 'offer') {
    const saved = await offerMentoring(deps, teamId, userId, form);
    return withCohortNote(offerConfirmation(saved, form, levelName), saved.joinedCohort);
  }
  const saved = await requestMentoring(deps, teamId, userId, form);
  return withCohortNote(requestConfirmation(saved, form, levelName), saved.joinedCohort);
}
