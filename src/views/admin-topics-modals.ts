// The admin's topics: the list with supply and demand beside each (paged), and one topic's form (rename,
// retire or restore, merge into another).
import type { ActionsBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { MAX_TOPIC_NAME_LENGTH } from '../domain/topic-catalogue';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from './admin-ids';
import { context, pageButtons, section } from './blocks';
import { topicChoices } from './signup-modals';
import { escapeMrkdwn, truncate } from './text';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

export interface TopicLine {
  id: number;
  name: string;
  retired: boolean;
  offers: number;
  requests: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function topicsModal(
  page: { topics: readonly TopicLine[]; page: number; pageCount: number; total: number },
  note?: string,
): ModalView {
  const blocks: KnownBlock[] = [
    context(
      page.total === 0
        ? 'No topics yet: add the first below.'
        : `${plural(page.total, 'topic', 'topics')}: offers (people who can teach it) and requests (people who want to learn it) beside each. Page ${page.page + 1} of ${page.pageCount}.`,
    ),
  ];
  if (note !== undefined) blocks.push(section(note));
  for (const topic of page.topics) {
    const retired = topic.retired ? ' _(retired: not offered in the forms)_' : '';
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${escapeMrkdwn(topic.name)}*${retired}\n${plural(topic.offers, 'offer', 'offers')} · ${plural(topic.requests, 'request', 'requests')}`,
      },
      accessory: {
        type: 'button',
        action_id: ADMIN_ACTIONS.topicEdit,
        value: String(topic.id),
        text: plain('Change'),
      },
    });
  }
  const buttons = pageButtons(ADMIN_ACTIONS.topicsPage, page.page, page.pageCount);
  if (buttons.length > 0)
    blocks.push({ type: 'actions', block_id: 'topics_pages', elements: buttons } as ActionsBlock);
  blocks.push({
    type: 'input',
    block_id: ADMIN_FIELDS.topicNew,
    optional: true,
    label: plain('Add a topic'),
    element: {
      type: 'plain_text_input',
      action_id: ADMIN_FIELDS.topicNew,
      max_length: MAX_TOPIC_NAME_LENGTH,
    },
  });
  return {
    type: 'modal',
    callback_id: ADMIN_CALLBACKS.topics,
    title: plain('Topics'),
    submit: plain('Add'),
    close: plain('Close'),
    blocks,
  };
}

const topicOption = (topic: Pick<TopicLine, 'id' | 'name'>): PlainTextOption => ({
  text: plain(truncate(topic.name, 75)),
  value: String(topic.id),
});

export function topicEditModal(topic: TopicLine, others: readonly TopicLine[]): ModalView {
  const retiredOption: PlainTextOption = {
    text: plain('Retired: no longer offered in the offer and find forms'),
    value: 'retired',
  };
  const blocks: KnownBlock[] = [
    context(
      `${plural(topic.offers, 'open offer', 'open offers')} and ${plural(topic.requests, 'open request', 'open requests')} have this topic. They keep it when it is renamed or retired.`,
    ),
    {
      type: 'input',
      block_id: ADMIN_FIELDS.topicName,
      label: plain('Name'),
      element: {
        type: 'plain_text_input',
        action_id: ADMIN_FIELDS.topicName,
        initial_value: topic.name,
        max_length: MAX_TOPIC_NAME_LENGTH,
      },
    },
    {
      type: 'input',
      block_id: ADMIN_FIELDS.topicRetired,
      optional: true,
      label: plain('Retire'),
      element: {
        type: 'checkboxes',
        action_id: ADMIN_FIELDS.topicRetired,
        options: [retiredOption],
        ...(topic.retired ? { initial_options: [retiredOption] } : {}),
      },
    },
  ];
  if (others.length > 0) {
    blocks.push({
      type: 'input',
      block_id: ADMIN_FIELDS.topicMergeInto,
      optional: true,
      label: plain('Merge into another topic'),
      hint: plain(
        'Its offers and requests move to the topic you choose (someone who had both keeps one), and this topic goes from the list.',
      ),
      element: {
        type: 'static_select',
        action_id: ADMIN_FIELDS.topicMergeInto,
        placeholder: plain('Keep it separate'),
        ...topicChoices(others.map(topicOption)),
      },
    });
  }
  return {
    type: 'modal',
    callback_id: ADMIN_CALLBACKS.topicEdit,
    private_metadata: String(topic.id),
    title: plain('Change a topic'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

export function topicAdded(name: string): string {
  return `Added *${escapeMrkdwn(name)}*.`;
}

export function topicChanged(name: string, merged: boolean): string {
  return merged ? `Merged into *${escapeMrkdwn(name)}*.` : `Saved *${escapeMrkdwn(name)}*.`;
}

export const TOPIC_GONE = 'That topic is no longer in the list.';
