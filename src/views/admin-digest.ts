// The weekly admin digest: the DM (headline figures, the pair-health list kept short, a button to the full
// view) and the form an admin opts in with.
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { healthItems, type HeadlineFigures, type PairHealth } from '../domain/pair-health';
import { WEEKDAYS, type Weekday } from '../domain/prompt-schedule';
import type { SlackMessage } from '../ports/messenger';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from './admin-ids';
import { healthItemText, healthSummaryLines } from './admin-pair-health';
import { context, field, section } from './blocks';

/** Slack message metadata naming a digest delivery, so a crashed run can find what it posted. */
export const ADMIN_DIGEST_EVENT_TYPE = 'mentor_admin_digest';
/** Items of the pair-health list shown in the digest; the button opens the whole list. */
export const DIGEST_ITEMS = 5;

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });
const dayName = (day: Weekday) => day.charAt(0).toUpperCase() + day.slice(1);

export function digestMessage(headlines: HeadlineFigures, health: PairHealth, now: Date): SlackMessage {
  const items = healthItems(health, now);
  const summary = healthSummaryLines(health);
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain('Your weekly programme digest') },
    {
      type: 'section',
      fields: [
        field('Members', headlines.members),
        field('Active pairs', headlines.activePairs),
        field('Mentees waiting', headlines.waiting),
        field('Proposals pending', headlines.proposalsPending),
      ],
    },
    section(
      summary.length === 0
        ? 'Nothing needs attention this week.'
        : `*Needs attention*\n${summary.join('\n')}`,
    ),
  ];
  if (items.length > 0)
    blocks.push(
      section(
        items
          .slice(0, DIGEST_ITEMS)
          .map((item) => `• ${healthItemText(item)}`)
          .join('\n'),
      ),
    );
  if (items.length > DIGEST_ITEMS)
    blocks.push(context(`And ${items.length - DIGEST_ITEMS} more in Pair health.`));
  blocks.push({
    type: 'actions',
    block_id: 'digest_actions',
    elements: [{ type: 'button', action_id: ADMIN_ACTIONS.pairHealth, text: plain('Open pair health') }],
  });
  const text = `Weekly digest: ${headlines.members} members, ${headlines.activePairs} active pairs, ${headlines.waiting} waiting, ${headlines.proposalsPending} proposals pending.`;
  return { text, blocks };
}

export function digestModal(current: { weekday: Weekday; hour: number } | null): ModalView {
  const on = current !== null;
  const weekday = current?.weekday ?? 'monday';
  return {
    type: 'modal',
    callback_id: ADMIN_CALLBACKS.digest,
    title: plain('Weekly digest'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      section(
        'A direct message once a week with the programme’s figures and what needs attention, at the day and hour you choose in your own Slack time zone. It is skipped when there is nothing at all to say.',
      ),
      {
        type: 'input',
        block_id: ADMIN_FIELDS.digestEnabled,
        label: plain('Send me the weekly digest'),
        element: {
          type: 'static_select',
          action_id: ADMIN_FIELDS.digestEnabled,
          options: [option('Yes', 'yes'), option('No', 'no')],
          initial_option: on ? option('Yes', 'yes') : option('No', 'no'),
        },
      },
      {
        type: 'input',
        block_id: ADMIN_FIELDS.digestWeekday,
        label: plain('Day'),
        element: {
          type: 'static_select',
          action_id: ADMIN_FIELDS.digestWeekday,
          options: WEEKDAYS.map((day) => option(dayName(day), day)),
          initial_option: option(dayName(weekday), weekday),
        },
      },
      {
        type: 'input',
        block_id: ADMIN_FIELDS.digestHour,
        label: plain('Hour (your local time, 0–23)'),
        element: {
          type: 'plain_text_input',
          action_id: ADMIN_FIELDS.digestHour,
          initial_value: String(current?.hour ?? 9),
          max_length: 2,
        },
      },
    ],
  };
}

export function digestSaved(choice: { weekday: Weekday; hour: number } | null, changed: boolean): string {
  if (!changed) return 'Nothing changed.';
  if (choice === null) return 'You will no longer get the weekly digest.';
  return `You will get the weekly digest on ${dayName(choice.weekday)}s at ${choice.hour}:00 your time.`;
}
