// What people saw during the offline demo, step by step: the transcript the demo records and the renderers
// (dev/demo-transcript-text.ts, dev/demo-transcript-html.ts) lay out, with the headings and times both show.

import type { Json } from './demo-block-kit-json';

export type Names = (userId: string) => string;

export type TranscriptItem =
  | { kind: 'modal'; audience: string; view: Json; errors?: Record<string, string> }
  | { kind: 'home'; audience: string; view: Json; full: boolean }
  | {
      kind: 'message';
      audience: string;
      text: string;
      blocks: unknown[];
      inThread: boolean;
      updated: boolean;
    }
  | { kind: 'ephemeral'; audience: string; text: string; blocks: unknown[] }
  | { kind: 'said'; audience: string; author: string; text: string }
  | { kind: 'files'; audience: string; comment: string; files: { filename: string; title: string }[] };

export interface TranscriptStep {
  at: Date;
  /** 0 for the sign-up week, 1..n for the programme weeks, n+1 for the wrap-up. */
  week: number;
  /** What happened, in words: "Asha Rao types /mentor offer", "Scheduler tick at 10:00 in London". */
  headline: string;
  /** The time as the person acting saw it, e.g. "14:30 in Kolkata"; empty for the scheduler. */
  localTime: string;
  items: TranscriptItem[];
}

export interface Transcript {
  title: string;
  intro: string[];
  weekTitles: ReadonlyMap<number, string>;
  steps: TranscriptStep[];
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

export function formatDay(date: Date): string {
  return DAY_FORMAT.format(date);
}

export function formatUtcTime(date: Date): string {
  return `${TIME_FORMAT.format(date)} UTC`;
}

/**
 * The steps in order, each with the week title and the day to show above it: only where they change from the
 * step before (a new week starts a new day too).
 */
export function stepsUnderHeadings(
  transcript: Transcript,
): { step: TranscriptStep; weekTitle: string | null; day: string | null }[] {
  const shown: { step: TranscriptStep; weekTitle: string | null; day: string | null }[] = [];
  let week: number | null = null;
  let day = '';
  for (const step of transcript.steps) {
    const weekTitle =
      step.week === week ? null : (transcript.weekTitles.get(step.week) ?? `Week ${step.week}`);
    if (weekTitle !== null) {
      week = step.week;
      day = '';
    }
    const stepDay = formatDay(step.at);
    shown.push({ step, weekTitle, day: stepDay === day ? null : stepDay });
    day = stepDay;
  }
  return shown;
}

/** The line above an item: who saw it and where. */
export function itemHeading(item: TranscriptItem): string {
  switch (item.kind) {
    case 'modal':
      return item.errors === undefined
        ? `Modal for ${item.audience}`
        : `Modal for ${item.audience}, with an error under the field`;
    case 'home':
      return `Home tab of ${item.audience}`;
    case 'message':
      return `${item.updated ? 'Message updated in' : item.inThread ? 'Thread reply in' : 'Message in'} ${item.audience}`;
    case 'ephemeral':
      return `Only visible to ${item.audience}`;
    case 'said':
      return `${item.author} writes in the thread (${item.audience})`;
    case 'files':
      return `Files in ${item.audience}`;
  }
}
