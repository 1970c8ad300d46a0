// The weekly question in a pair's group DM, the mid-week reminder in its thread, and the question asked
// after several quiet weeks. Buttons carry the delivery (or pair) id as their value.
import type { KnownBlock } from '@slack/types';
import type { MessageMetadata, SlackMessage } from '../ports/messenger';
import { escapeMrkdwn, mention, truncate } from './text';

export const PROMPT_ACTIONS = {
  discussed: 'prompt_discussed',
  skipped: 'prompt_skipped',
  pause: 'pair_inactive_pause',
  keepGoing: 'pair_inactive_keep_going',
  resume: 'pair_inactive_resume',
} as const;

/** Slack message metadata naming the delivery, so a restart can find a prompt that was posted but not recorded. */
export const PROMPT_EVENT_TYPE = 'mentor_prompt';

export function promptMetadata(deliveryId: number): MessageMetadata {
  return { event_type: PROMPT_EVENT_TYPE, event_payload: { delivery_id: deliveryId } };
}

// The section holds the heading and the quoted question within Slack's 3000 characters.
const QUESTION_MAX = 2900;

function quoted(raw: string): string {
  return escapeMrkdwn(raw).replace(/\n/g, '\n>');
}

// Escaping lengthens the text (& becomes &amp;), so the cut is made on the raw text until the quoted form fits.
function quotedWithin(raw: string, max: number): string {
  let cut = raw;
  while (quoted(cut).length > max) cut = truncate(cut, cut.length - Math.max(1, quoted(cut).length - max));
  return quoted(cut);
}

export function promptMessage(view: { deliveryId: number; question: string }): SlackMessage {
  const question = quotedWithin(view.question.trim(), QUESTION_MAX);
  const value = String(view.deliveryId);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `:speech_balloon: *This week's question*\n>${question}` },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'You can both answer in this thread, and bring it to your next meeting. Only the fact that you answered is recorded, never what you write.',
        },
      ],
    },
    {
      type: 'actions',
      block_id: 'prompt_actions',
      elements: [
        {
          type: 'button',
          action_id: PROMPT_ACTIONS.discussed,
          text: { type: 'plain_text', text: 'We discussed it' },
          style: 'primary',
          value,
        },
        {
          type: 'button',
          action_id: PROMPT_ACTIONS.skipped,
          text: { type: 'plain_text', text: 'Skip this week' },
          value,
        },
      ],
    },
  ];
  return { text: `This week's question: ${truncate(view.question.trim(), QUESTION_MAX)}`, blocks };
}

export function nudgeMessage(): SlackMessage {
  const text =
    ':wave: A gentle reminder: this week’s question is still open. A line or two here is plenty — or save it for your next meeting and press *We discussed it*.';
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function inactivityQuestion(view: { pairId: number; unanswered: number }): SlackMessage {
  const value = String(view.pairId);
  const text = `The last ${view.unanswered} questions went unanswered — that's fine, busy weeks happen. Would you like to pause the weekly questions for a while, or keep going?`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:hourglass_flowing_sand: ${text}` } },
      {
        type: 'actions',
        block_id: 'pair_inactivity_actions',
        elements: [
          {
            type: 'button',
            action_id: PROMPT_ACTIONS.pause,
            text: { type: 'plain_text', text: 'Pause' },
            value,
          },
          {
            type: 'button',
            action_id: PROMPT_ACTIONS.keepGoing,
            text: { type: 'plain_text', text: 'Keep going' },
            style: 'primary',
            value,
          },
        ],
      },
    ],
  };
}

/**
 * Replaces the pause question once someone has answered it, so the other person sees the decision. A paused
 * pair gets a button to start again right here, besides `/mentor resume`.
 */
export function inactivityAnswered(view: {
  pairId: number;
  userId: string;
  choice: 'pause' | 'keep_going' | 'resume';
}): SlackMessage {
  const who = mention(view.userId);
  const text = {
    pause: `:pause_button: ${who} paused the weekly questions for this pair. Either of you can start them again with the button below or by typing \`/mentor resume\`.`,
    keep_going: `:arrow_forward: ${who} chose to keep going. The next question comes at the usual time.`,
    resume: `:arrow_forward: ${who} started the weekly questions again. The next one comes at the usual time.`,
  }[view.choice];
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  if (view.choice === 'pause') {
    blocks.push({
      type: 'actions',
      block_id: 'pair_resume_actions',
      elements: [
        {
          type: 'button',
          action_id: PROMPT_ACTIONS.resume,
          text: { type: 'plain_text', text: 'Resume the questions' },
          value: String(view.pairId),
        },
      ],
    });
  }
  return { text, blocks };
}

export function outcomeAcknowledgement(
  outcome: 'discussed' | 'skipped',
  alreadyRecorded: boolean,
): { text: string } {
  if (alreadyRecorded) return { text: 'Already noted, thank you.' };
  return outcome === 'discussed'
    ? { text: 'Noted — thanks for talking it through. See you next week.' }
    : { text: 'No problem, this week is skipped. The next question comes next week.' };
}

/** Why a pause-question button changed nothing: the pair is not in a state that choice applies to. */
export function inactivityNotApplicableText(
  choice: 'pause' | 'keep_going' | 'resume',
  pair: { status: 'active' | 'paused' | 'ended'; memberPaused: boolean },
): string {
  if (pair.status === 'ended') return 'This pairing has ended, so there is nothing to change.';
  if (choice === 'resume' && pair.memberPaused) {
    return 'One of you is taking a break; the questions start again when they type `/mentor resume`.';
  }
  return pair.status === 'paused'
    ? 'The weekly questions are already paused for this pair.'
    : 'The weekly questions are already running for this pair.';
}

export const NOT_YOUR_PAIR = {
  text: 'These buttons are for the two people in this pair.',
};
