// /mentor report [csv] and the Home tab's "Full report" button: programme figures for admins, as a message,
// chart images and CSV files. Admin rights are checked on every call: they can be taken away.
import { errorSummary } from '../errors';
import type { Logger } from '../logger';
import { renderReportCharts } from '../report/report-chart';
import { reportCsvFiles } from '../report/report-csv';
import {
  reportCsvSent,
  reportFilesComment,
  reportFilesFailed,
  reportMessage,
  reportRefusal,
  reportUsage,
  type SlackText,
} from '../views/report-view';
import { buildReport, type BuildReportDeps } from './build-report';
import { isProgrammeAdmin, type CheckProgrammeAdminDeps } from './check-programme-admin';
import type { SettingsFor } from './programme-settings';
import { sendReportFiles, type SendReportFilesDeps } from './send-report-files';

export interface DeliverReportDeps extends CheckProgrammeAdminDeps, BuildReportDeps {
  messenger: CheckProgrammeAdminDeps['messenger'] & SendReportFilesDeps['messenger'];
  settingsFor: SettingsFor;
  logger: Logger;
}

export interface ReportRequest {
  teamId: string;
  userId: string;
  /** The word after `/mentor report`: none for the message and charts, 'csv' for the CSV files. */
  option?: string | undefined;
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
  const option = request.option?.toLowerCase();
  if (option !== undefined && option !== 'csv') {
    await reply(reportUsage(request.option ?? ''));
    return;
  }

  const figures = await buildReport(deps, teamId);
  if (option === 'csv') {
    const { reportHideNames: hideNames } = await deps.settingsFor(teamId);
    const files = reportCsvFiles(figures, { hideNames });
    try {
      await sendReportFiles(deps, userId, files, reportFilesComment(figures, 'csv'));
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

  await reply(reportMessage(figures, { chartsFollow: true }));
  try {
    await sendReportFiles(deps, userId, renderReportCharts(figures), reportFilesComment(figures, 'charts'));
  } catch (error) {
    // The figures already reached the admin; a missing chart is worth a line, not an apology for everything.
    logger.warn({ teamId, err: errorSummary(error) }, 'report charts not sent');
    await reply(reportFilesFailed('charts'));
    return;
  }
  logger.info({ teamId }, 'report sent');
}
