// The modals a person uses to steer their own participation: take a break, choose a pairing to end, give
// feedback, and leave with their data erased; plus a one-screen notice for answers that need no input.
import type { KnownBlock, ModalView, Option, PlainTextOption } from '@slack/types';
import {
  FEEDBACK_FIELDS,
  MAX_FEEDBACK_COMMENT_LENGTH,
  MAX_RATING,
  MIN_RATING,
} from '../domain/feedback-form';
import { PAUSE_CHOICES_WEEKS } from '../domain/pause';
import type { PairRole } from '../domain/participation';
import { SELF_SERVICE_CALLBACKS, SELF_SERVICE_FIELDS } from './self-service-ids';
import { mention, truncate } from './text';

export type FeedbackMode = 'end' | 'feedback';

export interface FeedbackMetadata {
  pairId: number;
  mode: FeedbackMode;
}

const RATING_LABELS: Record<number, string> = {
  1: '1 – Not useful',
  2: '2 – A little useful',
  3: '3 – Useful',
  4: '4 – Very useful',
  5: '5 – Excellent',
};

/** "Until I resume" in the pause modal's select. */
export const PAUSE_UNTIL_RESUMED = 'open';

export function feedbackModal(input: {
  pairId: number;
  mode: FeedbackMode;
  partnerId: string | null;
  role: PairRole;
}): ModalView {
  const partner = input.partnerId === null ? 'a former member' : mention(input.partnerId);
  const intro =
    input.mode === 'end'
      ? `You are ending your pairing with ${partner}. They will be told kindly${input.role === 'mentor' ? ', and your place is freed for someone new' : ''}. Before you go: how was it?`
      : `Your pairing with ${partner} has ended. How was it? Your answers help the programme admins make Mentor Circles better.`;
  const ratingOptions: PlainTextOption[] = [];
  for (let rating = MIN_RATING; rating <= MAX_RATING; rating += 1) {
    ratingOptions.push(option(RATING_LABELS[rating] ?? String(rating), String(rating)));
  }
  const metadata: FeedbackMetadata = { pairId: input.pairId, mode: input.mode };
  return {
    type: 'modal',
    callback_id: SELF_SERVICE_CALLBACKS.feedback,
    private_metadata: JSON.stringify(metadata),
    title: plain(input.mode === 'end' ? 'End pairing' : 'Your feedback'),
    submit: plain(input.mode === 'end' ? 'End pairing' : 'Send feedback'),
    close: plain('Cancel'),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: intro } },
      {
        type: 'input',
        block_id: FEEDBACK_FIELDS.rating,
        label: plain('How useful was the pairing for you?'),
        element: { type: 'radio_buttons', action_id: FEEDBACK_FIELDS.rating, options: ratingOptions },
      },
      {
        type: 'input',
        block_id: FEEDBACK_FIELDS.recommend,
        label: plain('Would you recommend reverse mentoring to a colleague?'),
        element: {
          type: 'radio_buttons',
          action_id: FEEDBACK_FIELDS.recommend,
          options: [option('Yes', 'yes'), option('No', 'no')],
        },
      },
      {
        type: 'input',
        block_id: FEEDBACK_FIELDS.comment,
        optional: true,
        label: plain('Anything the programme admins should know?'),
        hint: plain(
          `Optional, up to ${MAX_FEEDBACK_COMMENT_LENGTH} characters. Only the programme admins read it — never your partner.`,
        ),
        element: {
          type: 'plain_text_input',
          action_id: FEEDBACK_FIELDS.comment,
          multiline: true,
          max_length: MAX_FEEDBACK_COMMENT_LENGTH,
        },
      },
    ],
  };
}

export function parseFeedbackMetadata(raw: string): FeedbackMetadata | null {
  try {
    const parsed = JSON.parse(raw) as Partial<FeedbackMetadata>;
    if (!Number.isInteger(parsed.pairId) || (parsed.mode !== 'end' && parsed.mode !== 'feedback'))
      return null;
    return { pairId: parsed.pairId as number, mode: parsed.mode };
  } catch {
    return null;
  }
}

/** Ending a pairing: one pairing goes straight to the feedback form; several are chosen from first. */
export function endPairingModal(
  pairs: readonly { id: number; partnerId: string | null; partnerName: string | null; role: PairRole }[],
): ModalView {
  const [only] = pairs;
  return pairs.length === 1 && only !== undefined
    ? feedbackModal({ pairId: only.id, mode: 'end', partnerId: only.partnerId, role: only.role })
    : chooseEndModal(pairs);
}

export function chooseEndModal(
  pairs: readonly { id: number; partnerName: string | null; role: PairRole }[],
): ModalView {
  const options = pairs
    .slice(0, 100)
    .map((pair) =>
      option(
        truncate(
          `${pair.partnerName ?? 'A former member'} (${pair.role === 'mentor' ? 'you mentor them' : 'they mentor you'})`,
          75,
        ),
        String(pair.id),
      ),
    );
  return {
    type: 'modal',
    callback_id: SELF_SERVICE_CALLBACKS.chooseEnd,
    title: plain('End a pairing'),
    submit: plain('Next'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: SELF_SERVICE_FIELDS.pair,
        label: plain('Which pairing do you want to end?'),
        element: { type: 'static_select', action_id: SELF_SERVICE_FIELDS.pair, options },
      },
    ],
  };
}

export function pauseModal(): ModalView {
  const untilResumed = option('Until I resume', PAUSE_UNTIL_RESUMED);
  return {
    type: 'modal',
    callback_id: SELF_SERVICE_CALLBACKS.pause,
    title: plain('Take a break'),
    submit: plain('Pause'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'While you are on a break you get no weekly prompts and no new matches. Your partners are told kindly, and your pairings wait for you.',
        },
      },
      {
        type: 'input',
        block_id: SELF_SERVICE_FIELDS.pauseWeeks,
        label: plain('For how long?'),
        element: {
          type: 'static_select',
          action_id: SELF_SERVICE_FIELDS.pauseWeeks,
          initial_option: untilResumed,
          options: [
            untilResumed,
            ...PAUSE_CHOICES_WEEKS.map((weeks) =>
              option(`${weeks} week${weeks === 1 ? '' : 's'}`, String(weeks)),
            ),
          ],
        },
      },
    ],
  };
}

export function leaveModal(): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: [
          '*Leaving erases your data from Mentor Circles, straight away and for good:*',
          '• your profile (name, level, department, time zone, break)',
          '• your offer and your request, with their topics and notes',
          '• proposals that name you, and every "don\'t match me with" entry in either direction',
          '• the comments you wrote in feedback',
        ].join('\n'),
      },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: [
          '*What happens to your pairings:* they end, and your partners are told kindly.',
          'The programme keeps only anonymous facts about them (level gap, whether departments differed, shared topics, ratings without comments) so its figures stay right. Nothing left points to you.',
        ].join('\n'),
      },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Messages in Slack conversations are not stored by the app and stay where they are. You are welcome back any time.',
        },
      ],
    },
  ];
  return {
    type: 'modal',
    callback_id: SELF_SERVICE_CALLBACKS.leave,
    title: plain('Leave Mentor Circles'),
    submit: plain('Erase my data'),
    close: plain('Cancel'),
    blocks,
  };
}

/** A modal that only tells the person something: the answer to a button on the Home tab or a submission. */
export function noticeModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: plain(truncate(title, 24)),
    close: plain('Close'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } }],
  };
}

function plain(text: string) {
  return { type: 'plain_text' as const, text };
}

function option(text: string, value: string): PlainTextOption & Option {
  return { text: plain(text), value };
}
