// The Block Kit pieces every view builds with, each cut to Slack's limit so no view can break it by accident.
import type { KnownBlock, MrkdwnElement } from '@slack/types';
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
