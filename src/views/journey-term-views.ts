// What people see of a pairing's term and close: the private choice to extend or wrap up, the word in the group
// DM when both extended, the closing question, the private close survey (and its form), the follow-ups on the
// senior's commitment, and the answers to their clicks. Nobody is ever told what their partner chose or answered;
// the commitment is shown only to the person who wrote it, and only when they ask.
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import {
  MAX_COMMITMENT_LENGTH,
  MAX_USEFULNESS,
  MIN_USEFULNESS,
  termChoiceDeadline,
  type CloseSurveyField,
  type CloseSurveyRefusal,
  type FollowUpReply,
  type TermChoiceReply,
} from '../domain/journey-term';
import type { FollowUpAnswer } from '../domain/pairing-journey';
import type { SlackMessage } from '../ports/messenger';
import { section } from './blocks';
import { INVITATION_ACTIONS } from './invitation-views';
import { JOURNEY_ACTIONS, JOURNEY_CALLBACKS, JOURNEY_FIELDS } from './journey-ids';
import type { JourneyMessageContext } from './journey-messages';
import { slackDate } from './status-view';
import { escapeMrkdwn } from './text';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });

type Button = { text: string; actionId: string; value?: string; style?: 'primary' };

function buttons(blockId: string, list: readonly Button[]): KnownBlock {
  return {
    type: 'actions',
    block_id: blockId,
    elements: list.map((b) => ({
      type: 'button' as const,
      text: plain(b.text),
      action_id: b.actionId,
      ...(b.value === undefined ? {} : { value: b.value }),
      ...(b.style === undefined ? {} : { style: b.style }),
    })),
  };
}

function partnerOf(c: JourneyMessageContext): string {
  const name = c.key.role === 'mentor' ? c.menteeName : c.mentorName;
  return escapeMrkdwn(name ?? 'your partner');
}

const weeks = (count: number) => `${count} week${count === 1 ? '' : 's'}`;

// ---------------------------------------------------------------------------------------------------------
// Journey messages

export function termChoiceMessage(c: JourneyMessageContext): SlackMessage {
  const value = `${c.facts.pairId}:${c.key.round}`;
  const text =
    `Your pairing with ${partnerOf(c)} reaches the end of its term on ${slackDate(c.facts.termEndsAt)}. ` +
    `Would you like to carry on for another ${weeks(c.settings.extensionWeeks)}, or wrap up?`;
  const how =
    'Your choice is private: your partner never sees it. If you both choose to extend, the pairing carries on; ' +
    `otherwise it wraps up at the end of its term. Please choose by ${slackDate(termChoiceDeadline(c.now))}.`;
  return {
    text,
    blocks: [
      section(text),
      section(how),
      buttons('journey_term_choice', [
        { text: 'Extend', actionId: JOURNEY_ACTIONS.termExtend, value, style: 'primary' },
        { text: 'Wrap up', actionId: JOURNEY_ACTIONS.termWrapUp, value },
      ]),
    ],
  };
}

export function termExtendedMessage(c: JourneyMessageContext): SlackMessage {
  const text =
    `You both chose to carry on — your pairing now runs until ${slackDate(c.facts.termEndsAt)}. ` +
    'Enjoy the extra weeks!';
  return { text, blocks: [section(text)] };
}

export const CLOSING_QUESTION =
  'What is one thing you learned from each other that you did not expect — and what will each of you keep doing?';

export function closingMessage(_c: JourneyMessageContext): SlackMessage {
  const text =
    'Your pairing has reached the end of its term. Thank you both for the time and candour you gave it. ' +
    `One last question to talk over together: *${CLOSING_QUESTION}*`;
  return { text, blocks: [section(text)] };
}

export function closeSurveyMessage(c: JourneyMessageContext): SlackMessage {
  const pairId = String(c.facts.pairId);
  const text =
    `Your pairing with ${partnerOf(c)} has wrapped up. How was it? A short survey, two minutes at most: ` +
    'your answers reach the programme team only as totals, and your partner never sees them.';
  const survey: Button[] = [
    {
      text: 'Answer the close survey',
      actionId: JOURNEY_ACTIONS.openCloseSurvey,
      value: pairId,
      style: 'primary',
    },
  ];
  if (c.key.role === 'mentee' && c.facts.goalCount > 0)
    survey.push({ text: 'Re-rate my goals', actionId: JOURNEY_ACTIONS.rateGoals, value: `${pairId}:close` });
  return {
    text,
    blocks: [
      section(text),
      buttons('journey_close_survey', survey),
      section(
        '*Take part again?* Your place is free: teach something, or learn something new, with someone else.',
      ),
      buttons('journey_take_part_again', [
        { text: 'I can teach', actionId: INVITATION_ACTIONS.offer },
        { text: 'I want to learn', actionId: INVITATION_ACTIONS.find },
      ]),
    ],
  };
}

export function followUpMessage(c: JourneyMessageContext): SlackMessage {
  const value = `${c.facts.pairId}:${c.key.round}`;
  const text =
    `When your pairing with ${partnerOf(c)} wrapped up, you wrote down one thing you would do differently. ` +
    'Did you do it?';
  return {
    text,
    blocks: [
      section(text),
      buttons('journey_follow_up', [
        { text: 'Yes', actionId: JOURNEY_ACTIONS.followUpYes, value },
        { text: 'Partly', actionId: JOURNEY_ACTIONS.followUpPartly, value },
        { text: 'Not yet', actionId: JOURNEY_ACTIONS.followUpNotYet, value },
        {
          text: 'Show what I wrote',
          actionId: JOURNEY_ACTIONS.showCommitment,
          value: String(c.facts.pairId),
        },
      ]),
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Answers to clicks

export const NOT_YOUR_PAIRING = 'This button belongs to someone else’s pairing, so nothing was changed.';

/** What the clicker reads after a term choice (the message is replaced with it when the choice was stored). */
export function termChoiceReplyText(reply: TermChoiceReply): string {
  switch (reply.kind) {
    case 'not_in_pair':
      return NOT_YOUR_PAIRING;
    case 'ended':
      return 'This pairing has already ended, so there is nothing left to choose.';
    case 'stale':
      return `This choice was already settled: your pairing runs until ${slackDate(reply.termEndsAt)}.`;
    case 'too_late':
      return `The time to choose has passed, so your pairing wraps up on ${slackDate(reply.wrapsUpAt)}.`;
    case 'already_chosen':
      return `You already chose to ${reply.choice === 'extend' ? 'extend' : 'wrap up'}; that choice stands.`;
    case 'chosen':
      if (reply.extended)
        return `You both chose to extend: your pairing now runs until ${slackDate(reply.termEndsAt)}.`;
      return reply.choice === 'extend'
        ? `You chose to extend. If your partner chooses to extend too, the pairing carries on for another ${weeks(reply.extensionWeeks)}; otherwise it wraps up on ${slackDate(reply.termEndsAt)}.`
        : `You chose to wrap up. The pairing wraps up on ${slackDate(reply.termEndsAt)}; your partner is not told who chose what.`;
  }
}

export function termChoiceAnswered(reply: TermChoiceReply): SlackMessage {
  const text = termChoiceReplyText(reply);
  return { text, blocks: [section(text)] };
}

export function closeSurveyRefusalText(refusal: CloseSurveyRefusal): string {
  switch (refusal) {
    case 'not_in_pair':
      return NOT_YOUR_PAIRING;
    case 'not_closed':
      return 'This survey is for a pairing that has wrapped up, and this one has not.';
    case 'answered':
      return 'You already answered the close survey for this pairing. Thank you!';
  }
}

export const CLOSE_SURVEY_THANKS =
  'Thank you! Your answers help the programme team make the next pairings better.';

/** Which form field shows each survey error. */
export const CLOSE_SURVEY_BLOCKS: Record<CloseSurveyField, string> = {
  usefulness: JOURNEY_FIELDS.closeUsefulness,
  recommend: JOURNEY_FIELDS.closeRecommend,
  commitment: JOURNEY_FIELDS.closeCommitment,
};

const USEFULNESS_LABELS: Record<number, string> = {
  1: '1 – Not useful',
  2: '2',
  3: '3',
  4: '4',
  5: '5 – Very useful',
};

/** The close survey form; the senior (the mentee) may also write one thing they will do differently. */
export function closeSurveyModal(input: { pairId: number; asksCommitment: boolean }): ModalView {
  const usefulness: PlainTextOption[] = [];
  for (let n = MIN_USEFULNESS; n <= MAX_USEFULNESS; n += 1)
    usefulness.push(option(USEFULNESS_LABELS[n] ?? String(n), String(n)));
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: JOURNEY_FIELDS.closeUsefulness,
      label: plain('How useful was the pairing for you?'),
      element: { type: 'radio_buttons', action_id: JOURNEY_FIELDS.closeUsefulness, options: usefulness },
    },
    {
      type: 'input',
      block_id: JOURNEY_FIELDS.closeRecommend,
      label: plain('Would you recommend reverse mentoring to a colleague?'),
      element: {
        type: 'radio_buttons',
        action_id: JOURNEY_FIELDS.closeRecommend,
        options: [option('Yes', 'yes'), option('No', 'no')],
      },
    },
  ];
  if (input.asksCommitment)
    blocks.push({
      type: 'input',
      block_id: JOURNEY_FIELDS.closeCommitment,
      optional: true,
      label: plain('One concrete thing you will do differently'),
      hint: plain(
        `Optional, up to ${MAX_COMMITMENT_LENGTH} characters. Private: only you ever see it. We will ask in 30 and 60 days whether you did it.`,
      ),
      element: {
        type: 'plain_text_input',
        action_id: JOURNEY_FIELDS.closeCommitment,
        max_length: MAX_COMMITMENT_LENGTH,
      },
    });
  return {
    type: 'modal',
    callback_id: JOURNEY_CALLBACKS.closeSurvey,
    private_metadata: String(input.pairId),
    title: plain('Close survey'),
    submit: plain('Send'),
    close: plain('Cancel'),
    blocks,
  };
}

const FOLLOW_UP_WORDS: Record<FollowUpAnswer, string> = {
  yes: 'yes',
  partly: 'partly',
  not_yet: 'not yet',
};

export function followUpReplyText(reply: FollowUpReply): string {
  switch (reply.kind) {
    case 'not_yours':
      return 'This question is for someone else, so nothing was changed.';
    case 'already':
      return `You already answered “${FOLLOW_UP_WORDS[reply.answer]}”; that answer stands.`;
    case 'stored':
      return reply.answer === 'not_yet'
        ? 'Thanks for saying so — “not yet” is an honest answer, and there is still time.'
        : `Thank you — you answered “${FOLLOW_UP_WORDS[reply.answer]}”.`;
  }
}

export function followUpAnswered(reply: FollowUpReply): SlackMessage {
  const text = followUpReplyText(reply);
  return { text, blocks: [section(text)] };
}

/** The commitment, shown back to its author alone (as an ephemeral reply). */
export function commitmentText(text: string | null): string {
  return text === null
    ? 'There is no commitment of yours to show for this pairing.'
    : `You wrote: “${escapeMrkdwn(text)}”`;
}
