// The report as plain text, for `mentor-circles report --format text`: the same figures, in the same order,
// as the Slack message, then the outcomes of every cohort (a file has no message's length limit).
import type { OutcomeFigures, OutcomeScope } from '../domain/outcome-figures';
import { REPORT_WEEKS, type ReportFigures } from '../domain/report-figures';
import {
  crossDepartmentSummary,
  formatDays,
  formatGap,
  formatGeneratedAt,
  formatRating,
  formatShare,
  levelGapSummary,
  outcomeLines,
  personLabel,
  plural,
  weekStartLabel,
} from './report-format';

export function reportText(figures: ReportFigures, outcomes: OutcomeFigures, teamId: string): string {
  const { participants: p, feedback } = figures;
  const lines: string[] = [
    `Mentor Circles programme report — workspace ${teamId}, ${formatGeneratedAt(figures.generatedAt)}`,
    '',
    'Participants',
    `  Mentors with an open offer: ${p.mentorsOpen}`,
    `  Mentees waiting for a mentor: ${p.menteesWaiting}`,
    `  Proposals pending: ${p.proposalsPending}`,
    `  Pairs active / paused / ended: ${p.pairsActive} / ${p.pairsPaused} / ${p.pairsEnded}`,
    '',
    'Supply and demand per topic (open offers vs open requests; gap = requests - offers, largest shortage first)',
  ];
  if (figures.topics.length === 0) lines.push('  No open offers or requests yet.');
  const width = Math.max(5, ...figures.topics.map((topic) => topic.topic.length));
  if (figures.topics.length > 0) {
    lines.push(`  ${'Topic'.padEnd(width)}  Offers  Requests   Gap`);
    for (const topic of figures.topics) {
      lines.push(
        `  ${topic.topic.padEnd(width)}  ${String(topic.offers).padStart(6)}  ${String(topic.requests).padStart(8)}  ${formatGap(topic.gap).padStart(4)}`,
      );
    }
  }
  lines.push('', 'Pairs');
  lines.push(
    figures.pairsByLevelGap.length === 0 ? '  No pairs yet.' : `  By level gap: ${levelGapSummary(figures)}`,
  );
  lines.push(`  Cross-department pairs: ${crossDepartmentSummary(figures)}`);
  lines.push(`  Median time from request to match: ${formatDays(figures.medianDaysToMatch)}`);
  lines.push('', `Engagement, last ${REPORT_WEEKS} ISO weeks (prompts sent, answered, answer rate)`);
  for (const week of figures.weeks) {
    lines.push(
      `  ${week.weekKey} (from ${weekStartLabel(week.weekKey)}): ${week.sent} sent, ${week.answered} answered, ${formatShare(week.answerRate)}`,
    );
  }
  lines.push('', 'Feedback');
  lines.push(
    `  Average rating: ${formatRating(feedback.averageRating)} from ${plural(feedback.count, 'answer')}`,
    `  Would recommend: ${formatShare(feedback.recommendShare)}`,
  );
  lines.push('', 'Pairs needing attention');
  if (figures.attention.length === 0) lines.push('  None.');
  const rows = new Map(figures.pairRows.map((row) => [row.id, row]));
  for (const item of figures.attention) {
    const row = rows.get(item.pairId);
    const mentor = personLabel(item.mentorName, row?.mentorId ?? null);
    const mentee = personLabel(item.menteeName, row?.menteeId ?? null);
    lines.push(`  Pair ${item.pairId} (${mentor} & ${mentee}): ${item.reason}`);
  }
  lines.push(
    ...outcomeSection(outcomes.overall, 'Outcomes of the pairing journey, all pairs'),
    ...outcomes.cohorts.flatMap((scope) =>
      outcomeSection(scope, `Outcomes of cohort ${scope.cohort?.name ?? ''}`),
    ),
  );
  return `${lines.join('\n')}\n`;
}

function outcomeSection(scope: OutcomeScope, heading: string): string[] {
  return [
    '',
    `${heading} (${plural(scope.pairs, 'pair')})`,
    ...outcomeLines(scope).map((line) => `  ${line}`),
  ];
}
