// How report figures are written out, shared by the Slack message, the CLI text and the chart so a share or a
// median reads the same everywhere. The figures themselves come from domain/report-figures.
import { DateTime } from 'luxon';
import { parseIsoWeekKey } from '../domain/prompt-schedule';
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
