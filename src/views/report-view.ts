// Block Kit for /mentor report: the programme figures in one message, well under Slack's 50 blocks and
// 3000 characters per section whatever the size of the programme (long lists end with "and N more").
import type { KnownBlock } from '@slack/types';
import { OUTCOME_MIN_PEOPLE, type OutcomeFigures, type OutcomeScope } from '../domain/outcome-figures';
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
  plural,
  weekStartLabel,
} from '../report/report-format';
import { escapeMrkdwn, mention, truncate } from './text';
import { section, context, field } from './blocks';

/** Topics listed in the message; the CSV and the chart carry the rest. */
export const REPORT_TOPIC_LINES = 15;
export const REPORT_ATTENTION_LINES = 10;
const TOPIC_NAME_MAX = 80;

// A type alias (not an interface) so it also passes where a plain JSON object is expected.
export type SlackText = { text: string; blocks: KnownBlock[] };

export function reportMessage(
  figures: ReportFigures,
  options: { chartsFollow: boolean; outcomes?: OutcomeFigures; programmeName: string },
): SlackText {
  const { participants: p } = figures;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `${options.programmeName} programme report` } },
    context(`Figures for this workspace as of ${formatGeneratedAt(figures.generatedAt)}.`),
    {
      type: 'section',
      text: { type: 'mrkdwn', text: '*Participants*' },
      fields: [
        field('Mentors with an open offer', String(p.mentorsOpen)),
        field('Mentees waiting for a mentor', String(p.menteesWaiting)),
        field('Proposals pending', String(p.proposalsPending)),
        field('Pairs active / paused / ended', `${p.pairsActive} / ${p.pairsPaused} / ${p.pairsEnded}`),
      ],
    },
    { type: 'divider' },
    section(topicsText(figures)),
    { type: 'divider' },
    section(pairsText(figures)),
    { type: 'divider' },
    section(engagementText(figures)),
    { type: 'divider' },
    section(feedbackText(figures)),
    { type: 'divider' },
    section(attentionText(figures)),
    ...(options.outcomes === undefined ? [] : outcomeBlocks(options.outcomes)),
    context(
      [
        options.chartsFollow
          ? 'Charts of weekly engagement and of topic supply and demand are on their way to your DM with me.'
          : null,
        '`/mentor report csv` sends every figure as CSV files for a spreadsheet.',
      ]
        .filter((line) => line !== null)
        .join(' '),
    ),
  ];
  return {
    text: `${options.programmeName} programme report: ${plural(p.pairsActive, 'active pair')}, ${plural(p.menteesWaiting, 'mentee')} waiting`,
    blocks,
  };
}

// No figure of any kind in here, not even a count: the person is not allowed to see the report.
export const REPORT_REFUSAL =
  'Sorry, the programme report is only for programme admins. If you need it, ask whoever runs Mentor Circles in your workspace to add you as an admin.';

export function reportRefusal(): SlackText {
  return { text: REPORT_REFUSAL, blocks: [section(REPORT_REFUSAL)] };
}

const REPORT_COHORT_USAGE = " Add `cohort <name>` for one cohort's outcomes.";

export function reportUsage(word: string): SlackText {
  const text = `I don't know \`/mentor report ${escapeMrkdwn(truncate(word, 40))}\`. Use \`/mentor report\` for the figures, or \`/mentor report csv\` to get them as CSV files.${REPORT_COHORT_USAGE}`;
  return { text: `Unknown report option: ${truncate(word, 40)}`, blocks: [section(text)] };
}

export function reportCsvSent(filenames: readonly string[], namesHidden: boolean): SlackText {
  const text = [
    `I've sent you ${plural(filenames.length, 'CSV file')} in our DM: ${filenames.map((name) => `\`${escapeMrkdwn(name)}\``).join(', ')}.`,
    namesHidden ? 'Names are hidden in the pairs file: it lists Slack ids only.' : null,
  ]
    .filter((line) => line !== null)
    .join('\n');
  return {
    text: `I've sent you ${plural(filenames.length, 'CSV file')} in our DM.`,
    blocks: [section(text)],
  };
}

export const REPORT_FILES_FAILED =
  'Sorry, I could not send the files to your DM. Please try again in a minute.';

export function reportFilesFailed(what: 'charts' | 'csv'): SlackText {
  const text =
    what === 'charts'
      ? 'The figures are above, but I could not send the charts to your DM. Please try again in a minute.'
      : REPORT_FILES_FAILED;
  return { text, blocks: [section(text)] };
}

/** The comment posted with the files in the DM. */
export function reportFilesComment(
  figures: ReportFigures,
  what: 'charts' | 'csv',
  programmeName: string,
): string {
  const when = formatGeneratedAt(figures.generatedAt);
  return what === 'charts'
    ? `${programmeName} report charts, ${when}: weekly engagement, and topic supply and demand.`
    : `${programmeName} report as CSV files, ${when}: pairs, topic supply and demand, weekly engagement.`;
}

function topicsText(figures: ReportFigures): string {
  const heading = '*Supply and demand per topic* (open requests vs open offers, largest shortage first)';
  if (figures.topics.length === 0) return `${heading}\nNo open offers or requests yet.`;
  const shown = figures.topics.slice(0, REPORT_TOPIC_LINES);
  const lines = shown.map(
    (topic) =>
      `• *${escapeMrkdwn(truncate(topic.topic, TOPIC_NAME_MAX))}*: ${topic.requests} requested, ${topic.offers} offered (gap ${formatGap(topic.gap)})`,
  );
  const more = figures.topics.length - shown.length;
  if (more > 0) lines.push(`…and ${plural(more, 'more topic')}: the CSV files list them all.`);
  return [heading, ...lines].join('\n');
}

function pairsText(figures: ReportFigures): string {
  return [
    '*Pairs*',
    figures.pairsByLevelGap.length === 0 ? 'No pairs yet.' : `By level gap: ${levelGapSummary(figures)}`,
    `Cross-department pairs: ${crossDepartmentSummary(figures)}`,
    `Median time from request to match: ${formatDays(figures.medianDaysToMatch)}`,
  ].join('\n');
}

function engagementText(figures: ReportFigures): string {
  const lines = figures.weeks.map(
    (week) =>
      `\`${week.weekKey}\` ${weekStartLabel(week.weekKey)}: ${week.sent} sent, ${week.answered} answered, ${formatShare(week.answerRate)}`,
  );
  return [
    `*Engagement, last ${REPORT_WEEKS} ISO weeks* (prompts sent, answered, answer rate)`,
    ...lines,
  ].join('\n');
}

function feedbackText(figures: ReportFigures): string {
  const { feedback } = figures;
  if (feedback.count === 0) return '*Feedback*\nNo feedback yet.';
  return [
    '*Feedback*',
    `Average rating: ${formatRating(feedback.averageRating)} from ${plural(feedback.count, 'answer')}`,
    `Would recommend it to a colleague: ${formatShare(feedback.recommendShare)}`,
  ].join('\n');
}

function attentionText(figures: ReportFigures): string {
  const heading = '*Pairs needing attention*';
  if (figures.attention.length === 0) return `${heading}\nNone: every active pair is reachable and talking.`;
  const rows = new Map(figures.pairRows.map((row) => [row.id, row]));
  const shown = figures.attention.slice(0, REPORT_ATTENTION_LINES);
  const lines = shown.map((item) => {
    const row = rows.get(item.pairId);
    return `• Pair ${item.pairId}, ${person(row?.mentorId ?? null)} and ${person(row?.menteeId ?? null)}: ${escapeMrkdwn(truncate(item.reason, 120))}`;
  });
  const more = figures.attention.length - shown.length;
  if (more > 0) lines.push(`…and ${plural(more, 'more pair')}.`);
  return [heading, ...lines].join('\n');
}

function person(userId: string | null): string {
  // A mention shows the current name to the reader; people who left have no id any more.
  return userId === null ? 'a former member' : mention(userId);
}

/** Cohorts whose outcomes the full report shows, newest first; `/mentor report cohort <name>` shows any one. */
export const REPORT_COHORT_SECTIONS = 5;
export const REPORT_COHORT_NAMES_LISTED = 20;
const COHORT_NAME_MAX = 80;

const SUPPRESSION_NOTE = `A figure from fewer than ${OUTCOME_MIN_PEOPLE} people shows "fewer than ${OUTCOME_MIN_PEOPLE} answers" instead, so nobody can be singled out. Ratings are shown only as medians, averages and shares; nothing anyone typed is ever in the report.`;

function outcomeBlocks(outcomes: OutcomeFigures): KnownBlock[] {
  const shown = outcomes.cohorts.slice(0, REPORT_COHORT_SECTIONS);
  const more = outcomes.cohorts.length - shown.length;
  return [
    { type: 'divider' },
    section(outcomeText(outcomes.overall, '*Outcomes of the pairing journey*, all pairs')),
    ...shown.map((scope) => section(outcomeText(scope, `*Outcomes of cohort ${cohortName(scope)}*`))),
    context(
      [
        SUPPRESSION_NOTE,
        more > 0
          ? `${plural(more, 'older cohort')} not shown here: \`/mentor report cohort <name>\` shows one, and the outcomes CSV lists them all.`
          : null,
      ]
        .filter((line) => line !== null)
        .join(' '),
    ),
  ];
}

function outcomeText(scope: OutcomeScope, heading: string): string {
  return [
    `${heading} (${plural(scope.pairs, 'pair')})`,
    ...outcomeLines(scope).map((line) => `• ${line}`),
  ].join('\n');
}

function cohortName(scope: OutcomeScope): string {
  return escapeMrkdwn(truncate(scope.cohort?.name ?? '', COHORT_NAME_MAX));
}

/** `/mentor report cohort <name>`: that cohort's outcomes alone. */
export function cohortOutcomesMessage(
  scope: OutcomeScope,
  generatedAt: Date,
  programmeName: string,
): SlackText {
  const name = truncate(scope.cohort?.name ?? '', COHORT_NAME_MAX);
  return {
    text: `${programmeName} outcomes of cohort ${name}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(`Outcomes: cohort ${name}`, 150) } },
      context(`Figures for this cohort as of ${formatGeneratedAt(generatedAt)}.`),
      section(outcomeText(scope, `*Outcomes of cohort ${cohortName(scope)}*`)),
      context(
        `${SUPPRESSION_NOTE} A chart of goal confidence is on its way to your DM with me; \`/mentor report csv cohort ${cohortName(scope)}\` sends these figures as a CSV file.`,
      ),
    ],
  };
}

/** A cohort name nobody has: say which cohorts there are, so the admin can type one. */
export function reportUnknownCohort(name: string, cohorts: readonly OutcomeScope[]): SlackText {
  const asked = escapeMrkdwn(truncate(name, 40));
  const first =
    asked === ''
      ? 'Which cohort? Type its name after `/mentor report cohort`.'
      : `There is no cohort called “${asked}” in this workspace.`;
  const listed = cohorts.slice(0, REPORT_COHORT_NAMES_LISTED).map((scope) => `• ${cohortName(scope)}`);
  const more = cohorts.length - listed.length;
  const lines =
    cohorts.length === 0
      ? [first, 'This workspace has no cohorts yet: `/mentor report` shows the outcomes of every pair.']
      : [
          first,
          'Its cohorts, newest first:',
          ...listed,
          ...(more > 0 ? [`…and ${plural(more, 'older cohort')}.`] : []),
        ];
  return {
    text: asked === '' ? 'Which cohort?' : `No cohort called ${truncate(name, 40)}`,
    blocks: [section(lines.join('\n'))],
  };
}

/** The comment posted with one cohort's files in the DM. */
export function cohortFilesComment(
  scope: OutcomeScope,
  generatedAt: Date,
  csv: boolean,
  programmeName: string,
): string {
  const name = truncate(scope.cohort?.name ?? '', COHORT_NAME_MAX);
  return `${programmeName} outcomes of cohort ${name}, ${formatGeneratedAt(generatedAt)}: ${csv ? 'as a CSV file' : 'goal confidence chart'}.`;
}
