// /mentor report [csv] and the Home tab's "Full report" button: programme figures for admins, as a message,
// chart images and CSV files. Admin rights are checked on every call: they can be taken away.
import { errorSummary } from '../errors';
import type { Logger } from '../logger';
import { findCohortScope } from '../domain/outcome-figures';
import { confidenceChartFile, renderReportCharts } from '../report/report-chart';
import { outcomesCsvFile, reportCsvFiles } from '../report/report-csv';
import {
  cohortFilesComment,
  cohortOutcomesMessage,
  reportCsvSent,
  reportUnknownCohort,
  reportFilesComment,
  reportFilesFailed,
  reportMessage,
  reportRefusal,
  reportUsage,
  type SlackText,
} from '../views/report-view';
import { buildOutcomes, buildReport, type BuildOutcomesDeps, type BuildReportDeps } from './build-report';
import { isProgrammeAdmin, type CheckProgrammeAdminDeps } from './check-programme-admin';
import type { SettingsFor } from './programme-settings';
import { sendReportFiles, type SendReportFilesDeps } from './send-report-files';

export interface DeliverReportDeps extends CheckProgrammeAdminDeps, BuildReportDeps, BuildOutcomesDeps {
  messenger: CheckProgrammeAdminDeps['messenger'] & SendReportFilesDeps['messenger'];
  settingsFor: SettingsFor;
  logger: Logger;
}

export interface ReportRequest {
  teamId: string;
  userId: string;
  /**
   * The words after `/mentor report`: none for the message and charts, `csv` for the CSV files, and either
   * followed by `cohort <name>` for one cohort's outcomes.
   */
  words?: readonly string[] | undefined;
}

/**
 * Checks that the person is a programme admin, then answers through `reply` (an ephemeral message for a
 * command; a DM for a button) and uploads charts or CSV files to their DM.
 */
export async function deliverReport(
  deps: DeliverReportDeps,
  request: ReportRequest,
  reply: (message: SlackText) => Promise<void>,
): Promise<void> {
  const { logger } = deps;
  const { teamId, userId } = request;
  if (!(await isProgrammeAdmin(deps, teamId, userId))) {
    logger.info({ teamId }, 'report refused: not a programme admin');
    await reply(reportRefusal());
    return;
  }
  const wanted = parseReportWords(request.words ?? []);
  if (wanted === null) {
    await reply(reportUsage((request.words ?? []).join(' ')));
    return;
  }
  if (wanted.cohort !== null) {
    await deliverCohortOutcomes(deps, request, { csv: wanted.csv, cohort: wanted.cohort }, reply);
    return;
  }

  const figures = await buildReport(deps, teamId);
  const outcomes = await buildOutcomes(deps, teamId);
  const { reportHideNames: hideNames, programmeName } = await deps.settingsFor(teamId);
  if (wanted.csv) {
    const files = [
      ...reportCsvFiles(figures, { hideNames }),
      outcomesCsvFile(figures.generatedAt, [outcomes.overall, ...outcomes.cohorts]),
    ];
    try {
      await sendReportFiles(deps, userId, files, reportFilesComment(figures, 'csv', programmeName));
    } catch (error) {
      logger.warn({ teamId, err: errorSummary(error) }, 'CSV upload failed');
      await reply(reportFilesFailed('csv'));
      return;
    }
    logger.info({ teamId, files: files.length }, 'report CSV files sent');
    await reply(
      reportCsvSent(
        files.map((file) => file.filename),
        hideNames,
      ),
    );
    return;
  }

  await reply(reportMessage(figures, { chartsFollow: true, outcomes, programmeName }));
  try {
    const charts = [
      ...renderReportCharts(figures),
      // Without a single pair there is no journey to chart.
      ...(outcomes.overall.pairs === 0
        ? []
        : [confidenceChartFile(figures.generatedAt, [outcomes.overall, ...outcomes.cohorts])]),
    ];
    await sendReportFiles(deps, userId, charts, reportFilesComment(figures, 'charts', programmeName));
  } catch (error) {
    // The figures already reached the admin; a missing chart is worth a line, not an apology for everything.
    logger.warn({ teamId, err: errorSummary(error) }, 'report charts not sent');
    await reply(reportFilesFailed('charts'));
    return;
  }
  logger.info({ teamId }, 'report sent');
}

export interface ReportWords {
  csv: boolean;
  /** The cohort's name as typed; null for the whole workspace. */
  cohort: string | null;
}

/** `[csv] [cohort <name…>]`, words case-insensitive; null for anything else. */
export function parseReportWords(words: readonly string[]): ReportWords | null {
  let rest = [...words];
  const csv = rest[0]?.toLowerCase() === 'csv';
  if (csv) rest = rest.slice(1);
  if (rest.length === 0) return { csv, cohort: null };
  if (rest[0]?.toLowerCase() !== 'cohort') return null;
  return { csv, cohort: rest.slice(1).join(' ') };
}

/** One cohort's outcomes: the message and its chart, or with `csv` the outcomes file alone. */
async function deliverCohortOutcomes(
  deps: DeliverReportDeps,
  request: ReportRequest,
  wanted: { csv: boolean; cohort: string },
  reply: (message: SlackText) => Promise<void>,
): Promise<void> {
  const { logger } = deps;
  const { teamId, userId } = request;
  const outcomes = await buildOutcomes(deps, teamId);
  const scope = findCohortScope(outcomes, wanted.cohort);
  if (scope === null) {
    await reply(reportUnknownCohort(wanted.cohort, outcomes.cohorts));
    return;
  }
  const generatedAt = deps.clock.now();
  const { programmeName } = await deps.settingsFor(teamId);
  const files = wanted.csv
    ? [outcomesCsvFile(generatedAt, [scope])]
    : [confidenceChartFile(generatedAt, [scope])];
  if (!wanted.csv) await reply(cohortOutcomesMessage(scope, generatedAt, programmeName));
  try {
    await sendReportFiles(
      deps,
      userId,
      files,
      cohortFilesComment(scope, generatedAt, wanted.csv, programmeName),
    );
  } catch (error) {
    logger.warn({ teamId, err: errorSummary(error) }, 'cohort outcome files not sent');
    await reply(reportFilesFailed(wanted.csv ? 'csv' : 'charts'));
    return;
  }
  if (wanted.csv) await reply(reportCsvSent([files[0]?.filename ?? ''], false));
  logger.info({ teamId, csv: wanted.csv }, 'cohort outcomes sent');
}
