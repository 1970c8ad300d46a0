// The Block Kit pieces every view builds with, each cut to Slack's limit so no view can break it by accident.
import type { Button, KnownBlock, MrkdwnElement } from '@slack/types';
import { truncate } from './text';

/** Slack refuses a section or context text object longer than this. */
export const SECTION_TEXT_MAX = 3000;

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_TEXT_MAX) } };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, SECTION_TEXT_MAX) }] };
}

/** A labelled value for a section's fields (the label bold, the value below it). */
export function field(label: string, value: string | number): MrkdwnElement {
  return { type: 'mrkdwn', text: `*${label}*\n${value}` };
}

/** The back and forward buttons of a paged list (none on its only page); a button's value is the page it opens. */
export function pageButtons(
  actionId: string,
  page: number,
  pageCount: number,
  [back, forward]: readonly [string, string] = ['Previous', 'Next'],
): Button[] {
  const button = (text: string, to: number): Button => ({
    type: 'button',
    action_id: actionId,
    value: String(to),
    text: { type: 'plain_text', text },
  });
  return [
    ...(page > 0 ? [button(back, page - 1)] : []),
    ...(page + 1 < pageCount ? [button(forward, page + 1)] : []),
  ];
}
