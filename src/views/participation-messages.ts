// The messages people get when someone's participation changes: a partner takes a break or comes back, a
// pairing ends, someone leaves. Kind and short; never more than the reader needs to know.
import type { KnownBlock } from '@slack/types';
import type { SlackMessage } from '../ports/messenger';
import { SELF_SERVICE_ACTIONS } from './self-service-ids';
import { slackDate } from './status-view';
import { escapeMrkdwn, mention } from './text';
import { section } from './blocks';

export function partnerPausedMessage(
  pauserId: string,
  until: Date | null,
  programmeName: string,
): SlackMessage {
  const when = until === null ? '' : ` until ${slackDate(until)}`;
  const text = `${mention(pauserId)} is taking a short break from ${escapeMrkdwn(programmeName)}${when}. Your weekly prompts are paused meanwhile — nothing for you to do, and we will let you know when they are back.`;
  return { text, blocks: [section(text)] };
}

export function partnerResumedMessage(userId: string): SlackMessage {
  const text = `${mention(userId)} is back from their break. Your weekly prompts pick up again (unless you are on a break yourself).`;
  return { text, blocks: [section(text)] };
}

export function pauseConfirmation(until: Date | null): string {
  const when = until === null ? 'until you resume with `/mentor resume`' : `until ${slackDate(until)}`;
  return `You are on a break ${when}. No weekly prompts and no new matches meanwhile; your partners have been told kindly.`;
}

export function pauseEndedMessage(programmeName: string): SlackMessage {
  const text = `Welcome back! Your break from ${escapeMrkdwn(programmeName)} is over, so weekly prompts and matching pick up again. Need longer? \`/mentor pause\` any time.`;
  return { text, blocks: [section(text)] };
}

export function pairingEndedMessage(enderId: string, pairId: number, programmeName: string): SlackMessage {
  const text = `${mention(enderId)} has ended your ${escapeMrkdwn(programmeName)} pairing. Thank you for the time you gave each other — every conversation counts. Would you tell the programme how it went?`;
  return { text, blocks: [section(text), feedbackButton(pairId)] };
}

export function partnerLeftMessage(leaverId: string, pairId: number, programmeName: string): SlackMessage {
  const text = `${mention(leaverId)} is no longer taking part in ${escapeMrkdwn(programmeName)}, so your pairing has ended. Thank you for the time you gave each other. Would you tell the programme how it went?`;
  return { text, blocks: [section(text), feedbackButton(pairId)] };
}

export function leftConfirmationMessage(programmeName: string): SlackMessage {
  const text = `You have left ${escapeMrkdwn(programmeName)} and your data has been erased. Thank you for taking part — you are welcome back any time with \`/mentor offer\` or \`/mentor find\`.`;
  return { text, blocks: [section(text)] };
}

export type WithdrawalReason = 'self-paused' | 'other-paused' | 'other-left';

/** Replaces a proposal's Accept/Decline message once the proposal can no longer be answered. */
export function proposalWithdrawnMessage(reason: WithdrawalReason): SlackMessage {
  const text =
    reason === 'self-paused'
      ? 'This proposal was withdrawn because you are taking a break. When you resume, matching will look for someone again.'
      : reason === 'other-paused'
        ? 'This proposal is no longer open: your colleague is taking a break. Nothing for you to do — we will look for another match.'
        : 'This proposal is no longer open: your colleague is no longer taking part. Nothing for you to do — we will look for another match.';
  return { text, blocks: [section(text)] };
}

function feedbackButton(pairId: number): KnownBlock {
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: SELF_SERVICE_ACTIONS.giveFeedback,
        text: { type: 'plain_text', text: 'Share feedback' },
        style: 'primary',
        value: String(pairId),
      },
    ],
  };
}
