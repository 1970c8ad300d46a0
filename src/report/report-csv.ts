// The report as three CSV files (pairs, topic supply and demand, weekly engagement) for spreadsheets.
// RFC 4180 via csv-stringify: a header row, CRLF line ends, fields quoted when they hold commas, quotes or
// line breaks, dates in ISO 8601 (UTC), and a UTF-8 byte order mark so Excel reads accented names right.
import { stringify } from 'csv-stringify/sync';
import type { OutcomeFigure, OutcomeScope } from '../domain/outcome-figures';
import type { ReportFigures } from '../domain/report-figures';
import type { FileUpload } from '../ports/messenger';
import { FEWER_THAN_MIN_ANSWERS, isoDateTime, isoWeekStart } from './report-format';

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

/** The columns of outcomes.csv: one row for all pairs, then one per cohort, newest first. */
export const OUTCOMES_CSV_COLUMNS = [
  'scope',
  'cohort',
  'pairs',
  'pairs_with_goals',
  'goals',
  'median_confidence_start',
  'median_confidence_middle',
  'median_confidence_close',
  'goals_rated_start_and_close',
  'goals_improved',
  'goals_improved_share',
  'fit_check_good_fit',
  'fit_check_still_deciding',
  'fit_check_not_a_fit',
  'early_exits',
  'pairs_extended',
  'pairs_wrapped_up',
  'close_survey_usefulness',
  'close_survey_would_recommend_share',
  'commitments_30_days_yes',
  'commitments_30_days_partly',
  'commitments_30_days_not_yet',
  'commitments_60_days_yes',
  'commitments_60_days_partly',
  'commitments_60_days_not_yet',
  'took_part_again',
  'mentor_voice_average',
] as const;

/**
 * The outcome figures of the given scopes. A suppressed figure fills each of its cells with "fewer than 5
 * answers", so a spreadsheet can never show a number computed from fewer people.
 */
export function outcomesCsv(scopes: readonly OutcomeScope[]): string {
  const cells = <T>(figure: OutcomeFigure<T>, parts: Record<string, (value: T) => number>) =>
    Object.fromEntries(
      Object.entries(parts).map(([column, part]) => [
        column,
        figure.shown ? String(roundTo4(part(figure.value))) : FEWER_THAN_MIN_ANSWERS,
      ]),
    );
  const count = (value: number) => value;
  const rows = scopes.map((scope) => ({
    scope: scope.cohort === null ? 'all' : 'cohort',
    cohort: scope.cohort === null ? '' : safeText(scope.cohort.name),
    pairs: String(scope.pairs),
    ...cells(scope.goals, {
      pairs_with_goals: (value) => value.pairsWithGoals,
      goals: (value) => value.goals,
    }),
    ...cells(scope.confidence.start, { median_confidence_start: count }),
    ...cells(scope.confidence.middle, { median_confidence_middle: count }),
    ...cells(scope.confidence.close, { median_confidence_close: count }),
    ...cells(scope.improved, {
      goals_rated_start_and_close: (value) => value.goals,
      goals_improved: (value) => value.improved,
      goals_improved_share: (value) => value.share,
    }),
    ...cells(scope.fitCheck, {
      fit_check_good_fit: (value) => value.goodFit,
      fit_check_still_deciding: (value) => value.stillDeciding,
      fit_check_not_a_fit: (value) => value.notAFit,
    }),
    ...cells(scope.earlyExits, { early_exits: count }),
    ...cells(scope.extended, { pairs_extended: count }),
    ...cells(scope.wrappedUp, { pairs_wrapped_up: count }),
    ...cells(scope.usefulness, { close_survey_usefulness: count }),
    ...cells(scope.wouldRecommend, { close_survey_would_recommend_share: count }),
    ...cells(scope.followThrough.after30Days, {
      commitments_30_days_yes: (value) => value.yes,
      commitments_30_days_partly: (value) => value.partly,
      commitments_30_days_not_yet: (value) => value.notYet,
    }),
    ...cells(scope.followThrough.after60Days, {
      commitments_60_days_yes: (value) => value.yes,
      commitments_60_days_partly: (value) => value.partly,
      commitments_60_days_not_yet: (value) => value.notYet,
    }),
    ...cells(scope.tookPartAgain, { took_part_again: count }),
    ...cells(scope.mentorVoice, { mentor_voice_average: count }),
  }));
  return toCsv(OUTCOMES_CSV_COLUMNS, rows);
}

/** outcomes.csv, named like the report's other files. */
export function outcomesCsvFile(generatedAt: Date, scopes: readonly OutcomeScope[]): FileUpload {
  return {
    filename: `mentor-circles-${generatedAt.toISOString().slice(0, 10)}-outcomes.csv`,
    title: 'Outcomes',
    content: outcomesCsv(scopes),
  };
}

function roundTo4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
