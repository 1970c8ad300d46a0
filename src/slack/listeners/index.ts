// Every Slack entry point of the app, registered in one place.
import type { App } from '@slack/bolt';
import type { AppContext } from '../../composition/app-context';
import { registerAdminListeners } from './admin-listeners';
import { registerAdminTopicsListeners } from './admin-topics-listeners';
import { registerAdminPromptsListeners } from './admin-prompts-listeners';
import { registerAdminDigestListeners } from './admin-digest-listeners';
import { registerPairHealthListeners } from './admin-pair-health-listeners';
import { registerAdminOrganisationListeners } from './admin-organisation-listeners';
import { registerAdminCohortsListeners } from './admin-cohorts-listeners';
import { registerCommands } from './commands';
import { registerMatchingListeners } from './matching-listeners';
import { registerMemberEventListeners } from './member-events';
import { registerOfferFindListeners } from './offer-find-listeners';
import { registerPromptListeners } from './prompt-listeners';
import { registerHomeListeners } from './home-listeners';
import { registerInvitationListeners } from './invitation-listeners';
import { registerJourneyGoalsListeners } from './journey-goals-listeners';
import { registerJourneyFitCheckListeners } from './journey-fit-check-listeners';
import { registerJourneyTermListeners } from './journey-term-listeners';
import { registerSelfServiceSubmissions } from './self-service-submissions';

export function registerListeners(app: App, context: AppContext): void {
  registerCommands(app, context);
  registerMatchingListeners(app, context);
  registerOfferFindListeners(app, context);
  registerMemberEventListeners(app, context);
  registerHomeListeners(app, context);
  registerAdminListeners(app, context);
  registerInvitationListeners(app, context);
  registerAdminTopicsListeners(app, context);
  registerAdminPromptsListeners(app, context);
  registerPairHealthListeners(app, context);
  registerAdminDigestListeners(app, context);
  registerAdminOrganisationListeners(app, context);
  registerAdminCohortsListeners(app, context);
  registerSelfServiceSubmissions(app, context);
  registerPromptListeners(app, context);
  registerJourneyGoalsListeners(app, context);
  registerJourneyFitCheckListeners(app, context);
  registerJourneyTermListeners(app, context);
}
