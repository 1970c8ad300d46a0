// The pairing journey's messages, one builder per step. Private steps address one person in their DM; 'pair'
// steps speak to both in their group DM. No builder names who answered what: answers are private.
import type {
  JourneyMessageKey,
  JourneySettings,
  JourneyStep,
  PairJourneyFacts,
} from '../domain/pairing-journey';
import type { SlackMessage } from '../ports/messenger';
import { goalsInvite, goalsReminder, midpointGoals } from './journey-goals-views';
import { fitCheckMessage, fitEndedMessage, mentorVoiceMessage } from './journey-fit-check-views';
import {
  closeSurveyMessage,
  closingMessage,
  followUpMessage,
  termChoiceMessage,
  termExtendedMessage,
} from './journey-term-views';

/** Slack message metadata naming a journey message, so a crashed run can find what it posted. */
export const JOURNEY_EVENT_TYPE = 'mentor_circles_journey';

export interface JourneyMessageContext {
  key: JourneyMessageKey;
  facts: PairJourneyFacts;
  settings: JourneySettings;
  programmeName: string;
  /** Null once that person has left. */
  mentorName: string | null;
  menteeName: string | null;
  sharedTopics: readonly string[];
  now: Date;
}

type Builder = (context: JourneyMessageContext) => SlackMessage;

const BUILDERS: { readonly [S in JourneyStep]: Builder } = {
  'goals-invite': goalsInvite,
  'goals-reminder': goalsReminder,
  'midpoint-goals': midpointGoals,
  'fit-check': fitCheckMessage,
  'fit-ended': fitEndedMessage,
  'mentor-voice': mentorVoiceMessage,
  'term-choice': termChoiceMessage,
  'term-extended': termExtendedMessage,
  closing: closingMessage,
  'close-survey': closeSurveyMessage,
  'follow-up': followUpMessage,
};

export function journeyMessage(context: JourneyMessageContext): SlackMessage {
  return BUILDERS[context.key.step](context);
}
