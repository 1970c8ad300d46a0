// The launch invitation: the message an admin posts to a channel (what reverse mentoring is, and buttons that
// open the offer and find forms for whoever clicks), the admin modal that picks the channel, and what the admin
// reads afterwards, including why Slack would not let the app post where they chose.
import type { ActionsBlock, InputBlock, KnownBlock, ModalView } from '@slack/types';
import type { SlackMessage } from '../ports/messenger';
import { ADMIN_CALLBACKS, ADMIN_FIELDS } from './admin-ids';
import { context, section } from './blocks';
import { escapeMrkdwn, mention, truncate } from './text';

/** The invitation's buttons: anyone in the workspace may click them (they are not admin actions). */
export const INVITATION_ACTIONS = {
  offer: 'invitation_offer',
  find: 'invitation_find',
} as const;

/** Why Slack would not take the invitation in the chosen channel. */
export type InvitationProblem =
  /** The app is not a member and may not post there (an install without chat:write.public). */
  | 'not-in-channel'
  /** Slack does not show the app that channel: a private channel it was not invited to, or one deleted. */
  | 'not-found'
  | 'archived'
  /** The app's token lacks a permission the post needs (an install from an older manifest). */
  | 'no-permission'
  /** The channel only lets some people post (an announcement channel, say). */
  | 'restricted';

export interface InvitationHistory {
  /** The invitation posted last, or null before the first. */
  previous: { channelId: string; postedBy: string; postedAt: Date } | null;
  /** People who joined since the previous invitation (null before the first). */
  joinedSince: number | null;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const HEADER_MAX = 150;

const WHAT_IT_IS =
  '*What is reverse mentoring?*\n' +
  'Usually the more senior person does the teaching. Here it goes the other way: a colleague earlier in ' +
  'their career mentors a senior leader in something they know better: a new tool, social media, AI, how ' +
  'their generation likes to work. The leader learns first-hand, the mentor gets a senior ear for their ' +
  'ideas, and both make a connection across the company they would not otherwise have.';

const HOW_IT_WORKS =
  '*How it works*\n' +
  'Tell us what you could teach or what you would like to learn. We pair a less senior mentor with a more ' +
  'senior mentee who share a topic; the mentor always says yes first, and a short question each week keeps ' +
  'the conversation going. What you talk about stays between the two of you.';

function joinedLine(joinedSince: number): string {
  return joinedSince === 1
    ? '1 colleague has joined since the last invitation.'
    : `${joinedSince} colleagues have joined since the last invitation.`;
}

/** The message posted in the channel. */
export function invitationMessage(input: {
  programmeName: string;
  joinedSince: number | null;
}): SlackMessage {
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(truncate(input.programmeName, HEADER_MAX)) },
    section(WHAT_IT_IS),
    section(HOW_IT_WORKS),
  ];
  if (input.joinedSince !== null && input.joinedSince > 0)
    blocks.push(context(joinedLine(input.joinedSince)));
  blocks.push({
    type: 'actions',
    block_id: 'invitation_actions',
    elements: [
      {
        type: 'button',
        action_id: INVITATION_ACTIONS.offer,
        style: 'primary',
        text: plain('I can teach'),
      },
      { type: 'button', action_id: INVITATION_ACTIONS.find, text: plain('I want to learn') },
    ],
  } as ActionsBlock);
  return {
    text: `${escapeMrkdwn(input.programmeName)}: reverse mentoring, where colleagues earlier in their career teach senior leaders. Choose "I can teach" or "I want to learn" to join.`,
    blocks,
  };
}

function when(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function historyLine(history: InvitationHistory): string {
  if (history.previous === null) return 'No invitation has been posted yet.';
  const { channelId, postedBy, postedAt } = history.previous;
  const joined = history.joinedSince ?? 0;
  return (
    `Last posted in <#${channelId}> by ${mention(postedBy)} on ${when(postedAt)}. ` +
    `${joined} ${joined === 1 ? 'person has' : 'people have'} joined since.`
  );
}

/** The admin modal: pick a channel and post. */
export function invitationModal(input: { programmeName: string; history: InvitationHistory }): ModalView {
  const channel: InputBlock = {
    type: 'input',
    block_id: ADMIN_FIELDS.invitationChannel,
    label: plain('Channel'),
    element: {
      type: 'conversations_select',
      action_id: ADMIN_FIELDS.invitationChannel,
      placeholder: plain('Choose a channel'),
      filter: { include: ['public', 'private'], exclude_bot_users: true },
    },
  };
  return {
    type: 'modal',
    callback_id: ADMIN_CALLBACKS.invitation,
    title: plain('Post an invitation'),
    submit: plain('Post'),
    close: plain('Cancel'),
    blocks: [
      section(
        `Posts an invitation to *${escapeMrkdwn(input.programmeName)}* in the channel you choose: what ` +
          'reverse mentoring is, and two buttons, *I can teach* and *I want to learn*, that open the sign-up ' +
          'forms for whoever clicks them. A later invitation says how many joined since the one before.',
      ),
      context(historyLine(input.history)),
      channel,
      context(
        'Mentor Circles can post in any public channel. For a private channel, invite it first: type ' +
          '`/invite @Mentor Circles` in that channel.',
      ),
    ],
  };
}

/** What the admin reads once the invitation is up. */
export function invitationPosted(channelId: string, history: InvitationHistory): string {
  const posted = `Posted in <#${channelId}>. Its buttons open the offer and find forms for whoever clicks.`;
  if (history.previous === null) return posted;
  const joined = history.joinedSince ?? 0;
  return (
    `${posted} ${joined} ${joined === 1 ? 'person has' : 'people have'} joined since the previous ` +
    `invitation (${when(history.previous.postedAt)}).`
  );
}

/** Why the invitation could not go in that channel, and what to do about it: shown under the channel field. */
export function invitationProblemText(problem: InvitationProblem): string {
  switch (problem) {
    case 'not-in-channel':
      return 'Mentor Circles is not in that channel and may not post there. Type /invite @Mentor Circles in the channel, or ask whoever installed the app to update it (it needs the chat:write.public permission).';
    case 'not-found':
      return 'Mentor Circles cannot see that channel. If it is private, type /invite @Mentor Circles in it first, then post again.';
    case 'archived':
      return 'That channel is archived, so nobody can post in it. Choose a channel people use.';
    case 'no-permission':
      return 'Mentor Circles lacks the Slack permission to post there. Ask whoever installed the app to reinstall it from the latest manifest.';
    case 'restricted':
      return 'Only some people may post in that channel. Choose another, or ask a workspace admin to let Mentor Circles post there.';
  }
}

/** A click on an invitation button whose form could not be opened: answered privately in the channel. */
export const INVITATION_FORM_NOT_OPENED =
  "Sorry, I couldn't open the form in time. Please click the button again; if it keeps failing, tell your programme admin.";
