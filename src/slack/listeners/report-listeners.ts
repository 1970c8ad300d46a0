// /mentor report [csv]: programme figures for admins, as a message, chart images and CSV files.
import { renderReportCharts } from '../../report/report-chart';
import { reportCsvFiles } from '../../report/report-csv';
import { buildReport } from '../../use-cases/build-report';
import { isProgrammeAdmin } from '../../use-cases/check-programme-admin';
import { sendReportFiles } from '../../use-cases/send-report-files';
import type { AppContext } from '../../composition/app-context';
import { errorSummary } from '../../errors';
import {
  reportCsvSent,
  reportFilesComment,
  reportFilesFailed,
  reportMessage,
  reportRefusal,
  reportUsage,
  type SlackText,
} from '../../views/report-view';
import type { SubcommandHandler } from './subcommand';

export const handleReportCommand: SubcommandHandler = async ({ command, args, ack, respond, context }) => {
  // Ack first and empty: the figures take a moment, and a non-admin must not even see "preparing".
  await ack();
  await deliverReport(
    context,
    { teamId: command.team_id, userId: command.user_id, option: args[0] },
    async (message) => {
      await respond({ response_type: 'ephemeral', replace_original: false, ...message });
    },
  );
};

export interface ReportRequest {
  teamId: string;
  userId: string;
  /** The word after `/mentor report`: none for the message and charts, 'csv' for the CSV files. */
  option?: string | undefined;
}

/**
 * Checks that the person is a programme admin, then answers through `reply` (an ephemeral message for a
 * command; a DM would do for a button) and uploads charts or CSV files to their DM.
 */
export async function deliverReport(
  context: AppContext,
  request: ReportRequest,
  reply: (message: SlackText) => Promise<void>,
): Promise<void> {
  const { config, repos, messenger, clock, logger } = context;
  const { teamId, userId } = request;
  const admin = await isProgrammeAdmin({ config, members: repos.members, messenger, clock }, teamId, userId);
  if (!admin) {
    logger.info({ component: 'report', teamId, userId }, 'report refused: not a programme admin');
    await reply(reportRefusal());
    return;
  }
  const option = request.option?.toLowerCase();
  if (option !== undefined && option !== 'csv') {
    await reply(reportUsage(request.option ?? ''));
    return;
  }

  const figures = await buildReport({ reports: repos.reports, clock }, teamId);
  if (option === 'csv') {
    const files = reportCsvFiles(figures, { hideNames: config.report.hideNames });
    try {
      await sendReportFiles({ messenger }, userId, files, reportFilesComment(figures, 'csv'));
    } catch (error) {
      logger.warn({ component: 'report', teamId, err: errorSummary(error) }, 'CSV upload failed');
      await reply(reportFilesFailed('csv'));
      return;
    }
    logger.info({ component: 'report', teamId, files: files.length }, 'report CSV files sent');
    await reply(
      reportCsvSent(
        files.map((file) => file.filename),
        config.report.hideNames,
      ),
    );
    return;
  }

  await reply(reportMessage(figures, { chartsFollow: true }));
  try {
    await sendReportFiles(
      { messenger },
      userId,
      renderReportCharts(figures),
      reportFilesComment(figures, 'charts'),
    );
  } catch (error) {
    // The figures already reached the admin; a missing chart is worth a line, not an apology for everything.
    logger.warn({ component: 'report', teamId, err: errorSummary(error) }, 'report charts not sent');
    await reply(reportFilesFailed('charts'));
    return;
  }
  logger.info({ component: 'report', teamId }, 'report sent');
}
