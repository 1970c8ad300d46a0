// Every Slack entry point of the app, registered in one place. Buttons and modal submissions go through the
// listener routes (one Bolt listener each, found by id), commands and events straight to Bolt.
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
import { createListenerRoutes } from './listener-routes';
import { registerSelfServiceSubmissions } from './self-service-submissions';

export function registerListeners(app: App, context: AppContext): void {
  const routes = createListenerRoutes(app);
  registerCommands(app, context);
  registerMatchingListeners(routes, context);
  registerOfferFindListeners(routes, context);
  registerMemberEventListeners(routes, context);
  registerHomeListeners(routes, context);
  registerAdminListeners(routes, context);
  registerInvitationListeners(routes, context);
  registerAdminTopicsListeners(routes, context);
  registerAdminPromptsListeners(routes, context);
  registerPairHealthListeners(routes, context);
  registerAdminDigestListeners(routes, context);
  registerAdminOrganisationListeners(routes, context);
  registerAdminCohortsListeners(routes, context);
  registerSelfServiceSubmissions(routes, context);
  registerPromptListeners(routes, context);
  registerJourneyGoalsListeners(routes, context);
  registerJourneyFitCheckListeners(routes, context);
  registerJourneyTermListeners(routes, context);
}
