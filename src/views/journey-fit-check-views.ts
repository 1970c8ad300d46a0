// The fit check's and the mentor's voice's messages, the mentor's small answer form, and what a click is told.
// Every one of them speaks only to its reader: none names who answered what, and the message after a "Not a
// good fit" is the same for both people.
import type { KnownBlock, ModalView } from '@slack/types';
import { CANDOUR_SCALE } from '../domain/journey-mentor-voice';
import type { FitAnswer } from '../domain/pairing-journey';
import type { SlackMessage } from '../ports/messenger';
import type { RejoinResult } from '../domain/journey-fit-check';
import { context, section } from './blocks';
import { JOURNEY_ACTIONS, JOURNEY_CALLBACKS, JOURNEY_FIELDS } from './journey-ids';
import type { JourneyMessageContext } from './journey-messages';
import { escapeMrkdwn } from './text';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

export const FIT_ANSWER_LABELS: Record<FitAnswer, string> = {
  good_fit: 'Good fit',
  still_deciding: 'Still deciding',
  not_a_fit: 'Not a good fit',
};

const FIT_ACTIONS: Record<FitAnswer, string> = {
  good_fit: JOURNEY_ACTIONS.fitGood,
  still_deciding: JOURNEY_ACTIONS.fitDeciding,
  not_a_fit: JOURNEY_ACTIONS.fitNot,
};

/** A button value naming the pair and the round asked: "pairId:round". */
export function pairRoundValue(pairId: number, round: number): string {
  return `${pairId}:${round}`;
}

export function parsePairRound(value: string): { pairId: number; round: number } | null {
  const match = /^(\d{1,15}):(\d{1,3})$/.exec(value);
  if (match === null) return null;
  const pairId = Number(match[1]);
  const round = Number(match[2]);
  return Number.isSafeInteger(pairId) && pairId > 0 ? { pairId, round } : null;
}

function partnerName(c: JourneyMessageContext): string {
  const name = c.key.role === 'mentor' ? c.menteeName : c.mentorName;
  return escapeMrkdwn(name ?? 'your partner');
}

export function fitCheckMessage(c: JourneyMessageContext): SlackMessage {
  const partner = partnerName(c);
  const question =
    c.key.round === 1
      ? `How is your pairing with ${partner} going so far — is it a good fit?`
      : `A little while ago you were still deciding about your pairing with ${partner}. How does it feel now?`;
  const text =
    `${question} Your answer is private: ${partner} never sees it. If it is not a good fit, the pairing ` +
    'ends kindly and without blame — nobody is told who said so or why.';
  const value = pairRoundValue(c.facts.pairId, c.key.round);
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: 'fit_check',
        elements: (Object.keys(FIT_ACTIONS) as FitAnswer[]).map((answer) => ({
          type: 'button',
          text: plain(FIT_ANSWER_LABELS[answer]),
          action_id: FIT_ACTIONS[answer],
          value,
          ...(answer === 'good_fit' ? { style: 'primary' as const } : {}),
        })),
      },
    ],
  };
}

/** What the fit-check message becomes once answered: a kind acknowledgement, without the buttons. */
export function fitCheckAnswered(answer: FitAnswer, round: number): SlackMessage {
  const text = {
    good_fit: 'Thank you — glad to hear it is working. Your answer stays private.',
    still_deciding:
      round === 1
        ? 'Thank you — there is no rush. We will ask you once more in two weeks. Your answer stays private.'
        : 'Thank you — your answer stays private, and we will not ask again. You can end the pairing any time with `/mentor end`.',
    not_a_fit:
      'Thank you for saying so — it takes care to be honest about it. Your pairing has ended, without blame: ' +
      'your partner hears only that it has come to a close, never who said so or why. You will get a short note ' +
      'about going back into the pool whenever you wish.',
  }[answer];
  return { text, blocks: [section(text)] };
}

export type FitRefusal = 'not-in-pair' | 'already-answered' | 'pair-ended' | 'not-asked';

export function fitRefusalText(refusal: FitRefusal, answered?: FitAnswer): string {
  switch (refusal) {
    case 'already-answered':
      return `You already answered “${FIT_ANSWER_LABELS[answered ?? 'good_fit']}” — nothing changed.`;
    case 'pair-ended':
      return 'This pairing has already ended, so there is nothing to answer now.';
    case 'not-asked':
      return 'This question is not open for you right now; nothing changed.';
    case 'not-in-pair':
      return 'This question is for the person it was sent to.';
  }
}

/** The same words for both people after a "Not a good fit": never who answered, never why. */
export function fitEndedMessage(c: JourneyMessageContext): SlackMessage {
  const text =
    `Your ${escapeMrkdwn(c.programmeName)} pairing has come to a close. Sometimes two people are simply not the ` +
    'right match, and that is nobody’s fault — thank you for the time you gave it. If you would like to be ' +
    'matched with someone new, you can go back into the pool whenever you wish.';
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: 'fit_ended',
        elements: [
          {
            type: 'button',
            text: plain('Go back into the pool'),
            action_id: JOURNEY_ACTIONS.fitRejoin,
            value: String(c.facts.pairId),
          },
        ],
      },
    ],
  };
}

/** What a click on "Go back into the pool" is told, when it is not a sign-up form to fill in. */
export function fitRejoinMessage(
  result: Exclude<RejoinResult, { kind: 'no-offer' | 'no-request' }>,
  programmeName: string,
): SlackMessage {
  const text = fitRejoinText(result, programmeName);
  return { text, blocks: [section(text)] };
}

function fitRejoinText(
  result: Exclude<RejoinResult, { kind: 'no-offer' | 'no-request' }>,
  programmeName: string,
): string {
  const topics = (names: string[]) => names.map(escapeMrkdwn).join(', ');
  switch (result.kind) {
    case 'request-reopened':
      return (
        `You are back in the ${escapeMrkdwn(programmeName)} pool: your request for a mentor is open again, with ` +
        `the same topics (${topics(result.topics)}). We will let you know when we find someone new — never the ` +
        'same person as before. Change it any time with `/mentor find`.'
      );
    case 'request-already-open':
      return (
        `You already have an open request for a mentor (${topics(result.topics)}), so you are in the pool ` +
        'already; nothing changed. Change it any time with `/mentor find`.'
      );
    case 'offer-open':
      return (
        `You are back in the ${escapeMrkdwn(programmeName)} pool: your offer to mentor is open, and the place ` +
        `this pairing used is free again (${result.capacity === 1 ? 'one mentee' : `up to ${result.capacity} mentees`} ` +
        'at a time). We will ask you before pairing you with someone new — never the same person as before. ' +
        'Change it any time with `/mentor offer`.'
      );
    case 'pair-running':
      return 'This pairing has not ended, so there is nothing to go back to; nothing changed.';
    case 'not-in-pair':
      return (
        'This pairing is not yours (or you have left the programme since), so nothing changed. To take part, ' +
        'use `/mentor find` or `/mentor offer`.'
      );
  }
}

export const CANDOUR_STATEMENT = 'I feel listened to and can be candid.';

export function mentorVoiceMessage(c: JourneyMessageContext): SlackMessage {
  const mentee = escapeMrkdwn(c.menteeName ?? 'your mentee');
  const text =
    `A private question, just for you: in your pairing with ${mentee}, how true is this — ` +
    `“${CANDOUR_STATEMENT}” Nobody sees your answer; the programme team sees only averages across many mentors.`;
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: 'mentor_voice',
        elements: [
          {
            type: 'button',
            text: plain('Answer privately'),
            action_id: JOURNEY_ACTIONS.openMentorVoice,
            value: pairRoundValue(c.facts.pairId, c.key.round),
            style: 'primary',
          },
        ],
      },
    ],
  };
}

export interface MentorVoiceMetadata {
  pairId: number;
  round: number;
  /** The DM the question came in, to thank the mentor there once answered. */
  message: { channel: string; ts: string } | null;
}

export function parseMentorVoiceMetadata(raw: string): MentorVoiceMetadata | null {
  try {
    const parsed = JSON.parse(raw) as Partial<MentorVoiceMetadata>;
    const { pairId, round, message } = parsed;
    if (!Number.isSafeInteger(pairId) || !Number.isSafeInteger(round)) return null;
    const ref =
      message !== null &&
      typeof message === 'object' &&
      typeof message.channel === 'string' &&
      typeof message.ts === 'string'
        ? { channel: message.channel, ts: message.ts }
        : null;
    return { pairId: pairId!, round: round!, message: ref };
  } catch {
    return null;
  }
}

const CANDOUR_LABELS: Record<number, string> = {
  1: '1 — not at all true',
  2: '2',
  3: '3',
  4: '4',
  5: '5 — completely true',
};

export function mentorVoiceModal(metadata: MentorVoiceMetadata): ModalView {
  const blocks: KnownBlock[] = [
    section(`How true is this for you? “${CANDOUR_STATEMENT}”`),
    {
      type: 'input',
      block_id: JOURNEY_FIELDS.candour,
      label: plain('Your answer'),
      element: {
        type: 'radio_buttons',
        action_id: JOURNEY_FIELDS.candour,
        options: CANDOUR_SCALE.map((n) => ({
          text: plain(CANDOUR_LABELS[n] ?? String(n)),
          value: String(n),
        })),
      },
    },
    {
      type: 'input',
      block_id: JOURNEY_FIELDS.contact,
      optional: true,
      label: plain('Would you like to talk to someone?'),
      element: {
        type: 'checkboxes',
        action_id: JOURNEY_FIELDS.contact,
        options: [{ text: plain('I’d like the programme team to contact me'), value: 'yes' }],
      },
    },
    context(
      'Only a request to be contacted reaches the programme team, with your name; your rating never does.',
    ),
  ];
  return {
    type: 'modal',
    callback_id: JOURNEY_CALLBACKS.mentorVoice,
    private_metadata: JSON.stringify(metadata),
    title: plain('Just for you'),
    submit: plain('Send'),
    close: plain('Cancel'),
    blocks,
  };
}

export const CANDOUR_REQUIRED = 'Choose how true it is, from 1 to 5.';

export function mentorVoiceThanks(wantsContact: boolean): string {
  return wantsContact
    ? 'Thank you — your answer stays private. Someone from the programme team will get in touch with you.'
    : 'Thank you — your answer stays private.';
}

export function mentorVoiceAnswered(wantsContact: boolean): SlackMessage {
  const text = mentorVoiceThanks(wantsContact);
  return { text, blocks: [section(text)] };
}

export function mentorVoiceRefusalText(
  refusal: 'not-in-pair' | 'already-answered' | 'pair-ended' | 'not-asked',
) {
  switch (refusal) {
    case 'already-answered':
      return 'You have already answered this one — thank you. Nothing changed.';
    case 'pair-ended':
      return 'This pairing has ended, so there is nothing to answer now.';
    case 'not-asked':
      return 'This question is not open right now; nothing changed.';
    case 'not-in-pair':
      return 'This question is for the mentor it was sent to.';
  }
}
