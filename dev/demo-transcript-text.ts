// The transcript as text for the terminal and transcript.txt: a line per step under week and day headings,
// with what people saw boxed underneath it.
import { blocksToText, viewTitle, viewToText } from './demo-block-kit-text';
import { mrkdwnToText } from './demo-mrkdwn';
import {
  formatUtcTime,
  itemHeading,
  stepsUnderHeadings,
  type Names,
  type Transcript,
  type TranscriptItem,
} from './demo-transcript';

function itemBody(item: TranscriptItem, names: Names): string[] {
  switch (item.kind) {
    case 'modal':
    case 'home':
      return viewToText(item.view, names, item.kind === 'modal' ? item.errors : {});
    case 'message':
    case 'ephemeral':
      return item.blocks.length > 0 ? blocksToText(item.blocks, names) : [mrkdwnToText(item.text, names)];
    case 'said':
      return [item.text];
    case 'files':
      return [item.comment, ...item.files.map((file) => `📎 ${file.filename} — ${file.title}`)];
  }
}

/**
 * A short key for "the same kind of thing again": the terminal shows the first two of each kind in full and
 * then only their notification text; the HTML page always shows everything.
 */
function shapeKey(item: TranscriptItem, names: Names, knownNames: readonly string[]): string | null {
  const strip = (text: string) => knownNames.reduce((acc, name) => acc.split(name).join('@'), text);
  switch (item.kind) {
    case 'modal':
      return `modal:${item.errors === undefined ? '' : 'errors'}:${viewToText(item.view, names).join('\n')}`;
    case 'message':
      return `message:${item.updated}:${strip(mrkdwnToText(item.text, names)).slice(0, 60)}`;
    default:
      return null;
  }
}

function summaryLine(item: TranscriptItem, names: Names): string {
  if (item.kind === 'modal') return `▌${viewTitle(item.view, names)} (the same form as shown above)`;
  if (item.kind === 'message') return `${mrkdwnToText(item.text, names).split('\n')[0] ?? ''}  (as above)`;
  return '';
}

const FULL_SHOWINGS = 2;

function mergeSameBodies(
  items: TranscriptItem[],
  names: Names,
): { item: TranscriptItem; audiences: string[] }[] {
  const merged: { item: TranscriptItem; audiences: string[]; key: string }[] = [];
  for (const item of items) {
    const key = `${item.kind}|${itemHeading({ ...item, audience: '' } as TranscriptItem)}|${itemBody(item, names).join('\n')}`;
    const same = merged.find((entry) => entry.key === key);
    if (same !== undefined && item.kind !== 'said') same.audiences.push(item.audience);
    else merged.push({ item, audiences: [item.audience], key });
  }
  return merged;
}

/** "the group DM of A & B" three times over becomes "3 group DMs: A & B; C & D; E & F". */
function audienceList(audiences: string[]): string {
  if (audiences.length === 1) return audiences[0] ?? '';
  for (const kind of ['group DM', 'DM']) {
    const prefix = `the ${kind} of `;
    if (audiences.every((audience) => audience.startsWith(prefix))) {
      return `${audiences.length} ${kind}s: ${audiences.map((audience) => audience.slice(prefix.length)).join('; ')}`;
    }
  }
  return audiences.join('; ');
}

export function transcriptToText(
  transcript: Transcript,
  names: Names,
  knownNames: readonly string[],
): string {
  const out: string[] = [transcript.title, '='.repeat(transcript.title.length), ...transcript.intro, ''];
  const seen = new Map<string, number>();
  for (const { step, weekTitle, day } of stepsUnderHeadings(transcript)) {
    if (weekTitle !== null) {
      out.push('', `━━━━ ${weekTitle} ${'━'.repeat(Math.max(4, 100 - weekTitle.length))}`);
    }
    if (day !== null) out.push('', `  ${day}`);
    const local = step.localTime === '' ? '' : ` (${step.localTime})`;
    out.push(`  ${formatUtcTime(step.at).padEnd(9)} ▶ ${step.headline}${local}`);
    for (const { item, audiences } of mergeSameBodies(step.items, names)) {
      const heading = itemHeading({ ...item, audience: audienceList(audiences) } as TranscriptItem);
      if (item.kind === 'home' && !item.full) {
        out.push(`            ⌂ ${heading} refreshed`);
        continue;
      }
      const key = shapeKey(item, names, knownNames);
      const count = key === null ? 0 : (seen.get(key) ?? 0);
      if (key !== null) seen.set(key, count + 1);
      out.push(`            ┌ ${heading}`);
      const body = count >= FULL_SHOWINGS ? [summaryLine(item, names)] : itemBody(item, names);
      for (const line of body) out.push(`            │ ${line}`);
    }
  }
  return `${out.join('\n')}\n`;
}
