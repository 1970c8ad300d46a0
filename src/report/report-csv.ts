// The report as three CSV files (pairs, topic supply and demand, weekly engagement) for spreadsheets.
// RFC 4180 via csv-stringify: a header row, CRLF line ends, fields quoted when they hold commas, quotes or
// line breaks, dates in ISO 8601 (UTC), and a UTF-8 byte order mark so Excel reads accented names right.
import { stringify } from 'csv-stringify/sync';
import type { ReportFigures } from '../domain/report-figures';
import type { FileUpload } from '../ports/messenger';
import { isoDateTime, isoWeekStart } from './report-format';

export type ReportCsvKind = 'pairs' | 'topics' | 'weekly-engagement';

export interface ReportCsvOptions {
  /** REPORT_HIDE_NAMES: the pairs file then carries Slack ids only. */
  hideNames: boolean;
}

export interface ReportCsv {
  kind: ReportCsvKind;
  title: string;
  content: string;
}

export function reportCsvs(figures: ReportFigures, options: ReportCsvOptions): ReportCsv[] {
  return [
    { kind: 'pairs', title: 'Pairs', content: pairsCsv(figures, options) },
    { kind: 'topics', title: 'Topic supply and demand', content: topicsCsv(figures) },
    { kind: 'weekly-engagement', title: 'Weekly engagement', content: weeklyEngagementCsv(figures) },
  ];
}

/** The CSVs as files named `<prefix>-<kind>.csv`; the default prefix carries the report's date. */
export function reportCsvFiles(
  figures: ReportFigures,
  options: ReportCsvOptions & { prefix?: string },
): FileUpload[] {
  const prefix = options.prefix ?? `mentor-circles-${figures.generatedAt.toISOString().slice(0, 10)}`;
  return reportCsvs(figures, options).map((csv) => ({
    filename: `${prefix}-${csv.kind}.csv`,
    title: csv.title,
    content: csv.content,
  }));
}

export function pairsCsv(figures: ReportFigures, { hideNames }: ReportCsvOptions): string {
  const columns = [
    'pair_id',
    ...(hideNames ? [] : ['mentor', 'mentee']),
    'mentor_id',
    'mentee_id',
    'status',
    'level_gap',
    'cross_department',
    'shared_topics',
    'started_at',
    'ended_at',
    'prompts_sent',
    'prompts_answered',
  ];
  const rows = figures.pairRows.map((pair) => ({
    pair_id: String(pair.id),
    mentor: safeText(pair.mentor ?? ''),
    mentee: safeText(pair.mentee ?? ''),
    mentor_id: pair.mentorId ?? '',
    mentee_id: pair.menteeId ?? '',
    status: pair.status,
    level_gap: String(pair.levelGap),
    cross_department: String(pair.crossDepartment),
    shared_topics: safeText(pair.sharedTopics.join('; ')),
    started_at: isoDateTime(pair.startedAt),
    ended_at: pair.endedAt === null ? '' : isoDateTime(pair.endedAt),
    prompts_sent: String(pair.promptsSent),
    prompts_answered: String(pair.promptsAnswered),
  }));
  return toCsv(columns, rows);
}

export function topicsCsv(figures: ReportFigures): string {
  return toCsv(
    ['topic', 'offers', 'requests', 'gap'],
    figures.topics.map((topic) => ({
      topic: safeText(topic.topic),
      offers: String(topic.offers),
      requests: String(topic.requests),
      gap: String(topic.gap),
    })),
  );
}

export function weeklyEngagementCsv(figures: ReportFigures): string {
  return toCsv(
    ['week', 'week_start', 'prompts_sent', 'prompts_answered', 'answer_rate'],
    figures.weeks.map((week) => ({
      week: week.weekKey,
      week_start: isoWeekStart(week.weekKey),
      prompts_sent: String(week.sent),
      prompts_answered: String(week.answered),
      // A share from 0 to 1, so a spreadsheet can format it as a percentage; empty when nothing was sent.
      answer_rate: week.answerRate === null ? '' : String(Math.round(week.answerRate * 10_000) / 10_000),
    })),
  );
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, string>[]): string {
  return stringify(rows as Record<string, string>[], {
    header: true,
    columns: columns.map((key) => ({ key, header: key })),
    bom: true,
    record_delimiter: 'windows',
    // csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone line break, which
    // spreadsheets would still read as the end of a row.
    quoted_match: /[\r\n]/,
  });
}

/**
 * Names and topics are typed by people; a spreadsheet would run one starting with = + - or @ as a formula
 * (CSV injection), so such a cell gets a leading apostrophe, which spreadsheets show as plain text.
 */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
