// The audit log as an HR admin reads it: each entry one sentence ("renamed topic “AI tools” to “AI
// assistants”"), in the audit modal and in the CSV. The stored before/after values stay as they are (the CSV
// keeps them for machines); the sentence is written from them here, so older entries read the same way.
import type { ActionsBlock, KnownBlock, ModalView } from '@slack/types';
import type { SettingKey } from '../domain/programme-settings';
import { ADMIN_ACTIONS } from './admin-ids';
import { describeSettingValue, SETTING_LABELS } from './admin-modals';
import { context, pageButtons, section } from './blocks';
import { escapeMrkdwn, mention, truncate } from './text';

export interface AuditLine {
  at: Date;
  actorId: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
}

/** How names, people, channels and quoted words are written: Slack mrkdwn, or plain text for the CSV. */
interface Writing {
  person(userId: string): string;
  channel(channelId: string): string;
  /** A name or text someone typed, in quotation marks. */
  quote(text: string): string;
  /** A setting's name, in bold in Slack. */
  term(text: string): string;
  /** A value as it is. */
  value(text: string): string;
}

// Long values (a welcome text, a prompt) are cut in Slack, where a whole page of entries shares one modal.
const SLACK_QUOTE_MAX = 150;

const SLACK: Writing = {
  person: mention,
  channel: (channelId) => `<#${channelId}>`,
  quote: (text) => `“${escapeMrkdwn(truncate(text, SLACK_QUOTE_MAX))}”`,
  term: (text) => `*${escapeMrkdwn(truncate(text, SLACK_QUOTE_MAX))}*`,
  value: (text) => escapeMrkdwn(truncate(text, SLACK_QUOTE_MAX)),
};

const PLAIN: Writing = {
  person: (userId) => userId,
  channel: (channelId) => `channel ${channelId}`,
  quote: (text) => `“${text}”`,
  term: (text) => text,
  value: (text) => text,
};

/** What the admin did, as a sentence without its subject (the actor), in mrkdwn for Slack. */
export function auditSentence(entry: AuditLine): string {
  return sentence(entry, SLACK);
}

/** The same sentence in plain text, for the CSV. */
export function auditSentencePlain(entry: AuditLine): string {
  return sentence(entry, PLAIN);
}

function sentence(entry: AuditLine, w: Writing): string {
  const { action, subject, before, after } = entry;
  const name = (value: unknown) => w.quote(textOf(value, 'name') ?? subject);
  const prompt = `prompt ${subject}`;
  switch (action) {
    case 'admin.added':
      return `added ${w.person(subject)} as a programme admin`;
    case 'admin.removed':
      return `removed ${w.person(subject)} as a programme admin`;
    case 'setting.changed': {
      const key = subject as SettingKey;
      const label = SETTING_LABELS[key] ?? subject;
      const value = (v: unknown) => w.value(describeSettingValue(key, v));
      return `changed ${w.term(label)} from ${value(before)} to ${value(after)}`;
    }
    case 'invitation.posted': {
      const channel = textOf(after, 'channel') ?? subject;
      const joined = numberOf(after, 'joinedSince') ?? 0;
      const since =
        joined > 0
          ? ` (${joined} ${joined === 1 ? 'colleague had' : 'colleagues had'} joined since the last one)`
          : '';
      return `posted the invitation in ${w.channel(channel)}${since}`;
    }
    case 'topic.added':
      return `added topic ${name(after)}`;
    case 'topic.renamed':
      return `renamed topic ${name(before)} to ${name(after)}`;
    case 'topic.retired':
      return `retired topic ${name(after)}`;
    case 'topic.restored':
      return `brought back topic ${name(after)}`;
    case 'topic.merged':
      return `merged topic ${name(before)} into ${name(after)}`;
    case 'prompt.added':
      return `added ${prompt}: ${w.quote(textOf(after, 'text') ?? '')}`;
    case 'prompt.edited':
      return `reworded ${prompt} from ${w.quote(textOf(before, 'text') ?? '')} to ${w.quote(textOf(after, 'text') ?? '')}`;
    case 'prompt.moved': {
      const from = numberOf(before, 'position');
      const to = numberOf(after, 'position');
      return `moved ${prompt}${from === null ? '' : ` from position ${from}`} to position ${to ?? '?'}`;
    }
    case 'prompt.disabled':
      return `stopped sending ${prompt}`;
    case 'prompt.enabled':
      return `started sending ${prompt} again`;
    case 'pair.nudged':
      return `nudged ${subject}`;
    case 'pair.ended': {
      const reason = textOf(after, 'reason');
      return `ended ${subject}${reason === null ? '' : `, for the reason ${w.quote(reason)}`}`;
    }
    case 'matching.run': {
      const proposed = numberOf(after, 'proposed') ?? 0;
      const waitlisted = numberOf(after, 'waitlisted') ?? 0;
      return `ran matching: ${plural(proposed, 'proposal')} made, ${waitlisted} waitlisted`;
    }
    case 'mentor.suggested': {
      const mentor = textOf(after, 'mentorId');
      const mentee = textOf(after, 'menteeId');
      return mentor === null || mentee === null
        ? `suggested a mentor (${subject})`
        : `suggested ${w.person(mentor)} as a mentor for ${w.person(mentee)} (${subject})`;
    }
    case 'cohort.opened': {
      const day = (key: string) => textOf(after, key)?.slice(0, 10) ?? '?';
      const weeks = numberOf(after, 'termWeeks');
      return `opened the cohort ${w.quote(subject)}: sign-up ${day('signupOpensAt')} to ${day('signupClosesAt')}, starting ${day('startsAt')}${weeks === null ? '' : ` for ${weeks} weeks`}`;
    }
    case 'digest.changed':
      return after === null || after === undefined
        ? 'stopped their weekly digest'
        : `set their weekly digest to ${w.value(digestTime(after))}`;
    case 'level.added':
    case 'level.changed':
    case 'level.removed':
      return levelSentence(entry, w);
    case 'department.added':
    case 'department.renamed':
    case 'department.merged':
    case 'department.retired':
    case 'department.restored':
      return departmentSentence(entry, w);
    default:
      return `${action} ${subject}`;
  }
}

const LEVEL_VERBS: Record<string, string> = {
  'level.added': 'added a level',
  'level.changed': 'changed a level',
  'level.removed': 'removed a level',
};

function levelSentence(entry: AuditLine, w: Writing): string {
  const before = namesOf(entry.before);
  const after = namesOf(asRecord(entry.after)?.ladder);
  const moved = asRecord(entry.after)?.holdersMovedTo;
  const people = moved === null || moved === undefined ? '' : ', and moved the people on it';
  const ladder = (names: string[]) => w.value(names.join(' › '));
  return `${LEVEL_VERBS[entry.action] ?? entry.action}${people}: the ladder was ${ladder(before)}, now ${ladder(after)}`;
}

function departmentSentence(entry: AuditLine, w: Writing): string {
  const from = w.quote(entry.subject);
  const before = namesOf(entry.before);
  const after = namesOf(entry.after);
  switch (entry.action) {
    case 'department.added':
      return `added department ${from}`;
    case 'department.renamed': {
      const to = after.find((name) => !before.includes(name));
      return to === undefined ? `renamed department ${from}` : `renamed department ${from} to ${w.quote(to)}`;
    }
    case 'department.merged':
      return `merged department ${from} into another; its people moved with it`;
    case 'department.retired':
      return `retired department ${from}`;
    default:
      return `brought back department ${from}`;
  }
}

function digestTime(value: unknown): string {
  const weekday = textOf(value, 'weekday') ?? '';
  const hour = numberOf(value, 'hour');
  const day = weekday.charAt(0).toUpperCase() + weekday.slice(1);
  return hour === null ? day : `${day}s at ${String(hour).padStart(2, '0')}:00`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function textOf(value: unknown, key: string): string | null {
  const found = asRecord(value)?.[key];
  return typeof found === 'string' ? found : typeof found === 'number' ? String(found) : null;
}

function numberOf(value: unknown, key: string): number | null {
  const found = asRecord(value)?.[key];
  return typeof found === 'number' ? found : null;
}

function namesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

export function auditModal(
  page: { entries: readonly AuditLine[]; page: number; pageCount: number; total: number },
  note?: string,
): ModalView {
  const blocks: KnownBlock[] = [
    context(
      page.total === 0
        ? 'No admin changes yet.'
        : `${page.total} change${page.total === 1 ? '' : 's'}, newest first. Page ${page.page + 1} of ${page.pageCount}.`,
    ),
  ];
  if (note !== undefined) blocks.push(context(note));
  for (const entry of page.entries) blocks.push(section(auditLine(entry)));
  const buttons = pageButtons(ADMIN_ACTIONS.auditPage, page.page, page.pageCount, ['Newer', 'Older']);
  buttons.push({ type: 'button', action_id: ADMIN_ACTIONS.auditCsv, text: plain('Send me the CSV') });
  blocks.push({ type: 'actions', block_id: 'audit_actions', elements: buttons } as ActionsBlock);
  return { type: 'modal', title: plain('Audit log'), close: plain('Close'), blocks };
}

function auditLine(entry: AuditLine): string {
  const when = entry.at.toISOString().slice(0, 16).replace('T', ' ');
  return `${when} UTC · ${mention(entry.actorId)} ${auditSentence(entry)}`;
}

export function auditCsvSent(entries: number): string {
  return `The audit log (${entries} change${entries === 1 ? '' : 's'}) is in your direct messages with the app.`;
}

function plain(text: string) {
  return { type: 'plain_text' as const, text };
}
