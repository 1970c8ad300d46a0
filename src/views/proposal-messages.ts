// The messages around a proposal: the mentor's Accept / Decline DM (and what it becomes once answered), the
// mentee's "we are asking someone" note, the waitlist note, and the short answers to late or repeated clicks.
import type { KnownBlock } from '@slack/types';
import type { SlackMessage } from '../ports/messenger';
import { escapeMrkdwn, mention, truncate } from './text';
import { section, context } from './blocks';

export const PROPOSAL_ACCEPT_ACTION = 'proposal_accept';
export const PROPOSAL_DECLINE_ACTION = 'proposal_decline';

export interface ProposalPerson {
  userId: string;
  name: string;
  /** The name of their level on the workspace's ladder. */
  levelName: string;
  department: string | null;
}

export interface ProposalView {
  id: number;
  mentor: ProposalPerson;
  mentee: ProposalPerson;
  menteeTopics: readonly string[];
  goals: string | null;
  menteeWasWaitlisted: boolean;
  reasons: {
    sharedTopics: readonly string[];
    levelGap: number;
    crossDepartment: boolean;
    waitingDays: number;
  };
}

/** How a proposal ended, as the mentor's message shows it. */
export type ProposalClosing =
  'accepted' | 'declined' | 'expired' | 'mentor_full' | 'request_gone' | 'offer_gone';

// Section text is capped at 3000 characters: user text gets budgets that leave room for the labels around it.
const NAME_MAX = 100;
const DEPARTMENT_MAX = 100;
const TOPICS_MAX = 1500;
const QUOTE_MAX = 1200;
const HEADER_NAME_MAX = 80;

/** Escaped user text of at most max characters, cut before escaping so no entity is split. */
export function escapedWithin(raw: string, max: number): string {
  let keep = Math.min(raw.length, max);
  let escaped = escapeMrkdwn(truncate(raw, keep));
  while (escaped.length > max) {
    keep -= escaped.length - max;
    escaped = escapeMrkdwn(truncate(raw, Math.max(keep, 1)));
  }
  return escaped;
}

export function nameOf(person: { name: string }): string {
  return escapedWithin(person.name, NAME_MAX);
}

export function topicList(topics: readonly string[]): string {
  return escapedWithin(topics.join(', '), TOPICS_MAX);
}

/** Someone's own words as a block quote. */
export function quote(text: string): string {
  return `>${escapedWithin(text.trim(), QUOTE_MAX).replace(/\n/g, '\n>')}`;
}

export function describePerson(person: ProposalPerson): string {
  const department =
    person.department === null ? '' : `, ${escapedWithin(person.department, DEPARTMENT_MAX)}`;
  return `${escapedWithin(person.levelName, DEPARTMENT_MAX)}${department}`;
}

/** Why these two, in plain words. */
export function reasonLines(view: ProposalView): string[] {
  const { reasons } = view;
  const lines = [`You both picked ${topicList(reasons.sharedTopics)}.`];
  if (reasons.crossDepartment)
    lines.push('You work in different departments, so you will both see a new side of the company.');
  const levels = reasons.levelGap === 1 ? 'one level' : `${reasons.levelGap} levels`;
  lines.push(`You are ${levels} apart: exactly the gap reverse mentoring is for.`);
  if (reasons.waitingDays >= 1) {
    const days = reasons.waitingDays === 1 ? 'a day' : `${reasons.waitingDays} days`;
    lines.push(`${nameOf(view.mentee)} has been waiting for ${days}.`);
  }
  return lines;
}

function menteeSummary(view: ProposalView): KnownBlock[] {
  const topics = view.menteeTopics.length > 0 ? view.menteeTopics : view.reasons.sharedTopics;
  const blocks: KnownBlock[] = [
    section(`*${nameOf(view.mentee)}* (${mention(view.mentee.userId)}) · ${describePerson(view.mentee)}`),
    section(`*Wants to learn:* ${topicList(topics)}`),
  ];
  if (view.goals !== null && view.goals.trim() !== '') {
    blocks.push(section(`*What they hope to get out of it:*\n${quote(view.goals)}`));
  }
  return blocks;
}

export function proposalRequestMessage(view: ProposalView, ttlHours: number): SlackMessage {
  // The header is plain text; the notification text is mrkdwn, so it gets the escaped name.
  const plainName = truncate(view.mentee.name, HEADER_NAME_MAX);
  return {
    text: `Would you mentor ${escapedWithin(view.mentee.name, HEADER_NAME_MAX)}? Please accept or decline within ${ttlHours} hours.`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `Would you mentor ${plainName}?` } },
      section(
        'Someone more senior would like to learn from you. In reverse mentoring *you* are the mentor: you share what you know, and you get a window on how a leader works.',
      ),
      ...menteeSummary(view),
      section(
        `*Why you:*\n${reasonLines(view)
          .map((line) => `• ${line}`)
          .join('\n')}`,
      ),
      {
        type: 'actions',
        block_id: 'proposal_decision',
        elements: [
          {
            type: 'button',
            action_id: PROPOSAL_ACCEPT_ACTION,
            text: { type: 'plain_text', text: 'Accept' },
            style: 'primary',
            value: String(view.id),
          },
          {
            type: 'button',
            action_id: PROPOSAL_DECLINE_ACTION,
            text: { type: 'plain_text', text: 'Decline' },
            value: String(view.id),
          },
        ],
      },
      context(
        `Please answer within ${ttlHours} hours; after that we ask someone else. Declining is fine: nobody is told why.`,
      ),
    ],
  };
}

function closingText(view: ProposalView, closing: ProposalClosing, options: { introduced: boolean }): string {
  const name = `*${nameOf(view.mentee)}*`;
  switch (closing) {
    case 'accepted':
      return options.introduced
        ? `:white_check_mark: You accepted. You are now mentoring ${name}: I've started a group DM for the two of you with an introduction.`
        : `:white_check_mark: You accepted. You are now mentoring ${name}. I couldn't open your group DM just now, so please say hello to ${mention(view.mentee.userId)} directly.`;
    case 'declined':
      return `You declined mentoring ${name}. Thanks for answering: we'll look for someone else for them, and your offer stays open.`;
    case 'expired':
      return `This proposal to mentor ${name} expired without an answer, so we've asked someone else. Your offer stays open.`;
    case 'mentor_full':
      return `You already mentor as many people as your offer allows, so we've asked someone else to mentor ${name}.`;
    case 'request_gone':
      return `${name} no longer needs a mentor, so there is nothing to do here.`;
    case 'offer_gone':
      return `Your offer to mentor is closed, so we've asked someone else to mentor ${name}.`;
  }
}

/** The proposal DM once it is answered or over: same facts, no buttons. */
export function proposalClosedMessage(
  view: ProposalView,
  closing: ProposalClosing,
  options: { introduced: boolean } = { introduced: true },
): SlackMessage {
  const text = closingText(view, closing, options);
  return {
    text,
    blocks: [section(text), ...menteeSummary(view)],
  };
}

/** For a proposal whose people have left the programme: nothing about them is kept to show. */
export function proposalGoneMessage(): SlackMessage {
  const text = 'This proposal is closed: the other person is no longer in the programme. Nothing to do.';
  return { text, blocks: [section(text)] };
}

export function menteeProposalNotice(view: ProposalView, ttlHours: number): SlackMessage {
  const opening = view.menteeWasWaitlisted
    ? 'Good news: a mentor has become available for you.'
    : 'Good news: we found a mentor for you.';
  const text = `${opening} They share your interest in ${topicList(view.reasons.sharedTopics)}. We've asked them to confirm; as soon as they accept I'll introduce you both in a group DM. If they can't, or don't answer within ${ttlHours} hours, we'll ask the next best match.`;
  return { text, blocks: [section(text)] };
}

export function waitlistMessage(topicNames: readonly string[]): SlackMessage {
  const topics = topicNames.length > 0 ? ` for ${topicList(topicNames)}` : '';
  const text = `Thanks for asking for a mentor. Nobody who can teach you${topics} is free right now, so you're on the waitlist. I'll message you as soon as we find someone: nothing to do until then.`;
  return { text, blocks: [section(text)] };
}

export type DecisionRefusal =
  | { kind: 'not_found' }
  | { kind: 'not_yours' }
  | { kind: 'already_decided'; status: 'accepted' | 'declined' | 'expired' | 'cancelled' | 'pending' }
  | { kind: 'expired' }
  | { kind: 'unavailable'; reason: 'mentor_full' | 'request_gone' | 'offer_gone' };

/** The ephemeral answer to a click that cannot change anything (any more). */
export function decisionRefusalText(refusal: DecisionRefusal): string {
  switch (refusal.kind) {
    case 'not_found':
      return "I couldn't find that proposal any more. Nothing has changed.";
    case 'not_yours':
      return 'This proposal was sent to someone else, so only they can answer it.';
    case 'expired':
      return "Sorry, this proposal expired before you answered, so we've asked someone else. Your offer stays open.";
    case 'unavailable':
      return refusal.reason === 'mentor_full'
        ? 'You already mentor as many people as your offer allows, so this one goes to someone else. Thank you!'
        : refusal.reason === 'request_gone'
          ? 'They no longer need a mentor, so there is nothing to do. Thank you!'
          : "Your offer is closed, so we've asked someone else.";
    case 'already_decided':
      switch (refusal.status) {
        case 'accepted':
          return "You've already accepted this one: look for your group DM. Nothing else to do.";
        case 'declined':
          return "You've already declined this one. Nothing else to do.";
        case 'expired':
          return "Sorry, this proposal had already expired, so we've asked someone else. Your offer stays open.";
        default:
          return 'This proposal has been withdrawn. Nothing else to do.';
      }
  }
}
