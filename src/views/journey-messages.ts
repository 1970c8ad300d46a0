// The pairing journey's messages, one builder per step. Private steps address one person in their DM; 'pair'
// steps speak to both in their group DM. No builder names who answered what: answers are private.
import type { KnownBlock } from '@slack/types';
import type {
  JourneyMessageKey,
  JourneySettings,
  JourneyStep,
  PairJourneyFacts,
} from '../domain/pairing-journey';
import type { SlackMessage } from '../ports/messenger';
import { section } from './blocks';
import { JOURNEY_ACTIONS } from './journey-ids';
import {
  closeSurveyMessage,
  closingMessage,
  followUpMessage,
  termChoiceMessage,
  termExtendedMessage,
} from './journey-term-views';
import { escapeMrkdwn } from './text';

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

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function button(text: string, actionId: string, value: string, style?: 'primary'): KnownBlock {
  return {
    type: 'actions',
    elements: [
      { type: 'button', text: plain(text), action_id: actionId, value, ...(style ? { style } : {}) },
    ],
  };
}

function goalsInvite(c: JourneyMessageContext): SlackMessage {
  const mentor = escapeMrkdwn(c.mentorName ?? 'your mentor');
  const text =
    `What would you like to get out of your pairing with ${mentor}? Set one to three goals — ` +
    'the goals (not how confident you feel) are shared with your mentor so they know what to aim at.';
  return {
    text,
    blocks: [
      section(text),
      button('Set my goals', JOURNEY_ACTIONS.openGoals, String(c.facts.pairId), 'primary'),
    ],
  };
}

const BUILDERS: { readonly [S in JourneyStep]: Builder } = {
  'goals-invite': goalsInvite,
  'term-choice': termChoiceMessage,
  'term-extended': termExtendedMessage,
  closing: closingMessage,
  'close-survey': closeSurveyMessage,
  'follow-up': followUpMessage,
};

export function journeyMessage(context: JourneyMessageContext): SlackMessage {
  return BUILDERS[context.key.step](context);
}
