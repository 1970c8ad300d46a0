// The pair-health modal (what needs a human, paged so it stays within Slack's block limits at any size), the
// forms behind its actions (end a pairing with a reason, suggest a mentor), and the messages those actions send.
import type { ActionsBlock, Button, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import {
  countsOf,
  healthItems,
  pageOf,
  QUIET_DAYS,
  EXPIRING_WITHIN_HOURS,
  type HealthItem,
  type HealthKind,
  type PairHealth,
} from '../domain/pair-health';
import type { SlackMessage } from '../ports/messenger';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from './admin-ids';
import { context, pageButtons, section } from './blocks';
import { escapeMrkdwn, mention, truncate } from './text';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** Items per page: each takes at most two blocks, leaving room for headings and paging within 100 blocks. */
export const HEALTH_PAGE_SIZE = 20;
/** The longest reason an admin may give for ending a pairing. */
export const MAX_END_REASON_LENGTH = 500;

export const HEALTH_HEADINGS: Record<HealthKind, string> = {
  contact: 'Mentors who asked to be contacted',
  failing: 'Prompts not reaching the pair',
  quiet: `Quiet for ${QUIET_DAYS} days or more`,
  expiring: `Proposals expiring within ${EXPIRING_WITHIN_HOURS} hours`,
  waiting: 'Mentees waiting longest',
  shortage: 'Topics with more mentees than mentors',
};

const person = (userId: string | null) => (userId === null ? 'someone who left' : mention(userId));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line per list with its count: the headline of the modal and of the weekly digest. */
export function healthSummaryLines(health: PairHealth): string[] {
  const counts = countsOf(health);
  return (Object.keys(HEALTH_HEADINGS) as HealthKind[])
    .filter((kind) => counts[kind] > 0)
    .map((kind) => `• ${HEALTH_HEADINGS[kind]}: *${counts[kind]}*`);
}

export function healthItemText(item: HealthItem): string {
  switch (item.kind) {
    case 'failing':
      return `${person(item.pair.mentorId)} and ${person(item.pair.menteeId)}: ${escapeMrkdwn(truncate(item.pair.reason, 100))}`;
    case 'quiet':
      return `${person(item.pair.mentorId)} and ${person(item.pair.menteeId)}: quiet for ${plural(item.quietDays, 'day')}`;
    case 'expiring':
      return `${person(item.proposal.menteeId)} is waiting for ${person(item.proposal.mentorId)}'s answer: expires in ${plural(item.hoursLeft, 'hour')}`;
    case 'waiting':
      return `${mention(item.mentee.menteeId)}: waiting ${plural(item.waitingDays, 'day')}`;
    case 'contact':
      return `${mention(item.request.mentorId)} would like the programme team to get in touch (asked ${item.days === 0 ? 'today' : `${plural(item.days, 'day')} ago`})`;
    case 'shortage':
      return `*${escapeMrkdwn(truncate(item.shortage.topic, 200))}*: ${plural(item.shortage.demand, 'mentee')}, ${plural(item.shortage.supply, 'mentor')}`;
  }
}

function itemActions(item: HealthItem): Button[] {
  if (item.kind === 'quiet' || item.kind === 'failing') {
    const value = String(item.pair.pairId);
    return [
      { type: 'button', action_id: ADMIN_ACTIONS.nudgePair, value, text: plain('Nudge') },
      { type: 'button', action_id: ADMIN_ACTIONS.endPair, value, text: plain('End pairing') },
    ];
  }
  if (item.kind === 'waiting')
    return [
      {
        type: 'button',
        action_id: ADMIN_ACTIONS.suggestMentor,
        value: String(item.mentee.requestId),
        text: plain('Suggest a mentor'),
      },
    ];
  return [];
}

export function pairHealthModal(health: PairHealth, now: Date, page: number, note?: string): ModalView {
  const all = healthItems(health, now);
  const shown = pageOf(all, page, HEALTH_PAGE_SIZE);
  const blocks: KnownBlock[] = [];
  if (note !== undefined) blocks.push(context(note));
  const summary = healthSummaryLines(health);
  blocks.push(section(summary.length === 0 ? 'Nothing needs attention right now.' : summary.join('\n')));
  if (all.length > HEALTH_PAGE_SIZE)
    blocks.push(context(`Page ${shown.page + 1} of ${shown.pageCount} (${all.length} items).`));
  let heading: HealthKind | null = null;
  shown.items.forEach((item, index) => {
    if (item.kind !== heading) {
      heading = item.kind;
      blocks.push({ type: 'header', text: plain(HEALTH_HEADINGS[item.kind]) });
    }
    blocks.push(section(healthItemText(item)));
    const buttons = itemActions(item);
    if (buttons.length > 0)
      blocks.push({ type: 'actions', block_id: `health_item_${index}`, elements: buttons } as ActionsBlock);
  });
  const footer = pageButtons(ADMIN_ACTIONS.pairHealthPage, shown.page, shown.pageCount);
  footer.push({ type: 'button', action_id: ADMIN_ACTIONS.runMatching, text: plain('Run matching now') });
  blocks.push({ type: 'actions', block_id: 'health_actions', elements: footer } as ActionsBlock);
  return {
    type: 'modal',
    title: plain('Pair health'),
    close: plain('Close'),
    private_metadata: String(shown.page),
    blocks,
  };
}

export function endPairModal(pair: {
  pairId: number;
  mentorId: string | null;
  menteeId: string | null;
}): ModalView {
  return {
    type: 'modal',
    callback_id: ADMIN_CALLBACKS.endPair,
    private_metadata: String(pair.pairId),
    title: plain('End pairing'),
    submit: plain('End pairing'),
    close: plain('Cancel'),
    blocks: [
      section(
        `End the pairing of ${person(pair.mentorId)} and ${person(pair.menteeId)}? Both are told kindly that the programme has ended it, without the reason, and the mentor's place goes back to matching.`,
      ),
      {
        type: 'input',
        block_id: ADMIN_FIELDS.endReason,
        label: plain('Reason (seen only by programme admins)'),
        element: {
          type: 'plain_text_input',
          action_id: ADMIN_FIELDS.endReason,
          multiline: true,
          max_length: MAX_END_REASON_LENGTH,
        },
      },
    ],
  };
}

export function suggestMentorModal(
  requestId: number,
  menteeId: string,
  mentors: readonly { offerId: number; mentorId: string; sharedTopics: readonly string[] }[],
  mentorNames: ReadonlyMap<string, string>,
): ModalView {
  if (mentors.length === 0) {
    return {
      type: 'modal',
      title: plain('Suggest a mentor'),
      close: plain('Close'),
      blocks: [
        section(
          `No mentor fits ${mention(menteeId)} under the matching rules right now (a shared topic, the level gap, a free place, nobody excluded, never paired before).`,
        ),
      ],
    };
  }
  const options: PlainTextOption[] = mentors.map((mentor) => ({
    text: plain(
      truncate(
        `${mentorNames.get(mentor.mentorId) ?? mentor.mentorId} · ${mentor.sharedTopics.join(', ')}`,
        75,
      ),
    ),
    value: String(mentor.offerId),
  }));
  return {
    type: 'modal',
    callback_id: ADMIN_CALLBACKS.suggestMentor,
    private_metadata: String(requestId),
    title: plain('Suggest a mentor'),
    submit: plain('Propose'),
    close: plain('Cancel'),
    blocks: [
      section(
        `Mentors who fit ${mention(menteeId)} under the matching rules, best first. The mentor is asked as usual and decides.`,
      ),
      {
        type: 'input',
        block_id: ADMIN_FIELDS.suggestedMentor,
        label: plain('Mentor'),
        element: { type: 'static_select', action_id: ADMIN_FIELDS.suggestedMentor, options },
      },
    ],
  };
}

export function nudgeMessage(): SlackMessage {
  const text =
    'Hello from the programme team! It has been a little while since you two last talked here. Whenever suits you, pick up this week’s question or simply say hello — even a short chat counts.';
  return { text, blocks: [section(text)] };
}

export function adminEndedMessage(programmeName: string): SlackMessage {
  const text = `The programme team has brought your ${escapeMrkdwn(programmeName)} pairing to a close. Thank you for the time you gave each other — every conversation counts. You are welcome to take part again at any time.`;
  return { text, blocks: [section(text)] };
}

export const HEALTH_NOTES = {
  nudged: 'The pair has been sent a friendly note.',
  notDelivered: 'Slack would not take the message for that pair; nothing was changed.',
  notRunning: 'That pairing has already ended.',
  ended: 'The pairing has ended; both people were told and matching has run.',
  proposed: 'The mentor has been asked; they decide as usual.',
  notEligible:
    'That mentor no longer fits that mentee (or the mentee is no longer waiting); nothing was proposed.',
  proposalNotDelivered: 'The mentor could not be told, so the proposal was withdrawn.',
  matched: (proposed: number, waitlisted: number) =>
    `Matching ran: ${plural(proposed, 'new proposal')}, ${waitlisted} still waiting.`,
} as const;
