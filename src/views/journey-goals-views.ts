// What the mentee and the pair see of the goals: the invitation and its one reminder, the midpoint's private
// re-rating, the goals form and the re-rating form, the goals as shared in the pair's group DM (topics and
// notes, never the ratings), and the answers to a click or a submission that changed nothing.
import type { KnownBlock, ModalView, Option, PlainTextOption } from '@slack/types';
import {
  GOAL_FIELDS,
  GOAL_SLOTS,
  MAX_CONFIDENCE,
  MAX_GOAL_NOTE_LENGTH,
  MIN_CONFIDENCE,
} from '../domain/goals-form';
import {
  parseRatingButtonValue,
  ratingButtonValue,
  type GoalsRefusal,
  type RatingRefusal,
  type RatingStage,
} from '../domain/journey-goals';
import type { SlackMessage } from '../ports/messenger';
import { section } from './blocks';
import { JOURNEY_ACTIONS, JOURNEY_CALLBACKS } from './journey-ids';
import type { JourneyMessageContext } from './journey-messages';
import { escapeMrkdwn, mention, truncate } from './text';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function option(text: string, value: string): PlainTextOption & Option {
  return { text: plain(truncate(text, 75)), value };
}

function buttonBlock(text: string, actionId: string, value: string): KnownBlock {
  return {
    type: 'actions',
    elements: [{ type: 'button', text: plain(text), action_id: actionId, value, style: 'primary' }],
  };
}

const mentorOf = (c: JourneyMessageContext) => escapeMrkdwn(c.mentorName ?? 'your mentor');

export function goalsInvite(c: JourneyMessageContext): SlackMessage {
  const text =
    `What would you like to get out of your pairing with ${mentorOf(c)}? Set one to three goals — ` +
    'the goals (not how confident you feel) are shared with your mentor so they know what to aim at.';
  return {
    text,
    blocks: [section(text), buttonBlock('Set my goals', JOURNEY_ACTIONS.openGoals, String(c.facts.pairId))],
  };
}

export function goalsReminder(c: JourneyMessageContext): SlackMessage {
  const text =
    `A gentle reminder: you haven't set goals for your pairing with ${mentorOf(c)} yet. ` +
    'One to three goals help your mentor know what to aim at; it takes a minute. This is the only reminder.';
  return {
    text,
    blocks: [section(text), buttonBlock('Set my goals', JOURNEY_ACTIONS.openGoals, String(c.facts.pairId))],
  };
}

export function midpointGoals(c: JourneyMessageContext): SlackMessage {
  const text =
    `You're halfway through your pairing with ${mentorOf(c)}. How confident do you feel about your goals ` +
    'now? Your answers are private: your mentor never sees them.';
  return { text, blocks: [section(text), rateGoalsButton(c.facts.pairId, 'middle')] };
}

/** The button that opens the private re-rating of the mentee's goals, at the midpoint or in the close survey. */
export function rateGoalsButton(pairId: number, stage: RatingStage): KnownBlock {
  return buttonBlock('Rate my goals', JOURNEY_ACTIONS.rateGoals, ratingButtonValue(pairId, stage));
}

const CONFIDENCE_LABELS: Record<number, string> = {
  1: '1 – Not confident yet',
  2: '2 – A little confident',
  3: '3 – Somewhat confident',
  4: '4 – Quite confident',
  5: '5 – Very confident',
};

function confidenceOptions(): (PlainTextOption & Option)[] {
  const options: (PlainTextOption & Option)[] = [];
  for (let level = MIN_CONFIDENCE; level <= MAX_CONFIDENCE; level += 1)
    options.push(option(CONFIDENCE_LABELS[level] ?? String(level), String(level)));
  return options;
}

/**
 * The goals form: three slots, each a topic from the pair's shared topics or the mentee's other requested
 * topics, how confident they feel today, and an optional note. Every input is optional for Slack, so the
 * form's own checks answer inline (no goal, a topic twice, a missing confidence, a note too long).
 */
export function goalsModal(input: {
  pairId: number;
  mentorName: string | null;
  sharedTopics: readonly string[];
  otherTopics: readonly string[];
}): ModalView {
  const groups = [
    { label: 'Topics you share', topics: input.sharedTopics },
    { label: 'Your other topics', topics: input.otherTopics },
  ]
    .filter((group) => group.topics.length > 0)
    .map((group) => ({
      label: plain(group.label),
      options: group.topics.slice(0, 100).map((topic) => option(topic, topic)),
    }));
  const mentor = escapeMrkdwn(input.mentorName ?? 'your mentor');
  const blocks: KnownBlock[] = [
    section(
      `Set one to three goals for your pairing with ${mentor}. The topics and notes are shared with ${mentor} ` +
        'in your group DM; how confident you feel stays private to you.',
    ),
  ];
  for (const slot of GOAL_SLOTS) {
    blocks.push(
      { type: 'header', text: plain(`Goal ${slot}${slot === 1 ? '' : ' (optional)'}`) },
      {
        type: 'input',
        block_id: GOAL_FIELDS.topic(slot),
        optional: true,
        label: plain('Topic'),
        element: {
          type: 'static_select',
          action_id: GOAL_FIELDS.topic(slot),
          placeholder: plain('Choose a topic'),
          option_groups: groups,
        },
      },
      {
        type: 'input',
        block_id: GOAL_FIELDS.confidence(slot),
        optional: true,
        label: plain('How confident am I today?'),
        element: {
          type: 'static_select',
          action_id: GOAL_FIELDS.confidence(slot),
          placeholder: plain(`${MIN_CONFIDENCE} to ${MAX_CONFIDENCE}`),
          options: confidenceOptions(),
        },
      },
      {
        type: 'input',
        block_id: GOAL_FIELDS.note(slot),
        optional: true,
        label: plain('A note for you and your mentor'),
        hint: plain(`Optional, up to ${MAX_GOAL_NOTE_LENGTH} characters: what would success look like?`),
        element: { type: 'plain_text_input', action_id: GOAL_FIELDS.note(slot), multiline: true },
      },
    );
  }
  return {
    type: 'modal',
    callback_id: JOURNEY_CALLBACKS.setGoals,
    private_metadata: String(input.pairId),
    title: plain('Your goals'),
    submit: plain('Save my goals'),
    close: plain('Cancel'),
    blocks,
  };
}

export function parseGoalsMetadata(raw: string): number | null {
  if (!/^\d{1,15}$/.test(raw)) return null;
  const pairId = Number(raw);
  return Number.isSafeInteger(pairId) && pairId > 0 ? pairId : null;
}

/** The re-rating form: each goal (with the mentee's own note) and how confident they feel about it now. */
export function ratingModal(input: {
  pairId: number;
  stage: RatingStage;
  goals: readonly { id: number; topic: string; note: string | null }[];
}): ModalView {
  const intro =
    input.stage === 'middle'
      ? "You're halfway through your pairing. How confident do you feel about each goal now?"
      : 'Your pairing has wrapped up. How confident do you feel about each goal now?';
  const blocks: KnownBlock[] = [section(`${intro} Only you see these answers.`)];
  for (const goal of input.goals.slice(0, 10)) {
    blocks.push(
      section(`*${escapeMrkdwn(goal.topic)}*${goal.note === null ? '' : `\n${escapeMrkdwn(goal.note)}`}`),
      {
        type: 'input',
        block_id: GOAL_FIELDS.rating(goal.id),
        label: plain(truncate(`How confident am I now? (${goal.topic})`, 2000)),
        element: {
          type: 'static_select',
          action_id: GOAL_FIELDS.rating(goal.id),
          placeholder: plain(`${MIN_CONFIDENCE} to ${MAX_CONFIDENCE}`),
          options: confidenceOptions(),
        },
      },
    );
  }
  return {
    type: 'modal',
    callback_id: JOURNEY_CALLBACKS.rateGoals,
    private_metadata: ratingButtonValue(input.pairId, input.stage),
    title: plain('Rate your goals'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

export const parseRatingMetadata = parseRatingButtonValue;

/** The goals as shared in the pair's group DM: topics and notes, so the mentor knows what to aim at. */
export function goalsSharedPost(input: {
  menteeId: string;
  goals: readonly { topic: string; note: string | null }[];
}): SlackMessage {
  const lines = input.goals.map(
    (goal, index) =>
      `${index + 1}. *${escapeMrkdwn(goal.topic)}*${goal.note === null ? '' : ` — ${escapeMrkdwn(goal.note)}`}`,
  );
  const heading = `${mention(input.menteeId)} has set their goals for this pairing:`;
  const text = `${heading}\n${lines.join('\n')}`;
  return { text: truncate(text, 3000), blocks: [section(text)] };
}

export const GOALS_SAVED =
  'Your goals are saved and shared with your mentor in your group DM. How confident you feel stays private.';
export const RATINGS_SAVED = 'Thank you! Your ratings are saved, privately: your mentor never sees them.';

export function goalsRefusalText(refusal: GoalsRefusal, goalTopics: readonly string[] = []): string {
  switch (refusal) {
    case 'not_your_pair':
      return 'This button is for the mentee of that pairing, so there is nothing for you to set here.';
    case 'pair_ended':
      return 'That pairing has ended, so its goals can no longer be set.';
    case 'goals_set':
      return goalTopics.length > 0
        ? `Your goals are already set: ${goalTopics.map(escapeMrkdwn).join(', ')}. They stay as they are.`
        : 'Your goals are already set. They stay as they are.';
  }
}

export function ratingRefusalText(refusal: RatingRefusal): string {
  switch (refusal) {
    case 'not_your_pair':
      return 'This button is for the mentee of that pairing, so there is nothing for you to rate here.';
    case 'pair_ended':
      return 'That pairing has ended, so its goals can no longer be rated.';
    case 'not_wrapped_up':
      return 'Your pairing is still running: the closing rating of your goals comes once it wraps up.';
    case 'too_late':
      return 'The close survey of that pairing has closed, so its goals can no longer be rated.';
    case 'no_goals':
      return 'No goals were set for that pairing, so there is nothing to rate.';
    case 'already_rated':
      return 'You have already rated your goals for this stage. Thank you!';
  }
}
