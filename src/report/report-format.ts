// How report figures are written out, shared by the Slack message, the CLI text and the chart so a share or a
// median reads the same everywhere. The figures themselves come from domain/report-figures.
import { DateTime } from 'luxon';
import { parseIsoWeekKey } from '../domain/prompt-schedule';
import {
  GOAL_STAGES,
  OUTCOME_MIN_PEOPLE,
  type FollowThroughCounts,
  type OutcomeFigure,
  type OutcomeScope,
} from '../domain/outcome-figures';
import type { ReportFigures } from '../domain/report-figures';

export const NO_VALUE = '—';

/** 0.625 → '63%'; null (nothing to divide by) → '—'. */
export function formatShare(share: number | null): string {
  return share === null ? NO_VALUE : `${Math.round(share * 100)}%`;
}

/** 2.5 → '2.5 days', 1 → '1 day', 0.04 → '0 days'; null → '—'. */
export function formatDays(days: number | null): string {
  if (days === null) return NO_VALUE;
  const rounded = Math.round(days * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'day' : 'days'}`;
}

/** 4 → '4.0 / 5'; null → '—'. */
export function formatRating(rating: number | null): string {
  return rating === null ? NO_VALUE : `${rating.toFixed(1)} / 5`;
}

/** A signed gap: '+3' means 3 more requests than offers. */
export function formatGap(gap: number): string {
  return gap > 0 ? `+${gap}` : String(gap);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** '2026-11-27 12:00 UTC'. */
export function formatGeneratedAt(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** ISO 8601 to the second, in UTC: '2026-11-27T12:00:00Z'. */
export function isoDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The Monday an ISO week starts on, as an ISO date ('2026-W41' → '2026-10-05'); '' for a malformed key. */
export function isoWeekStart(weekKey: string): string {
  const parsed = parseIsoWeekKey(weekKey);
  if (parsed === null) return '';
  return DateTime.fromObject({ ...parsed, weekday: 1 }, { zone: 'utc' }).toISODate() ?? '';
}

/** The Monday an ISO week starts on, short: '2026-W41' → '5 Oct'. */
export function weekStartLabel(weekKey: string): string {
  const start = isoWeekStart(weekKey);
  return start === '' ? '' : DateTime.fromISO(start, { zone: 'utc' }).toFormat('d LLL', { locale: 'en' });
}

/** 'W41 · 5 Oct', short enough for a chart axis. */
export function shortWeekLabel(weekKey: string): string {
  const start = weekStartLabel(weekKey);
  return start === '' ? weekKey : `${weekKey.slice(weekKey.indexOf('-') + 1)} · ${start}`;
}

/** Who a person in the report is: their name, else their Slack id, else that they have left. */
export function personLabel(name: string | null, userId: string | null): string {
  return name ?? userId ?? 'former member';
}

/** '2 levels: 3 pairs · 4 levels: 1 pair'; '' when there are no pairs. */
export function levelGapSummary(figures: ReportFigures): string {
  return figures.pairsByLevelGap
    .map((gap) => `${plural(gap.levelGap, 'level')}: ${plural(gap.pairs, 'pair')}`)
    .join(' · ');
}

/** '40% (2 of 5)'; '—' when there are no pairs. */
export function crossDepartmentSummary(figures: ReportFigures): string {
  const total = figures.pairRows.length;
  if (total === 0) return formatShare(figures.crossDepartmentShare);
  const cross = figures.pairRows.filter((pair) => pair.crossDepartment).length;
  return `${formatShare(figures.crossDepartmentShare)} (${cross} of ${total})`;
}

/** What a figure from fewer than OUTCOME_MIN_PEOPLE people shows instead, everywhere. */
export const FEWER_THAN_MIN_ANSWERS = `fewer than ${OUTCOME_MIN_PEOPLE} answers`;

/** The figure written by `format`, or "fewer than 5 answers" when it was suppressed. */
export function formatOutcome<T>(figure: OutcomeFigure<T>, format: (value: T) => string): string {
  return figure.shown ? format(figure.value) : FEWER_THAN_MIN_ANSWERS;
}

/** What a cohort or the whole workspace is called in the report. */
export function scopeLabel(scope: OutcomeScope): string {
  return scope.cohort === null ? 'All pairs' : `Cohort ${scope.cohort.name}`;
}

/**
 * The outcome figures of one scope as plain lines, the same in the Slack message and the CLI text. Only counts,
 * medians, averages and shares: nothing anyone typed.
 */
export function outcomeLines(scope: OutcomeScope): string[] {
  const { confidence, followThrough } = scope;
  const counts = (value: FollowThroughCounts) =>
    `${value.yes} yes · ${value.partly} partly · ${value.notYet} not yet`;
  const pairCount = (value: number) => plural(value, 'pair');
  return [
    `Goals set: ${formatOutcome(scope.goals, (value) => `${value.pairsWithGoals} of ${plural(scope.pairs, 'pair')} set ${plural(value.goals, 'goal')}`)}`,
    `Median confidence in a goal (1–5), start → middle → close: ${GOAL_STAGES.map((stage) => formatOutcome(confidence[stage], formatRating)).join(' → ')}`,
    `Goals rated higher at the close than at the start: ${formatOutcome(scope.improved, (value) => `${formatShare(value.share)} (${value.improved} of ${plural(value.goals, 'goal')})`)}`,
    `Fit check (each person's latest answer): ${formatOutcome(scope.fitCheck, (value) => `${value.goodFit} good fit · ${value.stillDeciding} still deciding · ${value.notAFit} not a good fit`)}`,
    `Early exits (ended as not a good fit): ${formatOutcome(scope.earlyExits, pairCount)}`,
    `Extended: ${formatOutcome(scope.extended, pairCount)} · Wrapped up: ${formatOutcome(scope.wrappedUp, pairCount)}`,
    `Close survey: usefulness ${formatOutcome(scope.usefulness, formatRating)} · would recommend ${formatOutcome(scope.wouldRecommend, formatShare)}`,
    `Commitments done after 30 days: ${formatOutcome(followThrough.after30Days, counts)}; after 60 days: ${formatOutcome(followThrough.after60Days, counts)}`,
    `Took part again: ${formatOutcome(scope.tookPartAgain, (value) => plural(value, 'person', 'people'))}`,
    `Mentors' private voice ("I feel listened to and can be candid", 1–5): ${formatOutcome(scope.mentorVoice, formatRating)}`,
  ];
}
