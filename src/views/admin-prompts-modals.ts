// The admin's prompt library: the prompts in order (paged), and one prompt's form (wording, place, on or off).
import type { ActionsBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { ADMIN_ACTIONS, ADMIN_CALLBACKS, ADMIN_FIELDS } from './admin-ids';
import { context, pageButtons, section } from './blocks';
import { escapeMrkdwn, truncate } from './text';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

export interface PromptLine {
  id: number;
  position: number;
  text: string;
  enabled: boolean;
}

/** The longest question the forms take (the use case checks the same). */
export interface PromptLimits {
  maxLength: number;
}

export function promptsModal(
  page: { prompts: readonly PromptLine[]; page: number; pageCount: number; total: number },
  limits: PromptLimits,
  note?: string,
): ModalView {
  const blocks: KnownBlock[] = [
    context(
      page.total === 0
        ? 'The library is empty: add the first question below.'
        : `${page.total} prompt${page.total === 1 ? '' : 's'} in the order pairs get them, one a week; a pair never gets the same prompt twice. Page ${page.page + 1} of ${page.pageCount}.`,
    ),
  ];
  if (note !== undefined) blocks.push(section(note));
  for (const prompt of page.prompts) {
    const off = prompt.enabled ? '' : ' _(off: not sent)_';
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${prompt.position}.* ${escapeMrkdwn(truncate(prompt.text, 500))}${off}`,
      },
      accessory: {
        type: 'button',
        action_id: ADMIN_ACTIONS.promptEdit,
        value: String(prompt.id),
        text: plain('Change'),
      },
    });
  }
  const buttons = pageButtons(ADMIN_ACTIONS.promptsPage, page.page, page.pageCount);
  if (buttons.length > 0)
    blocks.push({ type: 'actions', block_id: 'prompts_pages', elements: buttons } as ActionsBlock);
  blocks.push({
    type: 'input',
    block_id: ADMIN_FIELDS.promptNew,
    optional: true,
    label: plain('Add a question at the end'),
    element: {
      type: 'plain_text_input',
      action_id: ADMIN_FIELDS.promptNew,
      multiline: true,
      max_length: limits.maxLength,
    },
  });
  return {
    type: 'modal',
    callback_id: ADMIN_CALLBACKS.prompts,
    title: plain('Prompts'),
    submit: plain('Add'),
    close: plain('Close'),
    blocks,
  };
}

export function promptEditModal(prompt: PromptLine, total: number, limits: PromptLimits): ModalView {
  const sent: PlainTextOption = { text: plain('Send this prompt to pairs'), value: 'enabled' };
  return {
    type: 'modal',
    callback_id: ADMIN_CALLBACKS.promptEdit,
    private_metadata: String(prompt.id),
    title: plain('Change a prompt'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      context('Prompts already posted keep the wording they were sent with.'),
      {
        type: 'input',
        block_id: ADMIN_FIELDS.promptText,
        label: plain('Question'),
        element: {
          type: 'plain_text_input',
          action_id: ADMIN_FIELDS.promptText,
          multiline: true,
          initial_value: prompt.text,
          max_length: limits.maxLength,
        },
      },
      {
        type: 'input',
        block_id: ADMIN_FIELDS.promptPosition,
        label: plain('Place in the order'),
        hint: plain(`1 is first; ${total} is last.`),
        element: {
          type: 'plain_text_input',
          action_id: ADMIN_FIELDS.promptPosition,
          initial_value: String(prompt.position),
          max_length: 6,
        },
      },
      {
        type: 'input',
        block_id: ADMIN_FIELDS.promptEnabled,
        optional: true,
        label: plain('On or off'),
        element: {
          type: 'checkboxes',
          action_id: ADMIN_FIELDS.promptEnabled,
          options: [sent],
          ...(prompt.enabled ? { initial_options: [sent] } : {}),
        },
      },
    ],
  };
}

export function promptAdded(position: number): string {
  return `Added as prompt ${position}.`;
}

export function promptSaved(position: number): string {
  return `Saved prompt ${position}.`;
}

export const PROMPT_GONE = 'That prompt is no longer in the library.';
